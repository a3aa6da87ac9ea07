"""N-back's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): d' and speed as
a strong player climbs, a run ending with a round, silence never scoring, the player model."""

import random
import statistics

import pytest

from adaptation_cases import WALL, stored_run
from games.core.engine.simulate import simulate_session
from games.memory.n_back.player import NBackPlayer, sensitivity
from games.registry import get_exercise

EXERCISE = get_exercise("n_back")


def test_a_strong_player_tells_targets_apart_and_meets_letters(climbs):
    strong, _ = climbs("n_back")
    assert all(s.summary.measures["position_d_prime"] > 1.5 for s in strong)
    assert any(s.summary.measures["letter_d_prime"] is not None for s in strong)  # rounds with letters
    rts = [r.rt_ms for run in strong for r in run.records if r.rt_ms is not None]
    assert 500 <= statistics.median(rts) <= 900


def test_run_ends_with_a_round_and_every_round_is_counted(store):
    run = stored_run(store, "n_back")
    assert run.records[-1].ends_step and len(run.records) >= EXERCISE.spec.trials_per_run
    [run_row] = list(store.iter_run_rows())
    assert run_row["measures"]["blocks"] == sum(r.ends_step for r in run.records)
    assert run_row["measures"]["position_hits"] == sum(r.extra["position_outcome"] == "hit" for r in run.records)


def test_a_player_who_never_presses_scores_d_prime_near_zero_and_stays_low(store):
    class Silent:
        def next_action(self, logic, now_ms):
            return None

    client = store.add_client("sim")
    run = simulate_session(EXERCISE, store, client, Silent(), seed=1, n_trials=80, wall_start=WALL)
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
