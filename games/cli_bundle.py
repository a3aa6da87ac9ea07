"""``cogsuite bundle export | import``: one client's data in one encrypted file, carried between PCs.

The passphrase never goes on the command line (other users of the PC can read that): it comes
from ``--passphrase-file``, from what this PC keeps for the client, or from the terminal.
``--new-passphrase`` draws four words to write down for the client.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from typing import Any

from games.cli_args import utf8_text
from games.cli_common import CliError, add_force, open_store, out_path, user_path

log = logging.getLogger(__name__)


def add_bundle_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    bundle = sub.add_parser("bundle", parents=[common],
                            help="carry one client's data between PCs (home and clinic) in one encrypted file")
    actions = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True, parser_class=type(bundle))
    export = actions.add_parser("export", parents=[common], help="write everything about one client to one file")
    export.add_argument("--client", type=utf8_text("--client"), required=True, metavar="C", help="client ID")
    export.add_argument("--out", required=True, metavar="FILE.cogsuite", help="the bundle file to write")
    export.add_argument("--include-names", action="store_true",
                        help="carry the client's display name too (it stays out by default)")
    secret = export.add_mutually_exclusive_group()
    secret.add_argument("--passphrase-file", metavar="F", help="read the passphrase from the first line of F")
    secret.add_argument("--new-passphrase", action="store_true",
                        help="draw a new passphrase of four words and print it, to write down for the client")
    add_force(export)
    merge = actions.add_parser("import", parents=[common],
                               help="merge a bundle into this store: only what is new; the later change wins")
    merge.add_argument("file", metavar="FILE", help="a bundle written by `cogsuite bundle export`")
    merge.add_argument("--passphrase-file", metavar="F", help="read the passphrase from the first line of F")


def cmd_bundle(args: argparse.Namespace) -> int:
    return _export(args) if args.bundle_command == "export" else _import(args)


def _from_file(args: argparse.Namespace) -> str:
    path = user_path(args.passphrase_file, "--passphrase-file")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"Cannot read the passphrase file {path} ({getattr(exc, 'strerror', None) or exc}).") from None
    return lines[0] if lines else ""


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise CliError("A bundle needs its passphrase: give --passphrase-file F (never the passphrase itself).")
    return getpass.getpass(prompt)


def _export_passphrase(args: argparse.Namespace, store: Any, client: Any) -> tuple[str, str | None, str]:
    """``(passphrase, key id or None for a new one, how it was chosen)``."""
    from scores.bundle import kept_passphrase
    from scores.bundle_file import check_passphrase, memorable_passphrase

    if args.new_passphrase:
        return memorable_passphrase(), None, "new"
    if args.passphrase_file:
        return check_passphrase(_from_file(args)), None, "file"
    kept = kept_passphrase(store, client_id=client.id)
    if kept:
        return kept[1], kept[0], "kept"
    first = check_passphrase(_ask(f"New passphrase for {client.code}'s bundles: "))
    if check_passphrase(_ask("The same passphrase again: ")) != first:
        raise CliError("The two passphrases differ; nothing was written.")
    return first, None, "typed"


def _export(args: argparse.Namespace) -> int:
    from scores.bundle import keep_passphrase, read_client, seal_bundle
    from scores.bundle_file import write_private

    out = out_path(args)
    with open_store(args, create=False) as store:
        client = store.get_client(args.client)
        if client is None:
            raise CliError(f"There is no client {args.client!r} in {store.location}.")
        passphrase, key_id, how = _export_passphrase(args, store, client)
        bundle = read_client(store, client, include_names=args.include_names)
        if key_id is None:
            key_id = keep_passphrase(store, client.id, passphrase)
        write_private(out, seal_bundle(bundle, passphrase, key_id))
        counts = bundle.manifest["counts"]
        store.record_audit("export", client, detail=f"bundle to {out.name}: {counts.get('runs', 0)} runs, "
                           f"{counts.get('trials', 0)} trials" + (", with names" if args.include_names else ""))
    print(f"Wrote the bundle of {client.code} to {out}: {counts.get('sessions', 0)} sessions, "
          f"{counts.get('runs', 0)} runs, {counts.get('trials', 0)} trials"
          + ("" if args.include_names else " (no display name)") + ".")
    if how == "new":
        print(f"Its passphrase, to write down for the client: {passphrase}")
    elif how == "kept":
        print(f"It is sealed with the passphrase this PC keeps for {client.code}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from scores.bundle import keep_passphrase, kept_passphrase, key_id_of, merge, open_bundle
    from scores.bundle_file import read_file

    path = user_path(args.file, "FILE")
    data = read_file(path)
    key_id = key_id_of(data, str(path))  # not a bundle, or a newer one: said before anything is asked
    with open_store(args, create=True) as store:
        kept = None if args.passphrase_file else kept_passphrase(store, key_id=key_id)
        passphrase = kept[1] if kept else _from_file(args) if args.passphrase_file else _ask("Passphrase of the bundle: ")
        bundle = open_bundle(data, passphrase, str(path))  # checked whole before anything is written
        summary = merge(store, bundle)
        if not kept:
            keep_passphrase(store, bundle.client_id, passphrase, key_id)
    code = bundle.rows("clients")[0]["client_code"]
    log.info("bundle %s of client %s imported: %s", path, code, summary.added)
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
