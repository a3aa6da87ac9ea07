"""Clocks in milliseconds: the real one reads ``perf_counter``, the fake one moves when told; and
the calendar time of a moment on a clock that stops."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol


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
