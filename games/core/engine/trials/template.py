"""What every trial template answers alike: whether a trial is running, and its one stamped onset."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar


class TrialTemplate:
    """A trial's phases: ``idle_phase`` between trials, and ``onset_phase``, whose first frame is the
    onset the logic's reaction times count from (stamped once, by ``mark_onset``)."""

    idle_phase: ClassVar[Enum]
    onset_phase: ClassVar[Enum]
    phase: Enum
    onset_ms: float | None

    @property
    def idle(self) -> bool:
        return self.phase is self.idle_phase

    @property
    def awaiting_onset(self) -> bool:
        return self.phase is self.onset_phase and self.onset_ms is None

    def mark_onset(self, now_ms: float) -> None:
        """Stamp the onset, right after the frame that first shows the onset phase."""
        if self.awaiting_onset:
            self.onset_ms = now_ms
