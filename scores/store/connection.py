"""What the store asks of a database connection, and the embedded SQLite file's answer to it.

Two classes answer it: ``SqliteConnection`` here (the file in the data folder, the default) and
``scores.store.postgres.PgConnection`` (a clinic's shared server). The store's SQL is written once, with
``?`` placeholders; rows are read by column name or by position.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any, Iterator, Protocol

from scores.store.database import IntegrityError, StoreError, table_names


class Connection(Protocol):
    """A store's connection. ``shared`` is true for a clinic's server that several PCs use."""

    shared: bool

    @property
    def location(self) -> str:
        """Where the data is, for a person: a file's path or the server (never a password)."""

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        """Run one statement (a read, or a write outside any transaction); returns its cursor."""

    def write(self, sql: str, params: tuple[Any, ...] | list[Any]) -> int:
        """Run one write in its own transaction; returns the number of rows it touched."""

    def executemany(self, sql: str, rows: Any) -> Any:
        """Run one statement once per row (inside ``transaction()``: many rows, one commit)."""

    def transaction(self) -> contextlib.AbstractContextManager[Connection]:
        """A block whose statements commit together, or not at all when it raises."""

    def stream(self, sql: str, params: tuple[Any, ...]) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """A large read as plain tuples with their column names; the caller closes the cursor."""

    def table_names(self) -> set[str]:
        """The names of the tables the database holds."""

    def close(self) -> None: ...


class SqliteConnection:
    """The store file's connection (autocommit, WAL), with the rules broken reported alike."""

    shared = False

    def __init__(self, raw: sqlite3.Connection, path: Path) -> None:
        self.raw = raw
        self.path = path

    @property
    def location(self) -> str:
        return str(self.path)

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.raw.execute(sql, params)
        except sqlite3.IntegrityError as exc:
            raise IntegrityError(str(exc), duplicate="UNIQUE" in str(exc)) from exc

    def executemany(self, sql: str, rows: Any) -> sqlite3.Cursor:
        try:
            return self.raw.executemany(sql, rows)
        except sqlite3.IntegrityError as exc:
            raise IntegrityError(str(exc), duplicate="UNIQUE" in str(exc)) from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[SqliteConnection]:
        """One write transaction; a locked or full disk becomes a StoreError for the person."""
        raw = self.raw
        try:
            raw.execute("BEGIN IMMEDIATE")
            try:
                yield self
                raw.execute("COMMIT")
            except BaseException:
                if raw.in_transaction:
                    raw.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            raise StoreError(f"Could not save to {self.path} ({exc}).") from exc

    def write(self, sql: str, params: tuple[Any, ...] | list[Any]) -> int:
        with self.transaction():
            return self.execute(sql, params).rowcount

    def stream(self, sql: str, params: tuple[Any, ...]) -> tuple[list[str], sqlite3.Cursor]:
        cursor = self.raw.cursor()
        cursor.row_factory = None
        cursor.execute(sql, params)
        return [d[0] for d in cursor.description], cursor

    def table_names(self) -> set[str]:
        return table_names(self.raw)

    def close(self) -> None:
        self.raw.close()
