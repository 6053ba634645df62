"""A real PostgreSQL server for the tests: Debian's binaries, a temporary cluster, a free port.

One cluster per test session; each test gets a fresh database copied from a template that is
already at the head schema (``CREATE DATABASE ... TEMPLATE``). initdb refuses to run as root,
so as root (CI) the server runs as the ``postgres`` OS user. Without the binaries the tests
that need it are skipped, unless ``SKRANKE_REQUIRE_POSTGRES=1`` (CI), where they fail.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from database.engine import open_database

PASSWORD = secrets.token_hex(8)  # a throw-away test cluster on 127.0.0.1 only
_TEMPLATE = "skranke_template"


def _binaries() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A running cluster: start/stop it (fault tests do), make databases, build URLs."""

    bin_dir: Path
    data_dir: Path
    socket_dir: Path
    port: int
    run_as: str | None  # the OS user the server runs as (``postgres`` when we are root)
    _counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = (
            f"-k {self.socket_dir} -p {self.port} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c max_connections=200"
        )
        log = str(self.data_dir.parent / "server.log")
        self._run("pg_ctl", "start", "-w", "-t", "30", "-D", str(self.data_dir), "-l", log,
                  "-o", options)  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "stop", "-w", "-m", mode, "-D", str(self.data_dir))

    def url(self, database: str = "postgres", *, port: int | None = None) -> str:
        return f"postgresql+psycopg://postgres:{PASSWORD}@127.0.0.1:{port or self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run ``sql`` outside a transaction on the maintenance database (CREATE DATABASE)."""
        engine = create_engine(self.url(), poolclass=NullPool, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(sql))
        finally:
            engine.dispose()

    def new_database(self, *, schema: bool = True) -> str:
        """A fresh database's URL: at the head schema (from the template), or empty."""
        name = f"t{os.getpid()}_{next(self._counter)}"
        template = _TEMPLATE if schema else "template0"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE {template}')
        return self.url(name)


class PostgresMissingError(RuntimeError):
    """PostgreSQL's server binaries (initdb, pg_ctl) are not installed."""


def start_cluster(root: Path) -> PostgresServer:
    """A new cluster in ``root`` (made), started, with a head-schema template database.
    Also used by benchmarks/sync_push.py."""
    bin_dir = _binaries()
    if bin_dir is None:
        raise PostgresMissingError("PostgreSQL's initdb/pg_ctl are not installed")
    run_as = "postgres" if os.geteuid() == 0 else None
    root.mkdir(parents=True, exist_ok=True)
    if run_as is not None:
        user = pwd.getpwnam(run_as)
        os.chown(root, user.pw_uid, user.pw_gid)
    root.chmod(0o755)
    password_file = root / "password"
    password_file.write_text(PASSWORD + "\n")
    if run_as is not None:
        os.chown(password_file, user.pw_uid, user.pw_gid)
    server = PostgresServer(bin_dir, root / "data", root, _free_port(), run_as)
    server._run("initdb", "-D", str(server.data_dir), "-U", "postgres", "-E", "UTF8",
                "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256",
                f"--pwfile={password_file}")  # fmt: skip
    password_file.unlink()
    server.start()
    server.admin(f"CREATE DATABASE {_TEMPLATE}")
    open_database(server.url(_TEMPLATE)).close()  # the head schema, by the app's own upgrade
    return server


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    root = Path(tempfile.mkdtemp(prefix="skranke-pg-"))
    root.chmod(0o755)  # the server's OS user must reach its data folder
    try:
        server = start_cluster(root / "cluster")
    except PostgresMissingError as missing:
        shutil.rmtree(root, ignore_errors=True)
        if os.environ.get("SKRANKE_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"SKRANKE_REQUIRE_POSTGRES=1 but {missing}")
        pytest.skip(f"{missing} (apt-get install postgresql)")
    try:
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # a fault test stopped it
            server.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)
