"""Client bundles: everything about one client, to carry between a home PC and the clinic (a USB
stick, an e-mail attachment), and its merge into another store. ``scores.bundle.sealed`` makes the
bytes (encrypted with a passphrase); this module reads a client out of a store and merges one in.

A bundle never holds another client, the therapist's PIN record or the PC's own settings, and a
display name only when asked for. Reading checks every row belongs to the client before one is
written, and the merge runs in one transaction: a bundle is imported whole or not at all.

Merging is by row id (UUIDs, so two PCs never collide): a row already there is not written again.
Where both sides changed the same record, the later change wins — a client's ID, name and
preferences by ``clients.updated_at``, an exercise's settings and an assignment by their
``updated_at`` — and a sitting or run that one side had open and the other closed takes the
closed one's record. What was resolved is reported.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Sequence

from scores import __version__
from scores.bundle.sealed import BundleError, open_sealed, read_header, seal
from scores.store.database import iso

KEY_SETTING = "bundle-key/"  # + key id: {"client_id", "passphrase"}, the passphrases this PC keeps
_SESSIONS = "session_id IN (SELECT id FROM sessions WHERE client_id = ?)"
_RUNS = "run_id IN (SELECT id FROM runs WHERE client_id = ?)"
# The client's rows of each table, in an order that writes every row after those it refers to.
CLIENT_TABLES: tuple[tuple[str, str], ...] = (
    ("clients", "id = ?"),
    ("exercise_settings", "client_id = ?"),
    ("assignments", "client_id = ?"),
    ("sessions", "client_id = ?"),
    ("session_items", _SESSIONS),
    ("runs", "client_id = ?"),
    ("trials", _RUNS),
    ("level_changes", _RUNS),
    ("mood_checks", _SESSIONS),
)
# A row already in the store is left as it is, except: "later" takes the record changed later
# (``updated_at``), "closed" takes a record whose ``ended_at`` the store's copy lacks.
_MERGE = {"clients": "later", "exercise_settings": "later", "assignments": "later",
          "sessions": "closed", "session_items": "closed", "runs": "closed"}
_KEYS = {"exercise_settings": ("client_id", "exercise")}  # matched by these, not by id


@dataclass
class Bundle:
    """What a bundle holds: ``manifest`` (readable without the passphrase: version, time, counts),
    the client's id, whether the display name is in it, and the rows of each table."""

    manifest: dict[str, Any]
    client_id: str
    includes_name: bool
    tables: dict[str, dict[str, Any]]  # table -> {"columns": [...], "rows": [[...], ...]}

    def rows(self, table: str) -> list[dict[str, Any]]:
        part = self.tables.get(table) or {"columns": [], "rows": []}
        return [dict(zip(part["columns"], values)) for values in part["rows"]]


@dataclass
class ImportSummary:
    """Rows added per table, and one line per conflict the merge resolved."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    resolved: list[str] = field(default_factory=list)

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


def _present_tables(store: Any) -> list[tuple[str, str]]:
    names = store.table_names()
    return [(table, where) for table, where in CLIENT_TABLES if table in names]


def read_client(store: Any, client: Any, include_names: bool = False) -> Bundle:
    """Everything the store holds about ``client``; the display name only with ``include_names``."""
    tables: dict[str, dict[str, Any]] = {}
    for table, where in _present_tables(store):
        cursor = store.select(f"SELECT * FROM {table} WHERE {where} ORDER BY rowid", (client.id,))
        keep = [i for i, d in enumerate(cursor.description) if d[0] != "rowid"]  # PostgreSQL's own order column
        columns = [cursor.description[i][0] for i in keep]
        rows = [[row[i] for i in keep] for row in cursor.fetchall()]
        if table == "clients" and not include_names:
            at = columns.index("display_name")
            for row in rows:
                row[at] = None
        tables[table] = {"columns": columns, "rows": rows}
    manifest = {"cogsuite": __version__, "created_at": iso(datetime.now(timezone.utc)),
                "counts": {table: len(part["rows"]) for table, part in tables.items()}}
    return Bundle(manifest, client.id, include_names, tables)


def seal_bundle(bundle: Bundle, passphrase: str, key_id: str) -> bytes:
    content = {"client_id": bundle.client_id, "includes_name": bundle.includes_name, "tables": bundle.tables}
    return seal(content, bundle.manifest, passphrase, key_id)


def open_bundle(data: bytes, passphrase: str, name: str = "the file") -> Bundle:
    """The bundle ``data`` holds, decrypted and checked whole; BundleError when it is not sound."""
    header, content = open_sealed(data, passphrase, name)
    try:
        bundle = Bundle(header["manifest"], content["client_id"], bool(content["includes_name"]), content["tables"])
    except (KeyError, TypeError):
        raise BundleError(f"{name} is a damaged bundle (its rows do not match its manifest); nothing was imported.") from None
    _check_belongs(bundle, name)
    return bundle


def key_id_of(data: bytes, name: str = "the file") -> str:
    """Which passphrase a bundle was sealed with (a random id, naming no one)."""
    return str(read_header(data, name).get("key_id", ""))


def kept_passphrase(store: Any, *, key_id: str | None = None, client_id: str | None = None) -> tuple[str, str] | None:
    """``(key_id, passphrase)`` this PC keeps for a bundle's key id or for a client, if any."""
    if key_id:
        kept = store.app_setting(KEY_SETTING + key_id)
        return (key_id, kept["passphrase"]) if kept else None
    rows = store.select("SELECT key, value_json FROM app_settings WHERE key LIKE ? ORDER BY updated_at DESC",
                        (KEY_SETTING + "%",)).fetchall()
    for key, value in rows:
        kept = json.loads(value)
        if kept and kept.get("client_id") == client_id:
            return key[len(KEY_SETTING):], kept["passphrase"]
    return None


def keep_passphrase(store: Any, client_id: str, passphrase: str, key_id: str | None = None) -> str:
    """Remember ``passphrase`` for the client on this PC (so it is never typed again); its key id."""
    key_id = key_id or str(uuid.uuid4())
    store.set_app_setting(KEY_SETTING + key_id, {"client_id": client_id, "passphrase": passphrase})
    return key_id


def _check_belongs(bundle: Bundle, name: str) -> None:
    """Every table known, every count as the manifest says, every row the manifest's client's."""
    known = {table for table, _ in CLIENT_TABLES}
    damaged = BundleError(f"{name} is a damaged bundle (its rows do not match its manifest); nothing was imported.")
    if not isinstance(bundle.tables, dict) or set(bundle.tables) - known or not isinstance(bundle.manifest, dict):
        raise damaged
    for table, part in bundle.tables.items():
        if (not isinstance(part, dict) or not isinstance(part.get("rows"), list)
                or len(part["rows"]) != bundle.manifest.get("counts", {}).get(table)
                or any(len(row) != len(part["columns"]) for row in part["rows"])):
            raise damaged
    clients = bundle.rows("clients")
    if len(clients) != 1 or clients[0].get("id") != bundle.client_id:
        raise damaged
    sessions = {row["id"] for row in bundle.rows("sessions")}
    runs = {row["id"] for row in bundle.rows("runs")}
    owned = [row.get("client_id") == bundle.client_id for t in ("exercise_settings", "assignments", "sessions", "runs")
             for row in bundle.rows(t)]
    owned += [row.get("session_id") in sessions for t in ("session_items", "mood_checks") for row in bundle.rows(t)]
    owned += [row.get("run_id") in runs for t in ("trials", "level_changes") for row in bundle.rows(t)]
    if not all(owned):
        raise damaged


def _later(a: str | None, b: str | None) -> bool:
    """Whether time ``a`` is after ``b`` (a missing time is the earliest)."""
    if not a:
        return False
    return not b or datetime.fromisoformat(a) > datetime.fromisoformat(b)


class _DryRun(Exception):
    """Leaves a dry run's transaction, so that it rolls back."""


def merge(store: Any, bundle: Bundle, dry_run: bool = False) -> ImportSummary:
    """Write into ``store`` what ``bundle`` holds that it lacks, in one transaction.

    Args:
        dry_run: merge inside the transaction, then roll it back: the summary says what a merge
            would add, change and resolve, and nothing is written (on SQLite and a server alike).

    Raises:
        BundleError: when the bundle cannot be merged (a different client already has its ID);
            nothing is written.
    """
    summary = ImportSummary()
    present = dict(_present_tables(store))
    try:
        with store.transaction() as conn:
            _check_client_code(conn, bundle)
            for table, where in CLIENT_TABLES:
                _merge_rows(conn, table, where, present, bundle, summary)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


def _merge_rows(conn: Any, table: str, where: str, present: dict[str, str], bundle: Bundle,
                summary: ImportSummary) -> None:
    rows = bundle.rows(table)
    if table not in present:
        if rows:
            raise BundleError(f"The bundle holds {table}, which this store cannot keep yet; update cogsuite. "
                              "Nothing was imported.")
        return
    cursor = conn.execute(f"SELECT * FROM {table} WHERE {where}", (bundle.client_id,))
    columns = [d[0] for d in cursor.description if d[0] != "rowid"]
    keys = _KEYS.get(table, ("id",))
    have = {tuple(row[k] for k in keys): {c: row[c] for c in columns} for row in cursor.fetchall()}
    _merge_table(conn, table, columns, have, rows, bundle, summary)


def _check_client_code(conn: Any, bundle: Bundle) -> None:
    client = bundle.rows("clients")[0]
    other = conn.execute("SELECT id FROM clients WHERE client_code = ? AND id <> ?",
                         (client["client_code"], client["id"])).fetchone()
    if other:
        raise BundleError(f"This store has a different client with the ID {client['client_code']!r}; give one of them "
                          "another ID first. Nothing was imported.")


def _merge_table(conn: Any, table: str, columns: Sequence[str], have: dict[tuple, dict[str, Any]],
                 rows: list[dict[str, Any]], bundle: Bundle, summary: ImportSummary) -> None:
    """Add the rows the store lacks; change those the rules above say the bundle's copy wins."""
    unknown = {key for row in rows[:1] for key in row} - set(columns)
    if unknown:
        raise BundleError(f"The bundle's {table} have columns this cogsuite does not know ({', '.join(sorted(unknown))}); "
                          "update cogsuite. Nothing was imported.")
    keys, rule = _KEYS.get(table, ("id",)), _MERGE.get(table)
    new = [row for row in rows if tuple(row[k] for k in keys) not in have]
    if new:
        names = list(new[0])
        conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                         [tuple(row[n] for n in names) for row in new])
    updated = 0
    for row in rows:
        ours = have.get(tuple(row[k] for k in keys))
        change = _change(table, rule, ours, row, bundle, summary) if ours and rule else {}
        if change:
            sets = ", ".join(f"{name} = ?" for name in change)
            conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*change.values(), ours["id"]))
            updated += 1
    summary.added[table] = len(new)
    summary.updated[table] = updated


def _change(table: str, rule: str, have: dict[str, Any], row: dict[str, Any], bundle: Bundle,
            summary: ImportSummary) -> dict[str, Any]:
    """The columns of a row already in the store that the bundle's copy changes (none: keep it)."""
    if rule == "closed":
        if have.get("ended_at") is None and row.get("ended_at") is not None:
            return {k: v for k, v in row.items() if k != "id" and have.get(k) != v}
        return {}
    theirs, ours = row.get("updated_at") or row.get("created_at"), have.get("updated_at") or have.get("created_at")
    change = {k: v for k, v in row.items() if k != "id" and have.get(k) != v}
    if table == "clients" and not bundle.includes_name:
        change.pop("display_name", None)  # a bundle without names never clears one
    if table == "exercise_settings":
        change.pop("client_id", None)
    shown = {k: v for k, v in change.items() if k not in ("updated_at", "created_at")}
    if not shown:
        return {}
    if not _later(theirs, ours):
        what = ", ".join(sorted(shown))
        summary.resolved.append(f"{_label(table, have)}: kept this store's {what} (changed here later)")
        return {}
    what = ", ".join(sorted(shown))
    summary.resolved.append(f"{_label(table, have)}: took the bundle's {what} (changed there later)")
    return change


def _label(table: str, row: dict[str, Any]) -> str:
    if table == "clients":
        return f"client {row['client_code']}"
    if table == "exercise_settings":
        return f"settings of {row['exercise']}"
    return f"{table.rstrip('s')} {row['id'][:8]}"
