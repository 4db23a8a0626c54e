"""Claiming a batch of the outbox in one statement, under a short lease renewed while it is sent.

PostgreSQL skips rows another sender has locked (`FOR UPDATE SKIP LOCKED`); SQLite runs one
writer at a time, so the same conditional UPDATE ... RETURNING is atomic there too. A lease
lasts `MAIL_CLAIM_SECONDS` (10) and is renewed by a heartbeat thread while its batch is sent:
a sender killed mid-batch frees its messages within seconds, a live one keeps them however
slow its SMTP server is.

Each message is recorded as sent the moment the server accepted it (`Receipts`), so a
sender killed mid-batch leaves at most the one message it was handing over to be sent again.
"""

import logging
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import make_dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from signon.mail.models import MessageStatus, OutboxMessage
from signon.storage.database import utcnow
from signon.storage.extensions import db

log = logging.getLogger(__name__)

_outbox = OutboxMessage.__table__


# A claimed row as a plain object with OutboxMessage's attributes, outside any session: an
# ORM instance cost 40 times as much to make, and the batch's results are written in one
# statement anyway. Made from the table, so that a new column is there too.
Claimed = make_dataclass("Claimed", [column.name for column in _outbox.c], slots=True)


def new_owner() -> str:
    """A sender's name for its claims, unique per batch."""
    return secrets.token_hex(16)


def claim(owner: str, limit: int, now: datetime, only: list[int] | None = None) -> list[Claimed]:
    """Take up to `limit` due messages for `owner` in one statement and commit; plain rows."""
    # Leases count from the real clock: a late pass must not hand out already expired claims.
    clock = max(now, utcnow())
    due = (
        sa.select(_outbox.c.id)
        .where(
            _outbox.c.status == MessageStatus.PENDING,
            _outbox.c.next_attempt_at <= now,
            sa.or_(_outbox.c.locked_until.is_(None), _outbox.c.locked_until < clock),
        )
        .order_by(_outbox.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)  # rendered by PostgreSQL only
    )
    if only is not None:
        due = due.where(_outbox.c.id.in_(only))
    lease = timedelta(seconds=current_app.config["MAIL_CLAIM_SECONDS"])
    taken = (
        sa.update(_outbox)
        .where(_outbox.c.id.in_(due.scalar_subquery()))
        .values(locked_until=clock + lease, claimed_by=owner)
        .returning(*_outbox.c)
    )
    rows = db.session.execute(taken).mappings().all()
    db.session.commit()
    return sorted((Claimed(**row) for row in rows), key=lambda m: m.id)


def renew(engine: sa.Engine, owner: str, seconds: float) -> int:
    """Extend `owner`'s leases on the messages it still holds; how many."""
    with engine.begin() as conn:
        return conn.execute(
            sa.update(_outbox)
            .where(_outbox.c.claimed_by == owner, _outbox.c.status == MessageStatus.PENDING)
            .values(locked_until=utcnow() + timedelta(seconds=seconds))
        ).rowcount


@contextmanager
def leased(owner: str) -> Iterator[None]:
    """Renew `owner`'s leases every quarter lease from a heartbeat thread, until the block ends."""
    seconds = current_app.config["MAIL_CLAIM_SECONDS"]
    engine, done = db.engine, threading.Event()

    def heartbeat() -> None:
        while not done.wait(seconds / 4):
            try:
                renew(engine, owner, seconds)
            except sa.exc.SQLAlchemyError as exc:  # the next beat tries again
                log.warning("could not renew the mail leases: %s", type(exc).__name__)

    thread = threading.Thread(target=heartbeat, name="signon-mail-lease", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


# One message accepted by the server (the same values as the batch's record writes later).
_RECEIPT = (
    "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = ?,"
    " locked_until = NULL, claimed_by = NULL WHERE id = ?"
)


class NotRecorded(Exception):
    """The database did not take a receipt (it is down, or locked for longer than the timeout)."""


class Receipts:
    """One connection of its own that records each accepted message at once, in a tiny commit.

    One plain DBAPI statement per message: through SQLAlchemy it cost three times as much
    CPU (a tenth of the sender's time). On PostgreSQL it runs in autocommit without waiting
    for the WAL flush: a killed sender loses nothing the database received; only a crash of
    PostgreSQL itself could forget its last fraction of a second, which then goes again.
    On SQLite it takes its turn in the writers' queue as every write does; WAL with
    synchronous=NORMAL does not sync on commit, and what is written survives a kill.
    """

    def __init__(self, engine: sa.Engine) -> None:
        dialect = engine.dialect
        self.engine, self.sqlite = engine, dialect.name == "sqlite"
        self.errors = dialect.loaded_dbapi.Error
        self.sql = _RECEIPT if dialect.paramstyle == "qmark" else _RECEIPT.replace("?", "%s")
        # The column type's own conversion (UTC, naive; a string on SQLite).
        convert = _outbox.c.sent_at.type.dialect_impl(dialect).bind_processor(dialect)
        self.stamp = convert or (lambda value: value)
        self.raw = None

    def _connection(self):
        if self.raw is None:
            raw = self.engine.raw_connection()
            if not self.sqlite:
                raw.driver_connection.autocommit = True
                raw.driver_connection.execute("SET synchronous_commit TO off")
            self.raw = raw
        return self.raw.driver_connection

    def sent(self, message: Claimed) -> None:
        """Store that the server accepted `message`; raises NotRecorded if it could not."""
        params = (self.stamp(message.sent_at), message.attempts, message.id)
        try:
            conn = self._connection()
            if not self.sqlite:
                conn.execute(self.sql, params)
                return
            conn.take_write_lock()
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(self.sql, params)
                conn.commit()
            except BaseException:
                conn.rollback()  # also lets the next writer in
                raise
        except self.errors as exc:
            self.close()
            raise NotRecorded(f"{type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        """Give the connection back to the pool as it was."""
        if self.raw is None:
            return
        raw, self.raw = self.raw, None
        try:
            if not self.sqlite:
                raw.driver_connection.execute("RESET synchronous_commit")
                raw.driver_connection.autocommit = False
        except self.errors:
            raw.invalidate()
        finally:
            raw.close()
