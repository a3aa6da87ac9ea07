"""How far a run's level may move from one step to the next: one level at a time once settled."""

from __future__ import annotations

SETTLE_STEPS = 5  # steps after which a run has settled, even if its level only ever rose


class StepLimit:
    """Keeps each level within one of the last, except while a run first climbs.

    A run settles at its first step down (for a run that climbed, its first reversal) or at its
    ``SETTLE_STEPS``-th step, whichever comes first. Until then the level may rise several
    levels at once, so a player who starts far below their level soon reaches it; from then
    on it moves at most one level per step. A step down is never more than one level, before
    settling too: a client sees a drop as failing.
    """

    def __init__(self) -> None:
        self.last: int | None = None  # the level of the latest step
        self.steps = 0
        self.settled = False

    def limit(self, proposed: int) -> int:
        """``proposed`` moved to within the levels allowed after the latest step."""
        if self.last is None:
            return proposed
        level = max(proposed, self.last - 1)
        return min(level, self.last + 1) if self.settled else level

    def stepped(self, level: int) -> None:
        """Record the level a step was played at."""
        self.steps += 1
        if (self.last is not None and level < self.last) or self.steps >= SETTLE_STEPS:
            self.settled = True
        self.last = level
