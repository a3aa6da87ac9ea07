"""``cogsuite store copy --to URL | --to-data-dir DIR`` and ``cogsuite store migrate --store URL``:
moving a clinic's data onto its server (or back to a PC), and bringing the server's tables up to date."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from games.cli_common import CliError, check_driver, checked_store_url, data_folder, open_store, store_url, user_path
from games.paths import setup_logging

log = logging.getLogger(__name__)


def add_store_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    store = sub.add_parser("store", parents=[common],
                           help="copy this store's data into another, or bring a clinic database up to date")
    actions = store.add_subparsers(dest="store_command", metavar="ACTION", required=True, parser_class=type(store))
    copy = actions.add_parser(
        "copy", parents=[common], help="copy everything from this store into another; run again, it copies only what is new",
        description="Copy every row of the current store (the data file, or the clinic database --store names) "
                    "into another store. Rows already there are left as they are, so it can run again at any time.")
    where = copy.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", metavar="URL", help="the clinic database to copy into, postgresql://... (made if empty)")
    where.add_argument("--to-data-dir", metavar="DIR",
                       help="a data folder to copy into (its data file is made if missing), to leave the server again")
    actions.add_parser("migrate", parents=[common],
                       help="bring the clinic database --store names to this cogsuite's data format (its owner runs it)")


def cmd_store(args: argparse.Namespace) -> int:
    return {"copy": _copy, "migrate": _migrate}[args.store_command](args)


def _open_target(args: argparse.Namespace):
    from scores.store.store import Store

    if args.to is not None:
        url = checked_store_url(args.to, "--to", "to copy into a data folder, use --to-data-dir")
        check_driver()
        return Store.open(data_folder(args), create=True, url=url)
    if not args.to_data_dir.strip():
        raise CliError("--to-data-dir is empty; give the data folder to copy into.")
    return Store.open(user_path(args.to_data_dir, "--to-data-dir"), create=True)


def _copy(args: argparse.Namespace) -> int:
    from scores.store.copy import copy_store, same_store

    with open_store(args, create=False) as source, _open_target(args) as target:
        if same_store(source.connection, target.connection):
            raise CliError(f"{target.location} is the store being copied from; give another store to copy into.")
        print(f"Copying {source.location} into {target.location}")
        log.info("store copy from %s into %s", source.location, target.location)
        counts = copy_store(source.connection, target.connection)
        for count in counts:
            print(_table_line(count))
        for count in counts:
            for line in count.clash_lines:
                print(f"  not copied: {line}")
        _check(counts, target.location)
    return 0


def _table_line(count) -> str:
    line = (f"{count.table:<18} {count.in_source:>10,} in this store {count.copied:>10,} copied now "
            f"{count.already_there:>10,} already there")
    if count.kept_target:
        line += f", {count.kept_target:,} kept as the target had them"
    if count.clashes or count.left_out:
        line += f", {count.clashes + count.left_out:,} NOT COPIED"
    return line


def _check(counts, where: str) -> None:
    """Print the final check; CliError (exit 2) unless every source row is in the target."""
    failing = [c for c in counts if not c.checks_out]
    if not failing:
        total = sum(c.in_source for c in counts)
        print(f"Checked: all {total:,} rows of this store are in {where}.")
        log.info("store copy checked: %s rows", total)
        return
    clashes = sum(c.clashes for c in counts)
    if clashes:
        raise CliError(f"{clashes} row(s) clash with other rows already in {where} (listed above), so they and the "
                       "rows belonging to them were not copied; give one of each pair another name and run the "
                       "copy again.")
    missing = ", ".join(f"{c.table} {c.missing - c.kept_target:,}" for c in failing)
    raise CliError(f"The check found rows of this store missing from {where} ({missing}); was this store "
                   "written to during the copy? Run the copy again.")


def _migrate(args: argparse.Namespace) -> int:
    from scores.store.database import MIGRATIONS

    url = store_url(args)
    current = len(MIGRATIONS)
    if url is None:
        with open_store(args, create=False) as store:
            print(f"The data file {store.location} is at data format {current}: a data file on this PC is "
                  "brought up to date whenever cogsuite opens it. `store migrate --store URL` is for a clinic database.")
        return 0
    check_driver()
    from scores.store.postgres import PgConnection, known_version, shown_url

    setup_logging(data_folder(args))
    conn = PgConnection(url)
    try:
        before = known_version(conn)
        if before == current:
            print(f"The clinic database {shown_url(url)} is already current (data format {current}).")
            return 0
        conn.migrate(current)
    finally:
        conn.close()
    log.info("clinic database %s brought from data format %s to %s", shown_url(url), before, current)
    print(f"Brought the clinic database {shown_url(url)} from data format {before} to {current}.")
    return 0
