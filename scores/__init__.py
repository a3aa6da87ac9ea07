"""Recording and reading results: the embedded store, CSV exports and the data dictionary."""
