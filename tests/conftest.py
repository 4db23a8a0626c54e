"""Shared fixtures: an app on each database, a real SMTP inbox, and factories."""

import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from signon import create_app
from signon.storage import database
from signon.storage.extensions import db
from tests import support
from tests.support import VALID_SIGN_ON, Inbox, app_config, csrf_token, free_port, requires

PG_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", "postgresql"]

# Fixtures of the organiser pages (accounts, sessions, confirmed sign-ons).
pytest_plugins = ["tests.organiser_helpers"]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file built once by the migrations; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "signon.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    database.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL database built by the migrations, dropped at the end."""
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        requires(False, f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc.orig}")
    name = f"signon_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    engine = sa.create_engine(url)
    database.upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _empty_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        tables = [
            t.name for t in database.Base.metadata.sorted_tables if t.name != "alembic_version"
        ]
        conn.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test that uses the database runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "signon.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return url


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[Inbox]:
    """A real SMTP server (aiosmtpd) on a free local port."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def inbox(smtp_server: Inbox) -> Inbox:
    """The SMTP server's mailbox, empty at the start of each test."""
    smtp_server.messages.clear()
    return smtp_server


@pytest.fixture
def app(database_url: str, inbox: Inbox) -> Iterator[Flask]:
    """The application, on a database built by the migrations, mailing to `inbox`."""
    application = create_app(app_config(database_url, inbox.port))
    yield application
    with application.app_context():
        db.engine.dispose()


class QueryCount:
    """The SQL statements sent to the database while a block ran."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __int__(self) -> int:
        return len(self.statements)

    def __repr__(self) -> str:
        return f"{len(self.statements)} queries:\n" + "\n".join(self.statements)


@pytest.fixture
def count_queries(app: Flask) -> Callable[[], AbstractContextManager[QueryCount]]:
    """`with count_queries() as n:` counts statements sent in the block (as Indico's does)."""
    with app.app_context():
        engine = db.engine

    @contextmanager
    def counting() -> Iterator[QueryCount]:
        count = QueryCount()

        def before(conn, cursor, statement, parameters, context, executemany) -> None:
            # SQLite's BEGIN IMMEDIATE opens a transaction; it is not a question asked.
            if not statement.startswith("BEGIN"):
                count.statements.append(statement)

        sa.event.listen(engine, "before_cursor_execute", before)
        try:
            yield count
        finally:
            sa.event.remove(engine, "before_cursor_execute", before)

    return counting


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def make_letter(app: Flask):
    """Factory: `make_letter(slug=..., status="open"|"draft"|"closed")` returns the slug.

    Its letters show a live list (`live_list=False` for the default of a new letter): most
    tests read the public list before publication.
    """

    def make(
        slug: str = "climate",
        title: str = "Joint letter on climate finance",
        body: str = "Dear Ministers,\n\nWe **urge** you to act.",
        status: str = "open",
        live_list: bool = True,
    ) -> str:
        with app.app_context():
            letter = support.create_letter(slug, title, body, open_now=status != "draft")
            letter.live_list = live_list
            db.session.commit()
            if status == "closed":
                support.close_letter(slug)
        return slug

    return make


@pytest.fixture
def sign(client: FlaskClient):
    """Factory: post the sign-on form as a browser would, with overrides."""

    def post(slug: str = "climate", **fields: str):
        page = client.get(f"/letters/{slug}")
        data = {**VALID_SIGN_ON, **fields, "csrf_token": csrf_token(page.text)}
        return client.post(
            f"/letters/{slug}", data={k: v for k, v in data.items() if v is not None}
        )

    return post


@pytest.fixture
def sent_back(client: FlaskClient):
    """Follow a refused form home: the POST answers 303 to the form's page, which then shows
    what was typed and why it was refused (once: a reload shows the form afresh)."""

    def follow(answer, to: str = "/letters/climate#sign", **request: object):
        assert answer.status_code == 303, answer.text[:2000]
        assert answer.headers["Location"] == to
        page = client.get(to, **request)
        assert page.status_code == 200
        return page

    return follow


@pytest.fixture
def deliver(app: Flask):
    """Run the mail sender once, as `flask mail send-pending` does."""
    from signon.mail.sender import send_pending

    def run(**kwargs: object):
        with app.app_context():
            return send_pending(**kwargs)

    return run


@pytest.fixture
def confirm(client: FlaskClient):
    """Open a confirmation link and press its Confirm button."""

    def press(link: str):
        path = re.sub(r"^https?://[^/]+", "", link)
        page = client.get(path)
        assert page.status_code == 200, page.text
        return client.post(path, data={"csrf_token": csrf_token(page.text)})

    return press
