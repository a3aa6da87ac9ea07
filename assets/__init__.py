"""Files that ship with cogsuite (fonts); found from a checkout and an installed wheel alike."""

from importlib.resources import files
from pathlib import Path


def asset_path(relative: str) -> Path:
    """Return the filesystem path of a shipped asset, e.g. ``fonts/AtkinsonHyperlegible-Regular.ttf``."""
    return Path(str(files(__name__).joinpath(relative)))
