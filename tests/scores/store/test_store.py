"""Tests for the store: opening safely, migrations, clients and recording.

Tests taking ``store`` or ``make_store`` run on both backends (SQLite and PostgreSQL); those about
the SQLite file itself (its pragmas, a damaged or foreign file, its migrations read back from the
file) are marked ``sqlite_only`` or open the file directly.
"""

from __future__ import annotations

import random
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scores.store import database
from scores.store.database import IntegrityError
from scores.store.store import MIGRATIONS, ClientNameError, Store, StoreError

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
TABLES = {
    "schema_version", "clients", "sessions", "runs", "trials", "level_changes", "exercise_settings",
    "plans", "session_items", "mood_checks", "app_settings", "therapists", "therapist_pins", "audit", "assignments",
}


@contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A second, independent connection to the store file, committed and closed on exit."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            yield conn
    finally:
        conn.close()


# --- opening and migrations (the SQLite file itself) -----------------------------------------


def test_opening_an_empty_folder_runs_every_migration(tmp_path):
    with Store.open(tmp_path / "new" / "data") as store:
        path = store.path
    assert path == tmp_path / "new" / "data" / "cogsuite.sqlite3"
    with raw(path) as conn:
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        indexes = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        versions = [v for (v,) in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    assert tables == TABLES
    assert {"runs_by_client_exercise", "level_changes_by_run"} <= indexes
    assert versions == list(range(1, len(MIGRATIONS) + 1))


def test_reopening_a_current_store_changes_nothing(tmp_path):
    with Store.open(tmp_path) as store:
        store.add_client("C-0001", "Ann", now=T0)
        path = store.path
    with raw(path) as conn:
        before = list(conn.iterdump())
    with Store.open(tmp_path) as store:
        assert store.get_client("C-0001").display_name == "Ann"
    with raw(path) as conn:
        assert list(conn.iterdump()) == before


def test_a_new_migration_is_a_one_line_append(tmp_path, monkeypatch):
    with Store.open(tmp_path) as store:
        store.add_client("C-0001", now=T0)
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS + ["ALTER TABLE clients ADD COLUMN notes TEXT;"])
    with Store.open(tmp_path) as store:
        assert store.get_client("C-0001") is not None
        path = store.path
    with raw(path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(clients)")]
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone() == (len(MIGRATIONS) + 1,)
    assert "notes" in columns


def test_the_schema_version_reader_counts_the_migrations_applied(store, tmp_path, monkeypatch):
    assert store.schema_version() == len(MIGRATIONS)  # a new store, on either backend, is current
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS[:2])
    with Store.open(tmp_path / "old") as old:
        assert old.schema_version() == 2
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS)
    with Store.open(tmp_path / "old") as migrated:
        assert migrated.schema_version() == len(MIGRATIONS)


def test_a_version_1_store_gains_exercise_settings_and_keeps_its_data(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS[:1])
    with Store.open(tmp_path) as store:
        store.add_client("C-0001", now=T0)
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS)
    with Store.open(tmp_path) as store:
        client = store.get_client("C-0001")
        assert store.exercise_settings(client, "sequence_recall").locked_level is None
        store.set_exercise_settings(client, "sequence_recall", target_rate=0.85, locked_level=4)
        store.set_exercise_settings(client, "sequence_recall", target_rate=0.7, locked_level=None)
        settings = store.exercise_settings(client, "sequence_recall")
        assert (settings.target_rate, settings.locked_level) == (0.7, None)
        with pytest.raises(ValueError):
            store.set_exercise_settings(client, "sequence_recall", target_rate=1.2, locked_level=None)


def test_a_version_2_store_gains_the_clinic_tables_and_keeps_its_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS[:2])
    with Store.open(tmp_path) as store:
        client = store.add_client("C-0001", "Ann", now=T0)
        store.connection.execute(  # a session and a run as format 2 wrote them, without the later columns
            "INSERT INTO sessions (id, client_id, started_at) VALUES ('s1', ?, ?)", (client.id, T0.isoformat()))
        store.connection.execute(
            "INSERT INTO runs (id, session_id, client_id, exercise, domain, started_at, start_level, seed,"
            " simulated, params_json, app_version) VALUES ('r1', 's1', ?, 'x', 'memory', ?, 2, 1, 0, '{}', 't')",
            (client.id, T0.isoformat()))
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS)
    with Store.open(tmp_path) as store:
        [run] = list(store.iter_run_rows())
        assert (run["run_id"], run["practice"], run["session_item_id"]) == ("r1", False, None)
        client = store.get_client("C-0001")
        assert (client.display_name, client.hide_countdown) == ("Ann", False)
        [row] = list(store.iter_session_rows())
        assert row["plan_name"] is None and row["end_state"] == "not_closed" and row["mood_before_mood"] is None
        assert store.app_setting("anything") is None


def test_clients_are_renamed_and_a_taken_id_is_refused(store):
    ann = store.add_client("C-0001", "Ann", now=T0)
    store.add_client("C-0002", now=T0)
    renamed = store.update_client(ann, code="C-0100", display_name="", hide_countdown=True)
    assert store.get_client("C-0100") == renamed and renamed.display_name is None and renamed.hide_countdown
    with pytest.raises(ClientNameError, match="already exists"):
        store.update_client(renamed, code="C-0002")
    with pytest.raises(ClientNameError):
        store.update_client(renamed, display_name="a\nb")
    assert store.get_client("C-0100") == renamed


def test_mood_checks_refuse_answers_outside_one_to_five(store):
    client = store.add_client("C-0001", now=T0)
    session = store.start_session(client, T0)
    store.add_mood_check(session, moment="before", answers={"mood": 1, "calm": 5, "energy": 3}, at=T0)
    for bad in ({"mood": 0, "calm": 5, "energy": 3}, {"mood": 2, "calm": 6, "energy": 3}, {"mood": True, "calm": 2, "energy": 3}):
        with pytest.raises(ValueError, match="1 to 5"):
            store.add_mood_check(session, moment="after", answers=bad, at=T0)
    with pytest.raises(ValueError):
        store.add_mood_check(session, moment="during", answers={"mood": 1, "calm": 1, "energy": 1}, at=T0)
    assert store.mood_checks(session) == [{"moment": "before", "mood": 1, "calm": 5, "energy": 3, "at": T0.isoformat(timespec="milliseconds")}]


def test_last_estimate_is_the_latest_run_with_one(store):
    client = store.add_client("C-0009", now=T0)
    assert store.last_estimate(client, "x") is None
    for minutes, ability in ((0, 3.5), (10, 4.25)):
        session = store.start_session(client, T0 + timedelta(minutes=minutes))
        run = store.start_run(session_id=session, client=client, exercise="x", domain="memory",
                              started_at=T0 + timedelta(minutes=minutes), start_level=2, seed=1, params={},
                              simulated=False, app_version="t")
        store.finish_run(run, ended_at=T0 + timedelta(minutes=minutes + 5), end_level=4, ability=ability,
                         ability_se=0.4, accuracy=0.8, median_rt_ms=500.0, n_trials=10, duration_s=300.0,
                         completed=True, measures={})
    assert store.last_estimate(client, "x") == (4.25, 0.4)


def test_a_failing_migration_is_rolled_back_whole(tmp_path, monkeypatch):
    Store.open(tmp_path).close()
    broken = "CREATE TABLE notes (id TEXT PRIMARY KEY);\nCREATE TABLE oops (;\n"
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS + [broken])
    with pytest.raises(StoreError, match="Cannot open the data file"):
        Store.open(tmp_path)
    with raw(tmp_path / "cogsuite.sqlite3") as conn:
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone() == (len(MIGRATIONS),)
    assert "notes" not in tables


@pytest.mark.sqlite_only
def test_store_uses_wal_and_full_sync(store):
    with raw(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert store.select("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_trial_of_a_missing_run_is_refused(store):
    with pytest.raises(IntegrityError) as caught:
        store.add_trial("no-such-run", trial_index=1, started_at=T0, level=1, stimulus="s", response="r",
                        correct=True, rt_ms=1.0, timed_out=False, extra={})
    assert not caught.value.duplicate
    assert store.select("SELECT count(*) FROM trials").fetchone()[0] == 0


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "cogsuite.sqlite3"
    junk = random.Random(7).randbytes(8192)
    path.write_bytes(junk)
    with pytest.raises(StoreError, match="is not a cogsuite data file .*left untouched") as caught:
        Store.open(tmp_path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == junk
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cogsuite.sqlite3"]


def test_a_store_from_a_newer_version_is_refused_and_left_untouched(tmp_path):
    Store.open(tmp_path).close()
    path = tmp_path / "cogsuite.sqlite3"
    with raw(path) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (99)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer cogsuite"):
        Store.open(tmp_path)
    assert path.read_bytes() == before


def test_someone_elses_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "cogsuite.sqlite3"
    with raw(path) as conn:
        conn.execute("CREATE TABLE photos (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="other tables"):
        Store.open(tmp_path)
    assert path.read_bytes() == before


def test_a_data_folder_that_is_a_file_is_refused(tmp_path):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("hello")
    with pytest.raises(StoreError, match=r"The data folder .*data is a file, not a folder\."):
        Store.open(not_a_folder)
    assert not_a_folder.read_text() == "hello"


def test_without_create_a_folder_with_no_store_is_refused_and_nothing_is_made(tmp_path):
    with pytest.raises(StoreError, match=r"^There is no cogsuite data in .*typo"):
        Store.open(tmp_path / "typo", create=False)
    assert list(tmp_path.iterdir()) == []
    Store.open(tmp_path / "data").close()
    Store.open(tmp_path / "data", create=False).close()


@pytest.mark.parametrize("create", [True, False])
def test_a_zero_length_store_is_refused_and_left_empty(tmp_path, create):
    path = tmp_path / "cogsuite.sqlite3"
    path.touch()
    with pytest.raises(StoreError, match=r"is empty \(0 bytes\)") as caught:
        Store.open(tmp_path, create=create)
    assert str(path) in str(caught.value)
    assert path.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["cogsuite.sqlite3"]

# --- clients -------------------------------------------------------------------------------

TRICKY_CODES = ["O'Brien \"Bob\"", "🧠-7 👩‍⚕️", "a/b\\c", "x" * 200, "C;DROP TABLE clients;--",
                "Zoë", "=HYPERLINK(1)"]


@pytest.mark.parametrize("code", TRICKY_CODES)
def test_client_codes_are_stored_exactly_as_typed(make_store, code):
    with make_store() as store:
        added = store.add_client(code, display_name=code, now=T0)
    with make_store() as store:
        client = store.get_client(code)
        assert [c.code for c in store.list_clients()] == [code]
    assert client == added
    assert (client.code, client.display_name, client.label) == (code, code, code)


def test_surrounding_whitespace_is_stripped_and_empty_name_is_none(store):
    client = store.add_client("  C-0001\t", display_name="   ", now=T0)
    assert (client.code, client.display_name, client.label) == ("C-0001", None, "C-0001")
    named = store.add_client("C-0002", display_name="  Ann  ", now=T0)
    assert (named.display_name, named.label) == ("Ann", "Ann")
    assert named.created_at == "2024-05-01T09:00:00.000+00:00"


@pytest.mark.parametrize("code", ["x" * 201, "", "   ", "a\nb", "a\tb", "a\x00b", "a\u2028b", "a\x7fb"])
def test_bad_client_codes_are_refused(store, code):
    with pytest.raises(ClientNameError) as caught:
        store.add_client(code)
    assert str(caught.value).endswith(".")
    assert store.list_clients(include_archived=True) == []


def test_bad_display_names_are_refused(store):
    for name in ("y" * 201, "Ann\nSmith"):
        with pytest.raises(ClientNameError):
            store.add_client("C-0001", display_name=name)
    assert store.add_client("C-0001", display_name="y" * 200).display_name == "y" * 200


def test_a_duplicate_client_code_is_refused(store):
    store.add_client("C-0001", now=T0)
    with pytest.raises(ClientNameError, match=r"^A client with the ID 'C-0001' already exists\.$"):
        store.add_client(" C-0001 ", now=T0)
    assert len(store.list_clients()) == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=200))
def test_any_printable_code_round_trips(store, code):
    if not code.strip():
        with pytest.raises(ClientNameError):
            store.add_client(code)
        return
    added = store.add_client(code)
    try:
        assert store.get_client(code.strip()).code == code.strip()
        assert [c.code for c in store.list_clients()] == [code.strip()]
    finally:  # one store serves every example
        store.connection.write("DELETE FROM clients WHERE id = ?", (added.id,))


def test_list_clients_is_ordered_and_hides_archived(store):
    for code in ("C-0003", "C-0001", "C-0002"):
        store.add_client(code, now=T0)
    store.set_archived(store.get_client("C-0002"), True)
    assert [c.code for c in store.list_clients()] == ["C-0001", "C-0003"]
    assert [c.code for c in store.list_clients(include_archived=True)] == ["C-0001", "C-0002", "C-0003"]
    assert store.get_client("C-0002").archived is True


def test_suggest_client_code_takes_the_next_free_number(store):
    assert store.suggest_client_code() == "C-0001"
    for code in ("C-0001", "C-0007", "C-x", "D-0100"):
        store.add_client(code, now=T0)
    assert store.suggest_client_code() == "C-0008"


# --- recording -----------------------------------------------------------------------------


def test_a_trial_is_committed_when_add_trial_returns(store, make_store, record_run):
    client = store.add_client("C-0001", now=T0)
    run_id = record_run(client, finish=False, trials=[{"stimulus": "7 3 9", "extra": {"span": 3}}])
    with make_store() as other:  # a second connection sees only what was committed
        rows = other.select(
            "SELECT trial_index, stimulus, extra_json FROM trials WHERE run_id = ?", (run_id,)
        )
        assert [tuple(row) for row in rows.fetchall()] == [(1, "7 3 9", '{"span": 3}')]
        assert [tuple(row) for row in other.select("SELECT completed, ended_at FROM runs")] == [(0, None)]


def test_times_must_carry_a_zone_and_keep_their_offset(store):
    client = store.add_client("C-0001", now=T0)
    with pytest.raises(ValueError, match="time zone"):
        store.start_session(client, datetime(2024, 5, 1, 9, 0))
    local = datetime(2024, 5, 1, 11, 0, tzinfo=timezone(timedelta(hours=2)))
    session_id = store.start_session(client, local)
    row = store.select("SELECT started_at, kind FROM sessions WHERE id = ?", (session_id,)).fetchone()
    assert tuple(row) == ("2024-05-01T11:00:00.000+02:00", "home")


def test_a_trial_index_is_recorded_once_per_run(store, record_run):
    run_id = record_run(store.add_client("C-0001", now=T0))
    with pytest.raises(IntegrityError):
        store.add_trial(run_id, trial_index=1, started_at=T0, level=1, stimulus="s", response="r",
                        correct=False, rt_ms=None, timed_out=True, extra={})


def test_unknown_ids_and_kinds_are_refused(store):
    client = store.add_client("C-0001", now=T0)
    with pytest.raises(ValueError, match="kind"):
        store.start_session(client, T0, kind="party")
    with pytest.raises(KeyError):
        store.end_session("no-such-session", T0)


def test_level_changes_read_back_in_order(store, record_run):
    run_id = record_run(store.add_client("C-0001", now=T0))
    store.add_level_change(run_id, trial_index=3, from_level=2, to_level=3, rule="tracker", at=T0)
    store.add_level_change(run_id, trial_index=5, from_level=3, to_level=2, rule="tracker", at=T0)
    changes = store.level_changes(run_id)
    assert [(c["trial_index"], c["from_level"], c["to_level"], c["rule"]) for c in changes] == [
        (0, None, 2, "start"), (3, 2, 3, "tracker"), (5, 3, 2, "tracker"),
    ]


def _finished_run(store, client, *, end_level, accuracy, completed=True, simulated=False):
    session_id = store.start_session(client, T0)
    run_id = store.start_run(session_id=session_id, client=client, exercise="fake_span", domain="memory",
                             started_at=T0, start_level=1, seed=1, params={}, simulated=simulated,
                             app_version="0.1.0")
    store.finish_run(run_id, ended_at=T0, end_level=end_level, ability=None, ability_se=None,
                     accuracy=accuracy, median_rt_ms=None, n_trials=10, duration_s=60.0,
                     completed=completed, measures={})


def test_best_run_counts_completed_real_runs_only(store):
    client = store.add_client("C-0001", now=T0)
    assert store.best_run(client, "fake_span") is None
    _finished_run(store, client, end_level=3, accuracy=0.8)
    _finished_run(store, client, end_level=5, accuracy=0.7)
    _finished_run(store, client, end_level=9, accuracy=1.0, completed=False)
    _finished_run(store, client, end_level=8, accuracy=0.95, simulated=True)
    assert store.best_run(client, "fake_span") == {"best_level": 5, "best_accuracy": 0.8, "n_runs": 2}
    assert store.best_run(client, "fake_span", include_simulated=True)["best_level"] == 8
    assert store.best_run(client, "fake_stroop") is None


def test_numpy_numbers_in_measures_are_stored_as_plain_numbers(store, record_run):
    np = pytest.importorskip("numpy")
    measures = {"d_prime": np.float64(1.5), "n": np.int64(3)}
    run_id = record_run(store.add_client("C-0001", now=T0), measures=measures)
    (row,) = [r for r in store.iter_run_rows() if r["run_id"] == run_id]
    assert row["measures"] == {"d_prime": 1.5, "n": 3}
    with pytest.raises(TypeError, match="cannot be stored"):
        store.finish_run(run_id, ended_at=T0, end_level=1, ability=None, ability_se=None,
                         accuracy=None, median_rt_ms=None, n_trials=0, duration_s=0.0,
                         completed=False, measures={"x": object()})
