"""Flanker's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): run length,
the congruency cost, the player model and late answers."""

import random

import pytest

from adaptation_cases import WALL, stored_run
from games.core.engine.simulate import simulate_session
from games.focus.flanker.player import FlankerPlayer, error_probability, median_rt_ms
from games.focus.flanker.spec import CONGRUENT, INCONGRUENT
from games.registry import get_exercise

EXERCISE = get_exercise("flanker")


def test_a_strong_players_run_takes_2_to_4_minutes(climbs):
    strong, _ = climbs("flanker")
    assert all(100 <= run.summary.duration_s <= 240 for run in strong)


def test_run_measures_match_the_stored_trials(store):
    run = stored_run(store, "flanker")
    assert len(run.records) == EXERCISE.spec.trials_per_run
    [run_row] = list(store.iter_run_rows())
    measures = run_row["measures"]
    assert measures == EXERCISE.summarize(run.records)
    assert measures["congruent_trials"] + measures["incongruent_trials"] == len(run.records)
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
