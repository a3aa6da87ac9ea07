"""The schema's migrations: one SQL script per version, applied in order by ``database.migrate``."""

from __future__ import annotations

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
