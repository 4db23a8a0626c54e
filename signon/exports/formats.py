"""Writing the final list out: plain text to paste under the letter, and CSV."""

import csv
import io
from collections.abc import Iterable, Iterator

from signon.domain.countries import country_name
from signon.signing.listing import ListedSignatory

# Spreadsheets run a cell that starts with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_BOM = "\ufeff"


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def to_txt(rows: Iterable[ListedSignatory]) -> Iterator[str]:
    """One organisation per line, in final order, nothing else."""
    for row in rows:
        yield row.name + "\n"


CSV_HEADER = ["organisation", "acronym", "country", "country_name", "website", "signed_at"]
CONTACT_HEADER = ["contact_names", "contact_emails", "contact_roles"]


def to_csv(rows: Iterable[ListedSignatory], include_contacts: bool = False) -> Iterator[str]:
    """A header, then a row per organisation; UTF-8 with BOM so that Excel reads it right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_HEADER + (CONTACT_HEADER if include_contacts else []))
    yield CSV_BOM + flush()
    for row in rows:
        cells = [
            row.name,
            row.acronym,
            row.country,
            country_name(row.country),
            row.website,
            row.signed_at.date().isoformat(),
        ]
        if include_contacts:
            cells += [
                "; ".join(c.name for c in row.contacts),
                "; ".join(c.email for c in row.contacts),
                "; ".join(c.role for c in row.contacts if c.role),
            ]
        writer.writerow([neutralise(cell) for cell in cells])
        yield flush()


FORMATS = {"txt": to_txt, "csv": to_csv}
