"""Stroop logic: '+', then a stimulus with a response window, then a short pause; one record per trial."""

from __future__ import annotations

import random
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Respond
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.feedback import timing_words
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.timed_response import Phase, Score, TimedResponse
from games.focus.stroop.spec import COLOUR, COLOUR_SPEC
from games.focus.stroop.stimuli import Stimulus, answers_for, make_stimulus, pick_condition


class StroopLogic(OnTimeline):
    """State machine of one Stroop run; times are in ms and come in as arguments.

    Anticipations (an answer under ``anticipation_ms`` after the onset) count as not correct
    whatever the key: an answer that fast cannot come from reading the stimulus, so counting a
    lucky key as right would reward guessing. They are flagged and left out of the RT medians.

    Args:
        rng: the run's random generator (draws conditions and stimuli).
        overrides: parameter values that replace the level's.
        spec: which exercise this is (the colour or counting spec, colour when None); its defaults
            set the variant.
        script: fixed stimuli to play first, in order (for tests); later ones are random.
    """

    default_spec = COLOUR_SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None, *,
                 spec: ExerciseSpec | None = None, script: Sequence[Stimulus] = ()) -> None:
        super().__init__(rng, overrides, spec=spec)
        self._script = list(script)
        self.timeline = TimedResponse()
        self.stimulus: Stimulus | None = None
        self.response: str | None = None  # the answer given, in time or late
        self.early_presses = 0

    # -- what the view, the player and the run read ----------------------------------------
    @property
    def rt_ms(self) -> float | None:
        """Of an answer inside the window."""
        return self.timeline.rt_ms

    @property
    def late_rt_ms(self) -> float | None:
        return self.timeline.late_rt_ms

    @property
    def timed_out(self) -> bool:
        return self.timeline.timed_out

    @property
    def anticipation(self) -> bool:
        return self.timeline.anticipation

    @property
    def last_correct(self) -> bool | None:
        """Of the trial in its pause, for the tick or '-'; None before the answer or the time-out."""
        if self.rt_ms is None and not self.timed_out:
            return None
        return self._score().is_correct

    @property
    def variant(self) -> str:
        return str(self.params["variant"])

    @property
    def answers(self) -> tuple[str, ...]:
        return answers_for(self.variant)

    @property
    def accepts_answer(self) -> bool:
        """An answer now is scored: in the window, or late after a timeout (once)."""
        return self.timeline.accepts_answer

    def window_end_ms(self) -> float:
        return self.timeline.window_end_ms()

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        """Start the next trial at ``level`` with its '+' (the run calls this whenever ``needs_trial``)."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        p = self.take_level(level)
        if self._script:
            self.stimulus = self._script.pop(0)
        else:
            self.stimulus = make_stimulus(self._rng, self.variant, pick_condition(self._rng, p))
        if self.stimulus.variant != self.variant:
            raise ValueError(f"a {self.stimulus.variant} stimulus in a {self.variant} run")
        self.trial_index += 1
        self.response, self.early_presses = None, 0
        self.timeline.begin(now_ms, fixation_ms=p["fixation_ms"], window_ms=p["response_window_ms"],
                          pause_ms=p["iti_ms"], anticipation_ms=p["anticipation_ms"])

    def tick(self, now_ms: float) -> list[TrialRecord]:
        return [self._record()] if self.timeline.advance(now_ms) else []

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if not isinstance(action, Respond) or action.value not in self.answers:
            return finished
        if self.phase is Phase.FIXATION:
            self.early_presses += 1
        elif self.timeline.respond(now_ms):  # in the window, or late after a timeout
            self.response = action.value
        return finished

    # -- internals -------------------------------------------------------------------------
    def _score(self) -> Score:
        return self.timeline.score(self.response == self.stimulus.answer)

    def _record(self) -> TrialRecord:
        stim, score = self.stimulus, self._score()
        extra: dict[str, Any] = {
            "variant": self.variant, "condition": stim.condition, **stim.fields(),
            "window_ms": int(self.params["response_window_ms"]), "anticipation": score.anticipation,
            "late_rt_ms": score.late_rt_ms, "early_presses": self.early_presses,
        }
        return TrialRecord(
            trial_index=self.trial_index, level=self.level, start_ms=self.timeline.trial_start_ms, stimulus=stim.text,
            response=self.response or "none", is_correct=score.is_correct,
            rt_ms=score.rt_ms, timed_out=score.timed_out, extra=extra,
        )


def feedback_words(record: TrialRecord) -> str | None:
    """After an answer that was not right: the right answer (or what the timing was)."""
    if timing := timing_words(record):
        return timing
    if record.extra["variant"] == COLOUR:
        return f"The ink was {record.extra['ink']}."
    return f"There were {record.extra['count']} of them."
