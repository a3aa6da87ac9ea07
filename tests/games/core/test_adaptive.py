"""The 2-right/1-wrong staircase: steps, bounds, reversals and its estimate."""

import pytest

from games.core.adaptive import Reversal, Staircase, make_tracker


def feed(tracker, answers):
    levels = []
    for correct in answers:
        level = tracker.next_level()
        levels.append(level)
        tracker.update(level, correct)
    return levels


def test_two_right_raise_one_wrong_lowers():
    stairs = Staircase(1, 9, 3)
    assert feed(stairs, [True, True, True, False, True]) == [3, 3, 4, 4, 3]
    assert stairs.next_level() == 3


def test_level_stays_within_bounds():
    high = Staircase(1, 4, 4)
    feed(high, [True] * 10)
    assert high.next_level() == 4
    low = Staircase(2, 6, 2)
    feed(low, [False] * 5)
    assert low.next_level() == 2


def test_reversals_are_recorded_where_the_direction_turns():
    stairs = Staircase(1, 9, 3)
    # up (3->4), up (4->5), down at 5 (reversal), down at 4, up at 3 (reversal)
    feed(stairs, [True, True, True, True, False, False, True, True])
    assert stairs.reversals == [Reversal(trial=5, level=5), Reversal(trial=8, level=3)]


def test_estimate_is_mean_of_reversal_levels_with_standard_error():
    stairs = Staircase(1, 9, 3)
    feed(stairs, [True, True, True, True, False, False, True, True])
    ability, se = stairs.estimate()
    assert ability == pytest.approx(4.0)
    assert se == pytest.approx(1.0)  # sd of (5, 3) is sqrt(2); / sqrt(2)


def test_estimate_before_reversals_uses_levels_tried():
    stairs = Staircase(1, 9, 2)
    assert stairs.estimate() == (2.0, None)
    feed(stairs, [True, True])
    ability, se = stairs.estimate()
    assert ability == pytest.approx(2.0) and se == pytest.approx(0.0)


@pytest.mark.parametrize("bad", [dict(min_level=5, max_level=2, level=3), dict(min_level=1, max_level=5, level=7)])
def test_impossible_staircases_fail_at_construction(bad):
    with pytest.raises(ValueError):
        Staircase(**bad)


def test_make_tracker_checks_its_arguments():
    assert make_tracker(1, 9, 2).next_level() == 2
    with pytest.raises(ValueError, match="unknown tracker method"):
        make_tracker(1, 9, 2, method="guess")
    with pytest.raises(ValueError):
        make_tracker(1, 9, 2, target=0.5, chance=0.5)
