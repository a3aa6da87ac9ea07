"""What every ``cogsuite`` command shares: the error a person can fix, and opening the store."""

from __future__ import annotations

import argparse

from games.paths import data_dir, setup_logging


class CliError(Exception):
    """A problem the person at the keyboard can fix; printed as one line, exit status 2."""


def open_store(args: argparse.Namespace):
    """The store in ``--data-dir`` (or the default folder), with the log file beside it."""
    from scores.store import Store

    folder = data_dir(args.data_dir)
    if folder.exists() and not folder.is_dir():
        raise CliError(f"The data folder {folder} is a file, not a folder; give --data-dir a folder.")
    store = Store.open(folder)
    setup_logging(folder)
    return store
