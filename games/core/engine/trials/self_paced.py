"""The timing of a self-paced trial: play until done or a deadline, then feedback, shared by the puzzle-like exercises."""

from __future__ import annotations

from enum import Enum

from games.core.engine.trials.template import TrialTemplate


class Phase(Enum):
    IDLE = "idle"  # between trials: the run starts the next one
    FIRST_LOOK = "first_look"  # an optional look before play (Card Pairs shows every card face up)
    PLAY = "play"  # the player works at the trial at their own pace, until done or the deadline
    HOLD = "show_miss"  # a moment inside play whose end the deadline waits for (Card Pairs' miss)
    FEEDBACK = "feedback"  # the trial is over: its result stays a moment
    SHOW_MISS = "show_miss"  # Card Pairs' name for the hold
    PLAN = "play"  # Errands Planner's name for play
    SORT = "play"  # Rule Switch's name for play


class SelfPaced(TrialTemplate):
    """An optional first look of ``look_ms``, play until the logic calls ``finish`` or the deadline
    passes, then feedback for the ``feedback_ms`` given to ``finish``.

    The deadline is ``limit_ms`` after the onset of play, or after play began while no onset is
    stamped; with ``limit_from_onset`` there is no deadline until the onset is stamped. It is
    checked only in play: a hold ends first. Times are in ms and come in as arguments; the onset
    is stamped by ``mark_onset`` right after the frame that first shows the play.
    """

    idle_phase, onset_phase = Phase.IDLE, Phase.PLAY

    def __init__(self) -> None:
        self.phase = Phase.IDLE
        self.onset_ms: float | None = None
        self.trial_start_ms = 0.0
        self.play_start_ms = 0.0
        self.limit_ms = 0.0
        self.limit_from_onset = False
        self._phase_end_ms: float | None = None

    def begin(self, now_ms: float, *, limit_ms: float, look_ms: float = 0.0, limit_from_onset: bool = False) -> None:
        """Start a trial at ``now_ms``: its first look if ``look_ms`` is above 0, else its play."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        self.limit_ms, self.limit_from_onset = limit_ms, limit_from_onset
        self.onset_ms = None
        self.trial_start_ms = now_ms
        if look_ms > 0:
            self._enter(Phase.FIRST_LOOK, now_ms, now_ms + look_ms)
        else:
            self._enter(Phase.PLAY, now_ms, None)

    def deadline_ms(self) -> float | None:
        """When play runs out of time (None while it waits for the onset, with ``limit_from_onset``)."""
        if self.onset_ms is None and self.limit_from_onset:
            return None
        start = self.onset_ms if self.onset_ms is not None else self.play_start_ms
        return start + self.limit_ms

    def next_change_ms(self) -> float | None:
        """When the trial next changes by itself, or None if it waits for the player (or between trials)."""
        if self.phase is Phase.PLAY:
            return self.deadline_ms()
        return self._phase_end_ms

    def advance(self, now_ms: float) -> bool:
        """End a first look, hold or feedback due by ``now_ms``; True if play's deadline has passed
        (the logic then finishes the trial as timed out)."""
        if self._phase_end_ms is not None and now_ms >= self._phase_end_ms:
            self._enter(Phase.IDLE if self.phase is Phase.FEEDBACK else Phase.PLAY, self._phase_end_ms, None)
        deadline_ms = self.deadline_ms()
        return self.phase is Phase.PLAY and deadline_ms is not None and now_ms >= deadline_ms

    def hold(self, now_ms: float, length_ms: float) -> None:
        """Pause play for ``length_ms`` (the deadline waits for the hold to end)."""
        self._enter(Phase.HOLD, now_ms, now_ms + length_ms)

    def finish(self, now_ms: float, feedback_ms: float) -> None:
        """The trial is over at ``now_ms``: feedback for ``feedback_ms``, then the next trial."""
        self._enter(Phase.FEEDBACK, now_ms, now_ms + feedback_ms)

    def _enter(self, phase: Phase, now_ms: float, end_ms: float | None) -> None:
        if phase is Phase.PLAY and self.phase is not Phase.HOLD:
            self.play_start_ms = now_ms  # back from a hold, play goes on from where it was
        self.phase, self._phase_end_ms = phase, end_ms
