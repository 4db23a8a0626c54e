"""A sign-on through the form costs PostgreSQL two round trips, counted by libpq itself.

What is counted: every message the client sends that it then waits on (a simple Query, or
the Sync closing a Parse/Bind/Execute), as libpq's own trace (PQtrace) logs them on every
connection the request used. A pool ping, a BEGIN and a COMMIT would each be one; there are
none: the letter's facts (one SELECT) and the sign-on (one INSERT with CTEs, autocommitted)
are the two. Before issue 29: 9 (ping, BEGIN, 6 statements, COMMIT).
"""

import pytest
import sqlalchemy as sa

from signon.signing.models import Signatory, SignOn
from signon.storage.extensions import db
from tests.signing.round_trips import Tracer
from tests.support import VALID_SIGN_ON, csrf_token

# With the letter's facts and its signers' domains read within the last second by an earlier
# sign-on in this process (LETTER_FACTS_SECONDS), as under load.
ROUND_TRIPS = 2


# The round trips are PostgreSQL's (SQLite has none: it runs in the process).
pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


def postgresql_only(app) -> sa.Engine:
    with app.app_context():
        assert db.engine.dialect.name == "postgresql"
        return db.engine


def sign(client, token: str, **fields: str) -> int:
    return client.post(
        "/letters/climate", data={**VALID_SIGN_ON, **fields, "csrf_token": token}
    ).status_code


@pytest.mark.parametrize(
    "who",
    [
        {"organisation": "Another One", "contact_email": "ben@another.example.org"},
        {"contact_email": "two@equitas.example.org"},  # joins the first one's signatory
        {},  # the same contact again: answered by email, nothing stored
    ],
    ids=["new signatory", "joining", "repeat"],
)
def test_a_form_sign_on_costs_postgresql_two_round_trips(app, client, make_letter, inbox, who):
    engine = postgresql_only(app)
    app.config["LETTER_FACTS_SECONDS"] = 60  # the deployed cache: read once, not per sign-on
    make_letter()
    tracer = Tracer(engine)
    try:
        token = csrf_token(client.get("/letters/climate").text)
        assert sign(client, token) == 303
        with tracer.counting() as trips:
            assert sign(client, token, **who) == 303
    finally:
        tracer.close()
    assert trips.round_trips == ROUND_TRIPS, trips
    with app.app_context():
        sign_ons = db.session.scalars(sa.select(SignOn).order_by(SignOn.id)).all()
        signatories = db.session.scalar(sa.select(sa.func.count()).select_from(Signatory))
    assert len(sign_ons) == (1 if not who else 2)
    assert signatories == (2 if "organisation" in who else 1)
    assert all(s.consent_version == 1 and s.contact_key for s in sign_ons)


def test_a_connection_the_server_ended_is_replaced_without_a_ping(app, client, make_letter):
    engine = postgresql_only(app)
    make_letter()
    token = csrf_token(client.get("/letters/climate").text)
    assert sign(client, token) == 303
    other = sa.create_engine(engine.url)
    with other.connect() as conn:  # a restart, as the pool's idle connections see it
        ended = conn.scalar(
            sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    other.dispose()
    assert ended >= 1
    assert sign(client, token, contact_email="two@equitas.example.org") == 303
