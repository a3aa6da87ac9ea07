"""Go/No-Go's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): its measures
as ability grows, rounds in the store, pressing always or never scores d' 0, the player model."""

import random
import statistics

import pytest

from adaptation_cases import WALL, stored_run
from games.core.engine.clock import FakeClock
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import play_run, simulate_session
from games.focus.go_no_go.logic import GO_ACTION, Phase
from games.focus.go_no_go.player import GoNoGoPlayer, commission_probability, median_rt_ms
from games.registry import get_exercise

EXERCISE = get_exercise("go_no_go")


def test_a_strong_player_is_quicker_and_steadier_than_a_weak_one_for_every_seed(climbs):
    strong, weak = climbs("go_no_go")
    for s, w in zip(strong, weak):
        assert s.summary.ability > w.summary.ability
        assert s.summary.measures["median_go_rt_ms"] < w.summary.measures["median_go_rt_ms"]
        assert s.summary.measures["go_rt_cv"] < w.summary.measures["go_rt_cv"]
    rts = [r.rt_ms for run in strong + weak for r in run.records if r.extra["outcome"] == "hit"]
    assert 300 <= statistics.median(rts) <= 900


def test_run_of_five_rounds_is_stored_trial_by_trial(store):
    run = stored_run(store, "go_no_go")
    assert len(run.records) == 60 and sum(r.ends_step for r in run.records) == 5
    [run_row] = list(store.iter_run_rows())
    m = run_row["measures"]
    assert m["blocks"] == 5 and m["go_trials"] + m["nogo_trials"] == 60
    assert m["commission_errors"] == sum(r.extra["outcome"] == "commission" for r in run.records)
    assert m["omission_errors"] == sum(r.timed_out for r in run.records)
    levels = [r.level for r in run.records]
    assert all(levels[i] == levels[i - 1] for i in range(1, 60) if i % 12)  # levels change between rounds only


class Silent:
    def next_action(self, logic, now_ms):
        return None


class AlwaysPress:
    def next_action(self, logic, now_ms):
        if logic.phase is Phase.STIMULUS and logic.onset_ms is not None and logic.press_rt_ms is None:
            return logic.onset_ms + 300, GO_ACTION
        return None


@pytest.mark.parametrize("player", [Silent(), AlwaysPress()], ids=["never", "always"])
def test_pressing_never_or_always_scores_d_prime_zero_and_stays_at_level_1(store, player):
    client = store.add_client("c")
    run = ExerciseRun(EXERCISE, store=store, session_id=store.start_session(client, WALL), client=client,
                      seed=1, wall_start=WALL, n_trials=36)
    play_run(run, player, FakeClock())
    m = run.summary.measures
    assert m["d_prime"] == pytest.approx(0.0, abs=1e-9) and m["good_blocks"] == 0
    assert run.summary.end_level == EXERCISE.spec.min_level
    if isinstance(player, Silent):
        assert m["omission_errors"] == m["go_trials"] and all(r.timed_out for r in run.records if r.stimulus == "go")
    else:
        assert m["commission_errors"] == m["nogo_trials"] and m["median_go_rt_ms"] == 300


def test_player_model_better_with_ability_worse_with_share_and_pace():
    assert median_rt_ms(0.9, 1500) < median_rt_ms(0.3, 1500)
    assert commission_probability(0.9, 0.83, 500) < commission_probability(0.3, 0.83, 500)
    easy, more_go, quicker = (commission_probability(0.6, *c) for c in ((0.5, 1500), (0.75, 1500), (0.75, 800)))
    assert easy < more_go < quicker
    with pytest.raises(ValueError):
        GoNoGoPlayer(1.2, random.Random(0))


def test_a_slow_player_times_out_when_the_window_is_short(store):
    client = store.add_client("sim")
    run = simulate_session(EXERCISE, store, client, GoNoGoPlayer(0.0, random.Random(7)), seed=7, n_trials=24,
                           wall_start=WALL)
    fast = dict(go_share=0.5, window_ms=500)
    quick = simulate_session(EXERCISE, store, client, GoNoGoPlayer(0.0, random.Random(7)), seed=7, n_trials=24,
                             wall_start=WALL, params=fast)
    assert quick.summary.measures["omission_rate"] > 0.5 > run.summary.measures["omission_rate"]
    assert any(r.extra["late_rt_ms"] is not None for r in quick.records)
