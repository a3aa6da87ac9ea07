"""cogsuite: calm, adaptive cognitive exercises for occupational therapy."""

from scores import __version__

__all__ = ["__version__"]
