"""Copying every row of one store into another (the SQLite file or a clinic's server, either way),
idempotently by id: run twice, the second run copies nothing; after more play, only the new rows.

The tables, their columns, the rows they refer to and their other unique keys are read from the
schema itself (``MIGRATIONS``, applied to an empty in-memory database), so a table added later is
copied too. Parents are copied before the rows that refer to them; the source is read in batches
(a clinic may hold millions of trials, and memory stays flat) and each batch is written in one
transaction with ``INSERT ... ON CONFLICT DO NOTHING``.

A row whose id is new to the target but whose other unique key is taken there (the same client ID
given to two different people on two PCs, two plans of the same name) is never merged and never
dropped silently: it is left out, with every row that belongs to it, and named in the result, so
the person can rename one of them and run the copy again. Settings (:data:`KEEP_TARGET`) are the
exception: where the target already has its own, it keeps them.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Sequence

from scores.store.connection import Connection
from scores.store.database import MIGRATIONS, IntegrityError, StoreError, split_statements

BATCH_ROWS = 1000  # rows read, and written in one transaction, at a time
SHOWN_CLASHES = 20  # clashes named per table; the rest are counted
# Tables of settings: on a clash of their unique key (the same setting already made on the target)
# the target's own value stays. Any other table's clash is reported and fails the check.
KEEP_TARGET = frozenset({"app_settings", "exercise_settings"})


@dataclass(frozen=True)
class Table:
    """One table of the schema, as the copy needs it.

    Attributes:
        parents: (column, table) for each column that refers to another table's id.
        unique_keys: the table's unique keys other than its id, each a tuple of columns.
    """

    name: str
    columns: tuple[str, ...]
    parents: tuple[tuple[str, str], ...]
    unique_keys: tuple[tuple[str, ...], ...]


@dataclass
class TableCount:
    """What the copy did with one table."""

    table: str
    in_source: int = 0
    copied: int = 0
    already_there: int = 0
    kept_target: int = 0
    clashes: int = 0
    left_out: int = 0  # rows belonging to a row left out
    clash_lines: list[str] = field(default_factory=list)
    missing: int | None = None  # source ids the final check did not find in the target

    @property
    def checks_out(self) -> bool:
        return self.missing is not None and self.missing <= self.kept_target


def schema_tables() -> list[Table]:
    """Every table of the schema but ``schema_version``, each after the tables it refers to."""
    db = sqlite3.connect(":memory:")
    try:
        for script in MIGRATIONS:
            for statement in split_statements(script):
                db.execute(statement)
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")
                 if n != "schema_version"]
        tables = [_describe(db, name) for name in names]
    finally:
        db.close()
    return _parents_first(tables)


def _describe(db: sqlite3.Connection, name: str) -> Table:
    columns = tuple(row[1] for row in db.execute(f"PRAGMA table_info({name})"))
    parents = tuple((row[3], row[2]) for row in db.execute(f"PRAGMA foreign_key_list({name})"))
    unique_keys = tuple(
        tuple(col[2] for col in db.execute(f"PRAGMA index_info({index[1]})"))
        for index in db.execute(f"PRAGMA index_list({name})") if index[2] and index[3] == "u"
    )
    return Table(name, columns, parents, unique_keys)


def _parents_first(tables: list[Table]) -> list[Table]:
    ordered: list[Table] = []
    pending = list(tables)
    while pending:
        done = {t.name for t in ordered}
        ready = [t for t in pending if all(p in done or p == t.name for _, p in t.parents)]
        if not ready:
            raise ValueError(f"the schema's tables refer to each other in a circle: {[t.name for t in pending]}")
        ordered += ready
        pending = [t for t in pending if t not in ready]
    return ordered


def same_store(a: Connection, b: Connection) -> bool:
    """Whether two connections reach the same data: the same file, or the same server's database."""
    if a.shared != b.shared:
        return False
    if not a.shared:
        return os.path.realpath(a.location) == os.path.realpath(b.location)
    return _server_identity(a) == _server_identity(b)


def _server_identity(conn: Connection) -> tuple[Any, ...]:
    # One server: its start time and port; one database on it: its oid. Readable by any user.
    return tuple(conn.execute(
        "SELECT pg_postmaster_start_time()::text, current_setting('port'),"
        " (SELECT oid FROM pg_database WHERE datname = current_database())::text").fetchone())


def copy_store(source: Connection, target: Connection, batch_rows: int = BATCH_ROWS) -> list[TableCount]:
    """Copy every row of ``source`` missing from ``target``, table by table, then check by id that
    every source row is in the target (``TableCount.missing``)."""
    tables = schema_tables()
    referenced = {parent for t in tables for _, parent in t.parents}
    left_out: dict[str, set[Any]] = {name: set() for name in referenced}
    counts = []
    for table in tables:
        count = TableCount(table.name)
        columns, rows = source.stream(f"SELECT {', '.join(table.columns)} FROM {table.name} ORDER BY rowid", ())
        try:
            while batch := rows.fetchmany(batch_rows):
                _copy_batch(target, table, batch, count, left_out)
        finally:
            rows.close()
        count.missing = _count_missing(source, target, table.name, batch_rows)
        counts.append(count)
    return counts


def _copy_batch(target: Connection, table: Table, batch: Sequence[tuple[Any, ...]], count: TableCount,
                left_out: dict[str, set[Any]]) -> None:
    id_at = table.columns.index("id")
    links = [(table.columns.index(column), parent) for column, parent in table.parents]
    count.in_source += len(batch)
    keep = []
    for row in batch:
        if any(row[at] is not None and row[at] in left_out.get(parent, ()) for at, parent in links):
            count.left_out += 1
            left_out.get(table.name, set()).add(row[id_at])
        else:
            keep.append(row)
    if not keep:
        return
    marks = ", ".join("?" * len(table.columns))
    try:
        with target.transaction() as conn:
            copied = conn.executemany(f"INSERT INTO {table.name} ({', '.join(table.columns)}) VALUES ({marks})"
                                      " ON CONFLICT DO NOTHING", keep).rowcount
    except IntegrityError as exc:  # a row refers to one the source itself lacks: nothing to guess
        raise StoreError(f"{target.location} refused rows of {table.name} ({exc}); the rows copied before "
                         "them are kept, so the copy can run again once the source is repaired.") from exc
    count.copied += copied
    if copied == len(keep):
        return
    present = _present_ids(target, table.name, [row[id_at] for row in keep])
    count.already_there += len(present) - copied
    for row in keep:
        if row[id_at] in present:
            continue
        if table.name in KEEP_TARGET:
            count.kept_target += 1
            continue
        count.clashes += 1
        left_out.get(table.name, set()).add(row[id_at])
        if len(count.clash_lines) < SHOWN_CLASHES:
            count.clash_lines.append(_clash_line(table, row))


def _clash_line(table: Table, row: tuple[Any, ...]) -> str:
    value = dict(zip(table.columns, row))
    keys = "; ".join(", ".join(f"{c} {value[c]!r}" for c in key) for key in table.unique_keys)
    return f"{table.name} {value['id']}: its {keys or 'key'} is already used by another row there"


def _present_ids(target: Connection, table: str, ids: list[Any]) -> set[Any]:
    marks = ", ".join("?" * len(ids))
    return {row[0] for row in target.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", ids).fetchall()}


def _count_missing(source: Connection, target: Connection, table: str, batch_rows: int) -> int:
    """How many of ``source``'s ids in ``table`` the target lacks, read in batches."""
    missing = 0
    _, rows = source.stream(f"SELECT id FROM {table} ORDER BY rowid", ())
    try:
        while batch := rows.fetchmany(batch_rows):
            ids = [row[0] for row in batch]
            marks = ", ".join("?" * len(ids))
            (found,) = target.execute(f"SELECT count(*) FROM {table} WHERE id IN ({marks})", ids).fetchone()
            missing += len(ids) - int(found)
    finally:
        rows.close()
    return missing
