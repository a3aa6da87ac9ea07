"""Adaptive difficulty: trackers that choose each trial's integer level from the answers so far."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Protocol


class Tracker(Protocol):
    """The one interface every exercise, test and benchmark uses to drive difficulty."""

    def next_level(self) -> int: ...

    def update(self, level: int, correct: bool) -> None: ...

    def estimate(self) -> tuple[float, float | None]:
        """The player's ability in level units and its standard error (None when unknown)."""
        ...


@dataclass(frozen=True)
class Reversal:
    """A point where the staircase turned: ``trial`` is the 1-based update count."""

    trial: int
    level: int


@dataclass
class Staircase:
    """Transformed up-down staircase over integer levels (Levitt 1971).

    ``correct_to_harder`` answers right in a row raise the level by one; ``errors_to_easier``
    answers wrong in a row lower it by one. The default 2-right/1-wrong rule (Levitt's
    "1-up/2-down") settles where the player succeeds about 70.7% of the time.
    """

    min_level: int
    max_level: int
    level: int
    correct_to_harder: int = 2
    errors_to_easier: int = 1
    reversals: list[Reversal] = field(default_factory=list)
    levels_tried: list[int] = field(default_factory=list)
    _right_in_row: int = 0
    _wrong_in_row: int = 0
    _last_direction: int = 0

    def __post_init__(self) -> None:
        if self.min_level > self.max_level:
            raise ValueError(f"min_level {self.min_level} is above max_level {self.max_level}")
        if not self.min_level <= self.level <= self.max_level:
            raise ValueError(f"start level {self.level} is outside {self.min_level}..{self.max_level}")
        if self.correct_to_harder < 1 or self.errors_to_easier < 1:
            raise ValueError("a staircase needs at least one answer per step")

    def next_level(self) -> int:
        return self.level

    def update(self, level: int, correct: bool) -> None:
        self.levels_tried.append(level)
        direction = 0
        if correct:
            self._right_in_row, self._wrong_in_row = self._right_in_row + 1, 0
            if self._right_in_row >= self.correct_to_harder:
                self._right_in_row, direction = 0, +1
        else:
            self._wrong_in_row, self._right_in_row = self._wrong_in_row + 1, 0
            if self._wrong_in_row >= self.errors_to_easier:
                self._wrong_in_row, direction = 0, -1
        if direction:
            self._step(level, direction)

    def _step(self, level: int, direction: int) -> None:
        if self._last_direction and direction != self._last_direction:
            self.reversals.append(Reversal(trial=len(self.levels_tried), level=level))
        self._last_direction = direction
        self.level = min(max(level + direction, self.min_level), self.max_level)

    def estimate(self) -> tuple[float, float | None]:
        """Mean level at the reversals (all levels tried before there are two), and its SE."""
        points = [r.level for r in self.reversals] or self.levels_tried or [self.level]
        if len(points) < 2:
            return float(statistics.fmean(points)), None
        return float(statistics.fmean(points)), statistics.stdev(points) / len(points) ** 0.5


def make_tracker(
    min_level: int,
    max_level: int,
    start_level: int,
    target: float = 0.8,
    chance: float = 0.0,
    method: str = "staircase",
) -> Tracker:
    """Build the level tracker for one run.

    Args:
        min_level, max_level: the exercise's declared level range.
        start_level: where the run begins.
        target: the success rate to keep the player near (0 < target < 1).
        chance: the exercise's guessing rate (0.5 for a two-choice task).
        method: ``"staircase"``, the 2-right/1-wrong staircase.

    Raises:
        ValueError: for an unknown method or rates outside (0, 1).
    """
    if not 0.0 < target < 1.0 or not 0.0 <= chance < target:
        raise ValueError(f"target {target} and chance {chance} must satisfy 0 <= chance < target < 1")
    if method == "staircase":
        return Staircase(min_level, max_level, start_level)
    raise ValueError(f"unknown tracker method {method!r}; known: 'staircase'")
