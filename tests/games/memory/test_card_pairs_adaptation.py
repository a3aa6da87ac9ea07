"""Card Pairs' own adaptation checks (the shared ones are in tests/games/test_adaptation.py): each stored
board's turns, the memory model, and boards played by perfect, weak and waiting players."""

import random
import statistics

import pytest

from adaptation_cases import stored_run
from games.core.engine.actions import Select
from games.memory.card_pairs.logic import CardPairsLogic, Phase
from games.memory.card_pairs.player import CardPairsPlayer, remember_probability


def test_every_board_and_its_measures_reach_the_store(store):
    run = stored_run(store, "card_pairs")
    assert len(run.records) == 12
    for rec in run.records:
        x = rec.extra
        assert x["turns"] == len(x["turn_log"].split(";")) and x["turns_above_min"] == x["turns"] - x["pairs"]
        assert rec.is_correct == (x["cleared"] and x["turns"] <= 2 * x["pairs"])
    [run_row] = list(store.iter_run_rows())
    measures = run_row["measures"]
    assert measures["boards_cleared"] == sum(r.extra["cleared"] for r in run.records)
    assert measures["total_repeated_known_turns"] == sum(r.extra["repeated_known_turns"] for r in run.records)


def test_memory_model_falls_with_cards_and_rises_with_ability():
    assert remember_probability(0.9, 6) > remember_probability(0.9, 24) > remember_probability(0.3, 24)
    assert remember_probability(0.3, 6) > 0.75  # the first level is easy for anyone
    with pytest.raises(ValueError):
        CardPairsPlayer(1.5, random.Random(0))


def play_board(player, logic, level):
    """One board with the player, checking it only ever chooses face-down cards; returns the record."""
    logic.start_trial(level, 0.0)
    now = 0.0
    while True:
        if logic.awaiting_onset:
            logic.mark_onset(now)
        planned, wake = player.next_action(logic, now), logic.next_change_ms()
        if planned is not None and (wake is None or planned[0] <= wake):
            now = max(now, planned[0])
            assert isinstance(planned[1], Select) and logic.can_turn(planned[1].index)
            records = logic.handle(planned[1], now)
        else:
            now = max(now, wake)
            records = logic.tick(now)
        if records:
            logic.tick(now + 10_000)
            return records[0]


def test_perfect_memory_always_clears_within_the_allowance_even_without_a_first_look(monkeypatch):
    """The allowance's reason: forgetting nothing, a board takes at most 2 x pairs - 1 turns."""
    monkeypatch.setattr("games.memory.card_pairs.player.remember_probability", lambda ability, n_cards: 1.0)
    boards = [play_board(CardPairsPlayer(1.0, random.Random(s), lapse=0.0),
                         CardPairsLogic(random.Random(s), {"first_look_ms": 0}), 10) for s in range(40)]
    assert all(r.is_correct for r in boards)
    assert max(r.extra["turns"] for r in boards) <= 2 * 12 - 1
    assert all(r.extra["repeated_known_turns"] == 0 for r in boards)


def test_a_weak_player_needs_many_more_turns_on_big_boards():
    def mean_above(ability, level):
        logic = CardPairsLogic(random.Random(8))
        player = CardPairsPlayer(ability, random.Random(9))
        return statistics.mean(play_board(player, logic, level).extra["turns_above_min"] for _ in range(15))

    assert mean_above(0.3, 10) > mean_above(0.9, 10) + 5
    assert mean_above(0.3, 1) < 3


def test_the_player_waits_during_the_first_look_and_while_two_cards_are_shown():
    logic = CardPairsLogic(random.Random(1))
    player = CardPairsPlayer(0.5, random.Random(2))
    logic.start_trial(1, 0.0)
    assert logic.phase is Phase.FIRST_LOOK and player.next_action(logic, 10) is None
    logic.tick(3000)
    assert player.next_action(logic, 3000) is None  # the board's onset is not stamped yet
    logic.mark_onset(3000)
    at_ms, action = player.next_action(logic, 3000)
    assert at_ms > 3000 and player.next_action(logic, 3100) == (at_ms, action)  # one plan, kept
