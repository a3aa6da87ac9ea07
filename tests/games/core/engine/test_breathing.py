"""Paced breathing arithmetic on hand-worked times (4 s in, 6 s out unless said)."""

import pytest

from games.core.engine.breathing import (
    BREATHE_IN, BREATHE_OUT, FRAME_MS, BreathPhase, breath_phase, change_pace, equivalent_elapsed_ms, next_frame_ms,
)


def test_start_is_an_empty_in_breath_with_a_full_count():
    phase = breath_phase(0, 4, 6)
    assert phase == BreathPhase(BREATHE_IN, 0.0, 4.0, 0, 0.0)
    assert phase.is_inhaling and phase.count == 4


def test_half_way_through_the_in_breath_the_shape_is_half_grown():
    phase = breath_phase(2000, 4, 6)
    assert phase.word == BREATHE_IN
    assert phase.size == pytest.approx(0.5)
    assert phase.seconds_left == pytest.approx(2.0) and phase.count == 2


def test_the_ease_is_gentle_at_the_ends_and_quick_in_the_middle():
    # one second into a 4 s in-breath: (1 - cos(pi/4)) / 2 = 0.1464...
    assert breath_phase(1000, 4, 6).size == pytest.approx(0.14645, abs=1e-4)
    assert breath_phase(3000, 4, 6).size == pytest.approx(0.85355, abs=1e-4)


def test_the_count_goes_down_a_second_at_a_time():
    counts = [breath_phase(t, 4, 6).count for t in (0, 500, 999, 1000, 1001, 2500, 3999)]
    assert counts == [4, 4, 4, 3, 3, 2, 1]


def test_the_out_breath_starts_full_and_shrinks():
    at_turn = breath_phase(4000, 4, 6)
    assert at_turn.word == BREATHE_OUT and at_turn.size == pytest.approx(1.0)
    assert at_turn.seconds_left == pytest.approx(6.0) and at_turn.count == 6
    middle = breath_phase(7000, 4, 6)  # 3 s into a 6 s out-breath
    assert middle.word == BREATHE_OUT and middle.size == pytest.approx(0.5)
    assert middle.seconds_left == pytest.approx(3.0)
    assert breath_phase(9999, 4, 6).size < 0.001
    assert breath_phase(9999, 4, 6).count == 1


def test_just_before_the_turn_it_is_still_in_and_nearly_full():
    phase = breath_phase(3999, 4, 6)
    assert phase.word == BREATHE_IN and phase.size > 0.999


def test_breaths_are_counted_at_each_new_in_breath():
    assert breath_phase(9999, 4, 6).breaths_done == 0
    again = breath_phase(10_000, 4, 6)
    assert again.word == BREATHE_IN and again.breaths_done == 1 and again.size == pytest.approx(0.0)
    assert breath_phase(125_000, 4, 6).breaths_done == 12  # 12 breaths of 10 s, then 5 s in: out-breath
    assert breath_phase(125_000, 4, 6).word == BREATHE_OUT


def test_uneven_fractional_pace():
    # 2.5 s in, 3.5 s out: a 6 s breath; 14 s = 2 breaths + 2 s, still breathing in, 0.5 s left
    phase = breath_phase(14_000, 2.5, 3.5)
    assert phase.breaths_done == 2 and phase.word == BREATHE_IN
    assert phase.seconds_left == pytest.approx(0.5) and phase.count == 1
    assert phase.progress == pytest.approx(0.8)


@pytest.mark.parametrize("elapsed, inhale, exhale", [(-1, 4, 6), (0, 0, 6), (0, 4, -1)])
def test_impossible_times_are_refused(elapsed, inhale, exhale):
    with pytest.raises(ValueError):
        breath_phase(elapsed, inhale, exhale)


def test_a_new_pace_carries_on_from_the_same_moment():
    # 2 s into a 4 s in-breath of the 3rd breath (20 s + 2 s), now at 3 s in / 5 s out
    moved = equivalent_elapsed_ms(22_000, 4, 6, 3, 5)
    assert moved == pytest.approx(2 * 8000 + 1500)
    before, after = breath_phase(22_000, 4, 6), breath_phase(moved, 3, 5)
    assert (after.word, after.breaths_done) == (before.word, before.breaths_done)
    assert after.size == pytest.approx(before.size)
    # 3 s into a 6 s out-breath (7 s) -> 6 s in + half of 8 s out = 10 s
    assert equivalent_elapsed_ms(7000, 4, 6, 6, 8) == pytest.approx(10_000)
    assert breath_phase(10_000, 6, 8).size == pytest.approx(breath_phase(7000, 4, 6).size)


def test_changing_the_pace_steps_both_halves_within_the_limits():
    assert change_pace(4, 6, -1, (2, 12)) == (3, 5)
    assert change_pace(2.5, 6, -1, (2, 12)) == (2, 5)
    assert change_pace(11.5, 12, 1, (2, 12)) == (12, 12)
    assert change_pace(2, 2, -1, (2, 12)) == (2, 2)


def test_frames_are_due_at_the_start_plus_whole_thirtieths_of_a_second_however_late_one_is_drawn():
    start = 1000.0
    assert FRAME_MS == pytest.approx(1000.0 / 30)
    assert next_frame_ms(start, start) == pytest.approx(start + FRAME_MS)
    # drawn 5 ms late: the next frame is still due on the grid, not 33 ms after the late one
    assert next_frame_ms(start, start + FRAME_MS + 5) == pytest.approx(start + 2 * FRAME_MS)
    # a frame missed altogether (70 ms late) is skipped, not made up
    assert next_frame_ms(start, start + FRAME_MS + 70) == pytest.approx(start + 4 * FRAME_MS)
    # a frame drawn right on time is done: the next is one frame on, whatever the rounding of k/30 s
    assert all(next_frame_ms(start, start + k * FRAME_MS) == pytest.approx(start + (k + 1) * FRAME_MS)
               for k in range(1, 2000))
    # after a minute the grid has not drifted: frame 1800 is due exactly a minute in
    assert next_frame_ms(start, start + 59_990) == pytest.approx(start + 60_000)
