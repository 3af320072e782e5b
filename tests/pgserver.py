"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, listening on loopback.

The server is Debian's ``postgresql`` (``make test`` installs it when missing). PostgreSQL refuses
to run as root, so as root the folder is handed to the ``postgres`` system user and the server runs
as that user. Each test gets its own schema (``search_path``), dropped afterwards.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

__all__ = ["PgServer", "find_bin"]


def find_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return found[0] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self) -> None:
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL is not installed (make test installs Debian's postgresql)")
        self.pg_ctl = pg_ctl
        self.dir = Path(tempfile.mkdtemp(prefix="proxywatch-pg-"))
        self.port = _free_port()
        self.user = "proxywatch"
        self._as: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]
        self._run([initdb, "-D", str(self.dir / "data"), "-A", "trust", "-U", self.user, "-E", "UTF8", "--no-sync",
                   "--no-instructions"])
        options = (f"-k {self.dir} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        self._run([pg_ctl, "-D", str(self.dir / "data"), "-o", options, "-l", str(self.dir / "log"), "-w", "start"])

    def _run(self, cmd: list[str]) -> None:
        result = subprocess.run(self._as + cmd, capture_output=True, text=True, timeout=120, cwd=self.dir)
        if result.returncode:
            raise RuntimeError(f"{' '.join(cmd[:1])} failed: {result.stderr or result.stdout}")

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres"

    def new_schema(self) -> str:
        """A fresh, empty schema; the URL that makes it the store's."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {name}")
        return f"{self.url}?options=-csearch_path%3D{name}"

    def drop_schemas(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as con:
            names = [r[0] for r in con.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 't\\_%'")]
            for name in names:
                con.execute(f"DROP SCHEMA {name} CASCADE")

    def stop(self) -> None:
        try:
            self._run([self.pg_ctl, "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
