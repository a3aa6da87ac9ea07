"""Client bundles: one client's data, sealed with a passphrase, written to and read from files."""
