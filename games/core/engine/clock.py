"""Clocks in milliseconds (the real one reads ``perf_counter``, the fake one moves when told), the
app's one source of clock and calendar, and active time: pauses left out, calendar times kept."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Callable, Protocol


class Clock(Protocol):
    def now_ms(self) -> float: ...


class RealClock:
    """Monotonic high-resolution time; the only clock reaction times are measured with."""

    def now_ms(self) -> float:
        return time.perf_counter() * 1000.0


class FakeClock:
    """A clock for tests and simulations: it stands still until advanced."""

    def __init__(self, start_ms: float = 0.0) -> None:
        self._now_ms = float(start_ms)

    def now_ms(self) -> float:
        return self._now_ms

    def advance(self, delta_ms: float) -> float:
        if delta_ms < 0:
            raise ValueError("a clock cannot go backwards")
        self._now_ms += delta_ms
        return self._now_ms

    def set(self, at_ms: float) -> float:
        return self.advance(at_ms - self._now_ms)


@dataclass
class Timeline:
    """Calendar times for moments of a clock that stops (a run's or a session's own time): the
    gaps it does not see, pauses and the computer's sleeps, added back in."""

    wall_start: datetime
    start_ms: float = 0.0  # the clock's reading at ``wall_start``
    gaps: list[tuple[float, float]] = field(default_factory=list)  # (clock ms at the gap, its length ms)

    def add_gap(self, at_ms: float, length_ms: float) -> None:
        self.gaps.append((at_ms, length_ms))

    def wall_at(self, at_ms: float) -> datetime:
        gaps_ms = sum(length for at, length in self.gaps if at <= at_ms)
        return self.wall_start + timedelta(milliseconds=at_ms - self.start_ms + gaps_ms)


def following(clock: Clock, start_s: float) -> Callable[[], float]:
    """A calendar in seconds that reads ``start_s`` now and moves on with ``clock`` (so it never
    sees a sleep): the calendar of an app on a fake clock that was given none."""
    start_ms = clock.now_ms()
    return lambda: start_s + (clock.now_ms() - start_ms) / 1000.0


class TimeSource:
    """The app's two clocks read from one place: the monotonic clock (reaction times, timers) and
    the calendar (dates, stamps on records and file names), which runs on while the computer sleeps.

    Args:
        clock: the monotonic clock; a real one by default.
        wall_s: the calendar in seconds since the epoch; by default ``time.time`` with a real
            clock, and with any other clock today's calendar moving on with that clock.
    """

    def __init__(self, clock: Clock | None = None, wall_s: Callable[[], float] | None = None) -> None:
        self.clock = clock or RealClock()
        if wall_s is None:
            wall_s = time.time if isinstance(self.clock, RealClock) else following(self.clock, time.time())
        self.wall_s = wall_s

    def now_ms(self) -> float:
        return self.clock.now_ms()

    def now(self) -> datetime:
        """The calendar time now, in UTC."""
        return datetime.fromtimestamp(self.wall_s(), timezone.utc)

    def today(self) -> date:
        """The PC's local calendar date now."""
        return self.now().astimezone().date()


class ActiveClock:
    """Active time on a clock that pauses: the clock's ms since ``start`` less every pause (it
    stands still while paused), and the calendar time of an active moment, with the pauses and the
    computer's sleeps before it added back. Driven by the clock's ms given as arguments.

    One for an exercise played alone (its "Stop?" question pauses it) and one for a timed session
    (its menu pauses every timer); the runs inside see only active time.
    """

    def __init__(self, wall_start: datetime) -> None:
        self._calendar = Timeline(wall_start)  # active ms to calendar time: the gaps added back
        self._start_ms = 0.0  # the clock's reading at active time 0
        self._paused_ms = 0.0  # the finished pauses, in all
        self._pause_start_ms: float | None = None

    @property
    def wall_start(self) -> datetime:
        return self._calendar.wall_start

    @property
    def paused(self) -> bool:
        return self._pause_start_ms is not None

    def start(self, now_ms: float, keep_clock_ms: bool = False) -> None:
        """Active time begins at ``now_ms``, which is ``wall_start`` on the calendar: from 0, or
        with ``keep_clock_ms`` at the clock's own reading (active ms are then the clock's ms less
        the pauses, as a run played alone stamps its onsets and answers)."""
        self._start_ms = 0.0 if keep_clock_ms else now_ms
        self._calendar.start_ms = self.active_ms(now_ms)

    def active_ms(self, now_ms: float) -> float:
        """Time since the start less every pause (frozen while paused)."""
        if self._pause_start_ms is not None:
            now_ms = self._pause_start_ms
        return now_ms - self._start_ms - self._paused_ms

    def clock_ms(self, active_ms: float) -> float:
        """The clock's reading at a moment of active time still to come (no pause assumed)."""
        return active_ms + self._start_ms + self._paused_ms

    def pause(self, now_ms: float) -> None:
        """Active time stands still from ``now_ms`` (a pause already begun goes on)."""
        if self._pause_start_ms is None:
            self._pause_start_ms = now_ms

    def resume(self, now_ms: float) -> None:
        """Active time goes on; the pause is added back to calendar times from its moment on."""
        if self._pause_start_ms is not None:
            self._calendar.add_gap(self.active_ms(now_ms), now_ms - self._pause_start_ms)
            self._paused_ms += now_ms - self._pause_start_ms
            self._pause_start_ms = None

    def note_sleep(self, now_ms: float, slept_ms: float) -> None:
        """The computer slept ``slept_ms`` just before ``now_ms`` (the clock stood still): calendar
        times from here on move on by it, active time does not."""
        self._calendar.add_gap(self.active_ms(now_ms), slept_ms)

    def wall_at(self, active_ms: float) -> datetime:
        """The calendar time of a moment given in active time."""
        return self._calendar.wall_at(active_ms)

    def wall_now(self, now_ms: float) -> datetime:
        """The calendar time at ``now_ms``, a pause under way included."""
        ongoing_ms = 0.0 if self._pause_start_ms is None else now_ms - self._pause_start_ms
        return self.wall_at(self.active_ms(now_ms)) + timedelta(milliseconds=ongoing_ms)
