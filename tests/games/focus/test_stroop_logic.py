"""Stroop logic on hand-worked trials (scripted stimuli, answers and a fake clock), and its view's keys and clicks."""

import random

import pygame
import pytest

from games.core.engine.actions import Respond, Select
from games.core.ui.theme import HIGH_CONTRAST, Palette, Theme, forget_fonts
from games.focus.stroop import COUNTING_EXERCISE, EXERCISE
from games.focus.stroop.inks import contrast_ratio, stage_for
from games.focus.stroop.logic import Phase, StroopLogic
from games.focus.stroop.measures import summarize
from games.focus.stroop.spec import COLOUR_SPEC, COUNTING_SPEC, LEVEL_TABLE, check_params
from games.focus.stroop.stimuli import Stimulus, make_stimulus, pick_condition
from games.focus.stroop.view import ColourStroopView, CountingStroopView

FIXATION, ITI, WINDOW_1 = 500, 600, 3000  # level 1
C, X = Stimulus.colour, Stimulus.counting


def play(logic, answer, rt_ms, t, level=1, stamp_late_ms=0.0):
    """One trial from ``t``: the '+', the stimulus stamped ``stamp_late_ms`` after it was due,
    ``answer`` given ``rt_ms`` after the stamp (None: no answer), then time runs on to the end."""
    logic.start_trial(level, t)
    assert logic.phase is Phase.FIXATION and not logic.awaiting_onset
    records = logic.tick(t + FIXATION)
    assert logic.phase is Phase.STIMULUS and logic.awaiting_onset
    onset = t + FIXATION + stamp_late_ms
    logic.mark_onset(onset)
    if answer is not None:
        records += logic.handle(Respond(answer), onset + rt_ms)
    records += logic.tick(t + 20_000)
    assert logic.phase is Phase.IDLE and logic.needs_trial
    return records


def play_block(logic, trials):
    records = []
    for k, (answer, rt_ms) in enumerate(trials):
        records += play(logic, answer, rt_ms, t=k * 20_000.0)
    return records


# A scripted colour block with known RTs.
# congruent:   right at 500, 600, 700; wrong at 450          -> accuracy 3/4, median RT 600
# incongruent: right at 700, 800, 900, 1000; a timeout; an anticipation (right key at 60 ms)
#                                                            -> accuracy 4/6, median RT 850
# neutral:     right at 650
# interference cost = 850 - 600 = 250 ms; accuracy cost = 0.75 - 0.6667 = 0.0833
BLOCK = [
    (C("RED", "red"), "red", 500), (C("BLUE", "red"), "red", 700), (C("GREEN", "green"), "green", 600),
    (C("YELLOW", "blue"), "blue", 800), (C("BLUE", "blue"), "red", 450), (C("RED", "green"), "green", 900),
    (C("XXXX", "yellow"), "yellow", 650), (C("GREEN", "yellow"), None, None), (C("YELLOW", "yellow"), "yellow", 700),
    (C("RED", "blue"), "blue", 1000), (C("BLUE", "green"), "green", 60),
]


def test_hand_worked_block_gives_the_known_interference_cost():
    logic = StroopLogic(random.Random(1), script=[s for s, _, _ in BLOCK])
    records = play_block(logic, [(a, rt) for _, a, rt in BLOCK])
    assert [r.trial_index for r in records] == list(range(1, 12))
    conditions = [r.extra["condition"] for r in records]
    assert conditions.count("congruent") == 4 and conditions.count("incongruent") == 6 and conditions.count("neutral") == 1
    m = summarize(records)
    assert m["congruent_median_rt_ms"] == 600 and m["incongruent_median_rt_ms"] == 850
    assert m["interference_cost_ms"] == 250
    assert m["congruent_accuracy"] == 0.75 and m["incongruent_accuracy"] == pytest.approx(0.6667)
    assert m["interference_accuracy_cost"] == pytest.approx(0.0833)
    assert (m["congruent_trials"], m["incongruent_trials"], m["neutral_trials"]) == (4, 6, 1)
    assert m["timeouts"] == 1 and m["anticipations"] == 1


def test_hand_worked_block_trial_records():
    logic = StroopLogic(random.Random(1), script=[s for s, _, _ in BLOCK])
    r = play_block(logic, [(a, rt) for _, a, rt in BLOCK])
    assert r[1].stimulus == "BLUE in red" and r[1].response == "red" and r[1].is_correct and r[1].rt_ms == 700
    assert r[1].extra == {"variant": "colour", "condition": "incongruent", "word": "BLUE", "ink": "red", "count": None,
                          "digit": "", "window_ms": 3000, "anticipation": False, "late_rt_ms": None, "early_presses": 0}
    assert not r[4].is_correct and r[4].response == "red" and r[4].rt_ms == 450 and not r[4].timed_out
    assert r[7].timed_out and r[7].response == "none" and r[7].rt_ms is None and not r[7].is_correct
    anticipation = r[10]
    assert anticipation.extra["anticipation"] and not anticipation.is_correct and anticipation.rt_ms == 60
    assert r[6].extra["condition"] == "neutral" and r[6].stimulus == "XXXX in yellow"
    assert r[0].start_ms == 0 and r[3].start_ms == 60_000  # when the trial's '+' appeared


def test_counting_variant_scores_the_count_not_the_digit():
    script = [X(2, "3"), X(2, "3"), X(4, "4"), X(1, "#")]
    logic = StroopLogic(random.Random(1), spec=COUNTING_SPEC, script=script)
    assert logic.variant == "counting" and logic.answers == ("1", "2", "3", "4")
    r = play_block(logic, [("2", 640), ("3", 500), ("4", 520), ("1", 580)])
    assert [x.stimulus for x in r] == ["3 3", "3 3", "4 4 4 4", "#"]
    assert [x.extra["condition"] for x in r] == ["incongruent", "incongruent", "congruent", "neutral"]
    assert [x.is_correct for x in r] == [True, False, True, True]
    assert r[0].extra["count"] == 2 and r[0].extra["digit"] == "3" and r[0].extra["word"] == r[0].extra["ink"] == ""
    assert summarize(r)["interference_cost_ms"] == 640 - 520


def test_window_is_timed_from_the_stamped_onset_and_its_end_is_too_late():
    logic = StroopLogic(random.Random(1), script=[C("RED", "red"), C("RED", "red")])
    [late] = play(logic, "red", WINDOW_1, t=0, stamp_late_ms=16)  # exactly at the window's end: too late
    assert late.timed_out and not late.is_correct and late.extra["late_rt_ms"] == WINDOW_1
    [in_time] = play(logic, "red", WINDOW_1 - 1, t=20_000, stamp_late_ms=16)
    assert in_time.is_correct and in_time.rt_ms == WINDOW_1 - 1


def test_timeout_then_late_answers():
    logic = StroopLogic(random.Random(1), script=[C("BLUE", "red")] * 3)
    logic.start_trial(1, 0)
    logic.tick(FIXATION)
    logic.mark_onset(510)
    assert logic.tick(510 + WINDOW_1) == [] and logic.phase is Phase.PAUSE and logic.accepts_answer
    logic.handle(Respond("red"), 510 + WINDOW_1 + 200)  # late but right: still a timeout
    logic.handle(Respond("blue"), 510 + WINDOW_1 + 300)  # a second answer is ignored
    [right_late] = logic.tick(510 + WINDOW_1 + ITI)
    assert right_late.timed_out and not right_late.is_correct and right_late.rt_ms is None
    assert right_late.response == "red" and right_late.extra["late_rt_ms"] == WINDOW_1 + 200
    logic.start_trial(1, 10_000)
    logic.tick(10_000 + FIXATION)
    logic.mark_onset(10_500)
    logic.tick(10_500 + WINDOW_1)
    [too_late] = logic.handle(Respond("blue"), 10_500 + WINDOW_1 + ITI + 1)  # after the pause: not taken
    assert too_late.response == "none" and too_late.extra["late_rt_ms"] is None and logic.needs_trial
    logic.start_trial(1, 20_000)
    logic.tick(20_000 + FIXATION)
    logic.mark_onset(20_500)
    logic.tick(20_500 + WINDOW_1)
    logic.handle(Respond("blue"), 20_500 + WINDOW_1 + 100)  # late and wrong: an error, not a timeout
    [error] = logic.tick(20_500 + WINDOW_1 + ITI)
    assert not error.timed_out and not error.is_correct and error.rt_ms == error.extra["late_rt_ms"] == WINDOW_1 + 100


def test_presses_during_the_cross_are_counted_and_ignored_and_the_record_waits_for_the_pause():
    logic = StroopLogic(random.Random(1), script=[C("GREEN", "blue")])
    logic.start_trial(1, 0)
    assert logic.handle(Respond("blue"), 100) == [] and logic.handle(Respond("green"), 200) == []
    assert logic.handle(Select(0), 300) == [] and logic.handle(Respond("purple"), 300) == []
    logic.tick(FIXATION)
    logic.mark_onset(FIXATION)
    assert logic.handle(Respond("blue"), FIXATION + 700) == []  # answered: a tick, then the pause
    assert logic.phase is Phase.PAUSE and logic.last_correct and not logic.accepts_answer
    assert logic.next_change_ms() == FIXATION + 700 + ITI
    [record] = logic.tick(FIXATION + 700 + ITI)
    assert record.is_correct and record.extra["early_presses"] == 2 and record.rt_ms == 700


def test_answer_on_the_frame_of_the_onset_is_an_anticipation():
    logic = StroopLogic(random.Random(1), script=[C("RED", "red")])
    logic.start_trial(1, 0)
    logic.tick(FIXATION)
    logic.handle(Respond("red"), FIXATION + 5)  # before any stamp: the onset is the answer's time
    [record] = logic.tick(10_000)
    assert record.rt_ms == 0 and record.extra["anticipation"] and not record.is_correct


def test_level_sets_share_and_window():
    logic = StroopLogic(random.Random(1), script=[C("RED", "red")])
    [record] = play(logic, "red", 500, t=0, level=10)
    assert record.level == 10 and record.extra["window_ms"] == 900
    assert logic.params["incongruent_share"] == 0.7


def test_random_stimuli_follow_the_level_shares():
    rng, params = random.Random(4), COLOUR_SPEC.params_at(10)
    conditions = [pick_condition(rng, params) for _ in range(4000)]
    assert conditions.count("incongruent") / 4000 == pytest.approx(0.7, abs=0.03)
    assert conditions.count("neutral") / 4000 == pytest.approx(0.1, abs=0.02)
    for variant in ("colour", "counting"):
        for condition in ("congruent", "incongruent", "neutral"):
            for _ in range(50):
                assert make_stimulus(rng, variant, condition).condition == condition


def test_specs_share_everything_but_identity_and_variant():
    assert (COLOUR_SPEC.id, COUNTING_SPEC.id) == ("stroop", "stroop_counting")
    assert COLOUR_SPEC.trial_fields == COUNTING_SPEC.trial_fields and COLOUR_SPEC.levels == COUNTING_SPEC.levels
    assert COLOUR_SPEC.params_at(1)["variant"] == "colour" and COUNTING_SPEC.params_at(1)["variant"] == "counting"
    assert COLOUR_SPEC.chance_rate == 0.25 and LEVEL_TABLE[0] == (0.20, 3000) and LEVEL_TABLE[-1] == (0.70, 900)
    shares, windows = zip(*LEVEL_TABLE)
    assert list(shares) == sorted(shares) and list(windows) == sorted(windows, reverse=True)
    with pytest.raises(ValueError):
        check_params({**COLOUR_SPEC.params_at(1), "neutral_share": 0.9})
    with pytest.raises(ValueError):
        StroopLogic(random.Random(1), {"variant": "shapes"})
    with pytest.raises(ValueError):
        Stimulus.colour("PINK", "red")


# -- the view: keys and clicks map to the same answers; the stage's inks --------------------------
AREA = pygame.Rect(55, 90, 990, 650)  # what the exercise scene leaves in an 1100x760 window


@pytest.fixture
def display():
    pygame.init()
    yield
    forget_fonts()
    pygame.quit()


def drawn(exercise, scale=1.0, high_contrast=False):
    logic = exercise.make_logic(random.Random(2), {})
    logic.start_trial(1, 0.0)
    logic.tick(FIXATION)
    view = exercise.make_view(Theme.create(scale, high_contrast))
    view.draw(pygame.Surface((1100, 760)), AREA, logic, FIXATION)
    return view, logic


def key_event(key):
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


def click_event(pos):
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)


@pytest.mark.parametrize("exercise", [EXERCISE, COUNTING_EXERCISE], ids=lambda e: e.id)
@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_keys_and_clicks_agree_for_every_answer(display, exercise, scale):
    view, logic = drawn(exercise, scale)
    for k, answer in enumerate(logic.answers):
        action = Respond(answer)
        assert view.action_for(key_event(view.key_for(action, logic)), logic) == action
        assert view.action_for(key_event(pygame.K_1 + k), logic) == action
        assert view.action_for(key_event(pygame.K_KP1 + k), logic) == action
        assert view.action_for(click_event(view.click_for(action, logic)), logic) == action
    rects = list(view.buttons.values())
    assert all(AREA.contains(r) and r.height >= 60 for r in rects)
    assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    assert view.action_for(key_event(pygame.K_5), logic) is None
    assert view.action_for(click_event((AREA.left + 2, AREA.top + 2)), logic) is None
    assert view.key_for(Respond("purple"), logic) is None and view.click_for(Select(0), logic) is None


def test_colour_letters_only_in_the_colour_variant(display):
    view, logic = drawn(EXERCISE)
    assert isinstance(view, ColourStroopView)
    assert [view.action_for(key_event(k), logic) for k in (pygame.K_r, pygame.K_b, pygame.K_g, pygame.K_y)] == [
        Respond("red"), Respond("blue"), Respond("green"), Respond("yellow")]
    view, logic = drawn(COUNTING_EXERCISE)
    assert isinstance(view, CountingStroopView) and view.action_for(key_event(pygame.K_r), logic) is None


def test_inks_are_distinct_readable_and_high_contrast_has_its_own(display):
    for palette in (Palette(), HIGH_CONTRAST):
        stage = stage_for(palette)
        inks = list(stage.inks.values())
        assert len(set(inks)) == 4 and all(contrast_ratio(ink, stage.backdrop) >= 4.5 for ink in inks)
    assert stage_for(HIGH_CONTRAST).inks != stage_for(Palette()).inks
    for exercise in (EXERCISE, COUNTING_EXERCISE):  # the pictures draw at both scales
        for scale in (1.0, 1.5):
            exercise.make_view(Theme.create(scale)).draw_picture(pygame.Surface((500, 400)), pygame.Rect(10, 10, 420, 330))
