"""Every export format, by name: how it is written, its file extension and media type."""

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from signon.letters.models import Letter
from signon.letters.translating import in_language
from signon.roster.options import ExportOptions
from signon.roster.rows import Listing, listing

Writer = Callable[[Letter, Listing, ExportOptions], Iterator[str] | Iterator[bytes]]


@dataclass(frozen=True)
class Format:
    """One way of writing the list out."""

    name: str
    mimetype: str
    # "module:function", imported on first use: a CSV export need not load the PDF library.
    writer_path: str
    # Streamed formats are written row by row with bounded memory.
    streamed: bool = False
    # The file's extension when it is not the name (a CRM's preset is a CSV).
    suffix: str = ""
    # Always holds contact data (a CRM's import): downloaded by a button only, audited.
    contacts: bool = False

    @property
    def writer(self) -> Writer:
        """The function that writes this format."""
        module, function = self.writer_path.split(":")
        return getattr(importlib.import_module(f"signon.roster.{module}"), function)

    @property
    def extension(self) -> str:
        """The file name extension."""
        return self.suffix or self.name


FORMATS = {
    f.name: f
    for f in (
        Format("txt", "text/plain; charset=utf-8", "text:to_txt", streamed=True),
        Format("md", "text/markdown; charset=utf-8", "text:to_md", streamed=True),
        Format("html", "text/html; charset=utf-8", "text:to_html", streamed=True),
        Format("csv", "text/csv; charset=utf-8", "tabular:to_csv", streamed=True),
        Format("json", "application/json", "text:to_json", streamed=True),
        Format(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "tabular:to_xlsx",
        ),
        Format(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "word:to_docx",
        ),
        Format("pdf", "application/pdf", "pdf:to_pdf"),
        # CRMs' import columns, a row per contact (issue 27).
        Format(
            "actionnetwork",
            "text/csv; charset=utf-8",
            "crm:to_action_network",
            streamed=True,
            suffix="csv",
            contacts=True,
        ),
        Format(
            "civicrm",
            "text/csv; charset=utf-8",
            "crm:to_civicrm",
            streamed=True,
            suffix="csv",
            contacts=True,
        ),
    )
}
PUBLIC_FORMATS = ("txt", "pdf", "json")
# Download buttons in the order organisers reach for them, with the words on the button.
BUTTONS = (
    ("docx", _l("Word letter (DOCX)")),
    ("pdf", _l("PDF letter")),
    ("xlsx", "Excel (XLSX)"),
    ("csv", "CSV"),
    ("txt", _l("Plain text")),
    ("md", "Markdown"),
    ("html", _l("HTML fragment")),
    ("json", "JSON"),
    ("actionnetwork", _l("CSV for Action Network (with contacts)")),
    ("civicrm", _l("CSV for CiviCRM (with contacts)")),
)


def export(letter: Letter, name: str, options: ExportOptions) -> Iterator[bytes]:
    """The file in `name` format as byte chunks, rows read as they are written.

    The letter's text is its translation into the options' language, when there is one.
    """
    writer = FORMATS[name].writer
    options = options.resolved(letter.language)
    shown = in_language(letter, options.language)
    # Headings and column headers in the export's language, whatever the page's.
    with force_locale(options.heading_language):
        for chunk in writer(shown, listing(letter, options), options):
            yield chunk.encode("utf-8") if isinstance(chunk, str) else chunk


def filename(letter: Letter, name: str) -> str:
    """A download name such as climate-signatories.csv (the letter itself for docx/pdf)."""
    return filename_for(letter.slug, name)


def filename_for(slug: str, name: str) -> str:
    """The download name of the letter with this slug in `name` format."""
    stem = slug if name in ("docx", "pdf") else f"{slug}-signatories"
    if FORMATS[name].suffix:
        stem += f"-{name}"
    return f"{stem}.{FORMATS[name].extension}"
