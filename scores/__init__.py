"""Recording and reading results: the embedded store, CSV exports and the data dictionary."""

# The program's version, defined here so that scores (which never imports games) can stamp it
# on what it writes; games re-exports it.
__version__ = "0.1.0"
