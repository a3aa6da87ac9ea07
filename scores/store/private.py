"""Files and folders only their owner can read: the data folder 0700, everything written in it 0600.

Display names, moods and the PIN hash are in the store; the operating system account is the data
boundary, so nothing cogsuite writes is readable by other accounts on the PC.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
log = logging.getLogger(__name__)


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and its parents) if missing, and take group and other access away from it.

    Raises:
        OSError: if the folder cannot be created.
    """
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    _tighten(folder, FOLDER_MODE)
    return folder


def private_file(path: Path) -> None:
    """Take group and other access away from an existing file (a store made by an older version)."""
    _tighten(path, FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    """chmod to ``mode`` when group or others have any access; a file not ours is only logged."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & 0o077:
            os.chmod(path, mode)
    except FileNotFoundError:
        return
    except OSError as exc:  # someone else's file, or a file system without modes
        log.warning("could not make %s private: %s", path, exc)
