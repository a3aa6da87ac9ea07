"""Simulated Digit Span players: a strong one climbs, a weak one settles low, and every trial reaches the store."""

import random
import statistics
from datetime import datetime, timezone

import pytest

from games.core.engine.simulate import simulate_session
from games.memory.digit_span.logic import DigitSpanLogic, Phase
from games.memory.digit_span.player import DigitSpanPlayer, recall_probability
from games.registry import get_exercise

EXERCISE = get_exercise("digit_span")


def simulate(store, ability, seed, n_trials=40, params=None):
    client = store.get_client("sim") or store.add_client("sim")
    player = EXERCISE.make_player(ability, random.Random(seed + 1))
    return simulate_session(EXERCISE, store, client, player, seed=seed, n_trials=n_trials, params=params,
                            wall_start=datetime(2026, 1, 5, 10, tzinfo=timezone.utc))


def test_strong_player_ends_higher_than_weak_player_for_every_seed(store):
    strong = [simulate(store, 0.9, seed) for seed in range(6)]
    weak = [simulate(store, 0.3, seed) for seed in range(6)]
    assert all(s.summary.end_level > w.summary.end_level for s, w in zip(strong, weak))
    assert all(s.summary.end_level > s.summary.start_level for s in strong)
    assert statistics.mean(s.summary.ability for s in strong) - statistics.mean(w.summary.ability for w in weak) > 2.5
    assert max(w.summary.end_level for w in weak) <= 5
    # the strong player's longest spans: backwards is harder, so never longer on average
    fwd = statistics.mean(s.summary.measures["longest_span_forward"] for s in strong)
    bwd = statistics.mean(s.summary.measures["longest_span_backward"] for s in strong)
    assert fwd >= bwd >= 5


def test_every_trial_is_stored_with_its_direction_and_measures(store):
    run = simulate(store, 0.7, seed=11, n_trials=12)
    rows = list(store.iter_trial_rows())
    assert [r["trial_index"] for r in rows] == list(range(1, 13))
    directions = [r["extra"]["direction"] for r in rows]
    assert directions == (["forward"] * 3 + ["backward"] * 3) * 2
    [run_row] = list(store.iter_run_rows())
    measures = run_row["measures"]
    assert run_row["n_trials"] == 12 and run_row["completed"] and run_row["simulated"]
    assert measures["correct_trials"] == sum(r.is_correct for r in run.records)
    assert measures["longest_span_forward"] == max(
        (r.extra["n_digits"] for r in run.records if r.is_correct and r.extra["direction"] == "forward"), default=0)


def test_forward_only_run_leaves_backward_span_empty(store):
    run = simulate(store, 0.6, seed=2, n_trials=8, params={"direction": "forward"})
    assert {r.extra["direction"] for r in run.records} == {"forward"}
    assert run.summary.measures["longest_span_backward"] is None


def test_same_seed_replays_the_same_run(store):
    a, b = simulate(store, 0.6, seed=5, n_trials=12), simulate(store, 0.6, seed=5, n_trials=12)
    assert [(r.stimulus, r.response, r.rt_ms) for r in a.records] == [(r.stimulus, r.response, r.rt_ms) for r in b.records]


def test_player_model_gets_worse_with_length_and_backwards_and_better_with_ability():
    assert recall_probability(0.9, 3) > recall_probability(0.9, 8) > recall_probability(0.3, 8)
    assert recall_probability(0.6, 5, "forward") > recall_probability(0.6, 5, "backward")
    with pytest.raises(ValueError):
        DigitSpanPlayer(1.5, random.Random(0))


def test_player_typos_are_undone_and_errors_are_plausible():
    """Over many trials the player sometimes undoes a typo, and errs about as often as its model says."""
    undos, wrong, n = 0, 0, 200
    for seed in range(n):
        player = DigitSpanPlayer(0.5, random.Random(seed))
        logic = DigitSpanLogic(random.Random(seed), {"direction": "backward"})
        logic.start_trial(5, 0)
        logic.tick(1500 + 1100 * 5 - 300)  # lead-in, then five digits
        assert logic.phase is Phase.RESPOND
        logic.mark_onset(7000)
        records = []
        while not records:
            at_ms, action = player.next_action(logic, 7000)
            records = logic.handle(action, at_ms)
        undos += records[0].extra["n_undos"]
        wrong += not records[0].is_correct
    expected_wrong = 1 - recall_probability(0.5, 5, "backward")
    assert undos > 0 and abs(wrong / n - expected_wrong) < 0.12
