"""A CRM syncing a letter of 10,000 sign-ons through the API: requests and time.

Run by hand from the checkout root:  python bench/api_sync.py [--size 10000] [--per-page 100]
[--postgres URL]. The sign-ons are made the one way there is (`create_sign_ons`, approved, as
an import does); the CRM is Flask's test client (no network): a full sync following `next`,
then 100 sign-ons are rejected and it syncs again with `modified_since`.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(url: str, size: int) -> str:
    """A letter with `size` approved sign-ons; returns a contacts key for it."""
    import sqlalchemy as sa

    from signon.api import keys
    from signon.letters import services
    from signon.signing.creating import Batch, NewSignOn, SignOnInput, create_sign_ons
    from signon.signing.models import SignOnStatus
    from signon.storage import database
    from signon.storage.extensions import db

    engine = sa.create_engine(url)
    database.upgrade(engine)
    engine.dispose()
    app = make_app(url)
    with app.app_context():
        letter = services.create_letter("bench", "Bench", "Dear all,", open_now=True, actor="b")
        db.session.commit()
        batch = Batch(letter.id, letter.version, "Bench", "en", status=SignOnStatus.APPROVED)
        wanted = [
            NewSignOn(SignOnInput(f"Organisation {i}", "KE", f"Contact {i}", f"c{i}@o{i}.test"))
            for i in range(size)
        ]
        with db.writing():
            create_sign_ons(batch, wanted)
        made = keys.create_key(letter, name="bench", scope="read", contacts=True, actor="b")
        db.session.commit()
        return made.secret


def make_app(url: str):
    from signon import create_app

    return create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "bench", "AUTO_MIGRATE": False,
         "MAIL_BACKGROUND_SENDER": False, "BASE_URL": "https://sign.example.org",
         "RATELIMIT_ENABLED": False}
    )  # fmt: skip


def sync(client, key: str, per_page: int, since: str | None) -> tuple[int, int, float, str]:
    """Follow `next` to the end: (requests, sign-ons, seconds, last modified_date)."""
    path = f"/api/v1/letters/bench/signatures?per_page={per_page}"
    if since:
        path += f"&modified_since={since}"
    requests = items = 0
    last = since or ""
    start = time.perf_counter()
    while path:
        answer = client.get(path, headers={"Authorization": f"Bearer {key}"})
        assert answer.status_code == 200, answer.text
        body = answer.json
        requests += 1
        page = body["_embedded"]["osdi:signatures"]
        items += len(page)
        last = max([last, *(s["modified_date"] for s in page)])
        nxt = body["_links"].get("next")
        path = (
            None if nxt is None else urlsplit(nxt["href"]).path + "?" + urlsplit(nxt["href"]).query
        )
    return requests, items, time.perf_counter() - start, last


def run(url: str, size: int, per_page: int) -> None:
    import sqlalchemy as sa

    from signon.letters.services import get_letter
    from signon.moderation import decisions
    from signon.signing.models import SignOn

    started = time.perf_counter()
    key = build(url, size)
    print(f"  built {size} sign-ons in {time.perf_counter() - started:.1f} s")
    app = make_app(url)
    client = app.test_client()
    requests, items, seconds, last = sync(client, key, per_page, None)
    print(f"  full sync: {requests} requests, {items} sign-ons, {seconds:.2f} s "
          f"({1000 * seconds / requests:.0f} ms a request)")  # fmt: skip
    with app.app_context():
        from signon.storage.extensions import db

        letter = get_letter("bench")
        ids = db.session.scalars(
            sa.select(SignOn.id).where(SignOn.letter_id == letter.id).limit(100)
        ).all()
        decisions.reject(letter, ids)
        db.session.commit()
    requests, items, seconds, _ = sync(client, key, per_page, last)
    print(f"  sync after 100 changes: {requests} requests, {items} sign-ons, {seconds:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--per-page", type=int, default=100)
    parser.add_argument("--postgres", help="an empty PostgreSQL database's URL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print("SQLite:")
        run(f"sqlite:///{tmp}/bench.db", args.size, args.per_page)
    if args.postgres:
        print("PostgreSQL:")
        run(args.postgres, args.size, args.per_page)


if __name__ == "__main__":
    main()
