"""Putting a backup in place of the store: the current file is kept aside first, never deleted."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scores.store.backup import Backup, BackupError, count_rows, free_name, inspect, list_backups, newest_good, sync_folder
from scores.store.database import DB_FILENAME, StoreDamaged, StoreError, companions, connect
from scores.store.private import FILE_MODE, private_file, private_folder

SET_ASIDE_FOLDER = "set-aside"


@dataclass(frozen=True)
class Restored:
    """A restore done: the backup, where the files it replaced went, and what the store now holds."""

    backup: Backup
    set_aside: list[Path]
    counts: dict[str, int]


def find_backup(data_dir: Path, name: str) -> Backup:
    """The backup called ``name`` in the listing (a name, never a path)."""
    for backup in list_backups(data_dir):
        if backup.name == name:
            return backup
    raise BackupError(f"There is no backup called {name!r}; `cogsuite backup list` shows their names.")


def restore_backup(data_dir: Path, name: str, now: datetime) -> Restored:
    """Check the backup, set the current store and its companions aside, put a copy of the backup
    in its place and open it (the quick check, and any migration an older backup needs).

    Args:
        now: the local time, which names the set-aside files.

    Raises:
        BackupError: no such backup, a backup that fails its check (nothing is changed then), or
            a copy that cannot be written.
    """
    data_dir = Path(data_dir)
    backup = find_backup(data_dir, name)
    problem = inspect(backup.path).problem
    if problem:
        raise BackupError(f"The backup {name} is damaged ({problem}); nothing was changed, so choose "
                          "another from `cogsuite backup list`.")
    store_path = data_dir / DB_FILENAME
    incoming = data_dir / (DB_FILENAME + ".restoring")
    moved: list[Path] = []
    try:
        _private_copy(backup.path, incoming)
        moved = set_aside(store_path, now)
        os.replace(incoming, store_path)
        sync_folder(data_dir)
        return Restored(backup, moved, _quick_check(store_path))
    except (OSError, StoreError) as exc:
        kept = f"; the file it replaced is in {moved[0]}" if moved else ""
        raise BackupError(f"Could not restore {name} ({exc}){kept}.") from exc
    finally:
        incoming.unlink(missing_ok=True)


def _quick_check(store_path: Path) -> dict[str, int]:
    conn = connect(store_path)
    try:
        return count_rows(conn)
    finally:
        conn.close()


def _private_copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` (0600), on disk before this returns."""
    with open(source, "rb") as src, open(os.open(target, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, FILE_MODE), "wb") as dst:
        shutil.copyfileobj(src, dst)
        dst.flush()
        os.fsync(dst.fileno())
    private_file(target)


def set_aside(store_path: Path, now: datetime) -> list[Path]:
    """Move the store file and its companions (-wal, -shm, -journal) into ``set-aside/`` under one
    new name, private to the user; returns where they went (nothing when there is no store)."""
    present = [path for path in (store_path, *companions(store_path)) if path.exists()]
    if not present:
        return []
    folder = private_folder(store_path.parent / SET_ASIDE_FOLDER)
    stem = free_name(folder, "cogsuite-before-restore", now)
    moved = []
    for path in present:
        target = folder / (stem + path.name[len(store_path.name):])
        os.replace(path, target)
        private_file(target)
        moved.append(target)
    sync_folder(folder)
    sync_folder(store_path.parent)
    return moved


def with_restore_advice(damaged: StoreDamaged, data_dir: Path) -> StoreDamaged:
    """``damaged`` with the way out added: the command restoring the newest good backup, if any."""
    good = newest_good(data_dir)
    if good is None:
        advice = "There is no good backup to restore; keep the file as it is and ask for help."
    else:
        advice = f"Restore the newest good backup with `cogsuite backup restore {good.name}`."
    return StoreDamaged(f"{damaged} {advice}", backup=good.name if good else None)
