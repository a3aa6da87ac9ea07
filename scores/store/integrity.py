"""Checking a store file without writing to it: SQLite's quick_check or integrity_check, and the
tables its schema version must have. ``connect`` refuses a file that fails, before it writes."""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

from scores.store.database import (
    MIGRATIONS, StoreDamaged, StoreError, check_is_ours, check_store_file, read_version, table_names,
)


def tables_at(version: int) -> frozenset[str]:
    """The tables a store at schema ``version`` holds (found by migrating an empty one in memory)."""
    return _tables_made_by(tuple(MIGRATIONS[:version]))


@functools.lru_cache(maxsize=4)
def _tables_made_by(scripts: tuple[str, ...]) -> frozenset[str]:
    conn = sqlite3.connect(":memory:")
    try:
        for script in scripts:
            conn.executescript(script)  # a throwaway database: committing midway does no harm
        return frozenset(table_names(conn))
    finally:
        conn.close()


def find_damage(conn: sqlite3.Connection, thorough: bool = False) -> str | None:
    """What is wrong with an open cogsuite store, in a few words on one line; None if it checks out.

    SQLite's quick_check (or, ``thorough``, its integrity_check, which also matches every index
    against its table), then every table of the store's schema version must be there. A locked or
    unreadable file is not damage: its OperationalError goes to the caller.
    """
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        (first,) = conn.execute(f"PRAGMA {pragma}(1)").fetchone()
        if first != "ok":
            return one_line(f"{pragma.replace('_', ' ')}: {first}")
        missing = sorted(tables_at(read_version(conn) or 0) - table_names(conn))
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as exc:
        return one_line(str(exc))
    if missing:
        return f"its {', '.join(missing)} table{'s are' if len(missing) > 1 else ' is'} missing"
    return None


def one_line(text: str, limit: int = 120) -> str:
    """``text`` with its line breaks and runs of spaces made single spaces, cut at ``limit``."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def readonly_uri(path: Path, immutable: bool = False) -> str:
    """A URI that opens ``path`` for reading only (SQLite then never writes to it)."""
    return f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def check_file(path: Path) -> None:
    """Refuse, reading only, an existing store file that is empty, not ours, too new or damaged.

    Raises:
        StoreDamaged: the file is empty, not an SQLite file, fails SQLite's quick_check or lacks
            a table of its schema version.
        StoreError: the file is missing, someone else's, newer than this code, or cannot be read.
    """
    check_store_file(path, create=False)
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, timeout=10.0)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open the data file {path} ({exc}).") from exc
    try:
        check_is_ours(conn, path)
        problem = find_damage(conn)
    except sqlite3.OperationalError as exc:
        raise StoreError(f"Cannot open the data file {path} ({exc}).") from exc
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise StoreDamaged(f"{path} is not a cogsuite data file ({exc}); it was left untouched.") from exc
        raise StoreDamaged(f"The data file {path} is damaged ({one_line(str(exc))}); it was left untouched.") from exc
    finally:
        conn.close()
    if problem:
        raise StoreDamaged(f"The data file {path} is damaged ({problem}); it was left untouched.")
