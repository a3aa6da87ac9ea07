"""The clocks, active time with its pauses left out, and the calendar time of moments on a clock that stops."""

from datetime import datetime, timedelta, timezone

import pytest

from games.core.engine.clock import ActiveClock, FakeClock, TimeSource, Timeline

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


def test_active_time_leaves_every_pause_out_and_stands_still_during_one():
    active = ActiveClock(T0)
    active.start(1_000.0)
    assert active.active_ms(3_000.0) == 2_000.0
    active.pause(3_000.0)
    active.pause(4_000.0)  # a second question over the first: the pause began at the first
    assert active.paused and active.active_ms(9_000.0) == 2_000.0
    active.resume(10_000.0)
    active.resume(11_000.0)  # nothing to resume: no time taken off
    assert not active.paused and active.active_ms(12_000.0) == 4_000.0
    assert active.clock_ms(5_000.0) == 13_000.0  # a timer due then fires on the clock 7 s of pause later


def test_the_calendar_time_of_an_active_moment_adds_back_pauses_and_sleeps_before_it():
    active = ActiveClock(T0)
    active.start(1_000.0)
    active.pause(5_000.0)  # 4 s in, a minute's pause
    active.resume(65_000.0)
    active.note_sleep(70_000.0, 3_600_000.0)  # 9 s in, an hour asleep the clock did not see
    assert active.wall_at(0.0) == T0 and active.wall_at(3_999.0) == T0 + timedelta(milliseconds=3_999)
    assert active.wall_at(4_000.0) == T0 + timedelta(seconds=64)
    assert active.wall_at(10_000.0) == T0 + timedelta(seconds=10 + 60 + 3_600)
    assert active.wall_now(71_000.0) == active.wall_at(10_000.0)


def test_the_calendar_now_counts_a_pause_under_way_and_a_sleep_in_it():
    active = ActiveClock(T0)
    active.start(0.0)
    active.pause(2_000.0)
    active.note_sleep(3_000.0, 600_000.0)  # asleep while paused: at the moment the pause began
    assert active.wall_now(5_000.0) == T0 + timedelta(seconds=2 + 3 + 600)
    active.resume(5_000.0)
    assert active.active_ms(6_000.0) == 3_000.0 and active.wall_at(3_000.0) == T0 + timedelta(seconds=6 + 600)


def test_active_time_can_keep_the_clocks_own_reading():
    active = ActiveClock(T0)  # a run played alone stamps onsets and answers on the clock itself
    active.start(1_000.0, keep_clock_ms=True)
    assert active.active_ms(1_500.0) == 1_500.0 and active.wall_at(1_500.0) == T0 + timedelta(milliseconds=500)
    active.pause(2_000.0)
    active.resume(32_000.0)
    assert active.active_ms(33_000.0) == 3_000.0 and active.clock_ms(3_000.0) == 33_000.0
    assert active.wall_at(3_000.0) == T0 + timedelta(seconds=32)


def test_a_time_source_reads_a_fake_calendar_it_is_given():
    calendar_s = [T0.timestamp()]
    source = TimeSource(FakeClock(5.0), wall_s=lambda: calendar_s[0])
    assert source.now_ms() == 5.0 and source.now() == T0
    calendar_s[0] += 86_400.0  # a day later by the calendar alone (the computer slept)
    assert source.now() == T0 + timedelta(days=1)
    assert source.today() == (T0 + timedelta(days=1)).astimezone().date()


def test_without_a_calendar_a_fake_clock_moves_todays_calendar_on():
    clock = FakeClock(1_000.0)
    before = datetime.now(timezone.utc)
    source = TimeSource(clock)
    start = source.now()
    assert abs((start - before).total_seconds()) < 60  # today's calendar, not the clock's epoch
    clock.advance(90_000.0)
    assert (source.now() - start).total_seconds() == pytest.approx(90.0)
