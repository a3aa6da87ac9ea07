"""The exports join without guesswork: items by id, crashed sessions marked, run completion on trials."""

from __future__ import annotations

import csv
import random
from datetime import datetime, timedelta, timezone

from games.cli import main
from games.core.engine.simulate import simulate_session
from games.registry import get_exercise
from scores.store.store import Store

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def crash_mid_session(data):
    """A planned session whose program died during its first item: nothing after it was closed."""
    with Store.open(data) as store:
        client = store.add_client("C-crash")
        session_id = store.start_session(client, T0, kind="clinic", plan_name="Mixed 15 minutes")
        item_id = store.start_session_item(session_id, position=1, kind="exercise", exercise="stroop",
                                           planned_s=180.0, started_at=T0)
        run_id = store.start_run(
            session_id=session_id, client=client, exercise="stroop", domain="focus", started_at=T0,
            start_level=1, seed=3, params={}, simulated=False, app_version="0", session_item_id=item_id,
        )
        for index in (1, 2):
            store.add_trial(run_id, trial_index=index, started_at=T0 + timedelta(seconds=index), level=1,
                            stimulus="RED", response="red", correct=True, rt_ms=600.0, timed_out=False, extra={})
        return session_id, run_id, item_id


def export(data, tmp_path, kind):
    out = tmp_path / f"{kind}.csv"
    assert main(["export", "--kind", kind, "--data-dir", str(data), "--out", str(out)]) == 0
    return read(out)


def test_every_run_of_a_planned_session_finds_its_item(tmp_path, capsys):
    data = tmp_path / "d"
    assert main(["simulate", "--plan", "Focus 10 minutes", "--seed", "5", "--data-dir", str(data)]) == 0
    items = {row["item_id"]: row for row in export(data, tmp_path, "items")}
    runs = [row for row in export(data, tmp_path, "runs") if row["session_item_id"]]
    assert runs and len(items) >= 3
    for run in runs:
        item = items[run["session_item_id"]]
        assert (item["session_id"], item["exercise"]) == (run["session_id"], run["exercise"])


def test_a_crashed_session_says_so_in_every_export(tmp_path, capsys):
    data = tmp_path / "d"
    session_id, run_id, item_id = crash_mid_session(data)
    with Store.open(data) as store:  # a finished free-play run of another client beside it
        exercise = get_exercise("flanker")
        client = store.add_client("C-fine")
        simulate_session(exercise, store, client, exercise.make_player(0.7, random.Random(1)), seed=2,
                         wall_start=T0, n_trials=4)
    sessions = {row["session_id"]: row for row in export(data, tmp_path, "sessions")}
    crashed = sessions.pop(session_id)
    assert (crashed["end_state"], crashed["stopped_early"], crashed["ended_at"]) == ("not_closed", "true", "")
    assert [(row["end_state"], row["stopped_early"]) for row in sessions.values()] == [("finished", "false")]
    (item,) = export(data, tmp_path, "items")
    assert (item["item_id"], item["outcome"]) == (item_id, "not_closed")
    trials = export(data, tmp_path, "trials")
    by_run = {row["run_id"]: row["run_completed"] for row in trials}
    assert by_run.pop(run_id) == "false" and set(by_run.values()) == {"true"}
    assert len([row for row in trials if row["run_completed"] == "true"]) == 4


def test_a_session_stopped_on_purpose_is_stopped_early_not_crashed(tmp_path):
    data = tmp_path / "d"
    with Store.open(data) as store:
        client = store.add_client("C-1")
        stopped = store.start_session(client, T0, kind="clinic", plan_name="p")
        store.end_session(stopped, T0 + timedelta(minutes=3), stopped_early=True)
        rows = {row["session_id"]: row for row in store.iter_session_rows()}
    assert (rows[stopped]["end_state"], rows[stopped]["stopped_early"]) == ("stopped_early", True)
