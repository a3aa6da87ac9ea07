"""Visual Search logic: a '+', a search display until an answer or the window's end, a short pause."""

from __future__ import annotations

import random
import statistics
from enum import Enum
from typing import Any, Mapping, Sequence

from games.core.actions import Respond
from games.core.exercise import TrialRecord
from games.focus.visual_search.displays import CONJUNCTION, FEATURE, SEARCH_SETS, Display, layout_text, make_display
from games.focus.visual_search.spec import SPEC

YES, NO = "yes", "no"


class Phase(Enum):
    IDLE = "idle"  # between trials: the run starts the next one
    FIXATION = "fixation"  # a '+' in the middle
    SEARCH = "search"  # the display is on; answers are scored
    FEEDBACK = "feedback"  # a tick or a neutral '-'; after a time-out, late answers are recorded


def check_params(params: Mapping[str, Any]) -> None:
    """Refuse parameter combinations that cannot make a sensible trial."""
    if params["search_set"] not in SEARCH_SETS:
        raise ValueError(f"unknown search set {params['search_set']!r}; use one of {sorted(SEARCH_SETS)}")
    if not params["set_sizes"] or max(params["set_sizes"]) > params["grid_cols"] * params["grid_rows"]:
        raise ValueError("set_sizes must be given and fit in the grid")
    if min(params["set_sizes"]) < 2:
        raise ValueError("a display needs at least 2 items")
    if not 0.0 < params["present_share"] < 1.0:
        raise ValueError("present_share must be between 0 and 1")
    if params["window_ms"] <= params["anticipation_ms"] or min(params["fixation_ms"], params["feedback_ms"]) < 0:
        raise ValueError("window_ms must exceed anticipation_ms, and pauses cannot be negative")


def least_squares_slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Slope of the least-squares line of ``ys`` on ``xs``; None with fewer than two distinct ``xs``."""
    if len(set(xs)) < 2:
        return None
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    return sxy / sxx


class VisualSearchLogic:
    """State machine of one run of search trials; times are in ms and come in as arguments.

    Args:
        rng: the run's random generator (builds the displays).
        overrides: parameter values that replace the level's.
        script: fixed displays to show first, in order (for tests); later ones are random.
    """

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None,
                 script: Sequence[Display] = ()) -> None:
        self._rng = rng
        self._overrides = dict(overrides or {})
        self._script = list(script)
        self.params = SPEC.params_at(SPEC.start_level, self._overrides)
        check_params(self.params)
        self.phase = Phase.IDLE
        self.level = SPEC.start_level
        self.trial_index = 0
        self.display: Display | None = None
        self.onset_ms: float | None = None
        self.answer: str | None = None  # the answer given in this trial, in time or late
        self.answer_rt_ms: float | None = None
        self.late = False  # the answer came after the window
        self.last_correct: bool | None = None
        self.early_presses = 0
        self._start_ms = 0.0  # planned start of the current phase
        self._trial_start_ms = 0.0

    # -- what the view, the player and the run read ----------------------------------------
    @property
    def needs_trial(self) -> bool:
        return self.phase is Phase.IDLE

    @property
    def awaiting_onset(self) -> bool:
        return self.phase is Phase.SEARCH and self.onset_ms is None

    @property
    def accepts_answer(self) -> bool:
        """An answer now would be recorded: during the search, or late in the pause after a time-out."""
        if self.answer is not None:
            return False
        return self.phase is Phase.SEARCH or (self.phase is Phase.FEEDBACK and self.last_correct is None)

    @property
    def target_name(self) -> str:
        return SEARCH_SETS[self.params["search_set"]].target_name

    @property
    def target_code(self) -> str:
        return SEARCH_SETS[self.params["search_set"]].target

    def window_end_ms(self) -> float:
        anchor = self.onset_ms if self.onset_ms is not None else self._start_ms
        return anchor + self.params["window_ms"]

    def next_change_ms(self) -> float | None:
        if self.phase is Phase.FIXATION:
            return self._start_ms + self.params["fixation_ms"]
        if self.phase is Phase.SEARCH:
            return self.window_end_ms()
        if self.phase is Phase.FEEDBACK:
            return self._start_ms + self.params["feedback_ms"]
        return None

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        """Start the next trial at ``level`` (the run calls this whenever ``needs_trial``)."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        self.level = level
        self.params = p = SPEC.params_at(level, self._overrides)
        check_params(p)
        self.trial_index += 1
        if self._script:
            self.display = self._script.pop(0)
        else:
            present = self._rng.random() < p["present_share"]
            size = self._rng.choice(tuple(p["set_sizes"]))
            self.display = make_display(self._rng, p["search_set"], size, present,
                                        p["grid_cols"], p["grid_rows"], p["jitter"])
        self.onset_ms, self.answer, self.answer_rt_ms = None, None, None
        self.late, self.last_correct, self.early_presses = False, None, 0
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
        if not isinstance(action, Respond) or action.value not in (YES, NO):
            return finished
        if self.phase is Phase.FIXATION:
            self.early_presses += 1
        elif self.accepts_answer:
            if self.onset_ms is None:  # an answer on the very frame the display appeared
                self.mark_onset(now_ms)
            self.answer, self.answer_rt_ms = action.value, now_ms - self.onset_ms
            if self.phase is Phase.SEARCH:
                finished.append(self._finish())
                self._enter(Phase.FEEDBACK, now_ms)
            else:
                self.late = True
        return finished

    # -- internals -------------------------------------------------------------------------
    def _enter(self, phase: Phase, at_ms: float) -> None:
        self.phase, self._start_ms = phase, at_ms

    def _leave_phase(self, at_ms: float) -> list[TrialRecord]:
        if self.phase is Phase.FIXATION:
            self._enter(Phase.SEARCH, at_ms)
        elif self.phase is Phase.SEARCH:  # the window closed with no answer: wait for a late one
            self._enter(Phase.FEEDBACK, at_ms)
        elif self.phase is Phase.FEEDBACK:
            timed_out_trial = self.last_correct is None
            record = self._finish() if timed_out_trial else None
            self._enter(Phase.IDLE, at_ms)
            return [record] if record else []
        return []

    def _finish(self) -> TrialRecord:
        """The trial's record: an answer in the window, or a time-out with or without a late answer."""
        p, display = self.params, self.display
        right_answer = YES if display.target_present else NO
        anticipation = not self.late and self.answer is not None and self.answer_rt_ms < p["anticipation_ms"]
        late_error = self.late and self.answer != right_answer
        timed_out = self.answer is None or (self.late and not late_error)
        is_correct = self.answer == right_answer and not self.late and not anticipation
        self.last_correct = is_correct
        spec = display.spec
        return TrialRecord(
            trial_index=self.trial_index, level=self.level, start_ms=self._trial_start_ms,
            stimulus=f"{spec.target_name}; {'present' if display.target_present else 'absent'}; {display.set_size} items",
            response=self.answer or "none", is_correct=is_correct,
            rt_ms=None if self.late or self.answer is None else self.answer_rt_ms, timed_out=timed_out,
            extra={
                "set_size": display.set_size, "search_type": spec.search_type,
                "target_present": display.target_present, "target": spec.target_name,
                "search_window_ms": int(p["window_ms"]), "layout": layout_text(display),
                "anticipation": anticipation, "late_rt_ms": self.answer_rt_ms if self.late else None,
                "early_presses": self.early_presses,
            },
        )


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _share(records: list[TrialRecord]) -> float | None:
    return round(sum(r.is_correct for r in records) / len(records), 3) if records else None


def _slope(records: Sequence[TrialRecord], search_type: str | None = None) -> float | None:
    """Search slope over right, in-time, target-present answers (of one search type, if given)."""
    used = [r for r in records if r.is_correct and r.extra["target_present"] and r.rt_ms is not None
            and search_type in (None, r.extra["search_type"])]
    slope = least_squares_slope([r.extra["set_size"] for r in used], [r.rt_ms for r in used])
    return None if slope is None else round(slope, 1)


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's measures: accuracy and median RT with and without the target, and search slopes."""
    present = [r for r in records if r.extra["target_present"]]
    absent = [r for r in records if not r.extra["target_present"]]
    return {
        "present_accuracy": _share(present),
        "absent_accuracy": _share(absent),
        "median_rt_present_ms": _median([r.rt_ms for r in present if r.is_correct]),
        "median_rt_absent_ms": _median([r.rt_ms for r in absent if r.is_correct]),
        "search_slope_ms_per_item": _slope(records),
        "feature_slope_ms_per_item": _slope(records, FEATURE),
        "conjunction_slope_ms_per_item": _slope(records, CONJUNCTION),
        "anticipations": sum(bool(r.extra["anticipation"]) for r in records),
        "timeouts": sum(r.timed_out for r in records),
    }
