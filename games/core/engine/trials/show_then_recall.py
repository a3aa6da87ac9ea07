"""The timing of a show-then-recall trial, shared by the exercises that present items one by one."""

from __future__ import annotations

from enum import Enum

from games.core.engine.trials.template import TrialTemplate


class Phase(Enum):
    IDLE = "idle"  # between trials: the run starts the next one
    LEAD_IN = "lead_in"  # a "watch" message before the first item
    PRESENT = "present"  # items shown one by one
    RESPOND = "respond"  # the player answers, with no time limit but an idle timeout
    FEEDBACK = "feedback"  # right / not quite


class ShowThenRecall(TrialTemplate):
    """Lead-in, ``n_items`` shown for ``item_ms`` each with ``gap_ms`` between, an open
    response phase that ends after ``idle_timeout_ms`` without activity, then feedback.

    Times are in ms and come in as arguments; the response onset is stamped by ``mark_onset``
    right after the frame that first shows the response prompt.
    """

    idle_phase, onset_phase = Phase.IDLE, Phase.RESPOND

    def __init__(self) -> None:
        self.phase = Phase.IDLE
        self.onset_ms: float | None = None
        self.trial_start_ms = 0.0
        self.n_items = 0
        self.item_ms = self.gap_ms = self.idle_timeout_ms = self.feedback_ms = 0.0
        self._phase_end_ms: float | None = None
        self._present_start_ms = 0.0
        self._seen_ms = 0.0
        self._last_activity_ms = 0.0

    def begin(self, now_ms: float, n_items: int, *, lead_in_ms: float, item_ms: float, gap_ms: float,
              idle_timeout_ms: float, feedback_ms: float) -> None:
        """Start a trial's lead-in at ``now_ms``."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        self.n_items, self.item_ms, self.gap_ms = n_items, item_ms, gap_ms
        self.idle_timeout_ms, self.feedback_ms = idle_timeout_ms, feedback_ms
        self.onset_ms = None
        self.trial_start_ms = self._seen_ms = now_ms
        self._enter(Phase.LEAD_IN, now_ms, now_ms + lead_in_ms)

    def item_at(self, now_ms: float) -> int | None:
        """Index of the item on screen at ``now_ms`` during the presentation, if any."""
        if self.phase is not Phase.PRESENT:
            return None
        k, into = divmod(now_ms - self._present_start_ms, self.item_ms + self.gap_ms)
        return int(k) if 0 <= k < self.n_items and into < self.item_ms else None

    def items_begun(self, now_ms: float) -> int:
        """How many items have appeared so far."""
        if self.phase is not Phase.PRESENT:
            return self.n_items if self.phase in (Phase.RESPOND, Phase.FEEDBACK) else 0
        step = self.item_ms + self.gap_ms
        return min(self.n_items, int((now_ms - self._present_start_ms) // step) + 1)

    def next_change_ms(self) -> float | None:
        """When the trial next changes by itself, or None between trials."""
        if self.phase is Phase.PRESENT:
            return self._next_present_edge()
        if self.phase is Phase.RESPOND:
            return self._last_activity_ms + self.idle_timeout_ms
        return self._phase_end_ms

    def advance(self, now_ms: float) -> bool:
        """Move through the timed phases up to ``now_ms``; True if the response has timed out."""
        self._seen_ms = max(self._seen_ms, now_ms)
        while True:
            if self.phase is Phase.RESPOND:
                return now_ms >= self._last_activity_ms + self.idle_timeout_ms
            if self._phase_end_ms is None or now_ms < self._phase_end_ms:
                return False
            self._leave(self._phase_end_ms)

    def mark_onset(self, now_ms: float) -> None:
        if self.awaiting_onset:
            self.onset_ms = self._last_activity_ms = now_ms

    def touch(self, now_ms: float) -> None:
        """The player did something: the idle timeout starts again (and the onset is set at the latest)."""
        self.mark_onset(now_ms)
        self._last_activity_ms = now_ms

    def begin_feedback(self, now_ms: float) -> None:
        self._enter(Phase.FEEDBACK, now_ms, now_ms + self.feedback_ms)

    def _enter(self, phase: Phase, now_ms: float, end_ms: float | None) -> None:
        self.phase, self._phase_end_ms = phase, end_ms
        if phase is Phase.PRESENT:
            self._present_start_ms = now_ms
        if phase is Phase.RESPOND:
            self._last_activity_ms = now_ms

    def _leave(self, at_ms: float) -> None:
        if self.phase is Phase.LEAD_IN:
            end = at_ms + (self.item_ms + self.gap_ms) * self.n_items - self.gap_ms
            self._enter(Phase.PRESENT, at_ms, end)
        elif self.phase is Phase.PRESENT:
            self._enter(Phase.RESPOND, at_ms, None)
        elif self.phase is Phase.FEEDBACK:
            self._enter(Phase.IDLE, at_ms, None)

    def _next_present_edge(self) -> float:
        """The next moment an item appears or goes, after the last time seen."""
        step = self.item_ms + self.gap_ms
        k = max((self._seen_ms - self._present_start_ms) // step, 1)
        starts = (self._present_start_ms + i * step for i in (k - 1, k, k + 1))
        edges = [t for start in starts for t in (start, start + self.item_ms) if t > self._seen_ms]
        return min(edges + [self._phase_end_ms])

