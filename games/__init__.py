"""cogsuite: calm, adaptive cognitive exercises for occupational therapy."""

__version__ = "0.1.0"
