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
    from scores.bundle.content import kept_passphrase
    from scores.bundle.sealed import check_passphrase, memorable_passphrase

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
    from scores.bundle.content import read_client
    from scores.bundle.files import count, write_bundle

    out = out_path(args)
    with open_store(args, create=False) as store:
        client = store.get_client(args.client)
        if client is None:
            raise CliError(f"There is no client {args.client!r} in {store.location}.")
        passphrase, key_id, how = _export_passphrase(args, store, client)
        bundle = read_client(store, client, include_names=args.include_names)
        write_bundle(store, bundle, out, passphrase, key_id)
    counts = bundle.manifest["counts"]
    print(f"Wrote the bundle of {client.code} to {out}: {count(counts, 'sessions')}, "
          f"{count(counts, 'runs')}, {count(counts, 'trials')}"
          + ("" if args.include_names else " (no display name)") + ".")
    if how == "new":
        print(f"Its passphrase, to write down for the client: {passphrase}")
    elif how == "kept":
        print(f"It is sealed with the passphrase this PC keeps for {client.code}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from scores.bundle.content import open_bundle
    from scores.bundle.files import added_words, bring_in, client_code, look_at

    path = user_path(args.file, "FILE")
    found = look_at(path)  # not a bundle, or a newer one: said before anything is asked
    with open_store(args, create=True) as store:
        kept = None if args.passphrase_file else found.kept(store)
        passphrase = kept or (_from_file(args) if args.passphrase_file else _ask("Passphrase of the bundle: "))
        bundle = open_bundle(found.data, passphrase, str(path))  # checked whole before anything is written
        summary = bring_in(store, bundle, passphrase, found.key_id, kept=bool(kept))
    code = client_code(bundle)
    log.info("bundle %s of client %s imported: %s", path, code, summary.added)
    if summary.total_added == 0 and not any(summary.updated.values()):
        print(f"Nothing new for {code}: this store already holds everything in the bundle.")
    else:
        print(f"Imported for {code}: " + (added_words(summary) or "no new rows") + ".")
    for line in summary.resolved:
        print(f"  resolved: {line}")
    return 0
