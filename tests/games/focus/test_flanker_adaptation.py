"""Simulated Flanker players: a strong one ends higher than a weak one, and every trial reaches the store."""

import random
from datetime import datetime, timezone

import pytest

from games.core.engine.simulate import simulate_session
from games.focus.flanker.player import FlankerPlayer, error_probability, median_rt_ms
from games.focus.flanker.spec import CONGRUENT, INCONGRUENT
from games.registry import get_exercise

EXERCISE = get_exercise("flanker")
WALL = datetime(2026, 1, 5, 10, tzinfo=timezone.utc)


def simulate(store, ability, seed, n_trials=None):
    client = store.add_client(f"sim-{ability}-{seed}")  # a fresh client: every run starts at level 1
    player = EXERCISE.make_player(ability, random.Random(seed + 1))
    return simulate_session(EXERCISE, store, client, player, seed=seed, n_trials=n_trials, wall_start=WALL)


def test_strong_player_ends_higher_than_weak_player_for_every_seed(store):
    for seed in range(8):
        strong, weak = simulate(store, 0.9, seed).summary, simulate(store, 0.3, seed).summary
        assert strong.end_level > weak.end_level, seed
        assert strong.end_level > strong.start_level
        assert weak.end_level <= 6  # the weak player settles below the short windows
        assert 100 <= strong.duration_s <= 240  # a run takes 2 to 4 minutes


def test_run_measures_match_the_stored_trials(store):
    run = simulate(store, 0.5, seed=3)
    rows = list(store.iter_trial_rows())
    assert [r["trial_index"] for r in rows] == list(range(1, EXERCISE.spec.trials_per_run + 1))
    [run_row] = list(store.iter_run_rows())
    measures = run_row["measures"]
    assert measures == EXERCISE.summarize(run.records)
    assert measures["congruent_trials"] + measures["incongruent_trials"] == len(rows)
    assert measures["congruency_cost_ms"] > 0  # the weaker the player, the more the flankers cost
    for record in run.records:
        if record.is_correct:
            assert 100 <= record.rt_ms <= record.extra["window_ms"]


def test_player_model_is_slower_and_less_accurate_on_incongruent_rows_and_with_less_ability():
    for ability in (0.3, 0.9):
        assert median_rt_ms(ability, INCONGRUENT) > median_rt_ms(ability, CONGRUENT)
        assert error_probability(ability, INCONGRUENT, 1000) > error_probability(ability, CONGRUENT, 1000)
    assert 300 <= median_rt_ms(1.0, CONGRUENT) and median_rt_ms(0.0, INCONGRUENT) <= 1100
    assert error_probability(0.3, INCONGRUENT, 600) > error_probability(0.9, INCONGRUENT, 600)
    assert error_probability(0.5, INCONGRUENT, 600) > error_probability(0.5, INCONGRUENT, 2500)
    with pytest.raises(ValueError):
        FlankerPlayer(1.2, random.Random(0))


def test_a_slow_player_times_out_and_sometimes_answers_late_at_the_shortest_window(store):
    client = store.add_client("slow")
    player = EXERCISE.make_player(0.1, random.Random(4))
    run = simulate_session(EXERCISE, store, client, player, seed=4, n_trials=40, wall_start=WALL,
                           params={"window_ms": 600})
    timed_out = [r for r in run.records if r.timed_out]
    late = [r for r in run.records if r.extra["late_rt_ms"] is not None]
    assert len(timed_out) >= 10 and late
    assert all(r.extra["late_rt_ms"] > 600 for r in late)
