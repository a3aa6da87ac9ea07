"""``cogsuite bundle export | import``: one client's data in one file, carried between PCs."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from games.cli_args import utf8_text
from games.cli_common import CliError, add_force, open_store, out_path, user_path

log = logging.getLogger(__name__)


def add_bundle_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    bundle = sub.add_parser("bundle", parents=[common],
                            help="carry one client's data between PCs (home and clinic) in one file")
    actions = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True, parser_class=type(bundle))
    export = actions.add_parser("export", parents=[common], help="write everything about one client to one file")
    export.add_argument("--client", type=utf8_text("--client"), required=True, metavar="C", help="client ID")
    export.add_argument("--out", required=True, metavar="FILE.cogsuite", help="the bundle file to write")
    export.add_argument("--include-names", action="store_true",
                        help="carry the client's display name too (it stays out by default)")
    add_force(export)
    merge = actions.add_parser("import", parents=[common],
                               help="merge a bundle into this store: only what is new; the later change wins")
    merge.add_argument("file", metavar="FILE", help="a bundle written by `cogsuite bundle export`")


def cmd_bundle(args: argparse.Namespace) -> int:
    return _export(args) if args.bundle_command == "export" else _import(args)


def _export(args: argparse.Namespace) -> int:
    from scores.bundle import read_client, write_bundle

    out = out_path(args)
    with open_store(args, create=False) as store:
        client = store.get_client(args.client)
        if client is None:
            raise CliError(f"There is no client {args.client!r} in {store.location}.")
        bundle = read_client(store, client, include_names=args.include_names)
    write_bundle(out, bundle)
    counts = bundle.manifest["counts"]
    print(f"Wrote the bundle of {client.code} to {out}: {counts.get('sessions', 0)} sessions, "
          f"{counts.get('runs', 0)} runs, {counts.get('trials', 0)} trials"
          + ("" if args.include_names else " (no display name)"))
    return 0


def _import(args: argparse.Namespace) -> int:
    from scores.bundle import merge, read_bundle

    bundle = read_bundle(user_path(args.file, "FILE"))  # checked whole before the store is opened
    with open_store(args, create=True) as store:
        summary = merge(store, bundle)
    code = bundle.rows("clients")[0]["client_code"]
    log.info("bundle %s of client %s imported: %s", args.file, code, summary.added)
    if summary.total_added == 0 and not any(summary.updated.values()):
        print(f"Nothing new for {code}: this store already holds everything in the bundle.")
    else:
        added = ", ".join(f"{n} {_rows(table, n)}" for table, n in summary.added.items() if n)
        print(f"Imported for {code}: " + (added or "no new rows") + ".")
    for line in summary.resolved:
        print(f"  resolved: {line}")
    return 0


def _rows(table: str, count: int) -> str:
    """``level_changes`` as words: "level changes", or "level change" for one."""
    words = table.replace("_", " ")
    return words[:-1] if count == 1 and words.endswith("s") else words
