"""Timed sessions: items last their planned minutes, pauses stop every timer, skip and stop keep data."""

import csv
import random
from datetime import datetime, timedelta, timezone

import pytest

from games.core.engine.clock import FakeClock
from games.core.engine.session import PRACTICE_TRIALS, SessionRunner
from games.core.engine.simulate import SimulatedClient, simulate_plan
from games.registry import get_exercise
from scores.analysis.summary import session_summary
from scores.clinic.plans import Plan, PlanItem
from scores.export.tables import export_kind

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
FIFTEEN = Plan("Fifteen", (
    PlanItem("mood"),
    PlanItem("exercise", exercise="digit_span", minutes=4),
    PlanItem("exercise", exercise="go_no_go", minutes=4),
    PlanItem("breathing", minutes=2),
    PlanItem("exercise", exercise="tower_of_london", minutes=5),
    PlanItem("mood"),
))


@pytest.fixture
def client(store):
    return store.add_client("C-1")


def runner_for(store, client, plan=FIFTEEN, seed=5):
    return SessionRunner(plan, store=store, client=client, get_exercise=get_exercise, wall_start=T0,
                         seed=seed, kind="simulated", simulated=True)


def parse(text):
    return datetime.fromisoformat(text)


def trials_of_item(store, item_id):
    return store.select(
        "SELECT t.started_at, t.rt_ms, r.practice FROM trials t JOIN runs r ON r.id = t.run_id"
        " WHERE r.session_item_id = ? ORDER BY r.started_at, t.trial_index", (item_id,)
    ).fetchall()


def check_item_lasts_its_minutes(store, item, paused=timedelta(0)):
    """No trial starts after the item's time is up, and the item ends after its time."""
    start = parse(item["started_at"])
    planned = timedelta(seconds=item["planned_s"]) + paused
    assert item["active_s"] >= item["planned_s"] - 0.001
    trials = trials_of_item(store, item["id"])
    assert trials and all(parse(t["started_at"]) < start + planned for t in trials)
    # the overrun is at most the last trial: from its start to the item's end
    assert parse(item["ended_at"]) - parse(trials[-1]["started_at"]) < timedelta(seconds=60)


def test_a_fifteen_minute_plan_records_one_session_as_planned(store, client, tmp_path):
    runner = simulate_plan(FIFTEEN, store, client, get_exercise, ability=0.7, seed=11, wall_start=T0)
    [session] = list(store.iter_session_rows())
    assert session["plan_name"] == "Fifteen" and not session["stopped_early"]
    items = store.select("SELECT * FROM session_items ORDER BY position").fetchall()
    assert [i["kind"] for i in items] == [i.kind for i in FIFTEEN.items]
    assert all(i["outcome"] == "done" for i in items)
    for item in items:
        if item["kind"] == "exercise":
            check_item_lasts_its_minutes(store, item)
        elif item["kind"] == "breathing":
            assert item["active_s"] == pytest.approx(120.0)
    # a first meeting with each exercise starts with a few practice trials
    practice = store.select("SELECT exercise, n_trials FROM runs WHERE practice = 1").fetchall()
    assert {r["exercise"] for r in practice} == {"digit_span", "go_no_go", "tower_of_london"}
    assert min(r["n_trials"] for r in practice) == PRACTICE_TRIALS

    summary = session_summary(store, runner.session_id)
    checks = store.mood_checks(runner.session_id)
    assert [c["moment"] for c in checks] == ["before", "after"]
    assert summary.mood_before == {k: checks[0][k] for k in ("mood", "calm", "energy")}
    assert summary.mood_after == {k: checks[1][k] for k in ("mood", "calm", "energy")}

    export_kind("sessions", store, [], tmp_path / "s.csv")
    with open(tmp_path / "s.csv", encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["plan_name"] == "Fifteen" and row["n_items"] == "6"
    assert int(row["mood_before_mood"]) == checks[0]["mood"] and int(row["mood_after_energy"]) == checks[1]["energy"]
    assert float(row["active_s"]) == pytest.approx(summary.active_s, abs=0.001)
    scored = store.select(
        "SELECT count(*) FROM trials t JOIN runs r ON r.id = t.run_id WHERE r.practice = 0").fetchone()[0]
    assert int(row["n_trials"]) == summary.n_trials == scored
    for item in summary.exercises:
        stored = store.select(
            "SELECT avg(t.correct), count(*) FROM trials t JOIN runs r ON r.id = t.run_id"
            " WHERE r.practice = 0 AND r.exercise = ?", (item.exercise,)).fetchone()
        assert (item.accuracy, item.n_trials) == (pytest.approx(stored[0]), stored[1])


def test_a_pause_inside_an_item_adds_nothing_to_its_time_or_any_reaction_time(store, client):
    runner = runner_for(store, client)
    clock, person = FakeClock(), SimulatedClient(0.7, random.Random(3))
    in_go_no_go = lambda: runner.state is not None and runner.state.position == 3 and runner.item_elapsed_ms(clock.now_ms()) > 60_000  # noqa: E731
    person.play(runner, clock, until=in_go_no_go)
    left_before = runner.item_remaining_s(clock.now_ms())
    runner.pause(clock.now_ms())
    clock.advance(120_000)
    assert runner.item_remaining_s(clock.now_ms()) == left_before  # every timer stood still
    assert runner.next_change_ms() is None
    runner.resume(clock.now_ms())
    person.play(runner, clock)
    item = store.select("SELECT * FROM session_items WHERE position = 3").fetchone()
    check_item_lasts_its_minutes(store, item, paused=timedelta(minutes=2))
    assert item["active_s"] < 4 * 60 + 5  # the pause is not in the item's time...
    wall_s = (parse(item["ended_at"]) - parse(item["started_at"])).total_seconds()
    assert wall_s == pytest.approx(item["active_s"] + 120.0, abs=0.01)  # ...though the clock ran on
    starts = [parse(t["started_at"]) for t in trials_of_item(store, item["id"])]
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:])]
    assert min(gaps) > timedelta(0) and sum(gap > timedelta(minutes=2) for gap in gaps) == 1  # wall times
    rts = [t["rt_ms"] for t in trials_of_item(store, item["id"]) if t["rt_ms"] is not None]
    assert rts and max(rts) < 3_000  # Go/No-Go answers come within its response window


def test_skip_moves_on_and_stop_early_keeps_what_was_recorded(store, client):
    runner = runner_for(store, client)
    clock, person = FakeClock(), SimulatedClient(0.7, random.Random(3))
    person.play(runner, clock, until=lambda: runner.state.position == 2 and runner.item_elapsed_ms(clock.now_ms()) > 30_000)
    runner.skip(clock.now_ms())
    assert runner.state.position == 3
    person.play(runner, clock, until=lambda: runner.item_elapsed_ms(clock.now_ms()) > 30_000)
    recorded = store.select("SELECT count(*) FROM trials").fetchone()[0]
    runner.stop(clock.now_ms())
    assert runner.finished and runner.stopped_early
    assert store.select("SELECT count(*) FROM trials").fetchone()[0] == recorded > 0
    outcomes = [r[0] for r in store.select("SELECT outcome FROM session_items ORDER BY position")]
    assert outcomes == ["done", "skipped", "stopped"]
    [session] = list(store.iter_session_rows())
    assert session["stopped_early"] and session["ended_at"] is not None
    assert all(r["ended_at"] for r in store.iter_run_rows())  # no run is left open


def test_a_fixed_level_in_the_plan_holds_and_practice_is_not_repeated(store, client):
    plan = Plan("Fixed", (PlanItem("exercise", exercise="digit_span", minutes=2, level=5),))
    simulate_plan(plan, store, client, get_exercise, ability=0.9, seed=2, wall_start=T0)
    simulate_plan(plan, store, client, get_exercise, ability=0.9, seed=3, wall_start=T0 + timedelta(days=1))
    levels = {r[0] for r in store.select("SELECT DISTINCT level FROM trials")}
    assert levels == {5}
    assert store.select("SELECT count(*) FROM runs WHERE practice = 1").fetchone()[0] == 1


def test_mood_checks_are_before_until_an_exercise_has_started(store, client):
    plan = Plan("Moods", (PlanItem("mood"), PlanItem("breathing", minutes=1), PlanItem("mood"),
                          PlanItem("exercise", exercise="flanker", minutes=1), PlanItem("mood")))
    simulate_plan(plan, store, client, get_exercise, ability=0.5, seed=1, wall_start=T0)
    moments = [r[0] for r in store.select("SELECT moment FROM mood_checks ORDER BY at")]
    assert moments == ["before", "before", "after"]


def test_answering_a_mood_check_when_none_is_shown_is_refused(store, client):
    runner = runner_for(store, client, Plan("Ex", (PlanItem("exercise", exercise="flanker", minutes=1),)))
    runner.start(0.0)
    with pytest.raises(RuntimeError):
        runner.answer_mood({"mood": 3, "calm": 3, "energy": 3}, 10.0)
