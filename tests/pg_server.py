"""A PostgreSQL server the tests start themselves, in a temporary folder, and throw away after.

It uses the machine's own PostgreSQL (``initdb`` and ``pg_ctl``, PostgreSQL 15 on these machines),
listens only on a Unix socket in its folder (no port, nothing reachable from the network), and
trusts local connections, so no password is ever written. PostgreSQL refuses to run as root: when
the tests run as root, the server runs as the unprivileged system user ``cogsuite-pg`` (made
when missing). ``stop()`` and ``start()`` take the server away and bring it back mid-test, as a
clinic's network or server would.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

SERVER_USER = "cogsuite-pg"
SUPERUSER = "postgres"


class ServerUnavailable(Exception):
    """This machine cannot run a test server; the message says why (a test's skip reason)."""


def _bin_dir() -> Path:
    """The newest installed PostgreSQL's programs (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    raise ServerUnavailable("PostgreSQL's initdb and pg_ctl are not installed (apt-get install postgresql)")


def _server_user() -> str | None:
    """The user the server runs as: None for the current one, or ``cogsuite-pg`` under root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        made = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                               SERVER_USER], capture_output=True, text=True)
        if made.returncode != 0:
            raise ServerUnavailable(f"running as root and could not add the user {SERVER_USER}: "
                                    f"{made.stderr.strip()}") from None
    return SERVER_USER


class PgServer:
    """One throw-away server. ``url(name)`` is a libpq URL for a database on it."""

    def __init__(self, *, fast: bool = True) -> None:
        self.bin = _bin_dir()
        self.user = _server_user()
        self.folder = Path(tempfile.mkdtemp(prefix="cgpg-", dir="/tmp"))  # short: a socket path has 107 bytes
        self.data = self.folder / "data"
        self.fast = fast
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        self.running = False
        self._admin_conn = None

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin / program), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise ServerUnavailable(f"{program} failed: {(done.stderr or done.stdout).strip()[-500:]}")
        return done

    def start(self) -> None:
        options = f"-k {self.folder} -c listen_addresses='' -c max_connections=60"
        if self.fast:  # a test's data need not survive a power cut
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options,
                  "-w", "-t", "60", "start")
        self.running = True

    def stop(self) -> None:
        """Take the server away at once, as a pulled cable or a crash would (``-m immediate``)."""
        if self._admin_conn is not None:
            self._admin_conn.close()
            self._admin_conn = None
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.running = False

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{database}?host={self.folder}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run ``sql`` as the superuser; returns what psql printed."""
        done = subprocess.run([str(self.bin / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At",
                               "-d", self.url(database), "-c", sql], capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.strip())
        return done.stdout

    def fresh_name(self) -> str:
        return f"t_{uuid.uuid4().hex[:16]}"

    def _admin(self, sql: str) -> None:
        """Run ``sql`` as the superuser on a connection kept open (a psql process per test's
        database would cost more than the database)."""
        import psycopg

        if self._admin_conn is None or self._admin_conn.closed or self._admin_conn.broken:
            self._admin_conn = psycopg.connect(self.url(), autocommit=True)
        self._admin_conn.execute(sql)

    def create_database(self, name: str) -> str:
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
