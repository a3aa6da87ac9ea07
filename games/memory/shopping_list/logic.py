"""Shopping List logic: study a list, wait (maybe counting stars), pick the items from a shelf."""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import Enum
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Respond, Select, Undo
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.trials.base import LogicBase
from games.memory.shopping_list.catalogue import build_shelf, choose_list, look_alikes, similarity
from games.memory.shopping_list.spec import SPEC

READY, DONE = "ready", "done"
STAR_CELLS = (4, 3)  # stars sit one per cell of a 4 x 3 grid, so they never overlap


class Phase(Enum):
    IDLE = "idle"  # between trials: the run starts the next one
    STUDY = "study"  # the list is on screen
    DELAY = "delay"  # calm wait, maybe counting stars
    SHELF = "shelf"  # the player picks items
    FEEDBACK = "feedback"  # how it went


@dataclass(frozen=True)
class StarQuestion:
    """The filler task: stars at (x, y) fractions of the board, and three answers to choose from."""

    positions: tuple[tuple[float, float], ...]
    choices: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.positions)


@dataclass(frozen=True)
class Score:
    """How one shelf went."""

    hits: int
    false_picks: int
    misses: int
    order_score: int
    similar_false_picks: int

    @property
    def is_perfect(self) -> bool:
        return self.misses == 0 and self.false_picks == 0


def longest_increasing(values: Sequence[int]) -> int:
    """Length of the longest strictly increasing subsequence of ``values`` (0 when empty)."""
    best: list[int] = []
    for i, value in enumerate(values):
        best.append(1 + max((best[j] for j in range(i) if values[j] < value), default=0))
    return max(best, default=0)


def score_picks(wanted: Sequence[str], picked: Sequence[str]) -> Score:
    """Hits, false picks, misses and order score of ``picked`` (in pick order) against ``wanted``."""
    hit_positions = [wanted.index(name) for name in picked if name in wanted]
    false = [name for name in picked if name not in wanted]
    return Score(
        hits=len(hit_positions),
        false_picks=len(false),
        misses=len(wanted) - len(hit_positions),
        order_score=longest_increasing(hit_positions),
        similar_false_picks=sum(similarity(name, list(wanted)) == 2 for name in false),
    )


def make_star_question(rng: random.Random) -> StarQuestion:
    """Three to seven stars in different cells; three answers in a row, the right one among them."""
    count = rng.randint(3, 7)
    cols, rows = STAR_CELLS
    cells = rng.sample(range(cols * rows), count)
    positions = tuple(
        ((c % cols + rng.uniform(0.3, 0.7)) / cols, (c // cols + rng.uniform(0.3, 0.7)) / rows) for c in cells)
    low = count - rng.randint(0, 2)
    return StarQuestion(positions, (low, low + 1, low + 2))


class ShoppingListLogic(LogicBase):
    """State machine of one run; times are in ms and come in as arguments."""

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None, *,
                 spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self.phase = Phase.IDLE
        self.wanted: list[str] = []
        self.shelf: list[str] = []
        self.picks: list[int] = []  # shelf indices picked (and not taken back), in pick order
        self.pick_times_ms: list[float] = []  # when each of ``picks`` was picked, after the shelf's onset
        self.stars: StarQuestion | None = None
        self.star_answer: int | None = None
        self.study_onset_ms: float | None = None
        self.study_end_ms: float | None = None
        self.delay_end_ms = 0.0
        self.onset_ms: float | None = None
        self.last_score: Score | None = None
        self._trial_start_ms = 0.0
        self._last_activity_ms = 0.0
        self._feedback_end_ms = 0.0
        self._n_unpicks = 0
        self._first_pick_ms: float | None = None

    # -- what the view, the player and the run read ---------------------------------------------
    @property
    def needs_trial(self) -> bool:
        return self.phase is Phase.IDLE

    @property
    def awaiting_onset(self) -> bool:
        return (self.phase is Phase.STUDY and self.study_onset_ms is None) or (
            self.phase is Phase.SHELF and self.onset_ms is None)

    @property
    def picked_names(self) -> list[str]:
        return [self.shelf[i] for i in self.picks]

    def study_deadline_ms(self) -> float | None:
        """When the list leaves the screen by itself (None until it has been shown)."""
        return None if self.study_onset_ms is None else self.study_onset_ms + self.params["study_ms"]

    def delay_fraction(self, now_ms: float) -> float:
        """How much of the wait has passed, 0..1 (for the progress bar)."""
        start = self.delay_end_ms - self.params["delay_ms"]
        return min(1.0, max(0.0, (now_ms - start) / max(1.0, self.params["delay_ms"])))

    def next_change_ms(self) -> float | None:
        if self.phase is Phase.STUDY:
            return self.study_deadline_ms()
        if self.phase is Phase.DELAY:
            return self.delay_end_ms
        if self.phase is Phase.SHELF:
            return self._last_activity_ms + self.params["idle_timeout_ms"]
        if self.phase is Phase.FEEDBACK:
            return self._feedback_end_ms
        return None

    # -- driving ---------------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        p = self.take_level(level)
        self.trial_index += 1
        self.wanted = choose_list(self._rng, int(p["list_length"]))
        self.shelf = build_shelf(self._rng, self.wanted, int(p["shelf_size"]), int(p["distractor_similarity"]))
        self.stars = make_star_question(self._rng) if p["filler"] else None
        self.picks, self.pick_times_ms = [], []
        self.star_answer = self.study_onset_ms = self.study_end_ms = self.onset_ms = None
        self.last_score, self._n_unpicks, self._first_pick_ms = None, 0, None
        self._trial_start_ms = now_ms
        self.phase = Phase.STUDY

    def mark_onset(self, now_ms: float) -> None:
        if self.phase is Phase.STUDY and self.study_onset_ms is None:
            self.study_onset_ms = now_ms
        elif self.phase is Phase.SHELF and self.onset_ms is None:
            self.onset_ms = self._last_activity_ms = now_ms

    def tick(self, now_ms: float) -> list[TrialRecord]:
        finished: list[TrialRecord] = []
        while True:
            due = self.next_change_ms()
            if due is None or now_ms < due or (self.phase is Phase.SHELF and self.onset_ms is None):
                return finished
            if self.phase is Phase.STUDY:
                self._end_study(due)
            elif self.phase is Phase.DELAY:
                self.phase = Phase.SHELF
            elif self.phase is Phase.SHELF:
                finished.append(self._finish(now_ms, "timeout"))
            else:
                self.phase = Phase.IDLE
                return finished

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if self.phase is Phase.STUDY and action == Respond(READY):
            if self.study_onset_ms is None:  # pressed on the very frame the list appeared
                self.mark_onset(now_ms)
            self._end_study(now_ms)
        elif self.phase is Phase.DELAY and isinstance(action, Respond):
            self._answer_stars(action.value)
        elif self.phase is Phase.SHELF:
            finished += self._on_shelf(action, now_ms)
        return finished

    # -- internals -------------------------------------------------------------------------------
    def _end_study(self, at_ms: float) -> None:
        self.study_end_ms = at_ms
        self.delay_end_ms = at_ms + self.params["delay_ms"]
        self.phase = Phase.DELAY

    def _answer_stars(self, value: str) -> None:
        if self.stars is None or self.star_answer is not None or not value.isdigit():
            return
        if int(value) in self.stars.choices:
            self.star_answer = int(value)

    def _on_shelf(self, action: Any, now_ms: float) -> list[TrialRecord]:
        if self.onset_ms is None:  # an answer on the very frame the shelf appeared
            self.mark_onset(now_ms)
        if action == Respond(DONE):
            return [self._finish(now_ms, "done")]
        if isinstance(action, Undo) and self.picks:
            self._unpick(self.picks[-1], now_ms)
        elif isinstance(action, Select) and 0 <= action.index < len(self.shelf):
            if action.index in self.picks:
                self._unpick(action.index, now_ms)
            else:
                self.picks.append(action.index)
                self.pick_times_ms.append(now_ms - self.onset_ms)
                if self._first_pick_ms is None:
                    self._first_pick_ms = now_ms - self.onset_ms
                self._last_activity_ms = now_ms
                if self.params["finish_when_full"] and len(self.picks) >= len(self.wanted):
                    return [self._finish(now_ms, "full")]
        return []

    def _unpick(self, index: int, now_ms: float) -> None:
        position = self.picks.index(index)
        del self.picks[position], self.pick_times_ms[position]
        self._n_unpicks += 1
        self._last_activity_ms = now_ms

    def _finish(self, now_ms: float, finished_by: str) -> TrialRecord:
        timed_out = finished_by == "timeout"
        score = score_picks(self.wanted, self.picked_names)
        record = TrialRecord(
            trial_index=self.trial_index, level=self.level, start_ms=self._trial_start_ms,
            stimulus="; ".join(self.wanted), response="; ".join(self.picked_names),
            is_correct=score.is_perfect, rt_ms=None if timed_out else now_ms - self.onset_ms,
            timed_out=timed_out, extra=self._extra(score, finished_by),
        )
        self.last_score = score
        self._feedback_end_ms = now_ms + self.params["feedback_ms"]
        self.phase = Phase.FEEDBACK
        return record

    def _extra(self, score: Score, finished_by: str) -> dict[str, Any]:
        p = self.params
        similar = set().union(*(look_alikes(w) for w in self.wanted))
        return {
            "list_length": len(self.wanted), "shelf_size": len(self.shelf), "shelf": "; ".join(self.shelf),
            "delay_ms": int(p["delay_ms"]), "filler": bool(p["filler"]),
            "filler_correct": None if self.star_answer is None else self.star_answer == self.stars.count,
            "distractor_similarity": int(p["distractor_similarity"]),
            "similar_on_shelf": sum(name in similar for name in self.shelf),
            "study_ms": self.study_end_ms - self.study_onset_ms,
            "hits": score.hits, "false_picks": score.false_picks,
            "similar_false_picks": score.similar_false_picks, "misses": score.misses,
            "order_score": score.order_score, "n_unpicks": self._n_unpicks, "finished_by": finished_by,
            "first_pick_ms": self._first_pick_ms,
            "pick_times_ms": ";".join(f"{t:.1f}" for t in self.pick_times_ms),
        }


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's own measures: totals of hits, false picks and misses, order, longest perfect list."""
    ordered = [r.extra["order_score"] / r.extra["hits"] for r in records if r.extra["hits"] >= 2]
    return {
        "longest_list_perfect": max((r.extra["list_length"] for r in records if r.is_correct), default=0),
        "hits": sum(r.extra["hits"] for r in records),
        "false_picks": sum(r.extra["false_picks"] for r in records),
        "misses": sum(r.extra["misses"] for r in records),
        "mean_order_score": round(sum(ordered) / len(ordered), 4) if ordered else None,
        "correct_trials": sum(r.is_correct for r in records),
    }
