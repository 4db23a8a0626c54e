"""The duplicates page and one arrival's duplicates through the database.

    python bench/duplicates_db.py [1000 10000 100000] [--db sqlite,postgresql]

Each size gets a fresh database (migrations) with a letter of n generated sign-ons, all
approved. Timed: the page before (every pair recomputed, as before `duplicate_candidates`),
the table filled at once (`duplicate_table.rebuild`), the page after (it reads the table),
then ARRIVALS sign-ons arriving one by one, each judged by the worker's `catch_up` and
committed. CPU and wall time; medians and 95th percentiles.
"""

import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from bench.data import add_letter, create_database
from bench.generate import sign_ons
from bench.load import ADMIN_URL
from signon import create_app
from signon.domain.duplicates import find_candidates
from signon.domain.names import name_key
from signon.letters.services import get_letter
from signon.moderation import duplicate_table, duplicates
from signon.signing.models import Signatory, SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db

ARRIVALS = 200
REPEAT = 5


def fill(engine: sa.Engine, letter_id: int, rows: list[dict]) -> None:
    """Signatories (exact repeats folded by key) and their sign-ons, straight into the tables."""
    now = utcnow()
    with engine.begin() as conn:
        known = {
            (country, key): i
            for i, country, key in conn.execute(
                sa.select(Signatory.id, Signatory.country, Signatory.name_key).where(
                    Signatory.letter_id == letter_id
                )
            )
        }
        new = {(r["country"], name_key(r["organisation"])) for r in rows} - set(known)
        if new:
            conn.execute(
                sa.insert(Signatory),
                [
                    {"letter_id": letter_id, "country": country, "name_key": key,
                     "kind": "organisation", "created_at": now}
                    for country, key in sorted(new)
                ],
            )  # fmt: skip
            known |= {
                (country, key): i
                for i, country, key in conn.execute(
                    sa.select(Signatory.id, Signatory.country, Signatory.name_key).where(
                        Signatory.letter_id == letter_id
                    )
                )
            }
        conn.execute(
            sa.insert(SignOn),
            [
                {
                    "letter_id": letter_id,
                    "signatory_id": known[row["country"], name_key(row["organisation"])],
                    "organisation": row["organisation"], "acronym": row["acronym"],
                    "country": row["country"], "website": row["website"],
                    "contact_name": row["contact_name"], "contact_email": row["contact_email"],
                    "role": "", "signing_as": "organisation", "status": "approved",
                    "created_at": now + timedelta(seconds=row["seq"]), "confirmed_at": now,
                    "decided_at": now,
                }
                for row in rows
            ],
        )  # fmt: skip


def timed(func, *args) -> tuple[object, float, float]:
    """The result, wall and CPU seconds."""
    start, cpu = time.perf_counter(), time.process_time()
    result = func(*args)
    return result, time.perf_counter() - start, time.process_time() - cpu


def quantiles(samples: list[float]) -> str:
    """Median and 95th percentile, in milliseconds."""
    ranked = sorted(samples)
    p95 = ranked[min(len(ranked) - 1, int(len(ranked) * 0.95))]
    return f"median {statistics.median(ranked) * 1000:7.2f} ms, p95 {p95 * 1000:7.2f} ms"


def page_before(letter) -> int:
    """What the page did before: every live entry read and every pair recomputed."""
    found = find_candidates(duplicates.entries(letter), duplicates.distinct_pairs(letter))
    return len(found[: duplicates_views_shown()])


def duplicates_views_shown() -> int:
    from signon.moderation.duplicates_views import SHOWN

    return SHOWN


def run(kind: str, n: int, tmp: str) -> None:
    """One database, one size."""
    rows = list(sign_ons(n + ARRIVALS))
    url, drop = create_database(kind, ADMIN_URL, tmp)
    engine = sa.create_engine(url)
    letter_id = add_letter(engine, "big", "Big letter")
    start = time.perf_counter()
    fill(engine, letter_id, rows[:n])
    print(f"{kind} {n} sign-ons (filled in {time.perf_counter() - start:.0f} s)")
    engine.dispose()
    config = {"DATABASE_URL": url, "SECRET_KEY": "bench", "AUTO_MIGRATE": False,
              "MAIL_BACKGROUND_SENDER": False, "BASE_URL": "https://sign.example.org"}  # fmt: skip
    app = create_app(config)
    try:
        with app.app_context():
            letter = get_letter("big")
            _, wall, cpu = timed(page_before, letter)
            print(f"  page before (recompute):   {wall:7.2f} s wall {cpu:7.2f} s CPU")
            pairs, wall, cpu = timed(duplicate_table.rebuild, letter)
            db.session.commit()
            print(f"  rebuild (once, {pairs} pairs): {wall:7.2f} s wall {cpu:7.2f} s CPU")
            walls, cpus = [], []
            for _ in range(REPEAT):
                _, wall, cpu = timed(duplicates.ranked, letter, duplicates_views_shown())
                db.session.commit()
                walls.append(wall)
                cpus.append(cpu)
            print(f"  page after (reads), wall {quantiles(walls)}; CPU {quantiles(cpus)}")
            walls, cpus = [], []
            # Arrivals from a connection of their own, as from another process.
            engine = sa.create_engine(url)
            for row in rows[n:]:
                db.session.commit()  # the session holds nothing while the sign-on arrives
                fill(engine, letter_id, [row])  # not timed
                _, wall, cpu = timed(duplicate_table.catch_up, letter)
                db.session.commit()
                walls.append(wall)
                cpus.append(cpu)
            print(f"  one arrival (worker), wall {quantiles(walls)}; CPU {quantiles(cpus)}")
            engine.dispose()
            db.session.close()
            db.engine.dispose()
    finally:
        drop()


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [1000, 10_000, 100_000]
    kinds = "sqlite,postgresql"
    if "--db" in sys.argv:
        kinds = sys.argv[sys.argv.index("--db") + 1]
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds.split(","):
            for n in sizes:
                run(kind, n, tmp)


if __name__ == "__main__":
    main()
