"""A real PostgreSQL server for the tests, started on loopback in a temporary folder.

The level above may keep its consolidated store on PostgreSQL; the tests prove it on a
real server, never a stand-in. The server is a throw-away cluster: ``initdb`` in a
temporary folder, ``pg_ctl start`` on 127.0.0.1 with a free port and a unix-socket folder
of its own, stopped and removed at the end. PostgreSQL refuses to run as root, so as
root the cluster belongs to the ``postgres`` user and its tools run through ``runuser``.

When no server can be started the caller fails the tests (never skips them): CI must
show that the PostgreSQL store works, and a silent skip would hide that it was not run.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SERVER_USER = "pcmt"
START_TIMEOUT_SECONDS = 60
# Durability is pointless for a throw-away cluster; these make it start and write fast.
SERVER_OPTIONS = "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server could be started; the message says what is missing."""


def find_binaries() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``: PATH first, then Debian's folders."""
    on_path = shutil.which("pg_ctl")
    if on_path is not None and shutil.which("initdb") is not None:
        return Path(on_path).resolve().parent
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0,
    )
    for folder in reversed(candidates):
        if (folder / "pg_ctl").exists() and (folder / "initdb").exists():
            return folder
    raise PostgresUnavailableError(
        "PostgreSQL is not installed: neither initdb/pg_ctl on PATH nor "
        "/usr/lib/postgresql/*/bin. scripts/test installs the Debian package `postgresql`."
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class PostgresServer:
    """A running throw-away cluster; ``url(database)`` gives SQLAlchemy's URL to it."""

    root: Path
    binaries: Path
    port: int
    run_as: str | None

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sockets"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def _command(self, tool: str, *arguments: str) -> list[str]:
        command = [str(self.binaries / tool), *arguments]
        if self.run_as is None:
            return command
        return ["runuser", "-u", self.run_as, "--", *command]

    def _run(self, tool: str, *arguments: str) -> None:
        result = subprocess.run(
            self._command(tool, *arguments), capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise PostgresUnavailableError(
                f"{tool} failed ({result.returncode}): {result.stderr.strip()}{self._log_tail()}"
            )

    def _log_tail(self) -> str:
        if not self.log_file.exists():
            return ""
        return "\nserver log:\n" + self.log_file.read_text(errors="replace")[-2000:]

    def start(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            SERVER_USER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
        )
        options = f"-h 127.0.0.1 -p {self.port} -k {self.socket_dir} {SERVER_OPTIONS}"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_file),
            "-o",
            options,
            "-t",
            str(START_TIMEOUT_SECONDS),
            "-w",
            "start",
        )

    def stop(self) -> None:
        subprocess.run(
            self._command("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"),
            capture_output=True,
            check=False,
        )


def _prepare_root(run_as: str | None) -> Path:
    root = Path(tempfile.mkdtemp(prefix="pcmt-pg-"))
    (root / "sockets").mkdir()
    if run_as is not None:
        account = pwd.getpwnam(run_as)
        for path in (root, root / "sockets"):
            os.chown(path, account.pw_uid, account.pw_gid)
    return root


def _service_user() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError as error:
        raise PostgresUnavailableError(
            "Running as root, and there is no `postgres` user to own the test cluster "
            "(PostgreSQL refuses to run as root). Installing the Debian package "
            "`postgresql` creates it."
        ) from error
    if shutil.which("runuser") is None:
        raise PostgresUnavailableError("Running as root without `runuser` to drop to postgres.")
    return "postgres"


def start_server(attempts: int = 3) -> PostgresServer:
    """Start a cluster; retried on another port if the chosen one was taken meanwhile."""
    binaries = find_binaries()
    run_as = _service_user()
    problems: list[str] = []
    for _attempt in range(attempts):
        root = _prepare_root(run_as)
        server = PostgresServer(root, binaries, free_port(), run_as)
        try:
            server.start()
        except PostgresUnavailableError as error:
            problems.append(str(error))
            server.stop()
            shutil.rmtree(root, ignore_errors=True)
            time.sleep(0.2)
            continue
        return server
    raise PostgresUnavailableError("\n".join(problems))


def remove_server(server: PostgresServer) -> None:
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


def create_database(server: PostgresServer, name: str) -> str:
    """CREATE DATABASE ``name`` and return its URL."""
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=server.port, user=SERVER_USER, dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server.url(name)


def drop_database(server: PostgresServer, name: str) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=server.port, user=SERVER_USER, dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
