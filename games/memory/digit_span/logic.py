"""Digit Span logic: show digits one by one, collect the typed answer, score it forward or backward."""

from __future__ import annotations

import random
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Respond, Select, Undo
from games.core.engine.exercise import ExerciseSpec, SpecError, TrialRecord
from games.core.engine.recall import first_error_position
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.show_then_recall import Phase, ShowThenRecall
from games.memory.digit_span.spec import SPEC

DONE = "done"


def make_sequence(rng: random.Random, length: int) -> list[int]:
    """Digits 0-9, each at most once while unused ones remain, and no run of three counting by one.

    Repeated digits make a list much harder to recall, so a sequence of up to 10 digits has none;
    a longer one (only by a parameter override) reuses digits, never within two places.
    """
    digits: list[int] = []
    for _ in range(length):
        allowed = [d for d in range(10) if d not in digits] or [d for d in range(10) if d not in digits[-2:]]
        if len(digits) >= 2 and abs(digits[-1] - digits[-2]) == 1:
            step_on = 2 * digits[-1] - digits[-2]  # the digit that would make 1-2-3 or 5-4-3
            allowed = [d for d in allowed if d != step_on] or allowed
        digits.append(rng.choice(allowed))
    return digits


def join_digits(digits: Sequence[int]) -> str:
    """Digits as text, e.g. ``"4 9 2"``."""
    return " ".join(str(d) for d in digits)


def trial_direction(direction: str, switch_every: int, trial_index: int) -> str:
    """The order asked for in trial ``trial_index`` (1-based); 'mixed' starts with a forward block."""
    if direction != "mixed":
        return direction
    return "forward" if ((trial_index - 1) // switch_every) % 2 == 0 else "backward"


class DigitSpanLogic(OnTimeline):
    """State machine of the digit span task; times are in ms and come in as arguments."""

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None, *,
                 spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self.timeline = ShowThenRecall()
        self.direction = trial_direction(self.params["direction"], int(self.params["switch_every"]), 1)
        self.sequence: list[int] = []
        self.answer: list[int] = []
        self.key_times_ms: list[float] = []
        self.last_correct: bool | None = None
        self.n_undos = 0
        self._early_keys = 0

    # -- what the view, the player and the run read -----------------------------------------
    @property
    def expected(self) -> list[int]:
        """The answer wanted: the sequence, reversed for a backward trial."""
        return self.sequence[::-1] if self.direction == "backward" else list(self.sequence)

    def shown_digit(self, now_ms: float) -> int | None:
        """The digit on screen at ``now_ms`` during the presentation, if any."""
        k = self.timeline.item_at(now_ms)
        return None if k is None else self.sequence[k]

    def digits_begun(self, now_ms: float) -> int:
        """How many digits have appeared so far in the presentation."""
        return self.timeline.items_begun(now_ms)

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        p = self.take_level(level)
        length = int(p["sequence_length"])
        if length < 1:
            raise SpecError(f"digit_span: cannot show {length} digits")
        self.trial_index += 1
        self.direction = trial_direction(p["direction"], int(p["switch_every"]), self.trial_index)
        self.sequence = make_sequence(self._rng, length)
        self.answer, self.key_times_ms = [], []
        self.last_correct = None
        self.n_undos = self._early_keys = 0
        self.timeline.begin(now_ms, length, lead_in_ms=p["lead_in_ms"], item_ms=p["digit_ms"], gap_ms=p["gap_ms"],
                            idle_timeout_ms=p["idle_timeout_ms"], feedback_ms=p["feedback_ms"])

    def tick(self, now_ms: float) -> list[TrialRecord]:
        finished = []
        while self.timeline.advance(now_ms):
            finished.append(self._finish(now_ms, ended_by="timeout"))
        return finished

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if self.phase in (Phase.LEAD_IN, Phase.PRESENT) and isinstance(action, (Select, Undo, Respond)):
            self._early_keys += 1
        elif self.phase is Phase.RESPOND:
            finished += self._respond(action, now_ms)
        return finished

    # -- internals -------------------------------------------------------------------------
    def _respond(self, action: Any, now_ms: float) -> list[TrialRecord]:
        if isinstance(action, Undo):
            self.timeline.touch(now_ms)
            if self.answer:
                self.answer.pop()
                self.key_times_ms.pop()
                self.n_undos += 1
            return []
        if isinstance(action, Respond) and action.value == DONE:
            self.timeline.touch(now_ms)
            return [self._finish(now_ms, ended_by="done")]
        if not isinstance(action, Select) or not 0 <= action.index <= 9:
            return []
        self.timeline.touch(now_ms)
        self.answer.append(action.index)
        self.key_times_ms.append(now_ms - self.onset_ms)
        if len(self.answer) < len(self.sequence):
            return []
        return [self._finish(now_ms, ended_by="length")]

    def _finish(self, now_ms: float, ended_by: str) -> TrialRecord:
        timed_out = ended_by == "timeout"
        expected = self.expected
        is_correct = not timed_out and self.answer == expected
        record = TrialRecord(
            trial_index=self.trial_index,
            level=self.level,
            start_ms=self.timeline.trial_start_ms,
            stimulus=join_digits(self.sequence),
            response=join_digits(self.answer),
            is_correct=is_correct,
            rt_ms=None if timed_out or not self.key_times_ms else self.key_times_ms[-1],
            timed_out=timed_out,
            extra={
                "direction": self.direction,
                "n_digits": len(self.sequence),
                "expected_response": join_digits(expected),
                "first_error_position": None if is_correct else first_error_position(expected, self.answer),
                "first_key_ms": self.key_times_ms[0] if self.key_times_ms else None,
                "key_times_ms": ";".join(f"{t:.1f}" for t in self.key_times_ms),
                "n_undos": self.n_undos,
                "ended_by": ended_by,
                "early_keys": self._early_keys,
            },
        )
        self.last_correct = is_correct
        self.timeline.begin_feedback(now_ms)
        return record


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's own measures: the longest span right in each order (None if not played) and the trials right."""
    measures: dict[str, Any] = {}
    for direction in ("forward", "backward"):
        played = [r for r in records if r.extra.get("direction") == direction]
        right = [r.extra["n_digits"] for r in played if r.is_correct]
        measures[f"longest_span_{direction}"] = max(right, default=0) if played else None
    measures["correct_trials"] = sum(r.is_correct for r in records)
    return measures


def feedback_words(record: TrialRecord) -> str | None:
    """After an answer that was not right: the digits that were asked for."""
    return f"The answer was {record.extra['expected_response']}."
