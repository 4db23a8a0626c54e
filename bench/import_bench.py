"""Time an import of generated sign-ons from a CSV file on SQLite, phase by phase.

    python bench/import_bench.py [10000 ...]

Each size gets a fresh SQLite file built by the migrations and an open letter. The CSV is a
French form export (semicolons, Windows-1252 where it can be, "Pays" typed as names in
French, English or as codes); about 12 % of the rows repeat an earlier organisation.
The import is run twice: the second time adds nothing.
"""

import csv
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import sign_ons
from signon import create_app
from signon.domain.countries import country_name
from signon.importing import services, tables
from signon.importing.preview import preview
from signon.letters.services import create_letter


def form_export(n: int) -> bytes:
    """A form tool's CSV export of `n` sign-ons."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Horodateur", "Nom de l'organisation", "Sigle", "Pays", "Site web",
                     "Nom et prénom", "Adresse e-mail"])  # fmt: skip
    for i, row in enumerate(sign_ons(n)):
        code = row["country"]
        typed = (code, country_name(code), country_name(code, "fr"))[i % 3]
        cells = [row["organisation"], row["acronym"], typed, row["website"], row["contact_name"]]
        writer.writerow([f"05/03/2024 10:{i % 60:02d}:00", *cells, row["contact_email"]])
    return out.getvalue().encode("utf-8-sig")


def timed(label: str, fn, *args, **kwargs):
    start, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {label:<28} {wall:6.2f} s wall  {used:6.2f} s CPU", flush=True)
    return result, wall


def run(n: int) -> None:
    data = form_export(n)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
                "AUTO_MIGRATE": True,
                "SECRET_KEY": "bench",
                "MAIL_BACKGROUND_SENDER": False,
            }  # fmt: skip
        )
        with app.app_context():
            letter = create_letter("bench", "Bench letter", "Act.", open_now=True)
            print(f"{n:,} rows, {len(data) / 1e6:.1f} MB CSV", flush=True)
            total = 0.0
            sheets, t = timed("read and sniff the CSV", tables.read_sheets, data, "export.csv")
            total += t
            table, t = timed("columns and header guess", tables.table, "export.csv", sheets)
            total += t
            rows, t = timed("rows, countries, problems", table.prepared, "approved")
            total += t
            seen, t = timed("preview (matching, dupes)", preview, letter, rows)
            total += t
            report, t = timed(
                "store (approved)",
                services.import_rows,
                letter,
                rows,
                status="approved",
                actor="bench",
                file_name="export.csv",
                skip_problems=True,
            )
            total += t
            print(f"  total, upload to stored      {total:6.2f} s", flush=True)
            print(
                f"  {len(report.added):,} sign-ons added, {len(report.unchanged):,} already "
                f"there, {len(report.refused):,} refused; preview: {seen.count('new'):,} new",
                flush=True,
            )
            again, _ = timed(
                "the same file again",
                services.import_rows,
                letter,
                rows,
                status="approved",
                actor="bench",
                file_name="export.csv",
                skip_problems=True,
            )
            print(f"  second import added {len(again.added)}", flush=True)
        app.extensions["signon.db"][0].dispose()


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [10_000]:
        run(size)
