"""Flanker logic: fixation, a row of arrows with a response window, a short pause; one record per row."""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Respond
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.feedback import timing_words
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.timed_response import Phase, TimedResponse
from games.focus.flanker.spec import CONGRUENT, DIRECTIONS, INCONGRUENT, LEFT, N_ARROWS, SPEC

# What the pause after a row shows: how the row went.
CORRECT, ERROR, TIMEOUT, ANTICIPATION = "correct", "error", "timeout", "anticipation"


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


class FlankerLogic(OnTimeline):
    """State machine of one run of flanker rows; times are in ms and come in as arguments.

    Args:
        rng: the run's random generator (conditions, directions, fixation jitter).
        overrides: parameter values that replace the level's.
        script: fixed rows to play first, in order (for tests); later rows are random.
        spec: the exercise played (see ``LogicBase``).
    """

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None,
                 script: Sequence[Row] = (), *, spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self._script = list(script)
        self.timeline = TimedResponse()
        self.row = Row(CONGRUENT, LEFT)
        self.response: str | None = None  # the answer given to the current row, if any
        self.early_presses = 0

    # -- what the view, the player and the run read ----------------------------------------
    @property
    def fixation_ms(self) -> float:
        return self.timeline.fixation_ms

    @property
    def window_ms(self) -> float:
        return float(self.params["window_ms"])

    @property
    def accepts_late(self) -> bool:
        """Whether a press now is a late answer to the row that just timed out."""
        return self.timeline.accepts_late

    @property
    def outcome(self) -> str | None:
        """CORRECT, ERROR, TIMEOUT or ANTICIPATION once known (what the pause after the row shows)."""
        if self.timeline.timed_out:
            return TIMEOUT
        if self.timeline.rt_ms is None:
            return None
        if self.timeline.anticipation:
            return ANTICIPATION
        return CORRECT if self.response == self.row.direction else ERROR

    def window_end_ms(self) -> float:
        return self.timeline.window_end_ms()

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        """Start the next row at ``level`` (the run calls this whenever ``needs_trial``)."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        p = self.take_level(level)
        self.row = self._script.pop(0) if self._script else self._make_row()
        fixation_ms = p["fixation_ms"] + self._rng.uniform(0.0, p["fixation_jitter_ms"])
        self.trial_index += 1
        self.response = None
        self.early_presses = 0
        self.timeline.begin(now_ms, fixation_ms=fixation_ms, window_ms=self.window_ms,
                          pause_ms=p["feedback_ms"], anticipation_ms=p["anticipation_ms"])

    def tick(self, now_ms: float) -> list[TrialRecord]:
        if self.timeline.advance(now_ms) and self.timeline.timed_out and self.timeline.late_rt_ms is None:
            return [self._record()]  # no press at all: a plain time-out
        return []

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if not isinstance(action, Respond) or action.value not in DIRECTIONS:
            return finished
        if self.phase is Phase.FIXATION:
            self.early_presses += 1
        elif self.timeline.respond(now_ms):  # in the window, or late after a time-out
            self.response = action.value
            finished.append(self._record())
        return finished  # a second press after an answer is ignored

    # -- internals -------------------------------------------------------------------------
    def _make_row(self) -> Row:
        incongruent = self._rng.random() < self.params["incongruent_share"]
        return Row(INCONGRUENT if incongruent else CONGRUENT, self._rng.choice(DIRECTIONS))

    def _record(self) -> TrialRecord:
        """The row's record; a late press that is right stays a time-out, a wrong one is an error."""
        score = self.timeline.score(self.response == self.row.direction)
        return TrialRecord(
            trial_index=self.trial_index, level=self.level, start_ms=self.timeline.trial_start_ms,
            stimulus=self.row.text(), response=self.response or "none",
            is_correct=score.is_correct, rt_ms=score.rt_ms, timed_out=score.timed_out,
            extra={
                "condition": self.row.condition, "direction": self.row.direction,
                "window_ms": int(self.window_ms), "fixation_ms": round(self.fixation_ms, 1),
                "anticipation": score.anticipation, "late_rt_ms": score.late_rt_ms,
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


def feedback_words(record: TrialRecord) -> str | None:
    """After an answer that was not right: where the middle arrow pointed (or what the timing was)."""
    return timing_words(record) or f"The middle arrow pointed {record.extra['direction']}."
