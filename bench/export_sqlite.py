"""Time the ordered export through `final_list` (and CSV/TXT writing) on SQLite.

    python bench/export_sqlite.py [1000 10000 100000]

Each size gets a fresh SQLite file built by the migrations, filled with generated
sign-ons (exact repeats merged by name key, as the unique constraint does), all approved.
"""

import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from bench.generate import sign_ons
from signon import create_app
from signon.domain.names import name_key
from signon.domain.ordering import Ordering
from signon.letters.services import get_letter
from signon.roster.formats import export
from signon.roster.options import parse_options
from signon.signing.final_list import final_list
from signon.storage import database
from signon.storage.extensions import db

T0 = datetime(2026, 1, 1)


def fill(engine: sa.Engine, n: int) -> None:
    """A letter with `n` approved sign-ons, straight into the tables."""
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO letters (id, slug, title, body, status, created_at, language,"
                " letterhead, reference, addressee, subject, place_date, salutation, closing,"
                " signature_blocks, copy_line, accept_individuals, ordering, live_list)"
                " VALUES (1, 'big', 'Big letter', '', 'open', :t, 'fr', '', '', '', '', '',"
                " '', '', '[]', '', 0, 'as_written', 0)"
            ),
            {"t": T0},
        )
        signatories: dict[tuple, int] = {}
        sign_on_rows = []
        for row in sign_ons(n):
            ident = ("organisation", row["country"], name_key(row["organisation"]))
            sid = signatories.setdefault(ident, len(signatories) + 1)
            when = T0 + timedelta(seconds=row["seq"])
            sign_on_rows.append(
                {"id": row["seq"] + 1, "sid": sid, "org": row["organisation"],
                 "acr": row["acronym"], "country": row["country"], "web": row["website"],
                 "name": row["contact_name"], "email": row["contact_email"], "t": when}
            )  # fmt: skip
        conn.execute(
            sa.text(
                "INSERT INTO signatories (id, letter_id, country, name_key, kind, created_at)"
                " VALUES (:id, 1, :country, :key, :kind, :t)"
            ),
            [
                {"id": sid, "kind": kind, "country": country, "key": key, "t": T0}
                for (kind, country, key), sid in signatories.items()
            ],
        )
        conn.execute(
            sa.text(
                "INSERT INTO sign_ons (id, letter_id, signatory_id, organisation, acronym,"
                " country, website, contact_name, contact_email, role, signing_as, status,"
                " created_at, confirmed_at, decided_at) VALUES (:id, 1, :sid, :org, :acr,"
                " :country, :web, :name, :email, '', 'organisation', 'approved', :t, :t, :t)"
            ),
            sign_on_rows,
        )


def main() -> None:
    from signon.domain.places import known_places

    start = time.process_time()
    known_places()  # once per process: the place names that 'ignore_article' looks up
    print(f"place names table: {time.process_time() - start:.2f} s CPU, once per process")
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10_000, 100_000]
    results: dict[int, dict[str, float]] = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            engine = sa.create_engine(url)
            database.upgrade(engine)
            fill(engine, n)
            engine.dispose()
            app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "AUTO_MIGRATE": False,
                              "MAIL_BACKGROUND_SENDER": False,
                              "BASE_URL": "https://sign.example.org"})  # fmt: skip
            results[n] = {}
            print(f"{n} sign-ons")
            with app.app_context():
                letter = get_letter("big")
                for ordering in Ordering:
                    letter.ordering = ordering
                    start, cpu = time.perf_counter(), time.process_time()
                    rows = final_list(letter)
                    text = b"".join(export(letter, "txt", parse_options({})))
                    csv = b"".join(export(letter, "csv", parse_options({})))
                    wall, used = time.perf_counter() - start, time.process_time() - cpu
                    results[n][ordering] = used
                    print(
                        f"  final_list + txt + csv, {ordering:<15} {wall:6.2f} s wall"
                        f" {used:6.2f} s CPU ({len(rows)} rows, {len(text) + len(csv)} chars)"
                    )
                db.session.rollback()
                db.engine.dispose()
    if 10_000 in results and 100_000 in results:
        growth = {k: results[100_000][k] / results[10_000][k] for k in results[10_000]}
        print("growth 10k->100k (CPU): " + ", ".join(f"{k} {v:.1f}x" for k, v in growth.items()))


if __name__ == "__main__":
    main()
