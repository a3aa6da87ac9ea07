"""Opening the SQLite file safely: refuse files that are not ours, set WAL, apply migrations."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime
from pathlib import Path
from typing import Iterator

from scores.store.private import private_file, private_folder

DB_FILENAME = "cogsuite.sqlite3"


COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def companions(path: Path) -> list[Path]:
    """The files SQLite keeps beside the store: its write-ahead log, shared memory and journal."""
    return [path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES]


class StoreError(Exception):
    """The store cannot be opened or used; the message is one sentence for a person."""


class IntegrityError(Exception):
    """A write broke a rule of the schema: an id or a name already taken, a row it refers to missing.

    Not a StoreError: trying the same write again cannot help.

    Attributes:
        duplicate: whether the rule was a unique one (the row, or its name, exists already).
    """

    def __init__(self, message: str, duplicate: bool) -> None:
        super().__init__(message)
        self.duplicate = duplicate


class StoreDamaged(StoreError):
    """The store file is damaged (or empty, or lost a table); it was not written to.

    Attributes:
        backup: the name of the newest backup that checks out, when the opener looked for one.
    """

    def __init__(self, message: str, backup: str | None = None) -> None:
        super().__init__(message)
        self.backup = backup


# MIGRATIONS[i] takes a store from schema version i to version i + 1. Append, never edit.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE schema_version (
        version INTEGER PRIMARY KEY NOT NULL
    );
    CREATE TABLE clients (
        id TEXT PRIMARY KEY NOT NULL,
        client_code TEXT NOT NULL UNIQUE,
        display_name TEXT,
        created_at TEXT NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
    );
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        kind TEXT NOT NULL DEFAULT 'home' CHECK (kind IN ('home', 'clinic', 'simulated'))
    );
    CREATE TABLE runs (
        id TEXT PRIMARY KEY NOT NULL,
        session_id TEXT NOT NULL REFERENCES sessions (id),
        client_id TEXT NOT NULL REFERENCES clients (id),
        exercise TEXT NOT NULL,
        domain TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        start_level INTEGER NOT NULL,
        end_level INTEGER,
        ability REAL,
        ability_se REAL,
        accuracy REAL,
        median_rt_ms REAL,
        n_trials INTEGER,
        duration_s REAL,
        seed INTEGER NOT NULL,
        simulated INTEGER NOT NULL CHECK (simulated IN (0, 1)),
        completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
        params_json TEXT NOT NULL,
        measures_json TEXT,
        app_version TEXT NOT NULL
    );
    -- The UNIQUE constraint's index also serves "trials of a run, in order".
    CREATE TABLE trials (
        id TEXT PRIMARY KEY NOT NULL,
        run_id TEXT NOT NULL REFERENCES runs (id),
        trial_index INTEGER NOT NULL CHECK (trial_index >= 1),
        started_at TEXT NOT NULL,
        level INTEGER NOT NULL,
        stimulus TEXT NOT NULL,
        response TEXT NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        rt_ms REAL,
        timed_out INTEGER NOT NULL CHECK (timed_out IN (0, 1)),
        extra_json TEXT NOT NULL,
        UNIQUE (run_id, trial_index)
    );
    CREATE TABLE level_changes (
        id TEXT PRIMARY KEY NOT NULL,
        run_id TEXT NOT NULL REFERENCES runs (id),
        trial_index INTEGER NOT NULL CHECK (trial_index >= 0),
        from_level INTEGER,
        to_level INTEGER NOT NULL,
        rule TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX sessions_by_client ON sessions (client_id, started_at);
    CREATE INDEX runs_by_client_exercise ON runs (client_id, exercise, started_at);
    CREATE INDEX runs_by_session ON runs (session_id);
    CREATE INDEX level_changes_by_run ON level_changes (run_id, trial_index);
    """,
    # 2: a therapist's per-client, per-exercise target success rate and level lock.
    """
    CREATE TABLE exercise_settings (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id),
        exercise TEXT NOT NULL,
        target_rate REAL CHECK (target_rate IS NULL OR (target_rate > 0 AND target_rate < 1)),
        locked_level INTEGER,
        updated_at TEXT NOT NULL,
        UNIQUE (client_id, exercise)
    );
    """,
    # 3: clinic sessions run from plans, their items and mood checks, practice runs, the
    # therapist's PIN record and other settings of this PC.
    """
    ALTER TABLE runs ADD COLUMN practice INTEGER NOT NULL DEFAULT 0 CHECK (practice IN (0, 1));
    ALTER TABLE runs ADD COLUMN session_item_id TEXT REFERENCES session_items (id);
    ALTER TABLE sessions ADD COLUMN plan_name TEXT;
    ALTER TABLE sessions ADD COLUMN stopped_early INTEGER NOT NULL DEFAULT 0 CHECK (stopped_early IN (0, 1));
    ALTER TABLE clients ADD COLUMN hide_countdown INTEGER NOT NULL DEFAULT 0 CHECK (hide_countdown IN (0, 1));
    CREATE TABLE plans (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL UNIQUE,
        plan_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE session_items (
        id TEXT PRIMARY KEY NOT NULL,
        session_id TEXT NOT NULL REFERENCES sessions (id),
        position INTEGER NOT NULL CHECK (position >= 1),
        kind TEXT NOT NULL CHECK (kind IN ('exercise', 'breathing', 'mood')),
        exercise TEXT,
        planned_s REAL CHECK (planned_s IS NULL OR planned_s >= 0),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        active_s REAL,
        outcome TEXT CHECK (outcome IS NULL OR outcome IN ('done', 'skipped', 'stopped')),
        UNIQUE (session_id, position)
    );
    CREATE TABLE mood_checks (
        id TEXT PRIMARY KEY NOT NULL,
        session_id TEXT NOT NULL REFERENCES sessions (id),
        session_item_id TEXT REFERENCES session_items (id),
        moment TEXT NOT NULL CHECK (moment IN ('before', 'after')),
        mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
        calm INTEGER NOT NULL CHECK (calm BETWEEN 1 AND 5),
        energy INTEGER NOT NULL CHECK (energy BETWEEN 1 AND 5),
        at TEXT NOT NULL
    );
    CREATE TABLE app_settings (
        id TEXT PRIMARY KEY NOT NULL,
        key TEXT NOT NULL UNIQUE,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX runs_by_item ON runs (session_item_id);
    CREATE INDEX mood_checks_by_session ON mood_checks (session_id, at);
    """,
    # 4: when a client's record (ID, name, preferences) last changed, so that two PCs' copies of
    # a client meeting in a bundle keep the later change.
    """
    ALTER TABLE clients ADD COLUMN updated_at TEXT;
    """,
    # 5: therapists by name (a shared store's), their PINs, and the audit of what therapists did.
    # A PIN is changed by adding a row (the newest counts), so only removing one needs DELETE:
    # a right the clinic's role for the PCs does not have (docs/clinic-role.sql).
    """
    CREATE TABLE therapists (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        failed_tries INTEGER NOT NULL DEFAULT 0 CHECK (failed_tries >= 0),
        locked_until TEXT,
        lock_s REAL NOT NULL DEFAULT 0
    );
    CREATE TABLE therapist_pins (
        id TEXT PRIMARY KEY NOT NULL,
        therapist_id TEXT NOT NULL REFERENCES therapists (id),
        algorithm TEXT NOT NULL,
        n INTEGER NOT NULL,
        r INTEGER NOT NULL,
        p INTEGER NOT NULL,
        salt TEXT NOT NULL,
        hash TEXT NOT NULL,
        set_at TEXT NOT NULL
    );
    CREATE TABLE audit (
        id TEXT PRIMARY KEY NOT NULL,
        at TEXT NOT NULL,
        therapist_id TEXT REFERENCES therapists (id),
        via TEXT NOT NULL CHECK (via IN ('launcher', 'command line')),
        action TEXT NOT NULL,
        client_id TEXT REFERENCES clients (id),
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX therapist_pins_by_therapist ON therapist_pins (therapist_id);
    CREATE INDEX audit_by_time ON audit (at);
    CREATE INDEX audit_by_client ON audit (client_id, at);
    """,
    # 6: home assignments: a plan given to a client with a schedule, and the sessions that follow one.
    # Changing an assignment updates its row with a new updated_at: the later change wins when two
    # PCs' copies meet.
    """
    CREATE TABLE assignments (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients (id),
        plan_name TEXT NOT NULL,
        plan_json TEXT NOT NULL,          -- the plan as assigned: it travels whole; later edits of the plan do not change it
        weekdays TEXT NOT NULL,           -- the days it is meant for, Monday = 0, e.g. '0,2,4' ('' = any day)
        times_per_week INTEGER NOT NULL CHECK (times_per_week BETWEEN 1 AND 14),
        starts_on TEXT NOT NULL,          -- local date YYYY-MM-DD
        ends_on TEXT NOT NULL,            -- local date YYYY-MM-DD, inclusive
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        ended INTEGER NOT NULL DEFAULT 0 CHECK (ended IN (0, 1))   -- the therapist stopped it early
    );
    CREATE INDEX assignments_by_client ON assignments (client_id, starts_on);
    ALTER TABLE sessions ADD COLUMN assignment_id TEXT REFERENCES assignments (id);
    """,
]


def new_id() -> str:
    """A fresh row id, unique across PCs so stores merge without clashes."""
    return str(uuid.uuid4())


def iso(moment: datetime) -> str:
    """ISO 8601 text with UTC offset, always to the millisecond so the strings line up."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment!r} has no time zone; the store keeps only zone-aware times")
    return moment.isoformat(timespec="milliseconds")


def table_names(conn: sqlite3.Connection) -> set[str]:
    """Names of the tables in the database (reading this fails early on a non-SQLite file)."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def read_version(conn: sqlite3.Connection) -> int | None:
    """The schema version of the store: 0 when empty, None when it holds someone else's tables."""
    tables = table_names(conn)
    if "schema_version" not in tables:
        return 0 if not tables else None
    (version,) = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(version)


def migrate(conn: sqlite3.Connection) -> None:
    """Apply every missing migration, each in its own transaction.

    The connection must be in autocommit mode (``isolation_level=None``). The version is read
    again inside each write transaction, so two programs opening a new store at once do not
    both run the same migration.
    """
    for target in range((read_version(conn) or 0) + 1, len(MIGRATIONS) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if (read_version(conn) or 0) < target:
                for statement in split_statements(MIGRATIONS[target - 1]):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (target,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def split_statements(script: str) -> Iterator[str]:
    """Split an SQL script into single statements (``executescript`` would commit midway)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        yield pending.strip()  # a trailing comment is harmless; a cut-off statement fails loudly


def prepare_folder(data_dir: Path) -> Path:
    """Create the data folder (0700) if it is missing; StoreError if it is a file or cannot be made."""
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError(f"The data folder {data_dir} is a file, not a folder.")
    try:
        private_folder(data_dir)
    except OSError as exc:
        raise StoreError(f"Cannot create the data folder {data_dir} ({exc.strerror or exc}).") from exc
    return data_dir


def check_store_file(path: Path, create: bool) -> None:
    """Refuse a missing store unless ``create``, and an empty file always (SQLite would take a
    zero-length file, left by a crash or a copy cut short, for a new store and fill it).

    Raises:
        StoreError: naming the folder or the file, which is left as it is.
    """
    try:
        size = path.stat().st_size
    except (FileNotFoundError, NotADirectoryError):
        if create:
            return
        raise StoreError(f"There is no cogsuite data in {path.parent} (no {path.name}); check the folder's name.") from None
    except OSError as exc:
        raise StoreError(f"Cannot open the data file {path} ({exc.strerror or exc}).") from exc
    if size == 0:
        raise StoreDamaged(f"The data file {path} is empty (0 bytes), so it is damaged or was cut short; it was "
                         "left as it is: restore a backup, or move it away to start a new store.")


def check_is_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse, before anything is written, a file this version must not touch."""
    version = read_version(conn)
    if version is None:
        raise StoreError(
            f"{path} is not a cogsuite data file (it holds other tables); it was left untouched."
        )
    if version > len(MIGRATIONS):
        raise StoreError(
            f"{path} was written by a newer cogsuite (data format {version}, this one reads up to "
            f"{len(MIGRATIONS)}); it was left untouched, so update cogsuite to open it."
        )


def connect(path: Path) -> sqlite3.Connection:
    """Open the store file in autocommit mode, checked, in WAL mode and migrated.

    An existing file is first checked on a read-only connection (``check_file``), so a file that
    fails is never written to, not even by a checkpoint when its connection closes.

    Raises:
        StoreDamaged: if the file is empty or damaged (see ``check_file``).
        StoreError: if the file cannot be opened, is not a cogsuite store, or is newer than this
            code; such a file is never written to.
    """
    if path.exists():
        from scores.store.integrity import check_file  # it builds on this module

        check_file(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open the data file {path} ({exc}).") from exc
    # before WAL mode: SQLite gives the -wal and -shm files the store's own permissions
    for companion in (path, *companions(path)):
        private_file(companion)
    try:
        check_is_ours(conn, path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn)
    except StoreError:
        conn.close()
        raise
    except sqlite3.OperationalError as exc:
        conn.close()
        raise StoreError(f"Cannot open the data file {path} ({exc}).") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a cogsuite data file ({exc}); it was left untouched.") from exc
    conn.row_factory = sqlite3.Row
    return conn
