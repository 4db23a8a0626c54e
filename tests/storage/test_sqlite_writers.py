"""SQLite: writers queue on a lock file, readers never wait for it, and nothing is left locked."""

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from signon import create_app
from signon.storage import database, sqlite
from signon.storage.extensions import db
from tests.helpers_db import stored
from tests.support import VALID_SIGN_ON, app_config, csrf_token


@pytest.fixture
def engine(tmp_path: Path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'w.db'}", connect_args={"timeout": 30})
    sqlite.install_sqlite_pragmas(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE t (n INTEGER UNIQUE)"))
    yield engine
    engine.dispose()


def test_a_second_writer_waits_for_the_first_to_commit(engine):
    order: list[str] = []
    with engine.connect() as first:
        first.begin()
        first.execute(sa.text("INSERT INTO t VALUES (1)"))

        def second() -> None:
            with engine.begin() as conn:
                order.append("second writes")
                conn.execute(sa.text("INSERT INTO t VALUES (2)"))

        thread = threading.Thread(target=second)
        thread.start()
        thread.join(timeout=0.3)
        assert thread.is_alive()  # in the queue, not failing with "database is locked"
        order.append("first commits")
        first.commit()
    thread.join(timeout=10)
    assert order == ["first commits", "second writes"]


def test_a_failed_transaction_lets_the_next_writer_in(engine):
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO t VALUES (1), (1)"))
    done = threading.Event()

    def write() -> None:
        with engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO t VALUES (3)"))
        done.set()

    threading.Thread(target=write).start()
    assert done.wait(timeout=5)


@pytest.fixture
def sqlite_app(tmp_path: Path, sqlite_template: Path, inbox):
    path = tmp_path / "signon.db"
    path.write_bytes(sqlite_template.read_bytes())
    application = create_app(app_config(f"sqlite:///{path}", inbox.port))
    with application.app_context():
        from tests.support import create_letter

        create_letter("climate", "Climate", "Text", open_now=True)
    yield application
    with application.app_context():
        db.engine.dispose()


def test_a_form_error_is_answered_while_another_writer_holds_the_database(sqlite_app, monkeypatch):
    client = sqlite_app.test_client()
    token = csrf_token(client.get("/letters/climate").text)
    valid = {**VALID_SIGN_ON, "csrf_token": token}
    in_queue = threading.Event()
    take = sqlite.QueuedWriterConnection.take_write_lock

    def queue_up(connection: sqlite.QueuedWriterConnection) -> None:
        if threading.current_thread() is not threading.main_thread():
            in_queue.set()  # a request is about to wait for the writers' lock
        take(connection)

    monkeypatch.setattr(sqlite.QueuedWriterConnection, "take_write_lock", queue_up)
    with sqlite_app.app_context(), db.engine.begin() as writer:
        writer.execute(sa.text("UPDATE letters SET title = 'Climate' WHERE id = 1"))
        with ThreadPoolExecutor(2) as pool:
            # Reading the letter and checking the form take no write lock...
            invalid = pool.submit(client.post, "/letters/climate", data={**valid, "country": ""})
            assert invalid.result(timeout=10).headers["Location"] == "/letters/climate#sign"
            assert not in_queue.is_set()
            # ...only the sign-on's own writes wait, and go through once the writer is done.
            accepted = pool.submit(client.post, "/letters/climate", data=valid)
            assert in_queue.wait(timeout=10)
            assert not accepted.done()
            writer.commit()
            assert accepted.result(timeout=10).status_code == 303
    assert stored(sqlite_app)["sign_ons"] == 1


# What a visitor sees on each public page: it answers in full, from what was committed.
PUBLIC_PAGES = {
    "/": "Letters open for signatures",
    "/letters/climate": 'name="organisation"',  # the form to sign
    "/letters/climate/signatories": "Climate",
    "/letters/climate/check-email": "Check your email",
    "/healthz": '"status":"ok"',
}


@pytest.mark.parametrize("path", list(PUBLIC_PAGES))
def test_public_pages_answer_while_another_writer_holds_the_database(sqlite_app, path: str):
    client = sqlite_app.test_client()
    with sqlite_app.app_context(), db.engine.begin() as writer:
        writer.execute(sa.text("UPDATE letters SET title = 'Unsaved title' WHERE id = 1"))
        with ThreadPoolExecutor(1) as pool:
            # Declared @read_only where the view is: it reads beside the writer (WAL).
            page = pool.submit(client.get, path).result(timeout=10)
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert PUBLIC_PAGES[path] in text
        # The writer has not committed: nobody reads its change yet.
        assert "Unsaved title" not in text
        if path.startswith("/letters/climate"):
            assert "Climate" in text


def test_many_concurrent_sign_ons_are_all_stored(sqlite_app):
    client = sqlite_app.test_client()
    token = csrf_token(client.get("/letters/climate").text)

    def post(n: int) -> int:
        data = {**VALID_SIGN_ON, "organisation": f"Organisation {n}", "csrf_token": token}
        return client.post("/letters/climate", data={**data, "contact_email": f"p{n}@x.org"})

    with ThreadPoolExecutor(8) as pool:
        codes = [r.status_code for r in pool.map(post, range(40))]
    assert codes == [303] * 40
    assert stored(sqlite_app) == {"sign_ons": 40, "signatories": 40, "outbox": 40}


def test_migrations_run_with_the_writers_queue(tmp_path: Path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    sqlite.install_sqlite_pragmas(engine)
    database.upgrade(engine)
    database.downgrade(engine, "0400")
    database.upgrade(engine)
    with engine.connect() as conn:
        at = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        tables = set(sa.inspect(conn).get_table_names())
    engine.dispose()
    head = ScriptDirectory.from_config(database.alembic_config()).get_current_head()
    assert at == head
    assert {"letters", "sign_ons", "signatories", "outbox"} <= tables
