"""Trail Making logic: lay out one trail per trial, join circles in order, score the trail when it ends."""

from __future__ import annotations

import math
import random
import statistics
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Select
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.self_paced import Phase, SelfPaced
from games.problem_solving.trail_making.layout import Point, generate_layout, trail_labels
from games.problem_solving.trail_making.spec import SPEC

MAX_CIRCLES = {"A": 9, "B": 18}  # every label stays one key: 1-9 and A-I


class TrailMakingLogic(OnTimeline):
    """State machine of one trail per trial, played until joined or out of time; circle ``i`` is
    the ``i``-th of the trail's order."""

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None, *,
                 spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self.timeline = SelfPaced()
        self.part = "A"
        self.points: list[Point] = []
        self.labels: list[str] = []
        self.joined = 0  # circles 0 .. joined-1 are linked; circle ``joined`` comes next
        self.errors: list[tuple[int, int]] = []  # (expected circle, chosen circle)
        self.flash_circle: int | None = None
        self.flash_until_ms = 0.0
        self.last_correct: bool | None = None
        self.last_completed = False

    # -- what the view, the player and the run read -----------------------------------------
    @property
    def n_circles(self) -> int:
        return len(self.points)

    @property
    def next_circle(self) -> int | None:
        """The circle to join next, or None when no trail is in play."""
        return self.joined if self.phase is Phase.PLAY and self.joined < self.n_circles else None

    def index_of(self, label: str) -> int | None:
        """The circle carrying ``label`` on the current trail."""
        return self.labels.index(label) if label in self.labels else None

    def flashing(self, now_ms: float) -> int | None:
        """The circle showing the calm out-of-order mark now, if any."""
        return self.flash_circle if self.phase is Phase.PLAY and now_ms < self.flash_until_ms else None

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trail is already in play")
        self.take_level(level)
        self.part, n = str(self.params["part"]), int(self.params["circles"])
        if not 2 <= n <= MAX_CIRCLES.get(self.part, 0):
            raise ValueError(f"part {self.part!r} cannot have {n} circles")
        self.trial_index += 1
        self.labels = trail_labels(self.part, n)
        self.points = generate_layout(self._rng, n)
        self.joined, self.errors, self.flash_circle = 0, [], None
        self.last_correct, self.last_completed = None, False
        limit_ms = self.params["limit_base_ms"] + self.params["limit_per_circle_ms"] * self.n_circles
        self.timeline.begin(now_ms, limit_ms=limit_ms)

    def tick(self, now_ms: float) -> list[TrialRecord]:
        return [self._finish(now_ms, timed_out=True)] if self.timeline.advance(now_ms) else []

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if not isinstance(action, Select) or self.phase is not Phase.PLAY:
            return finished
        chosen = action.index
        if not self.joined <= chosen < self.n_circles:
            return finished  # a circle already joined, or no circle: nothing to count
        if self.onset_ms is None:  # a choice on the very frame the circles appeared
            self.mark_onset(now_ms)
        if chosen != self.joined:
            self.errors.append((self.joined, chosen))
            self.flash_circle, self.flash_until_ms = chosen, now_ms + self.params["flash_ms"]
            return finished
        self.joined += 1
        self.flash_circle = None
        if self.joined == self.n_circles:
            finished.append(self._finish(now_ms, timed_out=False))
        return finished

    # -- internals -------------------------------------------------------------------------
    def error_log(self) -> str:
        """The errors so far as 'expected>chosen' labels, e.g. ``"3>C;D>5"``."""
        return ";".join(f"{self.labels[e]}>{self.labels[c]}" for e, c in self.errors)

    def path_length(self) -> float:
        """Length of the whole trail in board widths."""
        return sum(math.dist(a, b) for a, b in zip(self.points, self.points[1:]))

    def _finish(self, now_ms: float, timed_out: bool) -> TrialRecord:
        completed = not timed_out
        allowed = int(self.params["allowed_errors"])
        is_correct = completed and len(self.errors) <= allowed
        time_ms = now_ms - self.onset_ms if completed and self.onset_ms is not None else None
        record = TrialRecord(
            trial_index=self.trial_index,
            level=self.level,
            start_ms=self.timeline.trial_start_ms,
            stimulus=" ".join(f"{lab}@{x:.3f},{y:.3f}" for lab, (x, y) in zip(self.labels, self.points)),
            response="-".join(self.labels[: self.joined]),
            is_correct=is_correct,
            rt_ms=time_ms,
            timed_out=timed_out,
            extra={
                "part": self.part,
                "circles": self.n_circles,
                "completed": completed,
                "completion_time_ms": time_ms,
                "errors": len(self.errors),
                "error_log": self.error_log(),
                "allowed_errors": allowed,
                "circles_joined": self.joined,
                "path_length": round(self.path_length(), 4),
                "ms_per_circle": round(time_ms / (self.n_circles - 1), 1) if time_ms is not None else None,
            },
        )
        self.last_correct, self.last_completed = is_correct, completed
        self.flash_circle = None
        self.timeline.finish(now_ms, self.params["feedback_ms"])
        return record


def _median_time(records: Sequence[TrialRecord], part: str) -> float | None:
    times = [r.extra["completion_time_ms"] for r in records
             if r.extra.get("part") == part and r.extra.get("completion_time_ms") is not None]
    return float(statistics.median(times)) if times else None


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's own measures: median A and B times, the B minus A cost, trails and errors."""
    median_a, median_b = _median_time(records, "A"), _median_time(records, "B")
    return {
        "median_time_a_ms": median_a,
        "median_time_b_ms": median_b,
        "b_minus_a_ms": median_b - median_a if median_a is not None and median_b is not None else None,
        "trails_completed": sum(1 for r in records if r.extra.get("completed")),
        "total_errors": sum(int(r.extra.get("errors", 0)) for r in records),
    }
