"""Simulated N-back players: a strong one climbs to harder rounds than a weak one; silence never scores."""

import random
import statistics
from datetime import datetime, timezone

import pytest

from games.core.engine.simulate import simulate_session
from games.memory.n_back.player import NBackPlayer, sensitivity
from games.registry import get_exercise

EXERCISE = get_exercise("n_back")
NOW = datetime(2026, 1, 5, 10, tzinfo=timezone.utc)


def simulate(store, player, seed, n_trials=250):
    client = store.get_client("sim") or store.add_client("sim")
    return simulate_session(EXERCISE, store, client, player, seed=seed, n_trials=n_trials, wall_start=NOW)


def test_strong_player_ends_higher_than_weak_player_for_every_seed(store):
    strong = [simulate(store, NBackPlayer(0.9, random.Random(seed + 1)), seed) for seed in range(5)]
    weak = [simulate(store, NBackPlayer(0.3, random.Random(seed + 1)), seed) for seed in range(5)]
    for s, w in zip(strong, weak):
        assert s.summary.end_level > w.summary.end_level
        assert s.summary.measures["position_d_prime"] > 1.5
    assert min(s.summary.end_level for s in strong) >= 6  # 3-back, quick pace, or beyond
    assert max(w.summary.end_level for w in weak) <= 4  # 2-back at most
    assert any(s.summary.measures["letter_d_prime"] is not None for s in strong)  # rounds with letters
    rts = [r.rt_ms for run in strong for r in run.records if r.rt_ms is not None]
    assert 500 <= statistics.median(rts) <= 900


def test_run_ends_with_a_round_and_every_trial_is_stored(store):
    run = simulate(store, NBackPlayer(0.7, random.Random(2)), seed=3, n_trials=EXERCISE.spec.trials_per_run)
    assert run.records[-1].ends_step and len(run.records) >= EXERCISE.spec.trials_per_run
    rows = list(store.iter_trial_rows())
    assert [r["trial_index"] for r in rows] == list(range(1, len(run.records) + 1))
    [run_row] = list(store.iter_run_rows())
    assert run_row["measures"]["blocks"] == sum(r.ends_step for r in run.records)
    assert run_row["measures"]["position_hits"] == sum(r.extra["position_outcome"] == "hit" for r in run.records)


def test_a_player_who_never_presses_scores_d_prime_near_zero_and_stays_low(store):
    class Silent:
        def next_action(self, logic, now_ms):
            return None

    run = simulate(store, Silent(), seed=1, n_trials=80)
    assert run.summary.end_level == EXERCISE.spec.min_level
    assert not any(r.step_correct for r in run.records if r.ends_step)
    assert abs(run.summary.measures["position_d_prime"]) < 0.5
    assert run.summary.measures["position_hits"] == run.summary.measures["position_false_alarms"] == 0


def test_player_model_better_with_ability_worse_with_n_and_letters():
    assert sensitivity(0.9, 1) > sensitivity(0.9, 3) > sensitivity(0.3, 3)
    assert sensitivity(0.6, 2, dual=False) > sensitivity(0.6, 2, dual=True)
    assert sensitivity(0.6, 2, interval_ms=3000) > sensitivity(0.6, 2, interval_ms=2500)
    with pytest.raises(ValueError):
        NBackPlayer(-0.1, random.Random(0))
