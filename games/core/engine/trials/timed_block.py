"""The timing of a block of timed items (a lead-in, the items one after another, feedback), shared by Go/No-Go and N-back."""

from __future__ import annotations

from enum import Enum
from typing import Callable, TypeVar

from games.core.engine.trials.template import TrialTemplate

R = TypeVar("R")


class Phase(Enum):
    IDLE = "idle"  # between blocks: the run starts the next one
    LEAD_IN = "lead_in"  # "get ready" before the first item
    FIXATION = "fixation"  # a '+' before each item, when the block has one
    STIMULUS = "stimulus"  # the item shows; its onset is stamped after the first frame
    PAUSE = "pause"  # the item has gone; presses until the next item still belong to it
    FEEDBACK = "feedback"  # how the block went
    SHOW = "stimulus"  # N-back's name for the stimulus (a lit square)
    BLANK = "pause"  # N-back's name for the pause (the square gone dark)


class TimedBlock(TrialTemplate):
    """A lead-in of ``lead_in_ms``, then ``n_items`` items, each an optional fixation of
    ``fixation_ms``, the stimulus for ``shown_ms`` after its onset and a pause of ``pause_ms``;
    then feedback for ``feedback_ms``.

    Times are in ms and come in as arguments. An item's stimulus and pause are timed from its
    stamped onset, or from when the stimulus was due while no onset is stamped. The logic is told
    when each item starts and ends through the callables it gives ``advance``.
    """

    idle_phase, onset_phase = Phase.IDLE, Phase.STIMULUS

    def __init__(self) -> None:
        self.phase = Phase.IDLE
        self.index = -1  # the item within the block, from 0
        self.n_items = 0
        self.onset_ms: float | None = None
        self.item_start_ms = 0.0  # when the current item began (its fixation, if any)
        self.lead_in_ms = self.shown_ms = self.pause_ms = self.feedback_ms = 0.0
        self.fixation_ms: float | None = None
        self._start_ms = 0.0  # planned start of the current phase

    def begin(self, now_ms: float, n_items: int, *, lead_in_ms: float, fixation_ms: float | None,
              shown_ms: float, pause_ms: float, feedback_ms: float) -> None:
        """Start a block's lead-in at ``now_ms``; ``fixation_ms`` None means items have no fixation."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a round is already running")
        self.n_items, self.lead_in_ms, self.fixation_ms = n_items, lead_in_ms, fixation_ms
        self.shown_ms, self.pause_ms, self.feedback_ms = shown_ms, pause_ms, feedback_ms
        self.index, self.onset_ms = -1, None
        self._enter(Phase.LEAD_IN, now_ms)

    @property
    def in_item(self) -> bool:
        """Whether a press now belongs to the current item (its stimulus or the pause after it)."""
        return self.phase in (Phase.STIMULUS, Phase.PAUSE)

    @property
    def last_item(self) -> bool:
        return self.index + 1 == self.n_items

    def anchor_ms(self) -> float:
        """The stimulus's onset, or its planned start until the onset is stamped."""
        return self.onset_ms if self.onset_ms is not None else self._start_ms

    def shown_end_ms(self) -> float:
        return self.anchor_ms() + self.shown_ms

    def item_end_ms(self) -> float:
        """When the pause ends: a press until then still belongs to the current item."""
        return self.shown_end_ms() + self.pause_ms

    def next_change_ms(self) -> float | None:
        """When the block next changes by itself, or None between blocks."""
        if self.phase is Phase.LEAD_IN:
            return self._start_ms + self.lead_in_ms
        if self.phase is Phase.FIXATION:
            return self._start_ms + self.fixation_ms
        if self.phase is Phase.STIMULUS:
            return self.shown_end_ms()
        if self.phase is Phase.PAUSE:
            return self.item_end_ms()
        if self.phase is Phase.FEEDBACK:
            return self._start_ms + self.feedback_ms
        return None

    def advance(self, now_ms: float, start_item: Callable[[float], None], end_item: Callable[[], R]) -> list[R]:
        """Move through the phases due by ``now_ms``. ``start_item(at_ms)`` is called as each item
        begins; ``end_item()`` as each ends, while the block still points at it; its results return."""
        ended: list[R] = []
        while (due := self.next_change_ms()) is not None and now_ms >= due:
            if self.phase is Phase.LEAD_IN:
                self._next_item(due, start_item)
            elif self.phase is Phase.FIXATION:
                self._show(due)
            elif self.phase is Phase.STIMULUS:
                self.phase = Phase.PAUSE  # same anchor: the pause is timed from the onset
            elif self.phase is Phase.PAUSE:
                ended.append(end_item())
                if self.last_item:
                    self._enter(Phase.FEEDBACK, due)
                else:
                    self._next_item(due, start_item)
            else:
                self._enter(Phase.IDLE, due)
        return ended

    def press_rt_ms(self, now_ms: float) -> float:
        """The time of a press at ``now_ms`` from the onset (stamped now if the press came on the
        very frame the stimulus appeared)."""
        self.mark_onset(now_ms)
        return now_ms - self.anchor_ms()

    def _next_item(self, at_ms: float, start_item: Callable[[float], None]) -> None:
        self.index += 1
        self.item_start_ms = at_ms
        if self.fixation_ms is None:
            self._show(at_ms)
        else:
            self.onset_ms = None
            self._enter(Phase.FIXATION, at_ms)
        start_item(at_ms)

    def _show(self, at_ms: float) -> None:
        self.onset_ms = None
        self._enter(Phase.STIMULUS, at_ms)

    def _enter(self, phase: Phase, at_ms: float) -> None:
        self.phase, self._start_ms = phase, at_ms
