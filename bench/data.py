"""Benchmark data: a throwaway database, an open letter, and a letter with many signatories."""

import random
import uuid
from datetime import timedelta

import sqlalchemy as sa

from signon.domain.names import name_key
from signon.letters.models import Letter
from signon.signing.models import Signatory, SignOn
from signon.storage import database
from signon.storage.database import utcnow

_WORDS = (
    "Action Aid Alliance Amis Association Bündnis Centre Citizens Climate Coalition Collectif "
    "Comité Earth Écologie Fondation Forum Friends Frères Global Green Human Initiative Institut "
    "Justice Kvinna Liga Mouvement Network Nord Observatoire Ökologie Peace Plataforma Réseau "
    "Rights Society Solidarité Śląsk Stiftung Sud Union Voice Water Women Youth Ωμέγα Žena"
)
WORDS = _WORDS.split()
COUNTRIES = ("FR", "DE", "CI", "BR", "IN", "KE", "PL", "GR", "SE", "US", "GB", "SN")


def create_database(kind: str, admin_url: str, workdir: str) -> tuple[str, callable]:
    """A migrated empty database; returns its URL and a function that drops it."""
    if kind == "sqlite":
        url = f"sqlite:///{workdir}/bench-{uuid.uuid4().hex[:8]}.db"
        engine = sa.create_engine(url)
        database.upgrade(engine)
        engine.dispose()
        return url, lambda: None
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"signon_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = sa.create_engine(url)
    database.upgrade(engine)
    engine.dispose()

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def add_letter(engine: sa.Engine, slug: str, title: str) -> int:
    """An open letter, inserted directly."""
    with engine.begin() as conn:
        body = "Dear Ministers,\n\nWe **urge** you to act.\n\n" + "A paragraph of text. " * 200
        row = {"slug": slug, "title": title, "body": body, "status": "open"}
        return conn.execute(sa.insert(Letter).values(**row).returning(Letter.id)).scalar_one()


def add_signatories(engine: sa.Engine, letter_id: int, count: int, seed: int = 1) -> None:
    """`count` approved signatories with one sign-on each, inserted in bulk."""
    rng = random.Random(seed)
    now = utcnow()
    people = []
    for n in range(count):
        name = " ".join(rng.sample(WORDS, 3)) + f" {n}"
        people.append((name, rng.choice(COUNTRIES), now - timedelta(seconds=count - n)))
    with engine.begin() as conn:
        conn.execute(
            sa.insert(Signatory),
            [
                {
                    "letter_id": letter_id,
                    "country": c,
                    "name_key": name_key(name),
                    "kind": "organisation",
                    "created_at": at,
                }
                for name, c, at in people
            ],
        )
        ids = dict(
            conn.execute(
                sa.select(Signatory.name_key, Signatory.id).where(Signatory.letter_id == letter_id)
            ).all()
        )
        conn.execute(
            sa.insert(SignOn),
            [
                {
                    "letter_id": letter_id,
                    "signatory_id": ids[name_key(name)],
                    "organisation": name,
                    "acronym": "",
                    "country": c,
                    "website": f"https://org{n}.example.org",
                    "contact_name": f"Contact {n}",
                    "contact_email": f"contact{n}@example.org",
                    "role": "",
                    "signing_as": "organisation",
                    "status": "approved",
                    "created_at": at,
                    "confirmed_at": at,
                    "decided_at": at,
                }
                for n, (name, c, at) in enumerate(people)
            ],
        )
