"""What every ``cogsuite`` command shares: the error a person can fix, the data folder and the
store in it, the checked ``--out`` path and the period of ``--since``/``--until``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from games.paths import check_out_path, data_dir, setup_logging


class CliError(Exception):
    """A problem the person at the keyboard can fix; printed as one line, exit status 2."""


def user_path(text: str, option: str) -> Path:
    """``text`` as a path with ``~`` expanded; CliError for a ``~user`` this PC does not know."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        raise CliError(f"{option} {text!r} starts with ~ but names no user of this computer.") from None


def data_folder(args: argparse.Namespace) -> Path:
    """The data folder from ``--data-dir``, ``$COGSUITE_DATA_DIR`` or the default; an empty one is refused."""
    if args.data_dir is not None and not args.data_dir.strip():
        raise CliError("--data-dir is empty; give the data folder, or leave --data-dir out for the usual one.")
    return user_path(args.data_dir, "--data-dir") if args.data_dir else data_dir()


def store_url(args: argparse.Namespace) -> str | None:
    """The clinic server's URL from ``--store`` or ``$COGSUITE_STORE``; None for the SQLite file."""
    return getattr(args, "store", None) or os.environ.get("COGSUITE_STORE") or None


def open_store(args: argparse.Namespace, create: bool = True):
    """The store in the data folder, with the log file beside it.

    Args:
        create: make a new store if the folder has none (write commands); read commands pass
            False, so a mistyped folder is an error instead of an empty store.
    """
    from scores.store import Store

    folder = data_folder(args)
    try:
        is_file = folder.exists() and not folder.is_dir()
    except OSError as exc:  # a name longer than the disk allows
        raise CliError(f"Cannot use the data folder {folder} ({exc.strerror or exc}).") from None
    if is_file:
        raise CliError(f"The data folder {folder} is a file, not a folder; give --data-dir a folder.")
    store = Store.open(folder, create=create, url=store_url(args))
    setup_logging(folder)
    return store


def out_path(args: argparse.Namespace) -> Path:
    """``--out``, checked by :func:`games.paths.check_out_path` against the data folder and ``--force``."""
    return check_out_path(user_path(args.out, "--out"), data_folder(args), args.force)


def add_force(parser: argparse.ArgumentParser) -> None:
    """The ``--force`` that :func:`out_path` reads."""
    parser.add_argument("--force", action="store_true",
                        help="replace the --out file if it exists (never the store, its backups or the log)")


def check_period(args: argparse.Namespace) -> None:
    """Refuse ``--since`` after ``--until``."""
    if args.since and args.until and args.since > args.until:
        raise CliError(f"--since {args.since} is after --until {args.until}; swap them.")
