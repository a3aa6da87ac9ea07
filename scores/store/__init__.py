"""The records: the store, its two backends, its checks, backups and copies."""
