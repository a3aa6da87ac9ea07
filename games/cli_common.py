"""What every ``cogsuite`` command shares: the error a person can fix, the data folder, the store
(the SQLite file in the data folder, or a clinic's server named by ``--store``), the checked
``--out`` path and the period of ``--since``/``--until``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from games.paths import check_out_path, data_dir, setup_logging


ENV_STORE = "COGSUITE_STORE"
STORE_FORMS = "a PostgreSQL URL such as postgresql://user@host/cogsuite or postgresql:///cogsuite?service=clinic"
LOCAL_HINT = "leave it out to use the data file on this PC"


class CliError(Exception):
    """A problem the person at the keyboard can fix; printed as one line, exit status 2."""


def checked_store_url(text: str, option: str, hint: str = LOCAL_HINT) -> str:
    """``text`` if it names a PostgreSQL server; CliError naming ``option``, the accepted forms and ``hint``."""
    from scores.store.postgres import is_server_url, shown_url

    if not is_server_url(text):
        raise CliError(f"{option} must be {STORE_FORMS}, not {shown_url(text)!r}; {hint}.")
    try:
        from psycopg import ProgrammingError
        from psycopg.conninfo import conninfo_to_dict
    except ImportError:
        return text.strip()  # open_store says what to install
    try:
        conninfo_to_dict(text.strip())
    except ProgrammingError as exc:
        detail = " ".join(str(exc).split())
        raise CliError(f"{option} {shown_url(text.strip())} is not a PostgreSQL URL libpq can read ({detail}).") from None
    return text.strip()


def store_url(args: argparse.Namespace) -> str | None:
    """The clinic server from ``--store``, else ``$COGSUITE_STORE`` (empty counts as unset), else
    None: the SQLite file in the data folder, as always."""
    option = getattr(args, "store", None)
    if option is not None:
        return checked_store_url(option, "--store")
    env = os.environ.get(ENV_STORE, "")
    return checked_store_url(env, ENV_STORE) if env.strip() else None


def check_driver() -> None:
    """CliError when psycopg, which a clinic's server needs, is not installed."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise CliError("A clinic database needs the PostgreSQL driver: install it with "
                       "pip install 'cogsuite[clinic]'.") from None


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


def open_store(args: argparse.Namespace, create: bool = True):
    """The store in the data folder, or on the clinic server ``--store`` names, with the log file
    in the data folder either way.

    Args:
        create: make a new store if the folder (or the server's database) has none (write
            commands); read commands pass False, so a mistyped name is an error, not an empty store.
    """
    from scores.store.store import Store

    url = store_url(args)
    if url is not None:
        check_driver()
    folder = data_folder(args)
    try:
        is_file = folder.exists() and not folder.is_dir()
    except OSError as exc:  # a name longer than the disk allows
        raise CliError(f"Cannot use the data folder {folder} ({exc.strerror or exc}).") from None
    if is_file:
        raise CliError(f"The data folder {folder} is a file, not a folder; give --data-dir a folder.")
    store = Store.open(folder, create=create, url=url)
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
