"""The timed-response trial timeline on hand-worked timings."""

import pytest

from games.core.engine.trials.timed_response import Phase, TimedResponse

FIXATION, WINDOW, PAUSE, ANTICIPATION = 500.0, 2000.0, 600.0, 150.0


def begun(at_ms=1000.0):
    timing = TimedResponse()
    timing.begin(at_ms, fixation_ms=FIXATION, window_ms=WINDOW, pause_ms=PAUSE, anticipation_ms=ANTICIPATION)
    return timing


def test_advance_goes_through_fixation_stimulus_and_pause():
    timing = begun()
    assert timing.phase is Phase.FIXATION and timing.trial_start_ms == 1000.0 and not timing.awaiting_onset
    assert timing.next_change_ms() == 1500.0
    assert not timing.advance(1499.0) and timing.phase is Phase.FIXATION
    assert not timing.advance(1500.0) and timing.phase is Phase.STIMULUS and timing.awaiting_onset
    timing.mark_onset(1520.0)
    assert timing.next_change_ms() == 3520.0 and not timing.awaiting_onset
    assert not timing.advance(3519.0) and timing.phase is Phase.STIMULUS
    assert not timing.advance(3520.0) and timing.phase is Phase.PAUSE and timing.timed_out
    assert timing.next_change_ms() == 3520.0 + PAUSE  # the pause runs from the window's end
    assert timing.advance(4120.0) and timing.phase is Phase.IDLE and timing.next_change_ms() is None
    assert not timing.advance(9999.0)


def test_one_advance_can_cross_every_phase():
    timing = begun()
    assert timing.advance(10_000.0) and timing.phase is Phase.IDLE and timing.timed_out


def test_the_window_runs_from_the_stamped_onset():
    timing = begun()
    timing.advance(1500.0)
    timing.mark_onset(1540.0)
    timing.mark_onset(1600.0)  # only the first frame counts
    assert timing.onset_ms == 1540.0 and timing.window_end_ms() == 1540.0 + WINDOW


def test_without_an_onset_the_window_runs_from_when_the_stimulus_was_due():
    timing = begun()
    timing.advance(1500.0)
    assert timing.window_end_ms() == 1500.0 + WINDOW
    timing.advance(3500.0)  # no frame came: the due time stands in for the onset
    assert timing.phase is Phase.PAUSE and timing.onset_ms == 1500.0 and timing.window_end_ms() == 3500.0
    assert timing.respond(3700.0) and timing.late_rt_ms == 2200.0


def test_an_answer_in_the_window_starts_the_pause():
    timing = begun()
    timing.advance(1500.0)
    timing.mark_onset(1510.0)
    assert timing.accepts_answer and timing.respond(2110.0)
    assert timing.rt_ms == 600.0 and timing.phase is Phase.PAUSE and not timing.timed_out
    assert timing.next_change_ms() == 2110.0 + PAUSE
    assert not timing.accepts_answer and not timing.respond(2200.0) and timing.rt_ms == 600.0
    assert timing.score(True) == (True, 600.0, False, False, None)
    assert timing.score(False) == (False, 600.0, False, False, None)


def test_an_answer_on_the_onset_frame_stamps_the_onset():
    timing = begun()
    timing.advance(1500.0)
    assert timing.respond(1530.0) and timing.onset_ms == 1530.0 and timing.rt_ms == 0.0


@pytest.mark.parametrize("rt_ms, anticipation", [(0.0, True), (149.0, True), (150.0, False), (151.0, False)])
def test_anticipation_is_an_answer_under_anticipation_ms(rt_ms, anticipation):
    timing = begun()
    timing.advance(1500.0)
    timing.mark_onset(1500.0)
    timing.respond(1500.0 + rt_ms)
    assert timing.anticipation is anticipation
    assert timing.score(True).is_correct is not anticipation and timing.score(True).anticipation is anticipation


def test_a_late_answer_in_the_pause_is_taken_once():
    timing = begun()
    timing.advance(1500.0)
    timing.mark_onset(1500.0)
    assert not timing.accepts_late
    timing.advance(3500.0)
    assert timing.phase is Phase.PAUSE and timing.accepts_late and timing.accepts_answer
    assert timing.respond(3800.0) and timing.late_rt_ms == 2300.0 and timing.rt_ms is None
    assert not timing.accepts_late and not timing.respond(3900.0) and timing.late_rt_ms == 2300.0
    assert timing.phase is Phase.PAUSE and timing.next_change_ms() == 3500.0 + PAUSE
    # a right late answer stays a time-out; a wrong one is an error with its late RT
    assert timing.score(True) == (False, None, True, False, 2300.0)
    assert timing.score(False) == (False, 2300.0, False, False, 2300.0)


def test_no_answer_is_a_time_out():
    timing = begun()
    timing.advance(1500.0)
    timing.mark_onset(1500.0)
    assert timing.advance(4100.0) and not timing.respond(4100.0)  # the pause is over: too late
    assert timing.score(False) == (False, None, True, False, None)


def test_answers_outside_the_window_and_pause_are_not_taken():
    timing = begun()
    assert not timing.accepts_answer and not timing.respond(1200.0)  # fixation
    assert timing.phase is Phase.FIXATION and timing.rt_ms is None


def test_begin_resets_the_trial_and_refuses_a_running_one():
    timing = begun()
    with pytest.raises(RuntimeError):
        timing.begin(1200.0, fixation_ms=0, window_ms=1, pause_ms=0, anticipation_ms=0)
    timing.advance(1500.0)
    timing.respond(1700.0)
    timing.advance(2300.0)
    timing.begin(3000.0, fixation_ms=0.0, window_ms=WINDOW, pause_ms=PAUSE, anticipation_ms=ANTICIPATION)
    assert timing.onset_ms is None and timing.rt_ms is None and not timing.timed_out
    assert timing.trial_start_ms == 3000.0 and timing.phase is Phase.FIXATION
    assert not timing.advance(3000.0) and timing.phase is Phase.STIMULUS  # a zero fixation passes at once


def test_exercise_names_for_the_phases():
    assert Phase.SEARCH is Phase.STIMULUS and Phase.FEEDBACK is Phase.PAUSE
