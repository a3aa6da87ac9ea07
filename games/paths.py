"""Where cogsuite keeps its data, the log file there, and the files no export may replace."""

from __future__ import annotations

import logging
import os
from pathlib import Path

ENV_DATA_DIR = "COGSUITE_DATA_DIR"
LOG_FILE = "cogsuite.log"
# This module is imported by every command before its arguments are parsed, so the store's modules
# (and platformdirs) are imported by the functions that need them: `cogsuite --help` needs none.


def kept_folders() -> tuple[str, ...]:
    """The folders beside the store no file may be written into: backups, and stores a restore replaced."""
    from scores.store.backup import BACKUP_FOLDER
    from scores.store.restore import SET_ASIDE_FOLDER

    return (BACKUP_FOLDER, SET_ASIDE_FOLDER)


def protected_prefixes() -> tuple[str, ...]:
    """The starts of the names of the files in the data folder no export may replace.

    The store and its -wal, -shm and -journal companions start with the store's name; the log's
    rotated copies with the log's; answers kept after a failed save until the next start with theirs
    (and so do such files a start has claimed to save them).
    """
    from games.core.engine.unsaved import CLAIMED, PREFIX as UNSAVED_PREFIX
    from scores.store.database import DB_FILENAME

    return (DB_FILENAME, LOG_FILE, UNSAVED_PREFIX, CLAIMED)


def data_dir(cli_value: str | None = None) -> Path:
    """``--data-dir`` if given, else ``$COGSUITE_DATA_DIR``, else the platform's per-user data folder."""
    chosen = cli_value or os.environ.get(ENV_DATA_DIR)
    if not chosen:
        import platformdirs

        chosen = platformdirs.user_data_dir("cogsuite", appauthor=False)
    return Path(chosen).expanduser()


def check_out_path(out: Path, data_folder: Path, force: bool = False) -> Path:
    """``out`` if an export, report or plan file may be written there, else ExportError.

    Never the store, its companions, the log or anything in the backups or set-aside folders, whatever the
    spelling (relative, ``..``, a symlink, another case); an existing file only with ``force``.

    Raises:
        ExportError: one sentence naming the file and what to do instead.
    """
    from scores.export.csvfile import ExportError

    out = Path(out)
    try:
        protected, is_folder, exists = _is_protected(out, data_folder), out.is_dir(), os.path.lexists(out)
    except OSError as exc:  # a name longer than the disk allows
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from None
    except RuntimeError:  # resolve() on a loop of symbolic links
        raise ExportError(f"Cannot write {out}: it is a loop of symbolic links.") from None
    if protected:
        raise ExportError(f"{out} is part of cogsuite's own data in {data_folder}; write to another file.")
    if is_folder:
        raise ExportError(f"Cannot write {out}: it is a folder.")
    if exists and not force:
        raise ExportError(f"{out} already exists; add --force to replace it, or choose another name.")
    return out


def _is_protected(out: Path, data_folder: Path) -> bool:
    target, folder = _real_parts(out), _real_parts(data_folder)
    inside = target[len(folder):]
    if target[: len(folder)] != folder or not inside:
        return False
    return inside[0] in kept_folders() or (len(inside) == 1 and inside[0].startswith(protected_prefixes()))


def _real_parts(path: Path) -> tuple[str, ...]:
    # resolve() follows symlinks and '..' from the working folder; casefold() because a Windows or
    # macOS disk takes COGSUITE.SQLITE3 for the store.
    return tuple(part.casefold() for part in path.resolve().parts)


def setup_logging(folder: Path) -> None:
    """Send details to ``cogsuite.log`` in the data folder; a person sees only one clear sentence."""
    root = logging.getLogger()
    target = str((folder / LOG_FILE).resolve())
    if any(getattr(h, "baseFilename", None) == target for h in root.handlers):
        return
    try:
        handler = logging.FileHandler(target, encoding="utf-8")
    except OSError:
        return  # the store's own error says what is wrong with the folder
    from scores.store.private import private_file

    private_file(Path(target))
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
