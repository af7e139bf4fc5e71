"""A real PostgreSQL for the tests and the replica benchmark: Debian's server binaries, a cluster made by initdb in a
temporary folder and started by pg_ctl on a free port, stopped and removed afterwards. Never a mock.

PostgreSQL refuses to run as root: as root the binaries run as the `postgres` user (runuser), in a folder that user
owns. Without the binaries `find_binaries` raises `PostgresMissing`, whose message is the command that installs
them (`make test` runs it when it runs as root)."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "sudo apt-get install -y postgresql"
SEARCH = ("/usr/lib/postgresql/*/bin",)
START_TIMEOUT_S = 60
SERVICE_USER = "postgres"


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


@dataclass(frozen=True, slots=True)
class Binaries:
    initdb: Path
    pg_ctl: Path


def find_binaries() -> Binaries:
    """Debian's newest server binaries (/usr/lib/postgresql/N/bin), else initdb and pg_ctl on the PATH."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: _version(p.parent.name))
    for folder in reversed(candidates):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return Binaries(folder / "initdb", folder / "pg_ctl")
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Binaries(Path(initdb), Path(pg_ctl))
    raise PostgresMissing(f"the PostgreSQL tests need Debian's PostgreSQL server: {INSTALL_HINT} "
                          f"(`make test` installs it when it runs as root)")


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """`start()` an empty cluster (trust auth on 127.0.0.1, user `postgres`), `url(db)` to connect, `stop()`."""

    def __init__(self, binaries: Binaries | None = None) -> None:
        self.binaries = binaries or find_binaries()
        self.root = Path(tempfile.mkdtemp(prefix="iqa-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._as_root = os.geteuid() == 0
        self.started = False

    def _run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        command = [str(a) for a in args]
        if self._as_root:
            command = ["runuser", "-u", SERVICE_USER, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False, cwd=self.root)

    def start(self) -> PostgresServer:
        if self._as_root:  # the cluster belongs to the user that runs it
            user = pwd.getpwnam(SERVICE_USER)
            os.chmod(self.root, 0o700)
            os.chown(self.root, user.pw_uid, user.pw_gid)
        done = self._run(self.binaries.initdb, "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                         "--locale=C", "--no-sync")
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        done = self._run(self.binaries.pg_ctl, "-D", self.data, "-l", self.root / "server.log", "-o", options,
                         "-w", "-t", str(START_TIMEOUT_S), "start")
        if done.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace") if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {log[-2000:]}")
        self.started = True
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.started:
            self._run(self.binaries.pg_ctl, "-D", self.data, "-m", "immediate", "-w", "stop")
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

