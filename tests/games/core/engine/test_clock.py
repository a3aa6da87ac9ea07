"""The clocks, and the calendar time of moments on a clock that stops."""

from datetime import datetime, timedelta, timezone

import pytest

from games.core.engine.clock import FakeClock, Timeline

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def test_a_fake_clock_moves_only_forwards_and_only_when_told():
    clock = FakeClock(100.0)
    assert clock.now_ms() == 100.0 and clock.advance(50) == 150.0 and clock.set(400) == 400.0
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_calendar_times_add_back_the_gaps_before_each_moment_only():
    calendar = Timeline(T0, start_ms=1_000.0)
    calendar.add_gap(5_000.0, 60_000.0)  # a minute's pause 4 s in
    calendar.add_gap(9_000.0, 3_600_000.0)  # an hour asleep 8 s in
    assert calendar.wall_at(1_000.0) == T0
    assert calendar.wall_at(4_999.0) == T0 + timedelta(milliseconds=3_999)
    assert calendar.wall_at(5_000.0) == T0 + timedelta(seconds=64)  # from the gap's own moment on
    assert calendar.wall_at(10_000.0) == T0 + timedelta(seconds=9 + 60 + 3_600)
