"""The timing of a timed-response trial: a '+', a stimulus with a response window, a short pause."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from games.core.engine.trials.template import TrialTemplate


class Phase(Enum):
    IDLE = "idle"  # between trials: the run starts the next one
    FIXATION = "fixation"  # a '+' in the middle; a press here is early and only counted
    STIMULUS = "stimulus"  # the stimulus, until an answer or the end of the window
    PAUSE = "pause"  # a small mark of how it went; after a time-out a late answer is still recorded
    SEARCH = "stimulus"  # Visual Search's name for the stimulus
    FEEDBACK = "pause"  # Flanker's and Visual Search's name for the pause


class Score(NamedTuple):
    """How a trial counts, from its answer (or none) and whether that answer was the right one."""

    is_correct: bool
    rt_ms: float | None
    timed_out: bool
    anticipation: bool
    late_rt_ms: float | None


class TimedResponse(TrialTemplate):
    """A fixation of ``fixation_ms``, a stimulus whose response window of ``window_ms`` runs from
    its stamped onset, then a pause of ``pause_ms``. An answer in the window ends the stimulus;
    when the window closes unanswered, one late answer is still taken during the pause.

    Times are in ms and come in as arguments; the onset is stamped by ``mark_onset`` right after
    the frame that first shows the stimulus. Until then the window runs from when the stimulus
    was due, and a window that closes with no onset stamped (no frame came) takes that as the onset.
    """

    idle_phase, onset_phase = Phase.IDLE, Phase.STIMULUS

    def __init__(self) -> None:
        self.phase = Phase.IDLE
        self.trial_start_ms = 0.0
        self.onset_ms: float | None = None
        self.rt_ms: float | None = None  # of an answer in the window, from the onset
        self.late_rt_ms: float | None = None  # of an answer in the pause after a time-out
        self.timed_out = False  # the window closed with no answer
        self.fixation_ms = self.window_ms = self.pause_ms = self.anticipation_ms = 0.0
        self._phase_start_ms = 0.0
        self._stimulus_start_ms = 0.0

    def begin(self, now_ms: float, *, fixation_ms: float, window_ms: float, pause_ms: float,
              anticipation_ms: float) -> None:
        """Start a trial's fixation at ``now_ms``."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        self.fixation_ms, self.window_ms, self.pause_ms = fixation_ms, window_ms, pause_ms
        self.anticipation_ms = anticipation_ms
        self.onset_ms = self.rt_ms = self.late_rt_ms = None
        self.timed_out = False
        self.trial_start_ms = now_ms
        self._enter(Phase.FIXATION, now_ms)

    @property
    def accepts_late(self) -> bool:
        """Whether an answer now is a late answer to a trial whose window closed unanswered."""
        return self.phase is Phase.PAUSE and self.timed_out and self.late_rt_ms is None

    @property
    def accepts_answer(self) -> bool:
        """Whether an answer now is taken: in the window, or late after a time-out (once)."""
        return self.phase is Phase.STIMULUS or self.accepts_late

    @property
    def anticipation(self) -> bool:
        """The answer in the window came under ``anticipation_ms`` after the onset: too soon to be
        a response to the stimulus."""
        return self.rt_ms is not None and self.rt_ms < self.anticipation_ms

    def window_end_ms(self) -> float:
        anchor = self.onset_ms if self.onset_ms is not None else self._stimulus_start_ms
        return anchor + self.window_ms

    def next_change_ms(self) -> float | None:
        """When the trial next changes by itself, or None between trials."""
        if self.phase is Phase.FIXATION:
            return self._phase_start_ms + self.fixation_ms
        if self.phase is Phase.STIMULUS:
            return self.window_end_ms()
        if self.phase is Phase.PAUSE:
            return self._phase_start_ms + self.pause_ms
        return None

    def advance(self, now_ms: float) -> bool:
        """Move through the phases due by ``now_ms``; True if the trial's pause ended just now."""
        while (due := self.next_change_ms()) is not None and now_ms >= due:
            if self.phase is Phase.FIXATION:
                self._enter(Phase.STIMULUS, due)
            elif self.phase is Phase.STIMULUS:
                if self.onset_ms is None:
                    self.onset_ms = self._stimulus_start_ms
                self.timed_out = True
                self._enter(Phase.PAUSE, due)
            else:
                self._enter(Phase.IDLE, due)
                return True
        return False

    def respond(self, now_ms: float) -> bool:
        """Take an answer at ``now_ms`` if one is taken now (see ``accepts_answer``): in the window
        it sets ``rt_ms`` and starts the pause, after a time-out it sets ``late_rt_ms``."""
        if self.phase is Phase.STIMULUS:
            self.mark_onset(now_ms)  # an answer on the very frame the stimulus appeared
            self.rt_ms = now_ms - self.onset_ms
            self._enter(Phase.PAUSE, now_ms)
            return True
        if self.accepts_late:
            self.late_rt_ms = now_ms - self.onset_ms
            return True
        return False

    def score(self, right: bool) -> Score:
        """How the trial counts, given whether the answer given (if any) was the right one.

        Only a right answer in the window that is not an anticipation is correct. No answer, or a
        right one after the window, is a time-out; a wrong one after the window is an error, with
        its late RT as the RT.
        """
        late_error = self.late_rt_ms is not None and not right
        return Score(
            is_correct=right and self.rt_ms is not None and not self.anticipation,
            rt_ms=self.late_rt_ms if late_error else self.rt_ms,
            timed_out=self.timed_out and not late_error,
            anticipation=self.anticipation,
            late_rt_ms=self.late_rt_ms,
        )

    def _enter(self, phase: Phase, at_ms: float) -> None:
        self.phase, self._phase_start_ms = phase, at_ms
        if phase is Phase.STIMULUS:
            self._stimulus_start_ms = at_ms
