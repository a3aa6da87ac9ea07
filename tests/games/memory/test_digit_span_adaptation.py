"""Digit Span's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): spans each
way, directions in the store, a forward-only run, the player model and its typos."""

import random
import statistics

import pytest

from adaptation_cases import simulate, stored_run
from games.memory.digit_span.logic import DigitSpanLogic, Phase
from games.memory.digit_span.player import DigitSpanPlayer, recall_probability


def test_a_strong_players_backward_span_is_never_longer_than_forward(climbs):
    strong, _ = climbs("digit_span")
    fwd = statistics.mean(s.summary.measures["longest_span_forward"] for s in strong)
    bwd = statistics.mean(s.summary.measures["longest_span_backward"] for s in strong)
    assert fwd >= bwd >= 5


def test_every_trial_is_stored_with_its_direction_and_measures(store):
    run = stored_run(store, "digit_span")
    rows = list(store.iter_trial_rows())
    directions = [r["extra"]["direction"] for r in rows]
    assert directions == (["forward"] * 3 + ["backward"] * 3) * 2
    [run_row] = list(store.iter_run_rows())
    measures = run_row["measures"]
    assert measures["correct_trials"] == sum(r.is_correct for r in run.records)
    assert measures["longest_span_forward"] == max(
        (r.extra["n_digits"] for r in run.records if r.is_correct and r.extra["direction"] == "forward"), default=0)


def test_forward_only_run_leaves_backward_span_empty(store):
    run = simulate(store, "digit_span", 0.6, seed=2, n_trials=8, params={"direction": "forward"})
    assert {r.extra["direction"] for r in run.records} == {"forward"}
    assert run.summary.measures["longest_span_backward"] is None


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
