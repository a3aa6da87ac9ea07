"""Clocks in milliseconds: the real one reads ``perf_counter``, the fake one moves when told."""

from __future__ import annotations

import time
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
