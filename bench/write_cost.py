"""What a sign-on's writes cost, and what sharing them between sign-ons would save.

    python bench/write_cost.py [--db sqlite,postgresql] [-n 300]

In one process, no server, CPU time (the steadiest figure on a shared machine), best of
several rounds:
- the sign-on POST; the same POST with its write service (`submit_sign_on`) replaced by
  nothing; and the POST without writes of `bench/ceiling_app.py`. The first two give what
  the writes cost a request; "ceiling / POST" is the burst ratio before any server.
- the write transaction alone (the statements `submit_sign_on` runs) for N sign-ons
  together: "shared", N sign-ons in one transaction, each with its own statements (what a
  group commit would do); "batched", one statement per table for the N (executemany).
  N = 1 is today's sign-on. It bounds what a writer that groups concurrent sign-ons saves.
"""

import argparse
import importlib
import logging
import os
import re
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from bench.data import add_letter, create_database  # noqa: E402
from bench.load import ADMIN_URL  # noqa: E402
from signon.domain.names import name_key  # noqa: E402
from signon.letters import consent  # noqa: E402
from signon.letters.facts import current_facts  # noqa: E402
from signon.mail.models import OutboxMessage  # noqa: E402
from signon.signing import emails, services  # noqa: E402
from signon.signing.matching import insert_sign_on, signatory_for  # noqa: E402
from signon.signing.models import Signatory, SignOn  # noqa: E402
from signon.storage.database import utcnow  # noqa: E402
from signon.storage.extensions import db  # noqa: E402

ROUNDS = 5
# As bench/load.py runs the server: no limits, no background sender.
SETTINGS = {
    "SECRET_KEY": "bench", "AUTO_MIGRATE": "false", "BASE_URL": "https://sign.example.org",
    "RATELIMIT_ENABLED": "false", "MAIL_BACKGROUND_SENDER": "false",
}  # fmt: skip


def best_ms(run: Callable[[], int]) -> float:
    """The least CPU time per item over ROUNDS rounds; `run` does one round, returns its items."""
    times = []
    for _ in range(ROUNDS):
        started = time.process_time()
        items = run()
        times.append((time.process_time() - started) / items * 1000)
    return min(times)


def new_sign_on() -> dict[str, str]:
    """A sign-on's form values, for a new organisation each time."""
    tag = uuid.uuid4().hex[:10]
    return {
        "organisation": f"Bench Organisation {tag}",
        "country": "FR",
        "contact_name": "Bench",
        "contact_email": f"bench-{tag}@example.org",
    }


def requests(app, n: int) -> None:
    """The POST, the POST with free writes, the ceiling: CPU per request and the ratios."""
    client = app.test_client()
    page = client.get("/letters/bench").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    def posts(path: str) -> Callable[[], int]:
        def run() -> int:
            for _ in range(n):
                form = {**new_sign_on(), "consent": "y", "csrf_token": token}
                assert client.post(path, data=form).status_code == 303
            return n

        return run

    real = services.submit_sign_on
    cases = {}
    try:
        cases["sign-on POST"] = best_ms(posts("/letters/bench"))
        services.submit_sign_on = lambda *args, **kwargs: 1
        cases["  writes free"] = best_ms(posts("/letters/bench"))
    finally:
        services.submit_sign_on = real
    cases["  ceiling"] = best_ms(posts("/bench/validate-only/bench"))
    for name, ms in cases.items():
        ratio = cases["  ceiling"] / ms
        print(f"{name:14} {ms:5.2f} ms CPU per request, ceiling / this = {ratio:.2f}", flush=True)


def transactions(app, letter_id: int) -> None:
    """The write transaction for N sign-ons at a time, shared or batched."""

    def values(facts, data: dict, signatory_id: int, number: int, consent_language: str) -> dict:
        return {
            "letter_id": facts.id, "signatory_id": signatory_id, "status": "pending",
            "ip_prefix": "", "letter_version": facts.version, "language": "en",
            "consent_version": number, "consent_at": utcnow(), "consent_language": consent_language,
            "acronym": "", "website": "", "role": "", "signing_as": "organisation", **data,
        }  # fmt: skip

    def shared(count: int) -> None:
        with db.writing():
            facts = current_facts(letter_id)
            for data in (new_sign_on() for _ in range(count)):
                key = name_key(data["organisation"])
                signatory_id = signatory_for(facts.id, "organisation", "FR", key).id
                number, language = consent.accepted(facts.id, facts.consent_version, 1, "en")
                sign_on_id = insert_sign_on(**values(facts, data, signatory_id, number, language))
                emails.to_signatory(
                    data["contact_email"], False, "Please confirm", emails.CONFIRM,
                    later=True, letter_id=facts.id, sign_on_id=sign_on_id,
                )  # fmt: skip

    def batched(count: int) -> None:
        signatories, sign_ons = Signatory.__table__, SignOn.__table__
        outbox = OutboxMessage.__table__
        with db.writing() as session:
            facts = current_facts(letter_id)
            number, language = consent.accepted(facts.id, facts.consent_version, 1, "en")
            batch, now = [new_sign_on() for _ in range(count)], utcnow()
            keys = [
                {"letter_id": facts.id, "kind": "organisation", "country": "FR",
                 "name_key": name_key(data["organisation"]), "created_at": now}
                for data in batch
            ]  # fmt: skip
            returning = signatories.insert().returning(
                signatories.c.id, sort_by_parameter_order=True
            )
            ids = session.execute(returning, keys).scalars().all()
            rows = [values(facts, d, i, number, language) | {"created_at": now}
                    for d, i in zip(batch, ids, strict=True)]  # fmt: skip
            returning = sign_ons.insert().returning(sign_ons.c.id, sort_by_parameter_order=True)
            sign_on_ids = session.execute(returning, rows).scalars().all()
            messages = [
                {"recipient": d["contact_email"], "subject": "Please confirm",
                 "template": emails.CONFIRM, "params": {"sign_on_id": i}, "created_at": now,
                 "next_attempt_at": now, "letter_id": facts.id, "sign_on_id": i}
                for d, i in zip(batch, sign_on_ids, strict=True)
            ]  # fmt: skip
            session.execute(outbox.insert(), messages)

    def rounds(write: Callable[[int], None], count: int) -> Callable[[], int]:
        def run() -> int:
            done = 0
            while done < 400:
                write(count)
                db.session.close()
                done += count
            return done

        return run

    with app.app_context():
        for name, write in (("shared", shared), ("batched", batched)):
            for count in (1, 2, 4, 8, 16):
                ms = best_ms(rounds(write, count))
                print(f"write transaction, {name:7} x{count:2}: {ms:.3f} ms CPU per sign-on")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("-n", type=int, default=300, help="requests per round")
    args = parser.parse_args()
    for kind in args.db.split(","):
        url, drop = create_database(kind, ADMIN_URL, tempfile.mkdtemp(prefix="signon-wc-"))
        try:
            engine = sa.create_engine(url)
            letter_id = add_letter(engine, "bench", "Benchmark letter")
            engine.dispose()
            os.environ.update(SETTINGS, DATABASE_URL=url)
            print(f"--- {kind}", flush=True)
            app = ceiling_app()
            logging.getLogger("signon").setLevel(logging.WARNING)
            requests(app, args.n)
            transactions(app, letter_id)
            with app.app_context():
                db.engine.dispose()
        finally:
            drop()


def ceiling_app():
    """The ceiling app (Signon plus the POST without writes) for the current DATABASE_URL."""
    module = sys.modules.get("bench.ceiling_app")
    if module is None:
        return importlib.import_module("bench.ceiling_app").app
    return importlib.reload(module).app  # a new app for the next database


if __name__ == "__main__":
    main()
