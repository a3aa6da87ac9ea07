"""Up-down staircases over integer levels: transformed (Levitt 1971) and weighted (Kaernbach 1991)."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reversal:
    """A point where the staircase turned: ``trial`` is the 1-based update count."""

    trial: int
    level: int


def check_range(min_level: int, max_level: int, start_level: int) -> None:
    """Raise a clear ValueError for an impossible level range or start."""
    if min_level > max_level:
        raise ValueError(f"min_level {min_level} is above max_level {max_level}")
    if not min_level <= start_level <= max_level:
        raise ValueError(f"start level {start_level} is outside {min_level}..{max_level}")


@dataclass
class Staircase:
    """A staircase over integer levels, with a continuous position underneath.

    ``correct_to_harder`` answers right in a row move the position ``step_harder`` up; one
    answer wrong moves it ``step_easier`` down; the presented level is the rounded position.
    With unit steps this is Levitt's transformed up-down rule: two right to step up settles
    where the player succeeds 70.7% of the time, three right at 79.4%. With one right to step
    up and ``step_easier / step_harder = p / (1 - p)`` it is Kaernbach's weighted up-down rule,
    which settles at success rate ``p``.

    The ability estimate is the mean level at the last ``reversals_used`` reversals (all
    levels presented while there are fewer than two reversals), with its standard error.
    """

    min_level: int
    max_level: int
    level: int
    correct_to_harder: int = 2
    step_harder: float = 1.0
    step_easier: float = 1.0
    reversals_used: int = 6
    reversals: list[Reversal] = field(default_factory=list)
    levels_tried: list[int] = field(default_factory=list)
    _position: float = field(init=False)
    _right_in_row: int = 0
    _last_direction: int = 0

    def __post_init__(self) -> None:
        check_range(self.min_level, self.max_level, self.level)
        if self.correct_to_harder < 1 or self.step_harder <= 0 or self.step_easier <= 0:
            raise ValueError("a staircase needs at least one answer per step and positive steps")
        self._position = float(self.level)

    def next_level(self) -> int:
        return self.level

    def update(self, level: int, correct: bool) -> None:
        self.levels_tried.append(level)
        if correct:
            self._right_in_row += 1
            if self._right_in_row < self.correct_to_harder:
                return
            self._right_in_row, direction, step = 0, +1, self.step_harder
        else:
            self._right_in_row, direction, step = 0, -1, self.step_easier
        if self._last_direction and direction != self._last_direction:
            self.reversals.append(Reversal(trial=len(self.levels_tried), level=level))
        self._last_direction = direction
        self._position = min(max(self._position + direction * step, self.min_level), self.max_level)
        self.level = int(math.floor(self._position + 0.5))

    def estimate(self) -> tuple[float, float | None]:
        points = [r.level for r in self.reversals[-self.reversals_used:]] if len(self.reversals) >= 2 else []
        points = points or self.levels_tried or [self.level]
        if len(points) < 2:
            return float(points[0]), None
        return float(statistics.fmean(points)), statistics.stdev(points) / len(points) ** 0.5


def transformed_for(target: float) -> int:
    """Right answers in a row per step up that settle nearest ``target`` (p ** n = 0.5)."""
    return max(1, round(math.log(0.5) / math.log(target)))


def weighted_steps(target: float, step_harder: float = 0.25) -> tuple[float, float]:
    """Kaernbach's step sizes: ``step_easier = step_harder * target / (1 - target)``."""
    return step_harder, step_harder * target / (1.0 - target)
