"""Time and query count of the directory page for a coalition: 2,500 organisations, 12 letters.

Run by hand from the checkout root:  python bench/directory_bench.py [--organisations 2500]
[--letters 12] [--share 0.5] [--postgres URL]. Each organisation signs each letter with
probability `share` (one contact each, a third of them with the name in capitals, which the
name key makes the same organisation); each letter merges 20 spellings, offered to the
directory. Requests go through Flask's test client, signed in as an administrator; "cpu" is this
process's CPU time per request (the wall time depends on what else the machine runs).
"cold" reads the directory again (as the first request after any change does); "warm" finds
it in the process's cache.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.export_bench import COUNTRIES, WORDS, make_app  # noqa: E402


def build(url: str, organisations: int, letters: int, share: float) -> int:
    """The coalition's letters and their approved sign-ons (bulk inserts); how many sign-ons."""
    import sqlalchemy as sa

    from signon.accounts import services as accounts
    from signon.domain.names import name_key
    from signon.letters import services
    from signon.moderation.merge_models import SignatoryMerge
    from signon.signing.models import Signatory, SignOn
    from signon.storage import database
    from signon.storage.extensions import db

    engine = sa.create_engine(url)
    database.upgrade(engine)
    engine.dispose()
    app = make_app(url)
    rng = random.Random(organisations)
    names = [f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}" for i in range(organisations)]
    countries = [rng.choice(COUNTRIES) for _ in range(organisations)]
    now = datetime(2026, 1, 1, tzinfo=UTC)
    total, next_id = 0, 1
    with app.app_context():
        accounts.add_organiser("admin@bench.example.org", is_admin=True)
        for n in range(letters):
            letter = services.create_letter(f"letter-{n}", f"Letter {n}", "Text.", open_now=True)
            sigs, ons = [], []
            for i, name in enumerate(names):
                if rng.random() > share:
                    continue
                spelt = name.upper() if i % 3 == 0 else name
                sigs.append({"id": next_id, "letter_id": letter.id, "country": countries[i],
                             "kind": "organisation", "name_key": name_key(spelt),
                             "created_at": now})  # fmt: skip
                ons.append({"letter_id": letter.id, "signatory_id": next_id, "organisation": spelt,
                            "acronym": "", "country": countries[i], "website": "https://x.org",
                            "contact_name": f"Contact {i}", "contact_email": f"c{i}@o{i}.org",
                            "role": "Director", "signing_as": "organisation",
                            "status": "approved", "language": rng.choice(["en", "fr", "es"]),
                            "created_at": now})  # fmt: skip
                next_id += 1
            db.session.execute(sa.insert(Signatory), sigs)
            db.session.execute(sa.insert(SignOn), ons)
            for a, b in zip(sigs[:20], sigs[20:40], strict=False):  # merges offered
                db.session.execute(
                    sa.update(Signatory)
                    .where(Signatory.id == b["id"])
                    .values(merged_into_id=a["id"])
                )
                db.session.execute(
                    sa.update(SignOn)
                    .where(SignOn.signatory_id == b["id"])
                    .values(signatory_id=a["id"], home_id=b["id"])
                )
                db.session.add(SignatoryMerge(letter_id=letter.id, target_id=a["id"],
                                              source_id=b["id"], kept_name="a", merged_name="b",
                                              actor="bench"))  # fmt: skip
            total += len(ons)
            db.session.commit()
    return total


def measure(url: str, runs: int) -> None:
    """Median and spread of each request; the queries each one makes."""
    import sqlalchemy as sa

    from signon.accounts import sessions
    from signon.accounts.models import Organiser
    from signon.storage.extensions import db
    from signon.web import pagecache

    app = make_app(url)
    client = app.test_client()
    with app.app_context():
        admin = db.session.scalar(sa.select(Organiser))
        values = sessions.cookie_values(admin)
        engine = db.engine
    with client.session_transaction() as session:
        session.update(values)
    queries = []
    sa.event.listen(engine, "before_cursor_execute", lambda *a: queries.append(1))
    for path in (
        "/organise/organisations",
        "/organise/organisations?q=reseau&region=Africa",
        "/organise/organisations?page=40",
        "/organise/organisations.csv",
    ):
        for cold in (True, False):
            times, cpu = [], []
            for _ in range(runs):
                if cold:  # as after any change: the directory is read again
                    app.extensions[pagecache.EXTENSION].clear()
                queries.clear()
                started, started_cpu = time.perf_counter(), time.process_time()
                answer = client.get(path)
                answer.get_data()
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                assert answer.status_code == 200, (path, answer.status_code)
            print(
                f"{path:48} {'cold' if cold else 'warm'}  median {statistics.median(times):5.0f} ms"
                f"  min {min(times):5.0f}  max {max(times):5.0f}"
                f"  cpu {statistics.median(cpu):4.0f} ms  queries {len(queries)}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=2500)
    parser.add_argument("--letters", type=int, default=12)
    parser.add_argument("--share", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", default=None, help="An empty PostgreSQL database URL.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.postgres or f"sqlite:///{tmp}/directory.db"
        started = time.perf_counter()
        total = build(url, args.organisations, args.letters, args.share)
        seconds = time.perf_counter() - started
        print(
            f"{total} approved sign-ons of {args.organisations} organisations on "
            f"{args.letters} letters, built in {seconds:.0f} s"
        )
        measure(url, args.runs)


if __name__ == "__main__":
    main()
