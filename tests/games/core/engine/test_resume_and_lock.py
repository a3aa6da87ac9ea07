"""Across runs: the estimate stored at the end of a run is where the next one resumes; a lock holds."""

import math
import random
from datetime import datetime, timedelta, timezone

import pytest

from games.core.engine.adaptive.policy import plan_from_store
from games.core.engine.clock import FakeClock
from games.core.engine.feedback import feedback_for
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import play_run
from games.registry import get_exercise

EXERCISE = get_exercise("sequence_recall")
T0 = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)


def play(store, client, seed, minutes=0, ability=0.8):
    session = store.start_session(client, T0 + timedelta(minutes=minutes))
    run = ExerciseRun(EXERCISE, store=store, session_id=session, client=client, seed=seed,
                      wall_start=T0 + timedelta(minutes=minutes), n_trials=20,
                      plan=plan_from_store(store, client, EXERCISE.spec))
    play_run(run, EXERCISE.make_player(ability, random.Random(seed)), FakeClock())
    return run


def test_next_run_resumes_from_the_stored_estimate(store):
    client = store.add_client("C-1")
    first = play(store, client, seed=1)
    assert first.plan.start_rule == "start"
    second = play(store, client, seed=2, minutes=30)
    ability = first.summary.ability
    assert second.plan.start_rule == "resume" and second.plan.prior_mean == pytest.approx(ability)
    assert second.start_level == max(EXERCISE.spec.min_level, math.floor(ability) - 1)
    assert second.records[0].level == second.start_level
    changes = store.level_changes(second.run_id)
    assert (changes[0]["rule"], changes[0]["to_level"]) == ("resume", second.start_level)


def test_a_locked_level_holds_for_the_whole_run_and_is_audited(store):
    client = store.add_client("C-2")
    store.set_exercise_settings(client, EXERCISE.id, target_rate=None, locked_level=4)
    run = play(store, client, seed=3, ability=0.95)
    assert {r.level for r in run.records} == {4}
    assert [c["rule"] for c in store.level_changes(run.run_id)] == ["lock"]
    assert run.summary.ability > 4  # still estimated from the answers


def test_a_clients_target_rate_reaches_the_tracker(store):
    client = store.add_client("C-3")
    store.set_exercise_settings(client, EXERCISE.id, target_rate=0.9, locked_level=None)
    run = play(store, client, seed=4)
    assert run.plan.target == 0.9 and run.policy.tracker.target == 0.9


def test_practice_holds_its_level_gives_feedback_and_never_moves_the_next_start(store):
    client = store.add_client("C-4")
    first = play(store, client, seed=5, ability=0.95)
    session = store.start_session(client, T0 + timedelta(hours=1))
    practice = ExerciseRun(EXERCISE, store=store, session_id=session, client=client, seed=6,
                           wall_start=T0 + timedelta(hours=1), n_trials=3, practice=True,
                           plan=plan_from_store(store, client, EXERCISE.spec))
    play_run(practice, EXERCISE.make_player(0.05, random.Random(6)), FakeClock())  # every answer wrong
    assert {r.level for r in practice.records} == {practice.start_level}
    assert [c["rule"] for c in store.level_changes(practice.run_id)] == ["practice"]
    assert practice.feedback is None and practice.finished  # the last word has been shown
    last = feedback_for(EXERCISE, practice.records[-1], 0.0, practice=True)
    assert last.heading == "Not quite." and last.practice
    [row] = [r for r in store.iter_run_rows() if r["run_id"] == practice.run_id]
    assert row["practice"] and row["n_trials"] == 3
    # the next scored run resumes from the last scored run, as if the practice never happened
    assert store.last_estimate(client, EXERCISE.id) == (first.summary.ability, first.summary.ability_se)
    assert store.best_run(client, EXERCISE.id)["n_runs"] == 1
    assert store.has_met(client, EXERCISE.id) and not store.has_met(store.add_client("C-5"), EXERCISE.id)


def test_a_runs_estimate_comes_from_its_own_answers_not_the_resumed_prior():
    from games.core.engine.adaptive.policy import LevelPolicy, plan_run, resume_estimate

    answers = [(5, True), (6, True), (6, False), (6, True), (7, False), (6, True), (6, True), (5, True)]
    estimates = []
    for last in ((3.0, 0.5), (8.0, 0.5)):
        policy = LevelPolicy(EXERCISE.spec, plan_run(EXERCISE.spec, last_estimate=last))
        for level, correct in answers:
            policy.update(level, correct)
        estimates.append(policy.estimate())
        assert policy.tracker.estimate() != policy.estimate()  # the levels still follow the prior
    assert estimates[0] == pytest.approx(estimates[1])
    # where the next run starts pools the latest runs, the more precise weighing more
    assert resume_estimate([(6.0, 0.5), (4.0, 1.0)]) == pytest.approx((5.6, math.sqrt(1 / 5)))
    assert resume_estimate([]) is None
