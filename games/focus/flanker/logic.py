"""Flanker logic: fixation, a row of arrows with a response window, a short pause; one record per row."""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass
from enum import Enum
from typing import Any, Mapping, Sequence

from games.core.actions import Respond
from games.core.exercise import TrialRecord
from games.focus.flanker.spec import CONGRUENT, DIRECTIONS, INCONGRUENT, LEFT, N_ARROWS, SPEC

# What the pause after a row shows: how the row went.
CORRECT, ERROR, TIMEOUT, ANTICIPATION = "correct", "error", "timeout", "anticipation"


class Phase(Enum):
    IDLE = "idle"  # between rows: the run starts the next one
    FIXATION = "fixation"  # a '+' in the middle
    STIMULUS = "stimulus"  # the arrows, until an answer or the end of the window
    FEEDBACK = "feedback"  # a small mark; after a time-out a press here is late


@dataclass(frozen=True)
class Row:
    """One row of arrows: its condition and where the middle arrow points."""

    condition: str
    direction: str

    def __post_init__(self) -> None:
        if self.condition not in (CONGRUENT, INCONGRUENT) or self.direction not in DIRECTIONS:
            raise ValueError(f"not a flanker row: {self.condition!r}, {self.direction!r}")

    @property
    def flanker_direction(self) -> str:
        if self.condition == CONGRUENT:
            return self.direction
        return next(d for d in DIRECTIONS if d != self.direction)

    @property
    def arrows(self) -> tuple[str, ...]:
        """Each arrow's direction, left to right."""
        middle = N_ARROWS // 2
        return tuple(self.direction if i == middle else self.flanker_direction for i in range(N_ARROWS))

    def text(self) -> str:
        """The row as text, e.g. ``">><>>"``."""
        return "".join("<" if d == LEFT else ">" for d in self.arrows)


def check_params(params: Mapping[str, Any]) -> None:
    """Refuse parameter values that cannot make a sensible trial."""
    if not 0.0 <= params["incongruent_share"] <= 1.0:
        raise ValueError(f"incongruent_share must be between 0 and 1, not {params['incongruent_share']}")
    if params["window_ms"] <= params["anticipation_ms"] or params["anticipation_ms"] < 0:
        raise ValueError("window_ms must be longer than anticipation_ms, which cannot be negative")
    if min(params["fixation_ms"], params["fixation_jitter_ms"], params["feedback_ms"]) < 0:
        raise ValueError("fixation_ms, fixation_jitter_ms and feedback_ms cannot be negative")


class FlankerLogic:
    """State machine of one run of flanker rows; times are in ms and come in as arguments.

    Args:
        rng: the run's random generator (conditions, directions, fixation jitter).
        overrides: parameter values that replace the level's.
        script: fixed rows to play first, in order (for tests); later rows are random.
    """

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None,
                 script: Sequence[Row] = ()) -> None:
        self._rng = rng
        self._overrides = dict(overrides or {})
        self._script = list(script)
        self.params = SPEC.params_at(SPEC.start_level, self._overrides)
        check_params(self.params)
        self.phase = Phase.IDLE
        self.level = SPEC.start_level
        self.trial_index = 0
        self.row = Row(CONGRUENT, LEFT)
        self.onset_ms: float | None = None
        self.response: str | None = None  # the answer given to the current row, if any
        self.outcome: str | None = None  # CORRECT, ERROR, TIMEOUT or ANTICIPATION once known
        self.fixation_ms = 0.0
        self.early_presses = 0
        self._start_ms = 0.0  # when the row's fixation began
        self._phase_ms = 0.0  # when the current phase began
        self._late_pending = False  # timed out; the record waits for a late press or the pause's end

    # -- what the view, the player and the run read ----------------------------------------
    @property
    def needs_trial(self) -> bool:
        return self.phase is Phase.IDLE

    @property
    def awaiting_onset(self) -> bool:
        return self.phase is Phase.STIMULUS and self.onset_ms is None

    @property
    def window_ms(self) -> float:
        return float(self.params["window_ms"])

    @property
    def accepts_late(self) -> bool:
        """Whether a press now is a late answer to the row that just timed out."""
        return self.phase is Phase.FEEDBACK and self._late_pending

    def window_end_ms(self) -> float:
        anchor = self.onset_ms if self.onset_ms is not None else self._phase_ms
        return anchor + self.window_ms

    def feedback_end_ms(self) -> float:
        return self._phase_ms + self.params["feedback_ms"]

    def next_change_ms(self) -> float | None:
        if self.phase is Phase.FIXATION:
            return self._phase_ms + self.fixation_ms
        if self.phase is Phase.STIMULUS:
            return self.window_end_ms()
        if self.phase is Phase.FEEDBACK:
            return self.feedback_end_ms()
        return None

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        """Start the next row at ``level`` (the run calls this whenever ``needs_trial``)."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        self.level = level
        self.params = p = SPEC.params_at(level, self._overrides)
        check_params(p)
        self.row = self._script.pop(0) if self._script else self._make_row()
        self.fixation_ms = p["fixation_ms"] + self._rng.uniform(0.0, p["fixation_jitter_ms"])
        self.trial_index += 1
        self.onset_ms = self.response = self.outcome = None
        self.early_presses = 0
        self._late_pending = False
        self._start_ms = now_ms
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
        if not isinstance(action, Respond) or action.value not in DIRECTIONS:
            return finished
        if self.phase is Phase.FIXATION:
            self.early_presses += 1
        elif self.phase is Phase.STIMULUS:
            finished.append(self._answer(action.value, now_ms))
        elif self.accepts_late:
            finished.append(self._late_answer(action.value, now_ms))
        return finished  # a second press after an answer is ignored

    # -- internals -------------------------------------------------------------------------
    def _make_row(self) -> Row:
        incongruent = self._rng.random() < self.params["incongruent_share"]
        return Row(INCONGRUENT if incongruent else CONGRUENT, self._rng.choice(DIRECTIONS))

    def _enter(self, phase: Phase, at_ms: float) -> None:
        self.phase, self._phase_ms = phase, at_ms

    def _leave_phase(self, at_ms: float) -> list[TrialRecord]:
        if self.phase is Phase.FIXATION:
            self._enter(Phase.STIMULUS, at_ms)
        elif self.phase is Phase.STIMULUS:
            self.outcome, self._late_pending = TIMEOUT, True
            self._enter(Phase.FEEDBACK, at_ms)
        elif self.phase is Phase.FEEDBACK:
            self._enter(Phase.IDLE, at_ms)
            if self._late_pending:  # no press at all: a plain time-out
                self._late_pending = False
                return [self._record(is_correct=False, rt_ms=None, timed_out=True)]
        return []

    def _answer(self, value: str, now_ms: float) -> TrialRecord:
        if self.onset_ms is None:  # a press on the very frame the arrows appeared
            self.mark_onset(now_ms)
        rt_ms = now_ms - self.onset_ms
        anticipation = rt_ms < self.params["anticipation_ms"]
        is_correct = value == self.row.direction and not anticipation
        self.response = value
        self.outcome = ANTICIPATION if anticipation else CORRECT if is_correct else ERROR
        self._enter(Phase.FEEDBACK, now_ms)
        return self._record(is_correct=is_correct, rt_ms=rt_ms, timed_out=False, anticipation=anticipation)

    def _late_answer(self, value: str, now_ms: float) -> TrialRecord:
        """A press after the window: a right one stays a time-out, a wrong one is an error."""
        self._late_pending = False
        self.response = value
        late_rt_ms = now_ms - self.onset_ms
        if value == self.row.direction:
            return self._record(is_correct=False, rt_ms=None, timed_out=True, late_rt_ms=late_rt_ms)
        return self._record(is_correct=False, rt_ms=late_rt_ms, timed_out=False, late_rt_ms=late_rt_ms)

    def _record(self, *, is_correct: bool, rt_ms: float | None, timed_out: bool,
                anticipation: bool = False, late_rt_ms: float | None = None) -> TrialRecord:
        return TrialRecord(
            trial_index=self.trial_index, level=self.level, start_ms=self._start_ms,
            stimulus=self.row.text(), response=self.response or "none",
            is_correct=is_correct, rt_ms=rt_ms, timed_out=timed_out,
            extra={
                "condition": self.row.condition, "direction": self.row.direction,
                "window_ms": int(self.window_ms), "fixation_ms": round(self.fixation_ms, 1),
                "anticipation": anticipation, "late_rt_ms": late_rt_ms,
                "early_presses": self.early_presses,
            },
        )


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """Accuracy and median RT (right answers only) per condition, and what incongruence costs."""
    measures: dict[str, Any] = {}
    for condition in (CONGRUENT, INCONGRUENT):
        rows = [r for r in records if r.extra["condition"] == condition]
        rts = [r.rt_ms for r in rows if r.is_correct and r.rt_ms is not None]
        measures[f"{condition}_trials"] = len(rows)
        measures[f"{condition}_accuracy"] = round(sum(r.is_correct for r in rows) / len(rows), 3) if rows else None
        measures[f"{condition}_median_rt_ms"] = _median(rts)
    cong_rt, inc_rt = measures["congruent_median_rt_ms"], measures["incongruent_median_rt_ms"]
    cong_acc, inc_acc = measures["congruent_accuracy"], measures["incongruent_accuracy"]
    measures["congruency_cost_ms"] = round(inc_rt - cong_rt, 1) if None not in (cong_rt, inc_rt) else None
    measures["congruency_cost_accuracy"] = round(cong_acc - inc_acc, 3) if None not in (cong_acc, inc_acc) else None
    measures["anticipations"] = sum(bool(r.extra["anticipation"]) for r in records)
    measures["timeouts"] = sum(r.timed_out for r in records)
    return measures
