"""Tower of London logic: one problem per trial, moved ball by ball, scored on reaching the goal."""

from __future__ import annotations

import random
import statistics
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Select
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.self_paced import Phase, SelfPaced
from games.problem_solving.tower_of_london.puzzle import (
    CAPACITIES, State, apply_move, generate_problem, min_moves, state_text,
)
from games.problem_solving.tower_of_london.spec import SPEC


class TowerOfLondonLogic(OnTimeline):
    """State machine of one problem per trial, played until solved, out of moves or out of time;
    times are in ms and come in as arguments."""

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None, *,
                 spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self.timeline = SelfPaced()
        self.start: State = ((), (), ())
        self.goal: State = ((), (), ())
        self.state: State = ((), (), ())
        self.min_moves = 0
        self.held: int | None = None  # peg whose top ball is picked up
        self.moves: list[tuple[int, int, int, float]] = []  # ball, from, to, ms from onset
        self.first_pick_ms: float | None = None
        self.rule_breaks = 0
        self.notice = ""  # a calm word after a refused move
        self.last_solved = False
        self.last_in_min = False

    # -- what the view, the player and the run read -----------------------------------------
    @property
    def move_limit(self) -> int:
        return int(self.params["move_limit_factor"]) * self.min_moves + int(self.params["move_limit_extra"])

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a problem is already in play")
        self.take_level(level)
        self.trial_index += 1
        self.start, self.goal = generate_problem(self._rng, int(self.params["min_moves"]))
        self.begin(self.start, self.goal, now_ms)

    def begin(self, start: State, goal: State, now_ms: float) -> None:
        """Set up a given problem (start_trial uses it; tests give hand-worked problems)."""
        self.start, self.goal, self.state = start, goal, start
        self.min_moves = min_moves(start, goal)
        self.held, self.moves, self.rule_breaks, self.notice = None, [], 0, ""
        self.first_pick_ms = None
        self.timeline.begin(now_ms, limit_ms=self.params["time_limit_ms"])

    def tick(self, now_ms: float) -> list[TrialRecord]:
        return [self._finish(now_ms, timed_out=True)] if self.timeline.advance(now_ms) else []

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if not isinstance(action, Select) or self.phase is not Phase.PLAY or not 0 <= action.index < 3:
            return finished
        if self.onset_ms is None:  # a choice on the very frame the problem appeared
            self.mark_onset(now_ms)
        peg = action.index
        if self.held is None:
            self._pick_up(peg, now_ms)
        elif peg == self.held:
            self.held, self.notice = None, ""  # put back where it was: not a move
        else:
            finished += self._put_down(peg, now_ms)
        return finished

    # -- internals -------------------------------------------------------------------------
    def _since_onset(self, now_ms: float) -> float:
        return now_ms - (self.onset_ms if self.onset_ms is not None else self.timeline.trial_start_ms)

    def _pick_up(self, peg: int, now_ms: float) -> None:
        if not self.state[peg]:
            self.rule_breaks += 1
            self.notice = f"Peg {peg + 1} is empty. Pick a peg with a ball on it."
            return
        self.held, self.notice = peg, ""
        if self.first_pick_ms is None:
            self.first_pick_ms = self._since_onset(now_ms)

    def _put_down(self, peg: int, now_ms: float) -> list[TrialRecord]:
        if len(self.state[peg]) >= CAPACITIES[peg]:
            self.rule_breaks += 1
            self.notice = f"Peg {peg + 1} is full. Choose another peg."
            return []  # the ball stays in hand
        ball = self.state[self.held][-1]
        self.state = apply_move(self.state, (self.held, peg))
        self.moves.append((ball, self.held, peg, self._since_onset(now_ms)))
        self.held, self.notice = None, ""
        if self.state == self.goal or len(self.moves) >= self.move_limit:
            return [self._finish(now_ms, timed_out=False)]
        return []

    def move_list(self) -> str:
        """The moves so far as text, e.g. ``"3:1>2@1520 2:1>3@2300"`` (pegs 1-based)."""
        return " ".join(f"{b}:{i + 1}>{j + 1}@{t:.0f}" for b, i, j, t in self.moves)

    def _finish(self, now_ms: float, timed_out: bool) -> TrialRecord:
        solved = self.state == self.goal
        n_moves = len(self.moves)
        in_min = solved and n_moves == self.min_moves
        total_ms = self._since_onset(now_ms)
        record = TrialRecord(
            trial_index=self.trial_index, level=self.level, start_ms=self.timeline.trial_start_ms,
            stimulus=f"start {state_text(self.start)} goal {state_text(self.goal)}",
            response=" ".join(f"{i + 1}>{j + 1}" for _, i, j, _ in self.moves),
            # Right means solved in the fewest moves, the classic Tower of London score: with a
            # generous move limit nearly anyone solves by trial and error, so "solved" alone
            # would not tell the level tracker whether the problem was planned.
            is_correct=in_min,
            rt_ms=None if timed_out else total_ms,
            timed_out=timed_out,
            extra={
                "min_moves": self.min_moves, "moves": n_moves, "excess_moves": n_moves - self.min_moves,
                "move_limit": self.move_limit, "solved": solved, "solved_in_min": in_min,
                "planning_time_ms": self.first_pick_ms, "total_time_ms": total_ms,
                "rule_breaks": self.rule_breaks, "move_list": self.move_list(),
            },
        )
        self.last_solved, self.last_in_min = solved, in_min
        self.held, self.notice = None, ""
        self.timeline.finish(now_ms, self.params["feedback_ms"])
        return record


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's own measures: problems solved, excess moves, planning time, rule breaks."""
    solved = [r for r in records if r.extra.get("solved")]
    plans = [r.extra["planning_time_ms"] for r in records if r.extra.get("planning_time_ms") is not None]
    return {
        "problems_solved": len(solved),
        "problems_solved_in_min": sum(bool(r.extra.get("solved_in_min")) for r in records),
        "mean_excess_moves": round(statistics.fmean(r.extra["excess_moves"] for r in solved), 2) if solved else None,
        "median_planning_time_ms": float(statistics.median(plans)) if plans else None,
        "median_total_time_ms": float(statistics.median(r.extra["total_time_ms"] for r in solved)) if solved else None,
        "total_rule_breaks": sum(int(r.extra.get("rule_breaks", 0)) for r in records),
    }
