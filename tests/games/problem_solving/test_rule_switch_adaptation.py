"""Rule Switch simulated players: a flexible one climbs higher than a perseverating one, for every seed."""

import random
from datetime import datetime, timezone

import pytest

from games.core.engine.simulate import simulate_session
from games.problem_solving.rule_switch.player import RuleSwitchPlayer, perseveration
from games.registry import get_exercise

EXERCISE = get_exercise("rule_switch")


def simulate(store, ability, seed, n_trials=40):
    client = store.add_client(f"sim-{ability}-{seed}")  # a fresh client: every run starts at level 1
    player = EXERCISE.make_player(ability, random.Random(seed + 1))
    return simulate_session(EXERCISE, store, client, player, seed=seed, n_trials=n_trials,
                            wall_start=datetime(2026, 1, 5, 10, tzinfo=timezone.utc))


def test_strong_player_ends_higher_than_weak_player_for_every_seed(store):
    strong = [simulate(store, 0.9, seed) for seed in range(6)]
    weak = [simulate(store, 0.3, seed) for seed in range(6)]
    assert all(s.summary.end_level > w.summary.end_level for s, w in zip(strong, weak))
    measures = [EXERCISE.summarize(run.records) for run in strong + weak]
    strong_m, weak_m = measures[:6], measures[6:]
    assert sum(m["categories_completed"] for m in strong_m) > sum(m["categories_completed"] for m in weak_m)
    assert sum(m["perseverative_errors"] for m in strong_m) < sum(m["perseverative_errors"] for m in weak_m)


def test_measures_reach_the_store(store):
    run = simulate(store, 0.7, seed=3, n_trials=30)
    [row] = list(store.iter_run_rows())
    assert row["measures"] == EXERCISE.summarize(run.records)
    assert row["n_trials"] == 30


def test_player_model():
    assert perseveration(0.9, 3) < perseveration(0.3, 3) < perseveration(0.3, 4)
    with pytest.raises(ValueError):
        RuleSwitchPlayer(-0.1, random.Random(0))
