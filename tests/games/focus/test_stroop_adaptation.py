"""Simulated Stroop players: a strong one ends higher than a weak one, and every trial reaches the store."""

import random
from datetime import datetime, timezone

import pytest

from games.core.engine.clock import FakeClock
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import play_run, simulate_session
from games.focus.stroop.player import StroopPlayer, error_probability, median_rt_ms
from games.registry import get_exercise

IDS = ["stroop", "stroop_counting"]
START = datetime(2026, 1, 5, 10, tzinfo=timezone.utc)


def simulate(store, exercise, ability, seed, n_trials=40):
    client = store.get_client("sim") or store.add_client("sim")
    player = exercise.make_player(ability, random.Random(seed + 1))
    return simulate_session(exercise, store, client, player, seed=seed, n_trials=n_trials, wall_start=START)


@pytest.mark.parametrize("exercise_id", IDS)
def test_strong_player_ends_higher_than_weak_player_for_every_seed(store, exercise_id):
    exercise = get_exercise(exercise_id)
    strong = [simulate(store, exercise, 0.9, seed) for seed in range(6)]
    weak = [simulate(store, exercise, 0.3, seed) for seed in range(6)]
    assert all(s.summary.end_level > w.summary.end_level for s, w in zip(strong, weak))
    assert all(s.summary.end_level > s.summary.start_level for s in strong)
    assert max(w.summary.end_level for w in weak) < exercise.spec.max_level
    # the weak player is slower too (the median RT of correct answers)
    for s, w in zip(strong, weak):
        assert s.summary.median_rt_ms < w.summary.median_rt_ms


def test_every_trial_and_its_measures_are_stored(store):
    exercise = get_exercise("stroop")
    run = simulate(store, exercise, 0.7, seed=11, n_trials=30)
    rows = list(store.iter_trial_rows())
    assert [r["trial_index"] for r in rows] == list(range(1, 31))
    assert {r["exercise"] for r in rows} == {"stroop"}
    [run_row] = list(store.iter_run_rows())
    assert run_row["n_trials"] == 30 and run_row["completed"] and run_row["simulated"]
    measures = run_row["measures"]
    assert set(measures) == {f.name for f in exercise.spec.run_fields}
    assert measures["congruent_trials"] + measures["incongruent_trials"] + measures["neutral_trials"] == 30
    assert measures == run.summary.measures


def test_same_seed_replays_the_same_run(store):
    exercise = get_exercise("stroop_counting")
    a, b = simulate(store, exercise, 0.6, seed=5), simulate(store, exercise, 0.6, seed=5)
    assert [(r.stimulus, r.response, r.rt_ms) for r in a.records] == [(r.stimulus, r.response, r.rt_ms) for r in b.records]


def test_player_model_is_slower_and_less_accurate_on_conflict_and_at_low_ability():
    assert median_rt_ms(0.9, "congruent") < median_rt_ms(0.9, "incongruent") < median_rt_ms(0.3, "incongruent")
    assert 300 <= median_rt_ms(1.0, "congruent") and median_rt_ms(0.0, "incongruent") <= 1300
    assert error_probability(0.9, "congruent") < error_probability(0.9, "incongruent") < error_probability(0.3, "incongruent")
    with pytest.raises(ValueError):
        StroopPlayer(1.5, random.Random(0))


def test_a_slow_player_times_out_when_the_window_is_short(store):
    exercise = get_exercise("stroop")
    client = store.add_client("slow")
    run = ExerciseRun(exercise, store=store, session_id=store.start_session(client, START), client=client,
                      seed=3, wall_start=START, n_trials=20, params={"response_window_ms": 400})
    play_run(run, exercise.make_player(0.3, random.Random(3)), FakeClock())
    assert sum(r.timed_out for r in run.records) >= 15
    assert any(r.extra["late_rt_ms"] is not None for r in run.records)  # some answers arrive in the pause
