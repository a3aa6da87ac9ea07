"""Shopping List logic, catalogue and view mapping on hand-worked cases: scripted actions on a fake clock."""

import random

import pygame
import pytest

from games.core.engine.actions import Respond, Select, Undo
from games.core.ui.theme import Palette, Theme, forget_fonts
from games.memory.shopping_list.catalogue import (
    CATALOGUE, CATEGORIES, SIMILAR_GROUPS, BY_NAME, build_shelf, choose_list, look_alikes, similarity,
)
from games.memory.shopping_list.drawing import SHAPES
from games.memory.shopping_list.logic import Phase, ShoppingListLogic, longest_increasing, score_picks, summarize
from games.memory.shopping_list.spec import LEVEL_TABLE, SPEC


def started(level=1, seed=7, overrides=None):
    logic = ShoppingListLogic(random.Random(seed), overrides)
    logic.start_trial(level, 0.0)
    return logic


def to_shelf(logic, t0=0.0):
    """Show the list at ``t0`` + 100 ms, press I'm ready 2 s later, wait, and stamp the shelf's onset 50 ms late."""
    assert logic.phase is Phase.STUDY and logic.awaiting_onset
    logic.mark_onset(t0 + 100.0)
    logic.handle(Respond("ready"), t0 + 2100.0)
    assert logic.phase is Phase.DELAY
    logic.tick(logic.delay_end_ms)
    assert logic.phase is Phase.SHELF and logic.awaiting_onset
    onset = logic.delay_end_ms + 50.0
    logic.mark_onset(onset)
    return onset


# -- scoring ------------------------------------------------------------------------------------
@pytest.mark.parametrize("positions, expected", [
    ([], 0), ([0], 1), ([0, 1, 2], 3), ([2, 1, 0], 1), ([1, 0, 2], 2), ([0, 2, 1, 3], 3), ([3, 0, 1, 2], 3),
    ([4, 0, 3, 1, 2], 3),
])
def test_longest_increasing_on_hand_worked_cases(positions, expected):
    assert longest_increasing(positions) == expected


def test_score_counts_hits_false_picks_misses_and_order():
    wanted = ["apples", "milk", "bread"]
    # list positions of the hits in pick order: milk 1, apples 0, bread 2 -> longest increasing 2
    s = score_picks(wanted, ["milk", "apples", "bread"])
    assert (s.hits, s.false_picks, s.misses, s.order_score, s.similar_false_picks) == (3, 0, 0, 2, 0)
    assert s.is_perfect
    s = score_picks(wanted, ["apple juice", "milk", "tea"])  # apple juice looks like apples; tea does not
    assert (s.hits, s.false_picks, s.misses, s.order_score, s.similar_false_picks) == (1, 2, 2, 1, 1)
    assert not s.is_perfect
    s = score_picks(wanted, [])
    assert (s.hits, s.misses, s.order_score) == (0, 3, 0)


# -- catalogue ----------------------------------------------------------------------------------
def test_catalogue_is_declared_consistently():
    assert len(CATALOGUE) >= 40 and len(BY_NAME) == len(CATALOGUE)
    assert {item.category for item in CATALOGUE} == set(CATEGORIES)
    assert all(name in BY_NAME for group in SIMILAR_GROUPS for name in group)
    assert all(look_alikes(item.name) for item in CATALOGUE)  # every item has a look-alike
    assert all(item.shape in SHAPES and hasattr(Palette(), item.tint) for item in CATALOGUE)
    assert look_alikes("apples") == {"apple juice", "apple pie"}
    assert similarity("apple juice", ["apples"]) == 2
    assert similarity("milk", ["cheese"]) == 1 and similarity("tea", ["cheese"]) == 0


def test_list_items_never_look_alike():
    rng = random.Random(1)
    for _ in range(50):
        chosen = choose_list(rng, 8)
        assert len(set(chosen)) == 8
        assert not any(a in look_alikes(b) for a in chosen for b in chosen)


@pytest.mark.parametrize("level", [0, 1, 2])
def test_shelf_holds_the_list_and_the_most_fitting_distractors_first(level):
    rng = random.Random(level)
    for _ in range(30):
        wanted = choose_list(rng, 4)
        shelf = build_shelf(rng, wanted, 10, level)
        assert len(shelf) == 10 == len(set(shelf)) and set(wanted) <= set(shelf)
        tiers = [similarity(name, wanted) for name in shelf if name not in wanted]
        available = sum(similarity(i.name, wanted) == level for i in CATALOGUE if i.name not in wanted)
        assert tiers.count(level) == min(6, available)


# -- a whole trial --------------------------------------------------------------------------------
def test_trial_from_list_to_feedback_with_hand_worked_times():
    logic = started(level=1)
    assert len(logic.wanted) == 2 and len(logic.shelf) == 6
    assert logic.next_change_ms() is None  # the study time runs from the list's onset
    logic.mark_onset(100.0)
    assert logic.study_deadline_ms() == 6100.0
    logic.handle(Select(0), 500.0)  # a click on the list is not a pick
    logic.handle(Respond("ready"), 2100.0)
    assert logic.phase is Phase.DELAY and logic.delay_end_ms == 4100.0
    assert logic.delay_fraction(3100.0) == pytest.approx(0.5)
    assert logic.tick(4099.0) == [] and logic.phase is Phase.DELAY
    logic.tick(4100.0)
    assert logic.awaiting_onset
    logic.mark_onset(4150.0)
    first, second = (logic.shelf.index(name) for name in logic.wanted)
    assert logic.handle(Select(second), 5150.0) == []
    [record] = logic.handle(Select(first), 6150.0)
    assert record.is_correct and not record.timed_out and record.rt_ms == pytest.approx(2000.0)
    assert record.stimulus == "; ".join(logic.wanted)
    assert record.response == f"{logic.wanted[1]}; {logic.wanted[0]}"
    extra = record.extra
    assert (extra["hits"], extra["false_picks"], extra["misses"], extra["order_score"]) == (2, 0, 0, 1)
    assert extra["finished_by"] == "full" and extra["study_ms"] == pytest.approx(2000.0)
    assert extra["pick_times_ms"] == "1000.0;2000.0" and extra["first_pick_ms"] == pytest.approx(1000.0)
    assert extra["filler"] is False and extra["filler_correct"] is None and extra["delay_ms"] == 2000
    assert extra["shelf"].split("; ") == logic.shelf
    assert logic.phase is Phase.FEEDBACK and logic.last_score.is_perfect
    logic.tick(6150.0 + 2500.0)
    assert logic.needs_trial


def test_study_time_runs_out_and_the_delay_counts_from_its_end():
    logic = started(level=1)
    logic.mark_onset(100.0)
    logic.tick(9000.0)  # a late frame: the delay still starts when the study time ended
    assert logic.phase is Phase.SHELF and logic.study_end_ms == 6100.0 and logic.delay_end_ms == 8100.0


def test_picking_again_unpicks_and_done_ends_with_misses():
    logic = started(level=2)
    onset = to_shelf(logic)
    wrong = next(i for i, name in enumerate(logic.shelf) if name not in logic.wanted)
    right = logic.shelf.index(logic.wanted[0])
    logic.handle(Select(wrong), onset + 500)
    logic.handle(Select(wrong), onset + 900)  # picked again: taken back
    assert logic.picks == []
    logic.handle(Select(right), onset + 1500)
    logic.handle(Select(wrong), onset + 1800)
    logic.handle(Undo(), onset + 2000)  # Backspace takes back the last pick
    [record] = logic.handle(Respond("done"), onset + 3000)
    assert not record.is_correct and record.rt_ms == pytest.approx(3000)
    assert record.response == logic.wanted[0]
    extra = record.extra
    assert (extra["hits"], extra["false_picks"], extra["misses"], extra["n_unpicks"]) == (1, 0, 2, 2)
    assert extra["finished_by"] == "done" and extra["first_pick_ms"] == pytest.approx(500)


def test_no_pick_for_a_minute_times_out():
    logic = started(level=1)
    onset = to_shelf(logic)
    assert logic.tick(onset + 59_999) == []
    [record] = logic.tick(onset + 60_000)
    assert record.timed_out and not record.is_correct and record.rt_ms is None
    assert record.extra["finished_by"] == "timeout" and record.extra["misses"] == 2


def test_star_counting_filler_takes_one_answer_from_the_choices():
    logic = started(level=4)
    assert logic.stars is not None and 3 <= logic.stars.count <= 7
    assert logic.stars.count in logic.stars.choices and len(logic.stars.choices) == 3
    logic.mark_onset(0.0)
    logic.handle(Respond("ready"), 1000.0)
    logic.handle(Respond("9"), 1500.0)  # not among the choices: ignored
    assert logic.star_answer is None
    logic.handle(Respond(str(logic.stars.count)), 2000.0)
    wrong = next(c for c in logic.stars.choices if c != logic.stars.count)
    logic.handle(Respond(str(wrong)), 2500.0)  # one answer only
    assert logic.star_answer == logic.stars.count
    logic.tick(logic.delay_end_ms)
    logic.mark_onset(logic.delay_end_ms)
    [record] = logic.handle(Respond("done"), logic.delay_end_ms + 1000)
    assert record.extra["filler"] is True and record.extra["filler_correct"] is True


def test_summary_on_hand_worked_records():
    logic = started(level=1)
    records, t0 = [], 0.0
    for picks in (["first", "second"], ["second", "first"], ["first"]):
        onset = to_shelf(logic, t0)
        for k, which in enumerate(picks):
            name = logic.wanted[0 if which == "first" else 1]
            records += logic.handle(Select(logic.shelf.index(name)), onset + 1000 * (k + 1))
        if len(picks) < 2:
            records += logic.handle(Respond("done"), onset + 5000)
        t0 = logic.next_change_ms()
        logic.tick(t0)
        logic.start_trial(1, t0)
    measures = summarize(records)
    # order scores 2/2 and 1/2 over the trials with two hits; the third (one hit) is left out
    assert measures == {"longest_list_perfect": 2, "hits": 5, "false_picks": 0, "misses": 1,
                        "mean_order_score": 0.75, "correct_trials": 2}
    assert summarize([])["mean_order_score"] is None


def test_level_table_grows_harder_and_keeps_the_shelf_two_to_three_times_the_list():
    rows = [LEVEL_TABLE[n] for n in sorted(LEVEL_TABLE)]
    assert rows[0][0] == 2 and rows[-1][0] == 8
    for column in (0, 3, 5):  # list length, delay, similarity never fall
        assert [r[column] for r in rows] == sorted(r[column] for r in rows)
    assert all(2 * r[0] <= r[1] <= 3 * r[0] for r in rows)
    assert SPEC.level(1).params["filler"] is False and SPEC.level(9).params["filler"] is True
    assert 0 < SPEC.chance_rate < 0.1


# -- the view: one key and one click per action -----------------------------------------------
@pytest.fixture
def view():
    from games.memory.shopping_list.view import ShoppingListView

    forget_fonts()  # fonts loaded before an earlier pygame.quit() are dead
    pygame.init()
    yield ShoppingListView(Theme.create(1.0)), pygame.Surface((1100, 760))
    pygame.quit()
    forget_fonts()


def key(k):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def click(pos):
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)


def agree(view, surface, logic, actions):
    area = pygame.Rect(50, 80, 1000, 660)
    view.draw(surface, area, logic, 0.0)
    for action in actions:
        assert view.action_for(key(view.key_for(action, logic)), logic) == action
        assert view.action_for(click(view.click_for(action, logic)), logic) == action


def test_every_action_has_one_key_and_one_click(view):
    v, surface = view
    logic = started(level=9)
    logic.mark_onset(0.0)
    agree(v, surface, logic, [Respond("ready")])
    logic.handle(Respond("ready"), 10.0)
    agree(v, surface, logic, [Respond(str(c)) for c in logic.stars.choices])
    logic.tick(logic.delay_end_ms)
    logic.mark_onset(logic.delay_end_ms)
    agree(v, surface, logic, [Select(i) for i in range(18)] + [Respond("done")])
    assert v.key_for(Select(3), logic) == pygame.K_e  # "d" is kept for Done


def test_arrow_keys_move_the_focus_and_enter_picks_it(view):
    v, surface = view
    logic = started(level=9)
    to_shelf(logic)
    v.draw(surface, pygame.Rect(50, 80, 1000, 660), logic, 0.0)
    assert v.action_for(key(pygame.K_RETURN), logic) == Select(0)
    v.action_for(key(pygame.K_RIGHT), logic)
    v.action_for(key(pygame.K_DOWN), logic)
    assert v.action_for(key(pygame.K_SPACE), logic) == Select(1 + v.cols)
    v.action_for(key(pygame.K_LEFT), logic)
    v.action_for(key(pygame.K_LEFT), logic)  # the row's edge stops the focus
    assert v.action_for(key(pygame.K_RETURN), logic) == Select(v.cols)
    assert v.action_for(key(pygame.K_BACKSPACE), logic) == Undo()
    assert v.action_for(key(pygame.K_d), logic) == Respond("done")
    assert v.action_for(click((5, 5)), logic) is None
