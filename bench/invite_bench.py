"""Time inviting the members of an earlier letter to a new one, on SQLite.

    python bench/invite_bench.py [2500 ...]

Each size gets a fresh SQLite file built by the migrations, a first letter with `n`
confirmed sign-ons whose contacts agreed to be invited (in five languages), and an open
second letter. Timed: counting them (`flask letter invite --dry-run`), previews of the email
in each language (the organisers' page), and queueing the invitations (their rows, the
paced outbox rows and the audit entry, one commit). Sending is the outbox's, paced by
`IMPORT_EMAILS_PER_MINUTE`.
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import sign_ons
from signon import create_app
from signon.invitations import choosing, sending
from signon.letters.services import create_letter
from signon.signing.creating import Batch, NewSignOn, SignOnInput, create_sign_ons
from signon.signing.models import SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db

LANGUAGES = ("en", "fr", "es", "pt", "ar")


def timed(label: str, fn, *args, **kwargs):
    start, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {label:<34} {wall:6.2f} s wall  {used:6.2f} s CPU", flush=True)
    return result


def members(first: object, n: int) -> None:
    rows = list(sign_ons(n))
    for language in LANGUAGES:
        mine = [r for i, r in enumerate(rows) if LANGUAGES[i % 5] == language]
        batch = Batch(
            first.id, 1, first.title, language, status=SignOnStatus.VERIFIED,
            columns=lambda: {"confirmed_at": utcnow()},
        )  # fmt: skip
        wanted = [
            NewSignOn(
                SignOnInput(
                    r["organisation"],
                    r["country"],
                    r["contact_name"],
                    r["contact_email"],
                    invite_consent=1,
                )  # fmt: skip
            )
            for r in mine
        ]
        create_sign_ons(batch, wanted)
    db.session.commit()


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
                "AUTO_MIGRATE": True,
                "SECRET_KEY": "bench",
                "MAIL_BACKGROUND_SENDER": False,
                "BASE_URL": "https://sign.example.org",
            }  # fmt: skip
        )
        with app.test_request_context():
            first = create_letter("first", "First letter", "Dear all,", open_now=True)
            second = create_letter("second", "Second letter", "Dear all,", open_now=True)
            db.session.commit()
            print(f"{n} members:")
            timed("their sign-ons on the first letter", members, first, n)
            contacts = timed("count (dry run)", choosing.invitable, second.id, choosing.Choice())
            timed("previews in 5 languages", sending.previews, second, contacts)

            def queue() -> int:
                count = sending.send_invitations(second, choosing.Choice(), "bench")
                db.session.commit()
                return count

            count = timed("queue the invitations", queue)
            per_minute = app.config["IMPORT_EMAILS_PER_MINUTE"]
            print(f"  {count} invited; the outbox sends {per_minute}/minute: "
                  f"{count / per_minute:.0f} minutes to send them all")  # fmt: skip


if __name__ == "__main__":
    for size in map(int, sys.argv[1:] or ["2500"]):
        run(size)
