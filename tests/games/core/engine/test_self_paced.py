"""The self-paced trial template on hand-worked timings: play until done or the deadline, then feedback."""

import pytest

from games.core.engine.clock import FakeClock
from games.core.engine.trials.self_paced import Phase, SelfPaced

LIMIT, FEEDBACK = 10_000.0, 1_500.0


def begun(at_ms=1000.0, **kwargs):
    timing = SelfPaced()
    timing.begin(at_ms, limit_ms=LIMIT, **kwargs)
    return timing


def test_done_before_the_deadline_shows_feedback_for_its_length_then_waits():
    clock = FakeClock(1000.0)
    timing = begun(clock.now_ms())
    assert timing.phase is Phase.PLAY and timing.awaiting_onset and timing.trial_start_ms == 1000.0
    timing.mark_onset(clock.advance(20.0))
    timing.mark_onset(clock.advance(20.0))  # only the first frame counts
    assert timing.onset_ms == 1020.0 and timing.next_change_ms() == 1020.0 + LIMIT
    assert not timing.advance(clock.advance(4000.0))
    timing.finish(clock.now_ms(), FEEDBACK)
    assert timing.phase is Phase.FEEDBACK and timing.next_change_ms() == 5040.0 + FEEDBACK
    assert not timing.advance(clock.advance(FEEDBACK - 1)) and timing.phase is Phase.FEEDBACK
    assert not timing.advance(clock.advance(1)) and timing.idle and timing.next_change_ms() is None


def test_the_deadline_runs_from_the_onset_or_from_the_start_of_play():
    timing = begun()
    assert timing.next_change_ms() == 1000.0 + LIMIT  # no frame yet: from the start of play
    assert not timing.advance(1000.0 + LIMIT - 1)
    assert timing.advance(1000.0 + LIMIT) and timing.phase is Phase.PLAY  # the logic finishes it
    stamped = begun()
    stamped.mark_onset(1300.0)
    assert not stamped.advance(1000.0 + LIMIT) and stamped.advance(1300.0 + LIMIT)


def test_a_limit_from_the_onset_waits_for_the_onset():
    timing = begun(limit_from_onset=True)
    assert timing.next_change_ms() is None and not timing.advance(1e9)
    timing.mark_onset(2000.0)
    assert timing.next_change_ms() == 2000.0 + LIMIT and timing.advance(2000.0 + LIMIT)


def test_a_first_look_comes_before_play_and_play_is_timed_from_its_end():
    timing = begun(look_ms=3000.0)
    assert timing.phase is Phase.FIRST_LOOK and not timing.awaiting_onset and timing.next_change_ms() == 4000.0
    assert not timing.advance(4500.0) and timing.phase is Phase.PLAY and timing.play_start_ms == 4000.0
    assert timing.trial_start_ms == 1000.0 and timing.next_change_ms() == 4000.0 + LIMIT


def test_a_hold_keeps_the_start_of_play_and_the_deadline_waits_for_its_end():
    timing = begun()
    timing.hold(10_500.0, 1000.0)
    assert timing.phase is Phase.SHOW_MISS and timing.next_change_ms() == 11_500.0
    assert not timing.advance(11_000.0 + 1) and timing.phase is Phase.SHOW_MISS  # past the deadline, still held
    assert timing.advance(11_500.0) and timing.phase is Phase.PLAY and timing.play_start_ms == 1000.0


def test_names_the_exercises_use_are_the_same_phases():
    assert Phase.PLAN is Phase.SORT is Phase.PLAY and Phase.SHOW_MISS is Phase.HOLD


def test_a_second_begin_during_a_trial_is_refused():
    with pytest.raises(RuntimeError):
        begun().begin(2000.0, limit_ms=LIMIT)
