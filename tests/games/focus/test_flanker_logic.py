"""Flanker logic on hand-worked cases with a fake clock, and the view's key and click mapping."""

import random

import pygame
import pytest

from games.core.engine.actions import Respond
from games.core.ui.theme import Theme, forget_fonts
from games.focus.flanker.logic import ANTICIPATION, CORRECT, ERROR, TIMEOUT, FlankerLogic, Phase, Row, summarize
from games.focus.flanker.spec import CONGRUENT, INCONGRUENT, LEFT, RIGHT, SPEC
from surface_checks import SENTINEL, blank, kinds_of_colour, painted_share, picture, untouched_outside

FIXED = {"fixation_ms": 500, "fixation_jitter_ms": 0, "feedback_ms": 700}  # level 1: 2500 ms window
FLIP_MS = 8  # the arrows' frame is flipped this long after the fixation ends


def start_row(logic, level, at_ms):
    """Start a row at ``at_ms``; returns its onset, as the run would stamp it after the flip."""
    logic.start_trial(level, at_ms)
    assert logic.phase is Phase.FIXATION and not logic.awaiting_onset
    assert logic.tick(at_ms + 499) == [] and logic.phase is Phase.FIXATION
    logic.tick(at_ms + 500)
    assert logic.phase is Phase.STIMULUS and logic.awaiting_onset
    onset = at_ms + 500 + FLIP_MS
    logic.mark_onset(onset)
    return onset


def answer_row(logic, level, at_ms, answer, rt_ms):
    """Play one row answered ``rt_ms`` after its onset; returns its record and when the next row may start."""
    onset = start_row(logic, level, at_ms)
    [record] = logic.handle(Respond(answer), onset + rt_ms)
    assert logic.phase is Phase.FEEDBACK
    assert logic.tick(onset + rt_ms + 700) == [] and logic.needs_trial
    return record, onset + rt_ms + 700


def test_a_scripted_block_gives_the_hand_worked_congruency_cost():
    # congruent, all right: 400, 500, 600 ms -> median 500 ms, accuracy 3/3
    # incongruent: right at 560 and 640 ms, wrong at 450 ms -> median 600 ms (errors left out), accuracy 2/3
    plan = [(CONGRUENT, RIGHT, RIGHT, 400), (INCONGRUENT, LEFT, LEFT, 560), (CONGRUENT, LEFT, LEFT, 600),
            (INCONGRUENT, RIGHT, LEFT, 450), (CONGRUENT, RIGHT, RIGHT, 500), (INCONGRUENT, RIGHT, RIGHT, 640)]
    logic = FlankerLogic(random.Random(1), FIXED, script=[Row(c, d) for c, d, _, _ in plan])
    records, now = [], 0.0
    for _, _, answer, rt in plan:
        record, now = answer_row(logic, 1, now, answer, rt)
        records.append(record)
    assert [r.trial_index for r in records] == [1, 2, 3, 4, 5, 6]
    assert [r.stimulus for r in records] == [">>>>>", ">><>>", "<<<<<", "<<><<", ">>>>>", "<<><<"]
    assert [r.rt_ms for r in records] == [400, 560, 600, 450, 500, 640]
    assert [r.is_correct for r in records] == [True, True, True, False, True, True]
    assert records[3].response == LEFT and records[3].extra["direction"] == RIGHT
    assert records[1].start_ms == 400 + 500 + FLIP_MS + 700  # the second row began as the first one's pause ended
    assert summarize(records) == {
        "congruent_trials": 3, "incongruent_trials": 3,
        "congruent_accuracy": 1.0, "incongruent_accuracy": 0.667,
        "congruent_median_rt_ms": 500.0, "incongruent_median_rt_ms": 600.0,
        "congruency_cost_ms": 100.0, "congruency_cost_accuracy": 0.333,
        "anticipations": 0, "timeouts": 0,
    }


def test_an_answer_within_100_ms_is_an_anticipation_and_not_correct():
    logic = FlankerLogic(random.Random(1), FIXED, script=[Row(CONGRUENT, LEFT), Row(CONGRUENT, LEFT)])
    record, now = answer_row(logic, 1, 0.0, LEFT, 60)
    assert record.extra["anticipation"] and not record.is_correct and not record.timed_out
    assert record.rt_ms == 60 and logic.outcome == ANTICIPATION
    record, _ = answer_row(logic, 1, now, LEFT, 100)  # 100 ms is just enough
    assert not record.extra["anticipation"] and record.is_correct
    assert summarize([record])["anticipations"] == 0


def test_a_press_on_the_frame_the_arrows_appear_stamps_the_onset_and_is_an_anticipation():
    logic = FlankerLogic(random.Random(1), FIXED, script=[Row(CONGRUENT, RIGHT)])
    logic.start_trial(1, 0.0)
    logic.tick(500)
    [record] = logic.handle(Respond(RIGHT), 503)
    assert logic.onset_ms == 503 and record.rt_ms == 0 and record.extra["anticipation"]


def test_a_late_wrong_press_is_an_error_with_its_late_rt():
    logic = FlankerLogic(random.Random(1), FIXED, script=[Row(INCONGRUENT, RIGHT)])
    onset = start_row(logic, 1, 0.0)
    assert logic.tick(onset + 2499) == []
    assert logic.tick(onset + 2500) == []  # the window closed: the record waits for a late press
    assert logic.phase is Phase.FEEDBACK and logic.accepts_late and logic.outcome == TIMEOUT
    [record] = logic.handle(Respond(LEFT), onset + 2700)
    assert not record.is_correct and not record.timed_out and record.response == LEFT
    assert record.rt_ms == 2700 and record.extra["late_rt_ms"] == 2700
    assert logic.handle(Respond(RIGHT), onset + 2800) == []  # one answer per row
    assert logic.tick(onset + 2500 + 700) == [] and logic.needs_trial


def test_a_late_right_press_stays_timed_out_and_no_press_times_out_at_the_pause_end():
    logic = FlankerLogic(random.Random(1), FIXED, script=[Row(CONGRUENT, LEFT), Row(CONGRUENT, LEFT)])
    onset = start_row(logic, 1, 0.0)
    logic.tick(onset + 2500)
    [late] = logic.handle(Respond(LEFT), onset + 2650)
    assert late.timed_out and not late.is_correct and late.rt_ms is None and late.extra["late_rt_ms"] == 2650
    end = onset + 2500 + 700
    logic.tick(end)
    onset = start_row(logic, 1, end)
    assert logic.tick(onset + 2500 + 699) == []
    [silent] = logic.tick(onset + 2500 + 700)
    assert silent.timed_out and silent.response == "none" and silent.rt_ms is None
    assert silent.extra["late_rt_ms"] is None and logic.needs_trial
    assert summarize([late, silent])["timeouts"] == 2


def test_presses_during_the_fixation_are_counted_and_ignored():
    logic = FlankerLogic(random.Random(1), FIXED, script=[Row(CONGRUENT, RIGHT)])
    logic.start_trial(1, 0.0)
    assert logic.handle(Respond(LEFT), 100) == [] and logic.handle(Respond(RIGHT), 200) == []
    logic.tick(500)
    logic.mark_onset(510)
    [record] = logic.handle(Respond(RIGHT), 900)
    assert record.is_correct and record.rt_ms == 390 and record.extra["early_presses"] == 2
    assert logic.outcome == CORRECT


def test_outcome_error_and_summary_of_no_trials():
    logic = FlankerLogic(random.Random(1), FIXED, script=[Row(CONGRUENT, RIGHT)])
    record, _ = answer_row(logic, 1, 0.0, LEFT, 300)
    assert logic.outcome == ERROR and not record.is_correct and record.rt_ms == 300
    empty = summarize([])
    assert empty["congruency_cost_ms"] is None and empty["congruent_accuracy"] is None


def test_random_rows_follow_the_level_share_and_the_fixation_jitter():
    logic = FlankerLogic(random.Random(7))
    shares, fixations, now = {1: [], 8: []}, [], 0.0
    for level in (1, 8):
        for _ in range(400):
            logic.start_trial(level, now)
            fixations.append(logic.fixation_ms)
            shares[level].append(logic.row.condition == INCONGRUENT)
            now = logic.next_change_ms() + 1
            logic.tick(now)  # arrows shown
            now += 2500 + 700
            logic.tick(now)  # window and pause over
            assert logic.needs_trial
    assert abs(sum(shares[1]) / 400 - 0.2) < 0.06 and abs(sum(shares[8]) / 400 - 0.7) < 0.06
    assert 500 <= min(fixations) and max(fixations) <= 800


def test_levels_get_harder_both_ways_and_bad_params_are_refused():
    windows = [lv.params["window_ms"] for lv in SPEC.levels]
    shares = [lv.params["incongruent_share"] for lv in SPEC.levels]
    assert windows == sorted(windows, reverse=True) and shares == sorted(shares)
    assert (shares[0], windows[0], shares[-1], windows[-1]) == (0.2, 2500, 0.7, 600)
    assert SPEC.chance_rate == 0.5
    for bad in ({"incongruent_share": 1.5}, {"window_ms": 80}, {"feedback_ms": -1}):
        with pytest.raises(ValueError):
            FlankerLogic(random.Random(1), bad)
    with pytest.raises(ValueError):
        Row("neutral", LEFT)


# -- the view ----------------------------------------------------------------------------------

AREA = pygame.Rect(55, 90, 990, 650)  # what the exercise scene leaves in an 1100x760 window


@pytest.fixture
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


def drawn_view(scale=1.0):
    from games.focus.flanker.view import FlankerView

    logic = FlankerLogic(random.Random(2), FIXED, script=[Row(INCONGRUENT, LEFT)])
    start_row(logic, 1, 0.0)
    view = FlankerView(Theme.create(scale))
    view.draw(pygame.Surface((1100, 760)), AREA, logic, 600)
    return view, logic


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_keys_and_clicks_give_the_same_answers(display, scale):
    view, logic = drawn_view(scale)
    key = lambda k: pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)  # noqa: E731
    click = lambda pos: pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)  # noqa: E731
    for direction in (LEFT, RIGHT):
        action = Respond(direction)
        assert view.action_for(key(view.key_for(action, logic)), logic) == action
        assert view.action_for(click(view.click_for(action, logic)), logic) == action
    assert view.action_for(key(pygame.K_f), logic) == Respond(LEFT)
    assert view.action_for(key(pygame.K_j), logic) == Respond(RIGHT)
    assert view.action_for(key(pygame.K_SPACE), logic) is None
    assert view.action_for(click((AREA.centerx, AREA.centery)), logic) is None  # the arrows are no button
    left, right = view.buttons[LEFT], view.buttons[RIGHT]
    assert AREA.contains(left) and AREA.contains(right) and left.right < right.left and left.height >= 60


def test_every_phase_and_the_picture_draw_at_both_scales(display):
    from games.focus.flanker.view import FlankerView

    for scale in (1.0, 1.5):
        view = FlankerView(Theme.create(scale))
        logic = FlankerLogic(random.Random(3), FIXED)
        surface = pygame.Surface((1100, 760))
        logic.start_trial(1, 0.0)
        shown = []
        for at_ms in (0.0, 500.0, 3000.0):  # the '+', the arrows, time's up
            if at_ms:
                logic.tick(at_ms)
            surface.fill(SENTINEL)
            view.draw(surface, AREA, logic, at_ms)
            assert kinds_of_colour(surface, AREA) > 1  # something is drawn on the backdrop
            shown.append(picture(surface))
        assert len(set(shown)) == 3  # each phase looks different
        canvas, frame = blank((380, 310)), pygame.Rect(10, 10, 360, 290)
        view.draw_picture(canvas, frame)
        assert painted_share(canvas, frame) > 0.5 and kinds_of_colour(canvas, frame) > 2
        assert untouched_outside(canvas, frame)  # the picture keeps to its frame
