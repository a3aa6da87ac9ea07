"""Rule Switch logic on hand-worked sorts, its cards, its measures, and its key and mouse mapping."""

import random

import pygame
import pytest

from games.core.engine.actions import Select
from games.core.ui.theme import Theme
from games.problem_solving.rule_switch.logic import (
    Card, Phase, RuleSwitchLogic, deal, key_card, matched_dimensions, summarize,
)
from games.problem_solving.rule_switch.view import RuleSwitchView

FEEDBACK_MS = 1200


def new_logic(first_rule="colour", **overrides):
    return RuleSwitchLogic(random.Random(7), overrides, first_rule=first_rule)


def sort(logic, key_for_card, at_ms, level=1):
    """Start a trial at ``at_ms``, stamp the onset, sort 500 ms later; returns the record."""
    logic.start_trial(level, at_ms)
    logic.mark_onset(at_ms + 10)
    [record] = logic.handle(Select(key_for_card(logic.card)), at_ms + 510)
    logic.tick(at_ms + 510 + FEEDBACK_MS)
    assert logic.phase is Phase.IDLE
    return record


def test_key_cards_and_matching():
    assert key_card(2, 3) == Card(2, 2, 2, 0) and key_card(3, 4) == Card(3, 3, 3, 3)
    card = Card(colour=1, shape=3, number=0)  # one green circle
    assert card.describe(3) == "1 green circle"
    assert Card(2, 2, 2, 2).describe(4) == "3 orange crosses, striped"
    assert matched_dimensions(card, 1, ("colour", "shape", "number")) == ("colour",)
    assert matched_dimensions(card, 3, ("colour", "shape", "number")) == ("shape",)
    assert matched_dimensions(card, 2, ("colour", "shape", "number")) == ()


def test_dealt_cards_match_each_key_on_at_most_one_dimension():
    rng = random.Random(1)
    previous = None
    for n_dims in (3, 4) * 50:
        card = deal(rng, n_dims, previous)
        values = [card.value(d) for d in ("colour", "shape", "number", "fill")[:n_dims]]
        assert len(set(values)) == n_dims and card != previous
        previous = card


def test_a_right_sort_is_scored_with_its_rt_and_fields():
    logic = new_logic()
    record = sort(logic, lambda card: card.colour, 1000)
    assert record.is_correct and record.rt_ms == 500 and not record.timed_out
    assert record.extra["rule"] == "colour" and record.extra["matched"] == "colour"
    assert record.extra["key_card"] == logic.last_sort[1].colour + 1 == int(record.response)
    assert not record.extra["perseverative"] and record.extra["category"] == 1


def test_rule_changes_after_a_run_and_old_rule_sorts_are_perseverative():
    logic = new_logic(run_length=3)
    records = [sort(logic, lambda card: card.colour, 1000 + 2000 * i) for i in range(3)]
    assert [r.is_correct for r in records] == [True, True, True]
    assert [r.extra["category_done"] for r in records] == [False, False, True]
    new_rule = logic.rule
    assert new_rule in ("shape", "number") and logic.previous_rule == "colour"
    # the old rule now fails, and counts as perseverative
    stuck = sort(logic, lambda card: card.colour, 8000)
    assert not stuck.is_correct and stuck.extra["perseverative"] and stuck.extra["rule"] == new_rule
    # the third dimension, neither old nor new, is another kind of error
    other = next(d for d in ("shape", "number") if d != new_rule)
    wrong = sort(logic, lambda card: card.value(other), 10000)
    assert not wrong.is_correct and not wrong.extra["perseverative"]
    right = sort(logic, lambda card: card.value(new_rule), 12000)
    assert right.is_correct and right.extra["category"] == 2
    all_records = records + [stuck, wrong, right]
    assert summarize(all_records) == {"categories_completed": 1, "perseverative_errors": 1,
                                      "other_errors": 1, "trials_to_first_category": 3}


def test_an_error_resets_the_run_but_a_time_out_does_not():
    logic = new_logic(run_length=2)
    sort(logic, lambda card: card.colour, 0)
    logic.start_trial(1, 2000)
    logic.mark_onset(2000)
    [late] = logic.tick(2000 + 30000)
    assert late.timed_out and not late.is_correct and late.rt_ms is None and late.extra["key_card"] is None
    logic.tick(2000 + 30000 + FEEDBACK_MS)
    done = sort(logic, lambda card: card.colour, 40000)
    assert done.extra["category_done"]  # 1 right + time-out + 1 right = a run of 2
    logic = new_logic(run_length=2)
    sort(logic, lambda card: card.colour, 0)
    sort(logic, lambda card: card.shape, 2000)
    again = sort(logic, lambda card: card.colour, 4000)
    assert again.is_correct and not again.extra["category_done"]


def test_an_easier_level_without_fill_changes_a_fill_rule():
    logic = new_logic(first_rule="fill")
    record = sort(logic, lambda card: card.fill, 0, level=5)
    assert record.is_correct and record.extra["n_dimensions"] == 4
    logic.start_trial(4, 3000)
    assert logic.rule in ("colour", "shape", "number") and logic.previous_rule == "fill"
    assert logic.card.fill == 0


def test_summary_without_a_category():
    logic = new_logic()
    records = [sort(logic, lambda card: card.shape, 2000 * i) for i in range(3)]
    assert summarize(records) == {"categories_completed": 0, "perseverative_errors": 0,
                                  "other_errors": 3, "trials_to_first_category": None}


@pytest.fixture
def view():
    pygame.init()
    yield RuleSwitchView(Theme.create(1.0))
    pygame.quit()


def test_keys_and_clicks_map_to_the_same_key_cards(view):
    logic = new_logic()
    logic.start_trial(1, 0)
    surface = pygame.Surface((1100, 760))
    view.draw(surface, pygame.Rect(40, 80, 1020, 660), logic, 0)
    for index in range(4):
        action = Select(index)
        key = pygame.event.Event(pygame.KEYDOWN, key=view.key_for(action, logic))
        click = pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=view.click_for(action, logic))
        assert view.action_for(key, logic) == action == view.action_for(click, logic)
    keypad = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_KP3)
    assert view.action_for(keypad, logic) == Select(2)
    assert view.action_for(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_5), logic) is None
    assert view.action_for(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(1, 1)), logic) is None
