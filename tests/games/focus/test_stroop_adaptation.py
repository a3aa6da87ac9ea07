"""Stroop's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): the weak player
is slower, the kinds of card add up, the player model and late answers."""

import random

import pytest

from adaptation_cases import WALL, stored_run
from games.core.engine.clock import FakeClock
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import play_run
from games.focus.stroop.player import StroopPlayer, error_probability, median_rt_ms
from games.registry import get_exercise


@pytest.mark.parametrize("exercise_id", ["stroop", "stroop_counting"])
def test_the_weak_player_is_slower_for_every_seed(climbs, exercise_id):
    strong, weak = climbs(exercise_id)
    for s, w in zip(strong, weak):  # the median RT of correct answers
        assert s.summary.median_rt_ms < w.summary.median_rt_ms


def test_every_kind_of_card_is_counted(store):
    stored_run(store, "stroop")
    [run_row] = list(store.iter_run_rows())
    measures = run_row["measures"]
    assert run_row["n_trials"] == 30
    assert measures["congruent_trials"] + measures["incongruent_trials"] + measures["neutral_trials"] == 30


def test_player_model_is_slower_and_less_accurate_on_conflict_and_at_low_ability():
    assert median_rt_ms(0.9, "congruent") < median_rt_ms(0.9, "incongruent") < median_rt_ms(0.3, "incongruent")
    assert 300 <= median_rt_ms(1.0, "congruent") and median_rt_ms(0.0, "incongruent") <= 1300
    assert error_probability(0.9, "congruent") < error_probability(0.9, "incongruent") < error_probability(0.3, "incongruent")
    with pytest.raises(ValueError):
        StroopPlayer(1.5, random.Random(0))


def test_a_slow_player_times_out_when_the_window_is_short(store):
    exercise = get_exercise("stroop")
    client = store.add_client("slow")
    run = ExerciseRun(exercise, store=store, session_id=store.start_session(client, WALL), client=client,
                      seed=3, wall_start=WALL, n_trials=20, params={"response_window_ms": 400})
    play_run(run, exercise.make_player(0.3, random.Random(3)), FakeClock())
    assert sum(r.timed_out for r in run.records) >= 15
    assert any(r.extra["late_rt_ms"] is not None for r in run.records)  # some answers arrive in the pause
