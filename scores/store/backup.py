"""Rotating, checked copies of the store in ``DATA_DIR/backups``, made with SQLite's backup API."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Hashable, Iterable

from scores.store.database import MIGRATIONS, StoreDamaged, StoreError, read_version
from scores.store.integrity import check_file, find_damage, one_line, readonly_uri
from scores.store.private import FILE_MODE, private_folder

log = logging.getLogger(__name__)
BACKUP_FOLDER = "backups"
KEEP_DAILY, KEEP_WEEKLY = 7, 4
COUNTED_TABLES = ("clients", "runs", "trials")
# cogsuite-2026-03-31-174502.sqlite3, then -2, -3 ... for more in the same second; local time
_NAME = re.compile(r"cogsuite-(\d{4}-\d{2}-\d{2}-\d{6})(?:-(\d+))?\.sqlite3")
_PARTIAL = ".partial"


class BackupError(StoreError):
    """A backup cannot be made, found or restored; the message is one sentence for a person."""


@dataclass(frozen=True)
class Backup:
    """One backup file; ``made_at`` is the local time in its name."""

    name: str
    path: Path
    made_at: datetime
    number: int  # 1, or 2, 3 ... for later backups in the same second

    @property
    def size_bytes(self) -> int:
        return self.path.stat().st_size


def parse_name(name: str) -> tuple[datetime, int] | None:
    """The local time and same-second number in a backup's name; None for any other name."""
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    try:
        made_at = datetime.strptime(match.group(1), "%Y-%m-%d-%H%M%S")
    except ValueError:
        return None
    return made_at, int(match.group(2) or 1)


def backup_folder(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_FOLDER


def list_backups(data_dir: Path) -> list[Backup]:
    """The backups in the data folder, newest first (files with other names are not backups)."""
    folder = backup_folder(data_dir)
    found = []
    for path in folder.iterdir() if folder.is_dir() else ():
        parsed = parse_name(path.name)
        if parsed is not None and path.is_file():
            found.append(Backup(path.name, path, *parsed))
    return sorted(found, key=lambda b: (b.made_at, b.number), reverse=True)


def backups_to_keep(backups: Iterable[Backup], daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> set[str]:
    """The rotation rule: the newest backup of each of the latest ``daily`` days that have one, and
    the newest of each of the latest ``weekly`` weeks (Monday to Sunday) that have one."""
    newest_first = sorted(backups, key=lambda b: (b.made_at, b.number), reverse=True)
    return (_newest_per(newest_first, lambda b: b.made_at.date(), daily)
            | _newest_per(newest_first, lambda b: b.made_at.isocalendar()[:2], weekly))


def _newest_per(newest_first: list[Backup], period: Callable[[Backup], Hashable], count: int) -> set[str]:
    kept: dict[Hashable, str] = {}
    for backup in newest_first:
        key = period(backup)
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = backup.name
    return set(kept.values())


def prune(data_dir: Path) -> list[str]:
    """Delete the backups the rotation rule does not keep, and copies left half made; returns the
    names of the backups deleted."""
    backups = list_backups(data_dir)
    keep = backups_to_keep(backups)
    for partial in backup_folder(data_dir).glob("*" + _PARTIAL):
        partial.unlink(missing_ok=True)
    gone = [b for b in backups if b.name not in keep]
    for backup in gone:
        backup.path.unlink(missing_ok=True)
    return [b.name for b in gone]


def make_backup(store_path: Path, now: datetime) -> Backup:
    """Copy the store into the backups folder, check the copy, then apply the rotation rule.

    Args:
        store_path: the store file; it is only read.
        now: the local time, which names the backup.

    Raises:
        StoreDamaged: the store (so its copy) fails a check; no backup is made and none rotates out.
        BackupError: there is no store, or the copy cannot be written.
    """
    if not store_path.is_file():
        raise BackupError(f"There is no data file at {store_path} to back up.")
    check_file(store_path)
    folder = private_folder(backup_folder(store_path.parent))
    name = free_name(folder, "cogsuite", now)
    partial = folder / (name + _PARTIAL)
    try:
        problem = _copy_and_check(store_path, partial)
        if problem:
            raise StoreDamaged(f"The data file {store_path} is damaged ({problem}); no backup was made.")
        os.replace(partial, folder / name)
        sync_folder(folder)
    except (OSError, sqlite3.OperationalError) as exc:
        raise BackupError(f"Could not write a backup in {folder} ({exc}).") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreDamaged(f"The data file {store_path} is damaged ({one_line(str(exc))}); no backup was made.") from exc
    finally:
        partial.unlink(missing_ok=True)
    prune(store_path.parent)
    return Backup(name, folder / name, *parse_name(name))


def backup_if_due(store_path: Path, now: datetime) -> Backup | None:
    """The day's backup after a session or a run: made unless one was already made on ``now``'s
    date (a backup asked for counts too)."""
    if any(b.made_at.date() == now.date() for b in list_backups(store_path.parent)):
        return None
    return make_backup(store_path, now)


def backup_after_use(store_path: Path | None) -> None:
    """The day's backup once a run, a session or the launcher is over, if none was made today; a
    failure is a warning on stderr and in the log, never the caller's failure. A clinic's server
    (no store file: ``None``) is backed up on the server, by its own tools."""
    if store_path is None:
        return
    try:
        made = backup_if_due(Path(store_path), datetime.now())
    except StoreError as exc:
        log.warning("no backup after use: %s", exc)
        print(f"cogsuite: warning: no backup was made ({exc})", file=sys.stderr)
        return
    if made is not None:
        log.info("the day's backup %s made", made.name)


def free_name(folder: Path, prefix: str, now: datetime) -> str:
    """``PREFIX-2026-03-31-174502.sqlite3`` for ``now``'s local time, or, when that second has a
    file already, -2, -3 ... after it: one more than any number of that second, so later sorts after."""
    stamp = f"{prefix}-{now:%Y-%m-%d-%H%M%S}"
    same_second = re.compile(re.escape(stamp) + r"(?:-(\d+))?\.sqlite3")
    numbers = [int(m.group(1) or 1) for p in folder.glob(stamp + "*") if (m := same_second.match(p.name))]
    number = max(numbers, default=0) + 1
    return f"{stamp}{'' if number == 1 else f'-{number}'}.sqlite3"


def _copy_and_check(store_path: Path, target: Path) -> str | None:
    """Copy the store page by page into ``target`` (an ordinary, not WAL, file, private to the
    user), then run the full integrity check on the copy; returns what is wrong, or None."""
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    source = sqlite3.connect(store_path, timeout=10.0)  # only read; its close tidies the -wal away
    try:
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            return find_damage(copy, thorough=True)
        finally:
            copy.close()
    finally:
        source.close()


@dataclass(frozen=True)
class Inspection:
    """What ``inspect`` found in a backup: rows per counted table, and what is wrong (None: it checks out)."""

    counts: dict[str, int] | None
    problem: str | None


def inspect(path: Path) -> Inspection:
    """Read a backup without changing it: does it pass SQLite's integrity_check, is it a cogsuite
    store this code can read, and how many clients, runs and trials it holds."""
    try:
        conn = sqlite3.connect(readonly_uri(path, immutable=True), uri=True)
    except sqlite3.Error as exc:
        return Inspection(None, one_line(str(exc)))
    try:
        version = read_version(conn)
        if not version:
            return Inspection(None, "not a cogsuite data file")
        if version > len(MIGRATIONS):
            return Inspection(None, f"made by a newer cogsuite (data format {version})")
        problem = find_damage(conn, thorough=True)
        return Inspection(None if problem else count_rows(conn), problem)
    except sqlite3.Error as exc:
        return Inspection(None, one_line(str(exc)))
    finally:
        conn.close()


def count_rows(conn: sqlite3.Connection) -> dict[str, int]:
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTED_TABLES}


def newest_good(data_dir: Path) -> Backup | None:
    """The newest backup that checks out (they are checked newest first until one does)."""
    return next((b for b in list_backups(data_dir) if inspect(b.path).problem is None), None)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (where the system allows it)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
