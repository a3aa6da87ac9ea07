"""Go/No-Go logic on hand-worked rounds (scripted shapes and presses, a fake clock), and the view's mapping."""

import random

import pygame
import pytest

from games.core.engine.actions import Respond, Select
from games.core.ui.theme import Theme, forget_fonts
from games.focus.go_no_go.logic import GO_ACTION, GoNoGoLogic, Phase
from games.focus.go_no_go.scoring import classify, rt_spread, summarize
from games.focus.go_no_go.spec import LEVEL_TABLE, SPEC, check_params

G, N = "go", "nogo"
LEAD_IN, FIXATION, WINDOW, PAUSE = 2000, 500, 1500, 500  # level 1
PERIOD = FIXATION + WINDOW + PAUSE


def play_round(logic, presses, late_stamp_ms=0.0, start_ms=0.0):
    """Play the round started at ``start_ms``. Shape k is stamped ``late_stamp_ms`` after its
    planned onset; ``presses[k]`` lists press times in ms after that stamp (negative: during the
    '+'). Returns the records."""
    records, t = [], start_ms + LEAD_IN
    for k in range(len(logic.block)):
        records += logic.tick(t)
        assert logic.phase is Phase.FIXATION and logic.index == k
        for offset in (o for o in presses.get(k, []) if o < 0):
            records += logic.handle(GO_ACTION, t + FIXATION + offset)
        records += logic.tick(t + FIXATION)
        assert logic.phase is Phase.STIMULUS and logic.awaiting_onset and logic.shown == logic.block[k]
        onset = t + FIXATION + late_stamp_ms
        logic.mark_onset(onset)
        for offset in (o for o in presses.get(k, []) if o >= 0):
            records += logic.handle(GO_ACTION, onset + offset)
        t = onset + WINDOW + PAUSE
    records += logic.tick(t)
    return records


# Every kind of outcome in one round of 12: 8 GO circles and 4 squares.
ROUND = (G, N, G, G, N, G, G, N, G, N, G, G)
PRESSES = {
    0: [400, 700],  # hit; the second press changes nothing
    2: [-200, 500],  # a press during the '+' (ignored), then a hit
    4: [350],  # commission
    5: [600],  # hit
    6: [1700],  # late: an omission, timed out
    7: [80],  # commission, and an anticipation
    8: [50],  # anticipation on a GO circle: no hit
    9: [1600],  # late press on a square: still a commission
    10: [450],  # hit
    11: [550],  # hit
}


def started(script=(ROUND,), level=1, overrides=None):
    logic = GoNoGoLogic(random.Random(1), overrides, script=script)
    logic.start_trial(level, 0.0)
    return logic


def test_hand_worked_round_outcomes_and_records():
    r = play_round(started(), PRESSES, late_stamp_ms=16.0)
    assert [x.trial_index for x in r] == list(range(1, 13))
    assert [x.extra["outcome"] for x in r] == [
        "hit", "correct_rejection", "hit", "omission", "commission", "hit",
        "omission", "commission", "anticipation", "commission", "hit", "hit"]
    assert [x.is_correct for x in r] == [True, True, True, False, False, True, False, False, False, False, True, True]
    assert [k for k, x in enumerate(r) if x.timed_out] == [3, 6]  # GO circles not pressed in the window
    assert r[0].rt_ms == pytest.approx(400) and r[0].stimulus == "go" and r[0].response == "press"
    assert r[1].response == "none" and r[1].rt_ms is None and not r[1].timed_out  # held back: right, not timed out
    assert r[2].extra["early_presses"] == 1 and r[2].rt_ms == pytest.approx(500)
    assert r[3].response == "none" and r[3].rt_ms is None
    assert r[4].rt_ms == pytest.approx(350) and r[4].extra["late_rt_ms"] is None
    assert r[6].response == "press" and r[6].rt_ms is None and r[6].extra["late_rt_ms"] == pytest.approx(1700)
    assert r[7].extra["anticipation"] and r[8].extra["anticipation"] and not r[0].extra["anticipation"]
    assert r[8].rt_ms == pytest.approx(50) and not r[8].timed_out
    assert r[9].rt_ms is None and r[9].extra["late_rt_ms"] == pytest.approx(1600) and not r[9].timed_out
    assert [x.ends_step for x in r] == [False] * 11 + [True]
    # the late stamp moves the rest of the round with it: shape 1's '+' was planned at 4500
    assert r[1].start_ms == pytest.approx(LEAD_IN + PERIOD + 16)
    assert r[0].extra["window_ms"] == 1500 and r[0].extra["go_share"] == pytest.approx(0.667)


def test_hand_worked_round_measures():
    records = play_round(started(), PRESSES)
    m = summarize(records)
    # go 8: hits 5, omissions 2 (one of them late), 1 anticipation; squares 4: 3 pressed, 1 held back
    assert (m["go_trials"], m["nogo_trials"], m["go_hits"]) == (8, 4, 5)
    assert (m["omission_errors"], m["commission_errors"], m["anticipations"]) == (2, 3, 2)
    assert m["omission_rate"] == 0.25 and m["commission_rate"] == 0.75
    # hit RTs 400, 500, 600, 450, 550: median 500, mean 500, SD sqrt(25000 / 4) = 79.06, CV 0.158
    assert m["median_go_rt_ms"] == 500 and m["go_rt_sd_ms"] == pytest.approx(79.1)
    assert m["go_rt_cv"] == pytest.approx(0.158)
    # H = 5.5 / 9 = 0.6111, F = 3.5 / 5 = 0.7: d' = 0.2822 - 0.5244 = -0.2422
    assert m["d_prime"] == pytest.approx(-0.242, abs=1e-3)
    assert records[-1].extra["block_d_prime"] == pytest.approx(-0.242, abs=1e-3)
    assert records[-1].step_correct is False and (m["blocks"], m["good_blocks"]) == (1, 0)


@pytest.mark.parametrize("presses, d, good", [
    ({}, 2.257, True),  # 6 GO, 6 squares, one GO missed: z(5.5/7) - z(0.5/7) = 0.7916 + 1.4652
    ({5: [300]}, 1.583, False),  # and one square pressed: z(5.5/7) - z(1.5/7) = 0.7916 - (-0.7916)
])
def test_round_is_good_when_its_d_prime_reaches_the_criterion(presses, d, good):
    block = (G, N, G, N, G, N, G, N, G, N, G, N)
    base = {k: [400] for k in (0, 2, 4, 6, 8)}  # GO 10 (trial 11) is missed
    records = play_round(started(script=(block,)), {**base, **presses})
    last = records[-1]
    assert last.extra["block_d_prime"] == pytest.approx(d, abs=1e-3)
    assert last.ends_step and last.step_correct is good and last.step_success is good


def test_phases_timing_and_the_round_end():
    logic = started(script=((G, N),))
    assert logic.phase is Phase.LEAD_IN and logic.next_change_ms() == LEAD_IN and logic.stimulus is None
    assert logic.tick(LEAD_IN) == [] and logic.phase is Phase.FIXATION and logic.shown is None
    logic.handle(Select(0), LEAD_IN + 100)  # not a Go press: nothing happens
    logic.tick(LEAD_IN + FIXATION)
    assert logic.awaiting_onset and logic.next_change_ms() == LEAD_IN + FIXATION + WINDOW
    logic.handle(GO_ACTION, LEAD_IN + FIXATION)  # a press before the frame was stamped: onset = press
    assert logic.onset_ms == LEAD_IN + FIXATION and logic.pressed and not logic.awaiting_onset
    logic.tick(LEAD_IN + FIXATION + WINDOW)
    assert logic.phase is Phase.PAUSE and logic.trial_right() is False  # rt 0: an anticipation
    [first] = logic.tick(LEAD_IN + PERIOD)
    assert first.extra["outcome"] == "anticipation" and first.rt_ms == 0
    [second] = logic.tick(LEAD_IN + 2 * PERIOD)
    assert second.extra["outcome"] == "correct_rejection" and logic.phase is Phase.FEEDBACK
    assert logic.tick(LEAD_IN + 2 * PERIOD + 2500) == [] and logic.needs_trial


def test_random_rounds_hold_the_level_share_of_go():
    logic = GoNoGoLogic(random.Random(4))
    for level, (share, window, *_rest) in enumerate(LEVEL_TABLE, start=1):
        logic.start_trial(level, 0.0)
        assert len(logic.block) == 12 and logic.block.count(G) == round(share * 12)
        assert logic.params["window_ms"] == window
        logic.phase = Phase.IDLE  # skip playing it
    assert [round(s * 12) for s, *_ in LEVEL_TABLE] == [6, 7, 8, 8, 9, 9, 10, 10, 10]
    windows = [w for _, w, *_ in LEVEL_TABLE]
    assert windows == sorted(windows, reverse=True) and windows[0] == 1500 and windows[-1] == 500


def test_classify_and_bad_parameters():
    assert classify(G, None, 1000, 100) == "omission" and classify(G, 1000, 1000, 100) == "omission"
    assert classify(G, 99.9, 1000, 100) == "anticipation" and classify(G, 100, 1000, 100) == "hit"
    assert classify(N, 5000, 1000, 100) == "commission" and classify(N, None, 1000, 100) == "correct_rejection"
    assert rt_spread([]) == (None, None, None) and rt_spread([420.0]) == (420.0, None, None)
    with pytest.raises(ValueError):
        check_params({**SPEC.params_at(1), "go_share": 0.99})  # no square in a round of 12
    with pytest.raises(ValueError):
        GoNoGoLogic(random.Random(0), {"window_ms": 80})
    with pytest.raises(ValueError):
        started(script=(("go", "stop"),))
    assert summarize([])["d_prime"] is None and summarize([])["median_go_rt_ms"] is None


# -- the view: keys and clicks give the same press ----------------------------------------
AREA = pygame.Rect(55, 90, 990, 650)  # what the exercise scene leaves in an 1100x760 window


@pytest.fixture
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_view_keys_and_clicks_agree(display, scale):
    from games.focus.go_no_go.view import GoNoGoView

    logic = started(script=((G, N),))
    logic.tick(LEAD_IN + FIXATION)
    view = GoNoGoView(Theme.create(scale))
    assert view.click_for(GO_ACTION, logic) is None  # nothing drawn yet
    view.draw(pygame.Surface((1100, 760)), AREA, logic, LEAD_IN + FIXATION)
    key = pygame.event.Event(pygame.KEYDOWN, key=view.key_for(GO_ACTION, logic), mod=0, unicode="", scancode=0)
    click = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=view.click_for(GO_ACTION, logic), button=1)
    assert view.action_for(key, logic) == GO_ACTION == view.action_for(click, logic) == Respond("go")
    assert view.key_for(Respond("stop"), logic) is None and view.click_for(Select(1), logic) is None
    enter = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)
    assert view.action_for(enter, logic) is None
    assert view.action_for(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=AREA.topleft, button=1), logic) is None
    assert AREA.contains(view.button) and view.button.height >= 60  # a big target
    view.draw_picture(pygame.Surface((500, 400)), pygame.Rect(10, 10, 470, 370))
