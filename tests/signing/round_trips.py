"""Counting round trips to PostgreSQL as libpq itself logs them (PQtrace), not as we think."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from psycopg import pq


class Trips:
    """The messages the client sent while a block ran, and the round trips they made."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    @property
    def round_trips(self) -> int:
        """Each simple Query, and each Sync that ends an extended-protocol exchange, waits once.

        (No pipeline is used: a pipeline would send several Syncs in one wait.)
        """
        return sum(1 for line in self.sent if line.split("\t")[2] in ("Query", "Sync"))

    def __repr__(self) -> str:
        return f"{self.round_trips} round trips:\n" + "\n".join(s[:160] for s in self.sent)


class Tracer:
    """Every connection the engine opens from now on logs what it sends (libpq's PQtrace).

    The pool keeps its connections as deployed (pings and all); `counting()` reads what
    was sent while its block ran, on whichever connections the block used.
    """

    def __init__(self, engine: sa.Engine) -> None:
        engine.dispose()
        self.files: list[tuple[object, int, str]] = []
        sa.event.listen(engine, "connect", self._on_connect)
        self.engine = engine

    def _on_connect(self, dbapi_connection, record) -> None:
        fd, path = tempfile.mkstemp(suffix=".pqtrace")
        self.files.append((dbapi_connection, fd, path))
        self._trace(dbapi_connection.pgconn, fd)

    @staticmethod
    def _trace(pgconn, fd: int) -> None:
        pgconn.trace(fd)
        pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)

    def _flushed_sizes(self) -> list[int]:
        sizes = []
        for connection, fd, path in self.files:
            if not connection.closed:
                connection.pgconn.untrace()  # flushes what libpq buffered
                self._trace(connection.pgconn, fd)
            sizes.append(os.path.getsize(path))
        return sizes

    @contextmanager
    def counting(self) -> Iterator[Trips]:
        """`with tracer.counting() as trips:` the messages sent in the block."""
        trips = Trips()
        before = self._flushed_sizes()
        yield trips
        self._flushed_sizes()
        for n, (_, _, path) in enumerate(self.files):
            with open(path) as log:
                log.seek(before[n] if n < len(before) else 0)
                trips.sent += [line.rstrip() for line in log if line.startswith("F\t")]

    def close(self) -> None:
        """Stop tracing and remove the logs."""
        sa.event.remove(self.engine, "connect", self._on_connect)
        self.engine.dispose()
        for _, fd, path in self.files:
            os.close(fd)
            os.unlink(path)
