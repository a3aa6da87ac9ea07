"""Visual Search logic: a '+', a search display until an answer or the window's end, a short pause."""

from __future__ import annotations

import random
import statistics
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Respond
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.feedback import timing_words
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.timed_response import Phase, TimedResponse
from games.focus.visual_search.displays import CONJUNCTION, FEATURE, SEARCH_SETS, Display, layout_text, make_display
from games.focus.visual_search.spec import SPEC

YES, NO = "yes", "no"


def least_squares_slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Slope of the least-squares line of ``ys`` on ``xs``; None with fewer than two distinct ``xs``."""
    if len(set(xs)) < 2:
        return None
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    return sxy / sxx


class VisualSearchLogic(OnTimeline):
    """State machine of one run of search trials; times are in ms and come in as arguments.

    Args:
        rng: the run's random generator (builds the displays).
        overrides: parameter values that replace the level's.
        script: fixed displays to show first, in order (for tests); later ones are random.
        spec: the exercise played (see ``LogicBase``).
    """

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None,
                 script: Sequence[Display] = (), *, spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self._script = list(script)
        self.timeline = TimedResponse()
        self.display: Display | None = None
        self.answer: str | None = None  # the answer given in this trial, in time or late
        self.last_correct: bool | None = None
        self.early_presses = 0

    # -- what the view, the player and the run read ----------------------------------------
    @property
    def accepts_answer(self) -> bool:
        """An answer now would be recorded: during the search, or late in the pause after a time-out."""
        return self.timeline.accepts_answer

    @property
    def target_name(self) -> str:
        return SEARCH_SETS[self.params["search_set"]].target_name

    @property
    def target_code(self) -> str:
        return SEARCH_SETS[self.params["search_set"]].target

    def window_end_ms(self) -> float:
        return self.timeline.window_end_ms()

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        """Start the next trial at ``level`` (the run calls this whenever ``needs_trial``)."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        p = self.take_level(level)
        self.trial_index += 1
        if self._script:
            self.display = self._script.pop(0)
        else:
            present = self._rng.random() < p["present_share"]
            size = self._rng.choice(tuple(p["set_sizes"]))
            self.display = make_display(self._rng, p["search_set"], size, present,
                                        p["grid_cols"], p["grid_rows"], p["jitter"])
        self.answer, self.last_correct, self.early_presses = None, None, 0
        self.timeline.begin(now_ms, fixation_ms=p["fixation_ms"], window_ms=p["window_ms"],
                          pause_ms=p["feedback_ms"], anticipation_ms=p["anticipation_ms"])

    def tick(self, now_ms: float) -> list[TrialRecord]:
        if self.timeline.advance(now_ms) and self.timeline.timed_out:
            return [self._finish()]  # the window closed unanswered: with a late answer or none
        return []

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if not isinstance(action, Respond) or action.value not in (YES, NO):
            return finished
        if self.phase is Phase.FIXATION:
            self.early_presses += 1
        elif self.timeline.respond(now_ms):
            self.answer = action.value
            if not self.timeline.timed_out:
                finished.append(self._finish())
        return finished

    # -- internals -------------------------------------------------------------------------
    def _finish(self) -> TrialRecord:
        """The trial's record: an answer in the window, or a time-out with or without a late answer."""
        p, display = self.params, self.display
        score = self.timeline.score(self.answer == (YES if display.target_present else NO))
        self.last_correct = score.is_correct
        spec = display.spec
        return TrialRecord(
            trial_index=self.trial_index, level=self.level, start_ms=self.timeline.trial_start_ms,
            stimulus=f"{spec.target_name}; {'present' if display.target_present else 'absent'}; {display.set_size} items",
            response=self.answer or "none", is_correct=score.is_correct,
            rt_ms=self.timeline.rt_ms, timed_out=score.timed_out,  # a late answer has no RT here, even a wrong one
            extra={
                "set_size": display.set_size, "search_type": spec.search_type,
                "target_present": display.target_present, "target": spec.target_name,
                "search_window_ms": int(p["window_ms"]), "layout": layout_text(display),
                "anticipation": score.anticipation, "late_rt_ms": score.late_rt_ms,
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


def feedback_words(record: TrialRecord) -> str | None:
    """After an answer that was not right: whether the target was there (or what the timing was)."""
    if timing := timing_words(record):
        return timing
    there = "was there" if record.extra["target_present"] else "was not there this time"
    return f"The {record.extra['target']} {there}."
