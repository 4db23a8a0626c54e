"""SQLite as the embedded default: WAL, write-locking transactions, and a fair writers' queue."""

import fcntl
import os
import sqlite3
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa
from flask import current_app, g, has_request_context, request


class QueuedWriterConnection(sqlite3.Connection):
    """A connection whose writing transactions line up on a lock file before BEGIN IMMEDIATE.

    SQLite's own busy handler polls: a writer that finds the database locked sleeps 1, 2, 5,
    10 ... 100 ms before it looks again, so under a burst of sign-ons most of the time goes
    to sleeping. An exclusive flock() on a file beside the database blocks in the kernel
    and wakes the next writer the moment the last one commits. Processes that do not take
    it (the sqlite3 shell, say) still meet the busy timeout, as before.
    """

    lock_path: str | None = None
    _lock_fd: int | None = None
    _holding = False

    def take_write_lock(self) -> None:
        """Wait (without polling) until no other connection of ours is writing."""
        if self.lock_path is None:
            return
        if self._lock_fd is None:
            self._lock_fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        self._holding = True

    def release_write_lock(self) -> None:
        """Let the next writer in, once this transaction has ended."""
        if self._holding:
            self._holding = False
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.release_write_lock()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.release_write_lock()

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._lock_fd is not None:
                os.close(self._lock_fd)  # also drops a lock still held
                self._lock_fd = None
                self._holding = False


def install_sqlite_pragmas(engine: sa.Engine) -> None:
    """Foreign keys on, WAL, and write-locking transactions on SQLite.

    pysqlite starts transactions lazily and late, which breaks SAVEPOINT and lets a
    transaction that has read fail at once with "database is locked" when it then writes.
    Taking the write lock at BEGIN (in the writers' queue, then up to the busy timeout)
    avoids both.
    """
    if engine.dialect.name != "sqlite":
        return
    database = engine.url.database
    lock_path = f"{database}.writers" if database and database != ":memory:" else None

    @sa.event.listens_for(engine, "do_connect")
    def _factory(dialect, connection_record, cargs, cparams) -> None:
        cparams["factory"] = QueuedWriterConnection

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, connection_record) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.lock_path = lock_path
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        if _reading_only():
            connection.exec_driver_sql("BEGIN")
            return
        raw = connection.connection.driver_connection
        raw.take_write_lock()
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            raw.release_write_lock()
            raise


# How a view's transaction takes the lock, declared on the view itself (see below).
_MODE = "signon_sqlite_transaction"
View = TypeVar("View", bound=Callable[..., object])


def read_only(view: View) -> View:
    """Declare a public GET view that never writes.

    With every request taking the write lock, such pages would wait in line behind each
    other and behind sign-ons; WAL lets them read beside the one writer.
    """
    setattr(view, _MODE, "read_only")
    return view


def reads_before_writing(view: View) -> View:
    """Declare a view that reads first, then writes in a transaction of its own (`writing()`)."""
    setattr(view, _MODE, "reads_first")
    return view


def _reading_only() -> bool:
    """True when this transaction need not write: public GETs, and reads before `writing()`."""
    if not has_request_context() or g.get("signon_writing"):
        return False
    view = current_app.view_functions.get(request.endpoint or "")
    mode = getattr(view, _MODE, None)
    if mode == "reads_first":
        return True
    return mode == "read_only" and request.method in ("GET", "HEAD")
