"""Work that may run on any app server but never twice at once: one lock per job, held meanwhile.

With several app servers (deploy/README.md) every node's workers run the scheduled jobs (the
reminders) and an operator's cron may run `flask privacy run` on any node. On PostgreSQL the
lock is a session-level advisory lock on a connection of its own, which the server releases
by itself if the process dies; on SQLite (one machine) an exclusive flock() on a file beside
the database, which the kernel releases likewise. The outbox needs none: each message is
claimed by one sender (signon/mail/claims.py).
"""

import fcntl
import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

log = logging.getLogger(__name__)


def lock_key(name: str) -> int:
    """The advisory lock's 64-bit key for a job's name (the same on every node)."""
    digest = hashlib.sha256(f"signon.singleton:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def only_one(engine: sa.Engine, name: str) -> Iterator[bool]:
    """`with only_one(engine, "reminders") as mine:` True when this process holds the lock.

    False when another process (on this node or another) is running the same job: the
    caller skips it, and it runs again on its next turn.
    """
    if engine.dialect.name == "sqlite":
        with _file_lock(engine, name) as mine:
            yield mine
        return
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        key = lock_key(name)
        mine = bool(conn.scalar(sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": key}))
        try:
            if not mine:
                log.info("%s is running elsewhere: skipped", name)
            yield mine
        finally:
            if mine:
                conn.scalar(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": key})


@contextmanager
def _file_lock(engine: sa.Engine, name: str) -> Iterator[bool]:
    database = engine.url.database
    if not database or database == ":memory:":
        yield True  # one process owns a database in memory
        return
    fd = os.open(f"{database}.{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("%s is running elsewhere: skipped", name)
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
