"""The embedded store: one SQLite file in the data folder, WAL mode, a transaction per trial."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scores.store.clients import Client, ClientNameError, validate_client_code, validate_display_name
from scores.store.connection import Connection, SqliteConnection
from scores.store.database import (
    DB_FILENAME, MIGRATIONS, IntegrityError, StoreDamaged, StoreError, check_store_file, connect, iso, new_id,
    prepare_folder,
)
from scores.clinic.assignment_records import AssignmentRecords
from scores.clinic.audit import COMMAND_LINE, Actor, AuditRecords
from scores.clinic.records import ClinicRecords
from scores.clinic.therapists import TherapistRecords
from scores.store.queries import ExerciseSettings, Filters, StoreQueries

__all__ = [
    "MIGRATIONS", "Client", "ClientNameError", "ExerciseSettings", "Filters", "Store", "StoreDamaged", "StoreError",
    "validate_client_code", "validate_display_name",
]

SESSION_KINDS: tuple[str, ...] = ("home", "clinic", "simulated")


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_plain)


def _plain(value: Any) -> Any:
    """numpy scalars (from summaries) as plain Python numbers; anything else is a caller's bug."""
    if hasattr(value, "item") and callable(value.item):
        return value.item()
    raise TypeError(f"{type(value).__name__} {value!r} cannot be stored as JSON")


def _client(row: Any) -> Client:
    return Client(
        row["id"], row["client_code"], row["display_name"], row["created_at"], bool(row["archived"]),
        bool(row["hide_countdown"]),
    )


class Store(ClinicRecords, AssignmentRecords, StoreQueries, TherapistRecords, AuditRecords):
    """The results store. Every write commits before returning; reads come from StoreQueries.

    Attributes:
        data_dir: the PC's data folder (the log, kept answers and, by default, the store file).
        path: the store file in it; None on a clinic's shared server.
        is_shared: whether the store is a clinic's server that several PCs use.
        actor: who acts on it now (a therapist signed in, the launcher, the command line); the
            audit records it.
    """

    def __init__(self, conn: Connection, data_dir: Path) -> None:
        self._conn = conn
        self.data_dir = Path(data_dir)
        self.path: Path | None = None if conn.shared else Path(data_dir) / DB_FILENAME
        self.is_shared = conn.shared
        self.actor: Actor = COMMAND_LINE

    @property
    def location(self) -> str:
        """Where the data is, for a message: the file's path or the server (never a password)."""
        return self._conn.location

    @property
    def connection(self) -> Connection:
        """The database connection, for work on whole tables (``scores.store.copy``)."""
        return self._conn

    @classmethod
    def open(cls, data_dir: Path, create: bool = True, url: str | None = None) -> Store:
        """Open (migrating as needed) the store in ``data_dir``, or on the server ``url`` names;
        create it only if ``create``.

        Raises:
            StoreDamaged: if the file is empty or damaged; its message names the backup to restore.
            StoreError: if the folder, file or server cannot be used, or there is no store and
                ``create`` is False; an unreadable file is left as it was.
        """
        if url:
            from scores.store.postgres import open_server

            return cls(open_server(url, create), prepare_folder(Path(data_dir)))
        path = Path(data_dir) / DB_FILENAME
        try:
            check_store_file(path, create)
            prepare_folder(path.parent)
            return cls(SqliteConnection(connect(path), path), path.parent)
        except StoreDamaged as exc:
            from scores.store.restore import with_restore_advice

            raise with_restore_advice(exc, path.parent) from exc

    def answers(self) -> bool:
        """Whether the store can be reached now: a clinic's server is asked on a connection of its
        own (safe from another thread); the file in the data folder is always there."""
        return self._conn.answers() if self._conn.shared else True

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def table_names(self) -> set[str]:
        """The tables the store holds (a store's schema version decides which)."""
        return self._conn.table_names()

    def select(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """A read in the store's shared SQL dialect; rows read by column name or position."""
        return self._conn.execute(sql, params)

    def transaction(self) -> Any:
        """A block of writes that commit together or not at all; yields the connection to write with."""
        return self._conn.transaction()

    def _write(self, sql: str, params: tuple[Any, ...] | list[Any]) -> int:
        """Run one write in its own transaction; return the number of rows it touched."""
        return self._conn.write(sql, params)

    def _update_one(self, sql: str, params: tuple[Any, ...], what: str) -> None:
        if self._write(sql, params) != 1:
            raise KeyError(f"no {what} with id {params[-1]!r} in {self.location}")

    # --- clients -------------------------------------------------------------------------

    def set_exercise_settings(
        self, client: Client, exercise: str, *, target_rate: float | None, locked_level: int | None,
        now: datetime | None = None,
    ) -> ExerciseSettings:
        """Replace the client's settings for ``exercise`` (None restores the exercise's default)."""
        if target_rate is not None and not 0.0 < target_rate < 1.0:
            raise ValueError(f"a target success rate must lie between 0 and 1, not {target_rate}")
        self._write(
            "INSERT INTO exercise_settings (id, client_id, exercise, target_rate, locked_level, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, exercise) DO UPDATE SET"
            " target_rate = excluded.target_rate, locked_level = excluded.locked_level,"
            " updated_at = excluded.updated_at",
            (new_id(), client.id, exercise, target_rate, locked_level, iso(now or datetime.now(timezone.utc))),
        )
        target = f"{target_rate:g}" if target_rate is not None else "default"
        level = f"locked at {locked_level}" if locked_level is not None else "adapts"
        self.record_audit("settings", client, detail=f"{exercise}: target success rate {target}, level {level}")
        return self.exercise_settings(client, exercise)

    def add_client(self, code: str, display_name: str | None = None, now: datetime | None = None) -> Client:
        """Add a client; raises ClientNameError for a bad or already used ID."""
        client = Client(
            id=new_id(),
            code=validate_client_code(code),
            display_name=validate_display_name(display_name),
            created_at=iso(now or datetime.now(timezone.utc)),
            archived=False,
        )
        try:
            self._write(
                "INSERT INTO clients (id, client_code, display_name, created_at, archived)"
                " VALUES (?, ?, ?, ?, 0)",
                (client.id, client.code, client.display_name, client.created_at),
            )
        except IntegrityError as exc:
            raise ClientNameError(f"A client with the ID '{client.code}' already exists.") from exc
        return client

    def get_client(self, code: str) -> Client | None:
        row = self._conn.execute("SELECT * FROM clients WHERE client_code = ?", (code.strip(),)).fetchone()
        return _client(row) if row else None

    def list_clients(self, include_archived: bool = False) -> list[Client]:
        """Clients ordered by code; archived ones only when asked for."""
        sql = "SELECT * FROM clients" + ("" if include_archived else " WHERE archived = 0")
        return [_client(row) for row in self._conn.execute(sql + " ORDER BY client_code")]

    def set_archived(self, client: Client, archived: bool) -> Client:
        """Hide a client from (or bring them back to) the usual lists; their data stays."""
        self._update_one("UPDATE clients SET archived = ?, updated_at = ? WHERE id = ?",
                         (int(archived), iso(datetime.now(timezone.utc)), client.id), "client")
        return replace(client, archived=archived)

    def update_client(
        self, client: Client, *, code: str | None = None, display_name: str | None = None,
        hide_countdown: bool | None = None,
    ) -> Client:
        """Rename a client (new ID and/or display name; '' clears the name) or set a preference.

        Raises:
            ClientNameError: for a bad ID or name, or an ID another client already has.
        """
        changed = replace(
            client,
            code=client.code if code is None else validate_client_code(code),
            display_name=client.display_name if display_name is None else validate_display_name(display_name),
            hide_countdown=client.hide_countdown if hide_countdown is None else hide_countdown,
        )
        try:
            self._update_one(
                "UPDATE clients SET client_code = ?, display_name = ?, hide_countdown = ?, updated_at = ? WHERE id = ?",
                (changed.code, changed.display_name, int(changed.hide_countdown), iso(datetime.now(timezone.utc)),
                 client.id), "client",
            )
        except IntegrityError as exc:
            raise ClientNameError(f"A client with the ID '{changed.code}' already exists.") from exc
        return changed

    def suggest_client_code(self) -> str:
        """The next free code of the form C-0001, C-0002, ..."""
        rows = self._conn.execute("SELECT client_code FROM clients WHERE client_code LIKE 'C-%'")
        numbers = [int(code[2:]) for (code,) in rows
                   if code.startswith("C-") and code[2:].isascii() and code[2:].isdigit()]
        return f"C-{max(numbers, default=0) + 1:04d}"

    # --- recording -----------------------------------------------------------------------

    def start_session(
        self, client: Client, started_at: datetime, kind: str = "home", plan_name: str | None = None,
        row_id: str | None = None, assignment_id: str | None = None,
    ) -> str:
        """Start a sitting of one client; ``kind`` is home, clinic or simulated. Returns its id.

        A session with an ``assignment_id`` follows that home assignment's plan.

        A ``row_id`` given (here and in the other ``start_*`` and ``add_*`` writes) is the new row's
        id, so that a write kept for a retry can be referred to before it is saved.
        """
        if kind not in SESSION_KINDS:
            raise ValueError(f"session kind {kind!r} is not one of {SESSION_KINDS}")
        session_id = row_id or new_id()
        self._write(
            "INSERT INTO sessions (id, client_id, started_at, kind, plan_name, assignment_id) VALUES (?, ?, ?, ?, ?, ?)",
            (session_id, client.id, iso(started_at), kind, plan_name, assignment_id),
        )
        return session_id

    def end_session(self, session_id: str, ended_at: datetime, stopped_early: bool = False) -> None:
        self._update_one(
            "UPDATE sessions SET ended_at = ?, stopped_early = ? WHERE id = ?",
            (iso(ended_at), int(stopped_early), session_id), "session",
        )

    def start_run(
        self, *, session_id: str, client: Client, exercise: str, domain: str, started_at: datetime,
        start_level: int, seed: int, params: dict[str, Any], simulated: bool, app_version: str,
        practice: bool = False, session_item_id: str | None = None, row_id: str | None = None,
    ) -> str:
        """Record the start of an exercise run (completed stays false until finish_run). Returns its id.

        A ``practice`` run is recorded like any other but never counts for levels or progress.
        """
        run_id = row_id or new_id()
        self._write(
            "INSERT INTO runs (id, session_id, client_id, exercise, domain, started_at, start_level, seed,"
            " simulated, params_json, app_version, practice, session_item_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, session_id, client.id, exercise, domain, iso(started_at), start_level, seed,
             int(simulated), _json(params), app_version, int(practice), session_item_id),
        )
        return run_id

    def add_trial(
        self, run_id: str, *, trial_index: int, started_at: datetime, level: int, stimulus: str,
        response: str, correct: bool, rt_ms: float | None, timed_out: bool, extra: dict[str, Any],
        row_id: str | None = None,
    ) -> str:
        """Record one finished trial in its own transaction. Returns its id."""
        trial_id = row_id or new_id()
        self._write(
            "INSERT INTO trials (id, run_id, trial_index, started_at, level, stimulus, response, correct,"
            " rt_ms, timed_out, extra_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (trial_id, run_id, trial_index, iso(started_at), level, stimulus, response, int(correct),
             rt_ms, int(timed_out), _json(extra)),
        )
        return trial_id

    def add_level_change(
        self, run_id: str, *, trial_index: int, from_level: int | None, to_level: int, rule: str,
        at: datetime, row_id: str | None = None,
    ) -> str:
        """Record a level change after trial ``trial_index`` (0 = at the start). Returns its id."""
        change_id = row_id or new_id()
        self._write(
            "INSERT INTO level_changes (id, run_id, trial_index, from_level, to_level, rule, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (change_id, run_id, trial_index, from_level, to_level, rule, iso(at)),
        )
        return change_id

    def finish_run(
        self, run_id: str, *, ended_at: datetime, end_level: int, ability: float | None,
        ability_se: float | None, accuracy: float | None, median_rt_ms: float | None, n_trials: int,
        duration_s: float, completed: bool, measures: dict[str, Any],
    ) -> None:
        """Close a run; ``completed`` is false for a run stopped early."""
        self._update_one(
            "UPDATE runs SET ended_at = ?, end_level = ?, ability = ?, ability_se = ?, accuracy = ?,"
            " median_rt_ms = ?, n_trials = ?, duration_s = ?, completed = ?, measures_json = ? WHERE id = ?",
            (iso(ended_at), end_level, ability, ability_se, accuracy, median_rt_ms, n_trials, duration_s,
             int(completed), _json(measures), run_id),
            "run",
        )
