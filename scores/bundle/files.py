"""A client's bundle written to a file, and a file's bundle brought in: the steps ``cogsuite bundle``
and the launcher's screens share, so both keep the passphrase and count alike."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scores.bundle.content import Bundle, ImportSummary, keep_passphrase, kept_passphrase, key_id_of, merge, seal_bundle
from scores.bundle.sealed import read_file, write_private

SUFFIX = ".cogsuite"
PASSPHRASE_LOCKOUT = "bundle_passphrase_lockout"  # wrong passphrases typed on this PC (scores.clinic.lockout)


@dataclass(frozen=True)
class BundleFile:
    """A bundle file read but not yet opened: its bytes and which passphrase sealed it."""

    path: Path
    data: bytes
    key_id: str

    def kept(self, store: Any) -> str | None:
        """The passphrase that sealed it, when this PC keeps it."""
        kept = kept_passphrase(store, key_id=self.key_id)
        return kept[1] if kept else None


def look_at(path: Path) -> BundleFile:
    """Read ``path``; BundleError when it is not a bundle or comes from a newer cogsuite (said before
    any passphrase is asked)."""
    data = read_file(path)
    return BundleFile(Path(path), data, key_id_of(data, str(path)))


def write_bundle(store: Any, bundle: Bundle, path: Path, passphrase: str, key_id: str | None = None) -> str:
    """Seal ``bundle`` with ``passphrase`` and write it at ``path`` (atomically, readable by this
    account only). A passphrase without a key id is new: this PC keeps it first, so the client
    never types it again. Returns the key id."""
    if key_id is None:
        key_id = keep_passphrase(store, bundle.client_id, passphrase)
    write_private(Path(path), seal_bundle(bundle, passphrase, key_id))
    counts = bundle.manifest["counts"]
    store.record_audit("export", _client(store, bundle), detail=f"bundle to {Path(path).name}: "
                       f"{counts.get('runs', 0)} runs, {counts.get('trials', 0)} trials"
                       + (", with the name" if bundle.includes_name else ""))
    return key_id


def bring_in(store: Any, bundle: Bundle, passphrase: str, key_id: str, kept: bool,
             dry_run: bool = False) -> ImportSummary:
    """Merge ``bundle`` (``dry_run``: only say what a merge would do); after a real merge this PC
    keeps a passphrase it did not know, for the next bundle of this client."""
    summary = merge(store, bundle, dry_run=dry_run)
    if not dry_run:
        if not kept:
            keep_passphrase(store, bundle.client_id, passphrase, key_id)
        store.record_audit("import", _client(store, bundle), detail=f"bundle: {summary.total_added} new records"
                           + (f", {len(summary.resolved)} conflicts resolved" if summary.resolved else ""))
    return summary


def _client(store: Any, bundle: Bundle) -> Any:
    return store.get_client(client_code(bundle))


def client_code(bundle: Bundle) -> str:
    return bundle.rows("clients")[0]["client_code"]


def count(counts: dict[str, int], table: str, word: str | None = None) -> str:
    """``counts[table]`` with its word: "1 run", "12 trials", "0 level changes"."""
    n = counts.get(table, 0)
    words = word or table.replace("_", " ")
    return f"{n} {words[:-1] if n == 1 and words.endswith('s') else words}"


def added_words(summary: ImportSummary, words: dict[str, str] | None = None) -> str:
    """What a merge added, table by table ("2 sessions, 5 runs, 80 trials"); empty when nothing."""
    words = words or {}
    return ", ".join(count(summary.added, table, words.get(table)) for table, n in summary.added.items() if n)
