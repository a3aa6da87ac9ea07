"""Stroop logic: '+', then a stimulus with a response window, then a short pause; one record per trial."""

from __future__ import annotations

import random
from enum import Enum
from typing import Any, Mapping, Sequence

from games.core.actions import Respond
from games.core.exercise import ExerciseSpec, TrialRecord
from games.focus.stroop.spec import COLOUR_SPEC
from games.focus.stroop.stimuli import Stimulus, answers_for, check_params, make_stimulus, pick_condition


class Phase(Enum):
    IDLE = "idle"  # between trials: the run starts the next one
    FIXATION = "fixation"  # the '+'; answers here are early presses, ignored
    STIMULUS = "stimulus"  # the word or row is shown until an answer or the window's end
    PAUSE = "pause"  # a tick or '-' mark; after a timeout a late answer is still recorded


class StroopLogic:
    """State machine of one Stroop run; times are in ms and come in as arguments.

    Anticipations (an answer under ``anticipation_ms`` after the onset) count as not correct
    whatever the key: an answer that fast cannot come from reading the stimulus, so counting a
    lucky key as right would reward guessing. They are flagged and left out of the RT medians.

    Args:
        rng: the run's random generator (draws conditions and stimuli).
        overrides: parameter values that replace the level's.
        spec: which exercise this is (the colour or counting spec); its defaults set the variant.
        script: fixed stimuli to play first, in order (for tests); later ones are random.
    """

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None, *,
                 spec: ExerciseSpec = COLOUR_SPEC, script: Sequence[Stimulus] = ()) -> None:
        self._rng = rng
        self._overrides = dict(overrides or {})
        self._script = list(script)
        self.spec = spec
        self.params = spec.params_at(spec.start_level, self._overrides)
        check_params(self.params)
        self.phase = Phase.IDLE
        self.level = spec.start_level
        self.trial_index = 0
        self.stimulus: Stimulus | None = None
        self.onset_ms: float | None = None
        self.response: str | None = None  # the answer given, in time or late
        self.rt_ms: float | None = None  # of an answer inside the window
        self.late_rt_ms: float | None = None
        self.timed_out = False
        self.early_presses = 0
        self.last_correct: bool | None = None  # of the trial in its pause, for the tick or '-'
        self._start_ms = 0.0  # when the current phase started (the stimulus: when it was due)
        self._trial_start_ms = 0.0  # when the trial's '+' appeared

    # -- what the view, the player and the run read ----------------------------------------
    @property
    def variant(self) -> str:
        return str(self.params["variant"])

    @property
    def answers(self) -> tuple[str, ...]:
        return answers_for(self.variant)

    @property
    def needs_trial(self) -> bool:
        return self.phase is Phase.IDLE

    @property
    def awaiting_onset(self) -> bool:
        return self.phase is Phase.STIMULUS and self.onset_ms is None

    @property
    def accepts_answer(self) -> bool:
        """An answer now is scored: in the window, or late after a timeout (once)."""
        if self.phase is Phase.STIMULUS:
            return True
        return self.phase is Phase.PAUSE and self.timed_out and self.response is None

    def window_end_ms(self) -> float:
        anchor = self.onset_ms if self.onset_ms is not None else self._start_ms
        return anchor + self.params["response_window_ms"]

    def next_change_ms(self) -> float | None:
        if self.phase is Phase.FIXATION:
            return self._start_ms + self.params["fixation_ms"]
        if self.phase is Phase.STIMULUS:
            return self.window_end_ms()
        if self.phase is Phase.PAUSE:
            return self._start_ms + self.params["iti_ms"]
        return None

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        """Start the next trial at ``level`` with its '+' (the run calls this whenever ``needs_trial``)."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        self.level = level
        self.params = self.spec.params_at(level, self._overrides)
        check_params(self.params)
        if self._script:
            self.stimulus = self._script.pop(0)
        else:
            self.stimulus = make_stimulus(self._rng, self.variant, pick_condition(self._rng, self.params))
        if self.stimulus.variant != self.variant:
            raise ValueError(f"a {self.stimulus.variant} stimulus in a {self.variant} run")
        self.trial_index += 1
        self.onset_ms = self.response = self.rt_ms = self.late_rt_ms = self.last_correct = None
        self.timed_out, self.early_presses = False, 0
        self._trial_start_ms = now_ms
        self._enter(Phase.FIXATION, now_ms)

    def tick(self, now_ms: float) -> list[TrialRecord]:
        finished: list[TrialRecord] = []
        while (due := self.next_change_ms()) is not None and now_ms >= due:
            finished += self._leave_phase(due)
        return finished

    def mark_onset(self, now_ms: float) -> None:
        if self.awaiting_onset:
            self.onset_ms = now_ms

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if not isinstance(action, Respond) or action.value not in self.answers:
            return finished
        if self.phase is Phase.FIXATION:
            self.early_presses += 1
        elif self.phase is Phase.STIMULUS:
            if self.onset_ms is None:  # an answer on the very frame the stimulus appeared
                self.mark_onset(now_ms)
            self.response, self.rt_ms = action.value, now_ms - self.onset_ms
            self.last_correct = self._is_correct()
            self._enter(Phase.PAUSE, now_ms)
        elif self.accepts_answer:
            self.response, self.late_rt_ms = action.value, now_ms - self.onset_ms
        return finished

    # -- internals -------------------------------------------------------------------------
    def _enter(self, phase: Phase, at_ms: float) -> None:
        self.phase, self._start_ms = phase, at_ms

    def _leave_phase(self, at_ms: float) -> list[TrialRecord]:
        if self.phase is Phase.FIXATION:
            self._enter(Phase.STIMULUS, at_ms)
        elif self.phase is Phase.STIMULUS:
            if self.onset_ms is None:  # never drawn (no frame came): the window still ran from when it was due
                self.onset_ms = self._start_ms
            self.timed_out, self.last_correct = True, False
            self._enter(Phase.PAUSE, at_ms)
        elif self.phase is Phase.PAUSE:
            self._enter(Phase.IDLE, at_ms)
            return [self._record()]
        return []

    @property
    def anticipation(self) -> bool:
        return self.rt_ms is not None and self.rt_ms < self.params["anticipation_ms"]

    def _is_correct(self) -> bool:
        return self.response == self.stimulus.answer and not self.anticipation

    def _record(self) -> TrialRecord:
        stim = self.stimulus
        late_error = self.late_rt_ms is not None and self.response != stim.answer
        timed_out = self.timed_out and not late_error  # a late wrong answer is an error, not a timeout
        extra: dict[str, Any] = {
            "variant": self.variant, "condition": stim.condition, **stim.fields(),
            "window_ms": int(self.params["response_window_ms"]), "anticipation": self.anticipation,
            "late_rt_ms": self.late_rt_ms, "early_presses": self.early_presses,
        }
        return TrialRecord(
            trial_index=self.trial_index, level=self.level, start_ms=self._trial_start_ms, stimulus=stim.text,
            response=self.response or "none", is_correct=not self.timed_out and self._is_correct(),
            rt_ms=self.late_rt_ms if late_error else self.rt_ms, timed_out=timed_out, extra=extra,
        )
