"""A private PostgreSQL cluster on a free loopback port, so a test may restart it freely.

Restarting the machine's shared cluster would break every other test (and every other
user) connected to it; this one belongs to one test.
"""

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.support import free_port, requires


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


class PrivatePostgres:
    """initdb + pg_ctl, run as the `postgres` user when we are root."""

    def __init__(self) -> None:
        # Not under pytest's tmp_path: that is private to root, and the server runs as postgres.
        self.dir = Path(tempfile.mkdtemp(prefix="signon-pg-"))
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = list(args)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> "PrivatePostgres":
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        requires(bool(initdb and pg_ctl), "PostgreSQL server binaries (initdb) are not installed")
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(initdb, "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres", "-N")
        self.pg_ctl = pg_ctl
        self._ctl("start")
        return self

    def _ctl(self, action: str) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            self.pg_ctl,
            "-D",
            str(self.dir / "data"),
            "-o",
            options,
            "-m",
            "fast",
            "-w",
            "-l",
            str(self.dir / "log"),
            action,
        )

    def restart(self) -> None:
        """Stop (fast: connections are cut) and start again, like `pg_ctlcluster restart`."""
        self._ctl("restart")

    def stop(self) -> None:
        """Stop the server and delete its files."""
        try:
            self._ctl("stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
