"""Declarative base, column types, and schema migrations through Alembic."""

import select
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from flask import Flask, current_app, g
from sqlalchemy import orm
from sqlalchemy.orm import DeclarativeBase

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"

# Stable constraint names, so that Alembic can find and alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every model."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator):
    """Timestamps stored as naive UTC and read back aware, alike on SQLite and PostgreSQL."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is expected")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def alembic_config() -> Config:
    """An Alembic configuration pointing at the project's migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _migrate(engine: sa.Engine, run: Callable[[Config], None]) -> None:
    """Run an Alembic command on `engine`, with SQLite's foreign keys off meanwhile.

    Alembic's batch mode rebuilds a SQLite table by copying and dropping it; with foreign
    keys on, dropping `letters` would cascade and delete every sign-on.
    """
    cfg = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        raw = connection.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")  # only outside a transaction
        try:
            with connection.begin():
                cfg.attributes["connection"] = connection
                run(cfg)
                if raw is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: sa.Engine, revision: str = "heads") -> None:
    """Run the migrations up to `revision` on `engine`."""
    _migrate(engine, lambda cfg: command.upgrade(cfg, revision))


def downgrade(engine: sa.Engine, revision: str) -> None:
    """Undo the migrations down to `revision` on `engine`."""
    _migrate(engine, lambda cfg: command.downgrade(cfg, revision))


class Database:
    """Engines and one session per application context, for SQLAlchemy 2.

    flask-sqlalchemy-lite does the same but also registers an async teardown, which Flask
    runs through asgiref in a new thread and event loop on every request: about 1 ms each.
    """

    def init_app(self, app: Flask) -> None:
        """Create the engine from `SQLALCHEMY_ENGINES["default"]` and close sessions on teardown."""
        options = dict(app.config["SQLALCHEMY_ENGINES"]["default"])
        engine = sa.create_engine(options.pop("url"), **options)
        if engine.dialect.name == "postgresql":
            sa.event.listen(engine, "checkout", _replace_if_closed)
        app.extensions["signon.db"] = (engine, orm.sessionmaker(engine))
        app.teardown_appcontext(_close_session)

    @property
    def engine(self) -> sa.Engine:
        """The current application's engine."""
        return current_app.extensions["signon.db"][0]

    @contextmanager
    def writing(self, one_statement: bool = False) -> Iterator[orm.Session]:
        """A transaction of its own for a request's writes, after its reads have ended.

        On SQLite the write lock is then held for the writes alone, not for the checks
        before them. Used where throughput matters (a sign-on); it commits at the end, and
        rolls back if the block raises. `one_statement`: on PostgreSQL, when no transaction
        is open yet, each statement of the block is its own transaction (autocommit: no
        BEGIN nor COMMIT round trip), for a block whose every write is one statement; one
        that needs more calls `transaction_from_here()` first.
        """
        session = self.session
        if session.get_bind().dialect.name != "sqlite":
            # Elsewhere readers do not hold writers up: go on in the same transaction.
            if one_statement and not session.in_transaction():
                session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            try:
                yield session
            except BaseException:
                session.rollback()
                raise
            session.commit()
            return
        if session.in_transaction():
            session.commit()  # the reads' transaction (its objects are expired)
        g.signon_writing = True
        with session.begin():
            yield session

    def autocommitting(self) -> bool:
        """True inside `writing(one_statement=True)` while each statement commits itself."""
        session = self.session
        if not session.in_transaction():
            return False
        options = session.connection().get_execution_options()
        return options.get("isolation_level") == "AUTOCOMMIT"

    def transaction_from_here(self) -> None:
        """The next statements in one transaction, after single statements that were not."""
        if self.autocommitting():
            self.session.commit()  # nothing to commit: it ends the autocommit block

    def sessions(self, app: Flask) -> orm.sessionmaker:
        """The factory of `app`'s sessions (events listened on it reach every session)."""
        return app.extensions["signon.db"][1]

    @property
    def session(self) -> orm.Session:
        """The session of the current application context, created on first use."""
        session = g.get("_signon_session")
        if session is None:
            session = g._signon_session = self.sessions(current_app)()
        return session


def _close_session(error: BaseException | None) -> None:
    session = g.pop("_signon_session", None)
    if session is not None:
        session.close()


def _replace_if_closed(dbapi_connection, record, proxy) -> None:
    """Instead of a ping per checkout: a connection the server has closed is replaced.

    An idle connection has nothing to read unless the server ended it (a restart, an idle
    timeout): its socket is then readable, which a zero-timeout select() sees without a
    round trip. The pool then opens another in its place (DisconnectionError).
    """
    if dbapi_connection.closed or dbapi_connection.broken:
        raise sa.exc.DisconnectionError("connection closed")
    socket = dbapi_connection.pgconn.socket
    if select.select([socket], [], [], 0)[0]:
        raise sa.exc.DisconnectionError("the server ended the connection")
