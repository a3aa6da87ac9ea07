"""Where cogsuite keeps its data, and the log file there."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

from scores.private import private_file

ENV_DATA_DIR = "COGSUITE_DATA_DIR"
LOG_FILE = "cogsuite.log"


def data_dir(cli_value: str | None = None) -> Path:
    """``--data-dir`` if given, else ``$COGSUITE_DATA_DIR``, else the platform's per-user data folder."""
    chosen = cli_value or os.environ.get(ENV_DATA_DIR) or platformdirs.user_data_dir("cogsuite", appauthor=False)
    return Path(chosen).expanduser()


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
    private_file(Path(target))
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
