"""Opening the SQLite file safely: refuse files that are not ours, set WAL, apply migrations."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime
from pathlib import Path
from typing import Iterator

from scores.store.migrations import MIGRATIONS
from scores.store.private import private_file, private_folder

DB_FILENAME = "cogsuite.sqlite3"


COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def companions(path: Path) -> list[Path]:
    """The files SQLite keeps beside the store: its write-ahead log, shared memory and journal."""
    return [path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES]


class StoreError(Exception):
    """The store cannot be opened or used; the message is one sentence for a person."""


class IntegrityError(Exception):
    """A write broke a rule of the schema: an id or a name already taken, a row it refers to missing.

    Not a StoreError: trying the same write again cannot help.

    Attributes:
        duplicate: whether the rule was a unique one (the row, or its name, exists already).
    """

    def __init__(self, message: str, duplicate: bool) -> None:
        super().__init__(message)
        self.duplicate = duplicate


class StoreDamaged(StoreError):
    """The store file is damaged (or empty, or lost a table); it was not written to.

    Attributes:
        backup: the name of the newest backup that checks out, when the opener looked for one.
    """

    def __init__(self, message: str, backup: str | None = None) -> None:
        super().__init__(message)
        self.backup = backup


def new_id() -> str:
    """A fresh row id, unique across PCs so stores merge without clashes."""
    return str(uuid.uuid4())


def iso(moment: datetime) -> str:
    """ISO 8601 text with UTC offset, always to the millisecond so the strings line up."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment!r} has no time zone; the store keeps only zone-aware times")
    return moment.isoformat(timespec="milliseconds")


def table_names(conn: sqlite3.Connection) -> set[str]:
    """Names of the tables in the database (reading this fails early on a non-SQLite file)."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def read_version(conn: sqlite3.Connection) -> int | None:
    """The schema version of the store: 0 when empty, None when it holds someone else's tables."""
    tables = table_names(conn)
    if "schema_version" not in tables:
        return 0 if not tables else None
    (version,) = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(version)


def migrate(conn: sqlite3.Connection) -> None:
    """Apply every missing migration, each in its own transaction.

    The connection must be in autocommit mode (``isolation_level=None``). The version is read
    again inside each write transaction, so two programs opening a new store at once do not
    both run the same migration.
    """
    for target in range((read_version(conn) or 0) + 1, len(MIGRATIONS) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if (read_version(conn) or 0) < target:
                for statement in split_statements(MIGRATIONS[target - 1]):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (target,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def split_statements(script: str) -> Iterator[str]:
    """Split an SQL script into single statements (``executescript`` would commit midway)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        yield pending.strip()  # a trailing comment is harmless; a cut-off statement fails loudly


def prepare_folder(data_dir: Path) -> Path:
    """Create the data folder (0700) if it is missing; StoreError if it is a file or cannot be made."""
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError(f"The data folder {data_dir} is a file, not a folder.")
    try:
        private_folder(data_dir)
    except OSError as exc:
        raise StoreError(f"Cannot create the data folder {data_dir} ({exc.strerror or exc}).") from exc
    return data_dir


def check_store_file(path: Path, create: bool) -> None:
    """Refuse a missing store unless ``create``, and an empty file always (SQLite would take a
    zero-length file, left by a crash or a copy cut short, for a new store and fill it).

    Raises:
        StoreError: naming the folder or the file, which is left as it is.
    """
    try:
        size = path.stat().st_size
    except (FileNotFoundError, NotADirectoryError):
        if create:
            return
        raise StoreError(f"There is no cogsuite data in {path.parent} (no {path.name}); check the folder's name.") from None
    except OSError as exc:
        raise StoreError(f"Cannot open the data file {path} ({exc.strerror or exc}).") from exc
    if size == 0:
        raise StoreDamaged(f"The data file {path} is empty (0 bytes), so it is damaged or was cut short; it was "
                         "left as it is: restore a backup, or move it away to start a new store.")


def check_is_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse, before anything is written, a file this version must not touch."""
    version = read_version(conn)
    if version is None:
        raise StoreError(
            f"{path} is not a cogsuite data file (it holds other tables); it was left untouched."
        )
    if version > len(MIGRATIONS):
        raise StoreError(
            f"{path} was written by a newer cogsuite (data format {version}, this one reads up to "
            f"{len(MIGRATIONS)}); it was left untouched, so update cogsuite to open it."
        )


def connect(path: Path) -> sqlite3.Connection:
    """Open the store file in autocommit mode, checked, in WAL mode and migrated.

    An existing file is first checked on a read-only connection (``check_file``), so a file that
    fails is never written to, not even by a checkpoint when its connection closes.

    Raises:
        StoreDamaged: if the file is empty or damaged (see ``check_file``).
        StoreError: if the file cannot be opened, is not a cogsuite store, or is newer than this
            code; such a file is never written to.
    """
    if path.exists():
        from scores.store.integrity import check_file  # it builds on this module

        check_file(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open the data file {path} ({exc}).") from exc
    # before WAL mode: SQLite gives the -wal and -shm files the store's own permissions
    for companion in (path, *companions(path)):
        private_file(companion)
    try:
        check_is_ours(conn, path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn)
    except StoreError:
        conn.close()
        raise
    except sqlite3.OperationalError as exc:
        conn.close()
        raise StoreError(f"Cannot open the data file {path} ({exc}).") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a cogsuite data file ({exc}); it was left untouched.") from exc
    conn.row_factory = sqlite3.Row
    return conn
