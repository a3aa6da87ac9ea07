"""Visual Search logic on hand-worked trials (scripted displays, presses and a fake clock), and its view's mapping."""

import random
from collections import Counter

import pygame
import pytest

from games.core.engine.actions import Respond, Select
from games.core.ui.theme import Theme, forget_fonts
from games.focus.visual_search.displays import SEARCH_SETS, layout_text, make_display, parse_layout
from games.focus.visual_search.logic import Phase, VisualSearchLogic, least_squares_slope, summarize
from games.focus.visual_search.player import error_probabilities, slope_ms
from games.focus.visual_search.spec import SPEC
from games.focus.visual_search.view import VisualSearchView
from surface_checks import SENTINEL, blank, kinds_of_colour, painted_share, picture, untouched_outside

FIXATION, WINDOW, FEEDBACK = 400, 6000, 500  # level 1
YES, NO = Respond("yes"), Respond("no")
# A circle among three squares, and four squares alone (cells as column,row from 0).
PRESENT = parse_layout("Sf@0,0 *Of@3,0 Sf@5,1 Sf@2,3", "circle_squares")
ABSENT = parse_layout("Sf@1,0 Sf@6,2 Sf@0,3 Sf@7,3", "circle_squares")


def started(*displays, level=1, overrides=None):
    """A logic whose first trial is on screen and stamped at 1000 ms after its '+' (start at 600)."""
    logic = VisualSearchLogic(random.Random(1), overrides, script=displays)
    logic.start_trial(level, 600.0)
    assert logic.phase is Phase.FIXATION and not logic.awaiting_onset
    assert logic.tick(600.0 + FIXATION) == []
    assert logic.phase is Phase.SEARCH and logic.awaiting_onset
    logic.mark_onset(1000.0)
    return logic


def test_a_right_answer_in_the_window_is_scored_at_once_then_a_pause():
    logic = started(PRESENT)
    [record] = logic.handle(YES, 2234.0)
    assert record.is_correct and not record.timed_out and record.rt_ms == 1234.0
    assert (record.trial_index, record.level, record.start_ms, record.response) == (1, 1, 600.0, "yes")
    assert record.stimulus == "circle; present; 4 items"
    assert record.extra == {
        "set_size": 4, "search_type": "feature", "target_present": True, "target": "circle",
        "search_window_ms": 6000, "layout": "Sf@0,0 *Of@3,0 Sf@5,1 Sf@2,3", "anticipation": False,
        "late_rt_ms": None, "early_presses": 0,
    }
    assert logic.phase is Phase.FEEDBACK and logic.last_correct and not logic.accepts_answer
    assert logic.handle(NO, 2300.0) == []  # a second answer is ignored
    assert logic.next_change_ms() == 2234.0 + FEEDBACK
    assert logic.tick(2734.0) == [] and logic.needs_trial


def test_no_answer_times_out_when_the_pause_after_the_window_ends():
    logic = started(ABSENT)
    assert logic.next_change_ms() == 1000.0 + WINDOW  # the window runs from the stamped onset
    assert logic.tick(7000.0) == [] and logic.phase is Phase.FEEDBACK and logic.accepts_answer
    [record] = logic.tick(7000.0 + FEEDBACK)
    assert record.timed_out and not record.is_correct and record.rt_ms is None and record.response == "none"
    assert record.extra["late_rt_ms"] is None and logic.needs_trial


@pytest.mark.parametrize("display, late, timed_out", [(ABSENT, NO, True), (ABSENT, YES, False), (PRESENT, NO, False)])
def test_a_late_answer_stays_timed_out_when_right_and_is_an_error_when_wrong(display, late, timed_out):
    logic = started(display)
    logic.tick(7000.0)
    assert logic.handle(late, 7250.0) == []  # recorded when the pause ends
    assert not logic.accepts_answer
    [record] = logic.tick(7500.0)
    assert not record.is_correct and record.timed_out is timed_out
    assert record.rt_ms is None and record.extra["late_rt_ms"] == 6250.0 and record.response == late.value


def test_an_answer_within_100_ms_is_an_anticipation_and_not_correct_even_if_right():
    logic = started(PRESENT)
    [record] = logic.handle(YES, 1060.0)
    assert record.extra["anticipation"] and not record.is_correct and not record.timed_out and record.rt_ms == 60.0
    logic = started(PRESENT)
    [record] = logic.handle(YES, 1100.0)  # exactly 100 ms is a search, if a quick one
    assert not record.extra["anticipation"] and record.is_correct


def test_presses_during_the_cross_are_counted_and_ignored():
    logic = VisualSearchLogic(random.Random(1), script=[ABSENT])
    logic.start_trial(1, 0.0)
    assert logic.handle(YES, 100.0) == [] and logic.handle(NO, 200.0) == []
    assert logic.handle(Select(1), 250.0) == [] and logic.handle(Respond("maybe"), 260.0) == []
    assert logic.phase is Phase.FIXATION and logic.early_presses == 2
    logic.tick(400.0)
    logic.mark_onset(420.0)
    [record] = logic.handle(NO, 1420.0)
    assert record.is_correct and record.rt_ms == 1000.0 and record.extra["early_presses"] == 2


def test_an_answer_before_the_stamp_stamps_the_onset_itself():
    logic = VisualSearchLogic(random.Random(1), script=[ABSENT])
    logic.start_trial(1, 0.0)
    logic.tick(400.0)
    [record] = logic.handle(NO, 400.0)  # on the very frame the display appeared
    assert logic.onset_ms == 400.0 and record.rt_ms == 0.0 and record.extra["anticipation"]


def test_random_displays_follow_the_level():
    logic = VisualSearchLogic(random.Random(7))
    present = 0
    for k in range(200):
        logic.start_trial(9, k * 10_000.0)
        d = logic.display
        assert d.search_set == "t_among_mixed_l" and d.set_size in (16, 20, 24)
        present += d.target_present
        logic.tick(k * 10_000.0 + 400)
        logic.mark_onset(k * 10_000.0 + 400)
        logic.handle(NO, k * 10_000.0 + 2000)
        logic.tick(k * 10_000.0 + 3000)
    assert 80 <= present <= 120  # about half


def test_a_display_has_one_target_balanced_distractors_and_no_overlap():
    rng = random.Random(3)
    for present in (True, False):
        d = make_display(rng, "t_among_l", 17, present, cols=8, rows=4, jitter=0.2)
        codes = Counter(it.code for it in d.items)
        assert codes["T0"] == int(present) and sum(it.is_target for it in d.items) == int(present)
        distractors = [n for code, n in codes.items() if code != "T0"]
        assert max(distractors) - min(distractors) <= 1 and set(codes) - {"T0"} <= set(SEARCH_SETS["t_among_l"].distractors)
        cells = [(it.col, it.row) for it in d.items]
        assert len(set(cells)) == 17 and all(0 <= c < 8 and 0 <= r < 4 for c, r in cells)
        # an item spans at most 0.55/2 of a cell either side of its centre, moved by at most 0.2: < 0.5
        assert all(abs(it.dx) <= 0.2 and abs(it.dy) <= 0.2 for it in d.items)
        assert cells == sorted(cells, key=lambda cr: (cr[1], cr[0]))  # reading order
        assert layout_text(parse_layout(layout_text(d), "t_among_l")) == layout_text(d)
    with pytest.raises(ValueError):
        make_display(rng, "circle_squares", 33, True, cols=8, rows=4, jitter=0.2)
    with pytest.raises(ValueError):
        make_display(rng, "circle_squares", 8, True, cols=8, rows=4, jitter=0.3)


def test_levels_feature_first_then_conjunction_and_never_colour():
    types = [SEARCH_SETS[lv.params["search_set"]].search_type for lv in SPEC.levels]
    assert types[:3] == ["feature"] * 3 and set(types[3:]) == {"conjunction"}
    assert all(len(lv.params["set_sizes"]) >= 2 and lv.params["window_ms"] >= 4000 for lv in SPEC.levels)
    assert SPEC.chance_rate == 0.5
    with pytest.raises(ValueError):
        VisualSearchLogic(random.Random(0), {"set_sizes": (40,)})


def test_least_squares_slope_by_hand():
    # x = 4, 8, 12 (mean 8); y = 600, 700, 860 (mean 720)
    # sxy = (-4)(-120) + 0 + 4(140) = 1040, sxx = 16 + 0 + 16 = 32, slope = 32.5 ms/item
    assert least_squares_slope([4, 8, 12], [600, 700, 860]) == pytest.approx(32.5)
    assert least_squares_slope([8, 8], [600, 900]) is None
    assert least_squares_slope([], []) is None


def record(logic, display, answer, rt_ms, start):
    logic._script.append(display)
    logic.start_trial(logic.level, start)
    logic.tick(start + FIXATION)
    logic.mark_onset(start + FIXATION)
    finished = logic.handle(answer, start + FIXATION + rt_ms) if answer else []
    finished += logic.tick(start + 20_000)
    return finished[0]


def test_summary_of_a_hand_worked_run():
    big_present = parse_layout("*Of@0,0 " + " ".join(f"Sf@{c},1" for c in range(7)), "circle_squares")  # 8 items
    logic = VisualSearchLogic(random.Random(0))
    records = [
        record(logic, PRESENT, YES, 600, 0),         # hit, 4 items
        record(logic, big_present, YES, 700, 30_000),  # hit, 8 items
        record(logic, big_present, YES, 860, 60_000),  # hit, 8 items
        record(logic, PRESENT, NO, 900, 90_000),     # miss
        record(logic, ABSENT, NO, 1000, 120_000),    # correct rejection
        record(logic, ABSENT, YES, 50, 150_000),     # anticipation
        record(logic, ABSENT, None, 0, 180_000),     # time-out
    ]
    m = summarize(records)
    # slope: x = 4, 8, 8; y = 600, 700, 860; means 6.667, 720; sxy = (-2.667)(-120) + 1.333(-20) + 1.333(140)
    # = 320 + 160 = 480; sxx = 7.111 + 1.778 + 1.778 = 10.667; slope = 45.0 ms/item
    assert m == {
        "present_accuracy": 0.75, "absent_accuracy": 0.333, "median_rt_present_ms": 700.0,
        "median_rt_absent_ms": 1000.0, "search_slope_ms_per_item": 45.0, "feature_slope_ms_per_item": 45.0,
        "conjunction_slope_ms_per_item": None, "anticipations": 1, "timeouts": 1,
    }
    assert summarize([])["search_slope_ms_per_item"] is None


def test_player_model_slows_and_misses_with_set_size_and_conjunction():
    conj, feat = SEARCH_SETS["t_among_l"].effort, SEARCH_SETS["circle_squares"].effort
    assert error_probabilities(0.9, conj, 24)[0] > error_probabilities(0.9, conj, 8)[0] > error_probabilities(0.9, feat, 8)[0]
    assert error_probabilities(0.3, conj, 16)[0] > error_probabilities(0.9, conj, 16)[0]
    assert slope_ms(0.9, feat) < 10 and 20 <= slope_ms(0.9, SEARCH_SETS["triangle_conjunction"].effort) <= 40
    assert slope_ms(0.3, conj) > slope_ms(0.9, conj)


# -- the view: keys and clicks give the same answers, and everything fits --------------------
AREA = pygame.Rect(55, 90, 990, 650)  # what the exercise scene leaves in an 1100x760 window


@pytest.fixture
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


def key_event(key):
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


def click_event(pos):
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_keys_and_clicks_agree_and_the_screen_fits(display, scale):
    logic = VisualSearchLogic(random.Random(2))
    logic.start_trial(9, 0.0)
    logic.tick(400.0)
    view = VisualSearchView(Theme.create(scale))
    view.draw(pygame.Surface((1100, 760)), AREA, logic, 400.0)
    for action in (YES, NO):
        assert view.action_for(key_event(view.key_for(action, logic)), logic) == action
        assert view.action_for(click_event(view.click_for(action, logic)), logic) == action
    assert view.key_for(YES, logic) == pygame.K_j and view.key_for(NO, logic) == pygame.K_f
    assert view.action_for(key_event(pygame.K_SPACE), logic) is None
    assert view.action_for(click_event((AREA.centerx, AREA.centery)), logic) is None
    no, yes = view.buttons["no"], view.buttons["yes"]
    assert AREA.contains(no) and AREA.contains(yes) and not no.colliderect(yes) and no.right < yes.left
    assert no.height >= 60
    body = Theme.create(scale).font("body", bold=True)
    assert body.size("Yes, it's there")[0] < yes.width  # the label is never cut


def test_every_phase_and_the_picture_draw_at_both_scales(display):
    for scale in (1.0, 1.5):
        view = VisualSearchView(Theme.create(scale, high_contrast=scale > 1))
        surface = pygame.Surface((1100, 760))
        logic = VisualSearchLogic(random.Random(4))
        for level in (1, 4, 7, 9):
            logic.start_trial(level, 0.0)
            cross = drawn(view, surface, logic, 0.0)  # the cross
            logic.tick(400.0)
            logic.mark_onset(400.0)
            display = drawn(view, surface, logic, 400.0)  # the display
            logic.handle(YES, 1400.0)
            mark = drawn(view, surface, logic, 1400.0)  # tick or dash
            assert len({cross, display, mark}) == 3  # each phase looks different
            logic.tick(5000.0)
        canvas, frame = blank((380, 310)), pygame.Rect(10, 10, 360, 290)
        view.draw_picture(canvas, frame)
        assert painted_share(canvas, frame) > 0.5 and kinds_of_colour(canvas, frame) > 2
        assert untouched_outside(canvas, frame)  # the picture keeps to its frame


def drawn(view, surface, logic, now_ms):
    """The view drawn afresh at ``now_ms``; checks something shows on the backdrop and returns the pixels."""
    surface.fill(SENTINEL)
    view.draw(surface, AREA, logic, now_ms)
    assert kinds_of_colour(surface, AREA) > 1
    return picture(surface)
