"""Tests for the trial, run and session exports: columns, own fields, names and filters."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from games.core.engine.exercise import Field
from scores.export.columns import ColumnError, run_columns, trial_columns
from scores.export.tables import export_kind, export_runs, export_sessions, export_trials, format_level_changes
from scores.store.store import Filters

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
TRIAL_BASE = ["client_id", "session_id", "run_id", "exercise", "domain", "trial_index", "started_at", "level",
              "stimulus", "response", "correct", "rt_ms", "timed_out", "practice", "run_completed"]
RUN_BASE = ["run_id", "client_id", "session_id", "exercise", "domain", "started_at", "ended_at",
            "start_level", "end_level", "ability", "ability_se", "accuracy", "median_rt_ms", "n_trials",
            "duration_s", "completed", "simulated", "practice", "session_item_id", "seed", "level_changes"]


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def test_trial_export_has_base_columns_then_own_fields_once(store, specs, record_run, tmp_path):
    client = store.add_client("C-0001", "Ann Example", now=T0)
    record_run(client, trials=[{"extra": {"span": 3, "probe": "=7", "unknown": "dropped"}}, {"extra": {}}])
    path = tmp_path / "trials.csv"
    assert export_trials(store, specs, path) == 2
    header, rows = read_rows(path)
    assert header == TRIAL_BASE + ["span", "probe", "congruent"]
    assert rows[0]["client_id"] == "C-0001"
    assert (rows[0]["trial_index"], rows[0]["correct"], rows[0]["rt_ms"]) == ("1", "true", "512.25")
    assert (rows[0]["span"], rows[0]["probe"], rows[0]["congruent"]) == ("3", "'=7", "")
    assert (rows[1]["span"], rows[1]["probe"]) == ("", "")
    assert rows[0]["started_at"] == "2024-05-01T09:00:01.000+00:00"
    assert b"dropped" not in path.read_bytes() and b"Ann Example" not in path.read_bytes()


def test_names_are_exported_only_when_asked_for(store, specs, record_run, tmp_path):
    record_run(store.add_client("C-0001", "Ann Example", now=T0))
    path = tmp_path / "trials.csv"
    export_trials(store, specs, path, include_names=True)
    header, rows = read_rows(path)
    assert header[:3] == ["client_id", "display_name", "session_id"]
    assert rows[0]["display_name"] == "Ann Example"
    export_runs(store, specs, path, include_names=True)
    assert read_rows(path)[0][1:3] == ["client_id", "display_name"]


def test_run_export_fills_measures_and_the_level_audit(store, specs, record_run, tmp_path):
    client = store.add_client("C-0001", now=T0)
    run_id = record_run(client, exercise="fake_stroop", domain="focus", measures={"interference_ms": 41.5})
    store.add_level_change(run_id, trial_index=3, from_level=2, to_level=3, rule="tracker", at=T0)
    unfinished = record_run(client, started_at=T0 + timedelta(hours=1), finish=False)
    path = tmp_path / "runs.csv"
    assert export_runs(store, specs, path) == 2
    header, rows = read_rows(path)
    assert header == RUN_BASE + ["max_span", "interference_ms"]
    first, second = rows
    assert (first["run_id"], first["exercise"], first["domain"]) == (run_id, "fake_stroop", "focus")
    assert first["level_changes"] == "0:start->2;3:tracker->3"
    assert (first["interference_ms"], first["max_span"], first["ability"]) == ("41.5", "", "2.4")
    flags = [first[k] for k in ("completed", "simulated", "seed", "duration_s")]
    assert flags == ["true", "false", "1234", "120.0"]
    assert (second["run_id"], second["ended_at"], second["completed"]) == (unfinished, "", "false")


def test_format_level_changes():
    changes = [{"trial_index": 0, "rule": "start", "to_level": 2},
               {"trial_index": 3, "rule": "tracker", "to_level": 3}]
    assert format_level_changes(changes) == "0:start->2;3:tracker->3"
    assert format_level_changes([]) == ""


def test_export_filters_by_client(store, specs, record_run, tmp_path):
    ann = store.add_client("C-0001", now=T0)
    bob = store.add_client("C-0002", now=T0)
    record_run(ann, trials=[{}, {}])
    record_run(bob, trials=[{}])
    path = tmp_path / "trials.csv"
    assert export_trials(store, specs, path, Filters(client_code="C-0002")) == 1
    assert {row["client_id"] for row in read_rows(path)[1]} == {"C-0002"}
    assert export_trials(store, specs, path, Filters(client_code="C-9999")) == 0
    assert read_rows(path)[0] == TRIAL_BASE + ["span", "probe", "congruent"]


def test_export_filters_by_inclusive_local_dates(store, specs, record_run, tmp_path, local_tz):
    local_tz("America/New_York")
    client = store.add_client("C-0001", now=T0)
    # 22:00 in New York on 30 November is already 1 December in UTC.
    late_evening = record_run(client, started_at=datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc))
    # 00:30 on 9 March 2026 in summer time (UTC-4); a fixed UTC-5 would put it on 8 March.
    after_dst = record_run(client, started_at=datetime(2026, 3, 9, 4, 30, tzinfo=timezone.utc))
    dst_eve = record_run(client, started_at=datetime(2026, 3, 9, 3, 59, tzinfo=timezone.utc))
    path = tmp_path / "runs.csv"

    def exported(since: date | None, until: date | None) -> list[str]:
        export_runs(store, specs, path, Filters(since=since, until=until))
        return [row["run_id"] for row in read_rows(path)[1]]

    assert exported(date(2026, 11, 30), date(2026, 11, 30)) == [late_evening]
    assert exported(date(2026, 12, 1), None) == []
    assert exported(date(2026, 3, 9), date(2026, 3, 9)) == [after_dst]
    assert exported(None, date(2026, 3, 8)) == [dst_eve]
    assert exported(date.min, date.max) == [dst_eve, after_dst, late_evening]
    export_trials(store, specs, path, Filters(since=date(2026, 11, 30)))
    assert {row["run_id"] for row in read_rows(path)[1]} == {late_evening}
    export_runs(store, specs, path, Filters())
    assert read_rows(path)[1][-1]["started_at"] == "2026-12-01T03:00:00.000+00:00"


def test_session_export_counts_runs_and_trials(store, record_run, tmp_path):
    client = store.add_client("C-0001", "Ann", now=T0)
    session_id = store.start_session(client, T0, kind="clinic")
    store.end_session(session_id, T0 + timedelta(minutes=20))
    record_run(client, trials=[{}, {}, {}])
    path = tmp_path / "sessions.csv"
    assert export_sessions(store, path) == 2
    header, rows = read_rows(path)
    mood = [f"mood_{moment}_{scale}" for moment in ("before", "after") for scale in ("mood", "calm", "energy")]
    assert header == ["session_id", "client_id", "kind", "plan_name", "assigned", "assignment_id", "started_at",
                      "ended_at", "end_state", "stopped_early", "duration_s", "active_s", "n_items", "n_runs", "n_trials", *mood]
    by_id = {row["session_id"]: row for row in rows}
    assert (by_id[session_id]["duration_s"], by_id[session_id]["n_runs"]) == ("1200.0", "0")
    (other,) = [row for row in rows if row["session_id"] != session_id]
    assert (other["n_runs"], other["n_trials"], other["ended_at"]) == ("1", "3", "")
    assert {(row["assigned"], row["assignment_id"]) for row in rows} == {("false", "")}


def test_export_kind_dispatches_and_refuses_unknown_kinds(store, specs, record_run, tmp_path):
    record_run(store.add_client("C-0001", now=T0), trials=[{}, {}])
    path = tmp_path / "out.csv"
    assert export_kind("trials", store, specs, path) == 2
    assert export_kind("runs", store, specs, path) == 1
    assert export_kind("dictionary", store, specs, path) > 40
    with pytest.raises(ValueError, match="unknown export kind"):
        export_kind("pictures", store, specs, path)


def test_own_fields_that_clash_are_refused(specs):
    retyped = replace(specs[1], id="fake_other", trial_fields=(Field("span", "float", "items", "Items."),))
    with pytest.raises(ColumnError, match="'span' is int in items for fake_span but float"):
        trial_columns([specs[0], retyped])
    relabelled = replace(specs[1], id="fake_other", trial_fields=(Field("span", "int", "s", "Seconds."),))
    with pytest.raises(ColumnError):
        trial_columns([specs[0], relabelled])
    shadowing = replace(specs[1], id="fake_other", run_fields=(Field("accuracy", "float", "", "Mine."),))
    with pytest.raises(ColumnError, match="base column"):
        run_columns([shadowing])
