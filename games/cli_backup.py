"""``cogsuite backup now | list | restore NAME``, and the day's backup after a run or the launcher."""

from __future__ import annotations

import argparse
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from games.cli_common import CliError, data_folder, store_url
from games.paths import setup_logging

log = logging.getLogger(__name__)


def add_backup_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    backup = sub.add_parser("backup", parents=[common], help="make, list or restore backups of the store")
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True, parser_class=type(backup))
    actions.add_parser("now", parents=[common], help="check the store and back it up now")
    actions.add_parser("list", parents=[common],
                       help="the backups, newest first: time, size, clients, runs, trials, whether each checks out")
    restore = actions.add_parser("restore", parents=[common],
                                 help="put a backup in place of the store; the current file is set aside, never deleted")
    restore.add_argument("name", metavar="NAME", help="a backup's name as `cogsuite backup list` shows it")


def cmd_backup(args: argparse.Namespace) -> int:
    url = store_url(args)
    if url is not None:
        from scores.store.postgres import shown_url

        raise CliError(f"The clinic database {shown_url(url)} is backed up on its server, by the server's own "
                       "tools (pg_dump); `cogsuite backup` keeps copies of the data file on this PC only.")
    folder = data_folder(args)
    if not folder.is_dir():
        raise CliError(f"There is no data folder {folder}; give --data-dir the folder holding cogsuite.sqlite3.")
    setup_logging(folder)
    action = {"now": _backup_now, "list": _list, "restore": _restore}[args.backup_command]
    return action(folder, args)


def _backup_now(folder: Path, args: argparse.Namespace) -> int:
    from scores.store.backup import make_backup
    from scores.store.database import DB_FILENAME, StoreDamaged
    from scores.store.restore import with_restore_advice

    try:
        backup = make_backup(folder / DB_FILENAME, datetime.now())
    except StoreDamaged as exc:
        raise with_restore_advice(exc, folder) from exc
    log.info("backup %s made", backup.name)
    print(f"Backed up to {backup.path} ({_size(backup.size_bytes)}); the copy checks out.")
    return 0


def _list(folder: Path, args: argparse.Namespace) -> int:
    from scores.store.backup import backup_folder, inspect, list_backups

    backups = list_backups(folder)
    if not backups:
        print(f"There are no backups in {backup_folder(folder)} yet; `cogsuite backup now` makes one.")
        return 0
    width = max(len(b.name) for b in backups)
    for backup in backups:
        found = inspect(backup.path)
        state = "checks out" if found.problem is None else f"DAMAGED ({found.problem})"
        print(f"{backup.name:<{width}}  {backup.made_at:%Y-%m-%d %H:%M}  {_size(backup.size_bytes):>8}  "
              f"{_counts(found.counts):<40}  {state}")
    return 0


def _restore(folder: Path, args: argparse.Namespace) -> int:
    from scores.store.restore import restore_backup

    done = restore_backup(folder, args.name, datetime.now())
    log.info("backup %s restored; set aside: %s", done.backup.name, [str(p) for p in done.set_aside])
    kept = f" The file it replaced is kept in {done.set_aside[0]}." if done.set_aside else ""
    print(f"Restored {done.backup.name} ({_counts(done.counts)}); the restored store checks out.{kept}")
    return 0


def _size(size_bytes: int) -> str:
    if size_bytes < 1000:
        return f"{size_bytes} bytes"
    size = size_bytes / 1000
    for unit in ("KB", "MB"):
        if size < 1000:
            return f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} GB"


def _counts(counts: dict[str, int] | None) -> str:
    if counts is None:
        return "-"
    return ", ".join(f"{n:,} {table if n != 1 else table[:-1]}" for table, n in counts.items())
