"""Errands Planner logic: deal a town, let the player order the stops, score the plan against the best."""

from __future__ import annotations

import random
import statistics
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Respond, Select, Undo
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.self_paced import Phase, SelfPaced
from games.problem_solving.errands_planner.spec import SPEC
from games.problem_solving.errands_planner.town import Score, Town, best_order, clock_text, make_town, score


def rules_text(town: Town) -> str:
    """The rules in force, e.g. ``"frozen_last,hours:2,budget"``."""
    hours = sum(1 for e in town.errands if e.closes_min is not None)
    rules = (["frozen_last"] if town.frozen_last else []) + ([f"hours:{hours}"] if hours else [])
    return ",".join(rules + (["budget"] if town.wallet is not None else []))


class ErrandsPlannerLogic(OnTimeline):
    """State machine of one town per trial, planned until handed in or out of time (counted from the
    map's onset); times are in ms and come in as arguments."""

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None, *,
                 spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self.timeline = SelfPaced()
        self.town: Town | None = None
        self.best: tuple[int, ...] = ()
        self.plan: list[int] = []
        self.first_choice_ms: float | None = None
        self.result: Score | None = None
        self.last_correct: bool | None = None
        self._undos = 0

    # -- what the view, the player and the run read -----------------------------------------
    @property
    def n_places(self) -> int:
        return len(self.town.errands) if self.town else 0

    @property
    def best_blocks(self) -> int:
        return score(self.town, self.best).blocks if self.town else 0

    @property
    def allowed_blocks(self) -> int:
        return int(self.best_blocks * (100 + int(self.params["slack_pct"])) // 100)

    def plan_score(self) -> Score | None:
        """The plan so far, walked from home and back."""
        return score(self.town, self.plan) if self.town else None

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a town is already in play")
        self.take_level(level)
        self.set_town(make_town(self._rng, self.params), now_ms)

    def set_town(self, town: Town, now_ms: float) -> None:
        """Start a trial on ``town`` (dealt by the rng, or by hand in tests)."""
        best = best_order(town)
        if best is None:
            raise ValueError("no order of this town's errands keeps every rule")
        self.trial_index += 1
        self.town, self.best, self.plan = town, best, []
        self.first_choice_ms = self.result = self.last_correct = None
        self._undos = 0
        self.timeline.begin(now_ms, limit_ms=self.params["plan_limit_ms"], limit_from_onset=True)

    def tick(self, now_ms: float) -> list[TrialRecord]:
        return [self._finish(now_ms, timed_out=True)] if self.timeline.advance(now_ms) else []

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if self.phase is not Phase.PLAN:
            return finished
        if self.onset_ms is None:  # an answer on the very frame the town appeared
            self.mark_onset(now_ms)
        if isinstance(action, Select) and 0 <= action.index < self.n_places:
            if self.plan and self.plan[-1] == action.index:
                self.plan.pop()
                self._undos += 1
            elif action.index not in self.plan:
                self.plan.append(action.index)
                if self.first_choice_ms is None:
                    self.first_choice_ms = now_ms
        elif isinstance(action, Undo) and self.plan:
            self.plan.pop()
            self._undos += 1
        elif isinstance(action, Respond) and action.value == "done" and self.plan:
            finished.append(self._finish(now_ms, timed_out=False))
        return finished

    # -- internals -------------------------------------------------------------------------
    def _finish(self, now_ms: float, timed_out: bool) -> TrialRecord:
        town, mine = self.town, score(self.town, self.plan)
        best_blocks = self.best_blocks
        complete = mine.missing == 0
        is_correct = not timed_out and complete and not mine.broken and mine.blocks <= self.allowed_blocks
        letters = "".join(town.letter(i) for i in self.plan)
        total_ms = None if timed_out else now_ms - self.onset_ms
        record = TrialRecord(
            trial_index=self.trial_index, level=self.level, start_ms=self.timeline.trial_start_ms,
            stimulus=self._stimulus(), response=letters, is_correct=is_correct, rt_ms=total_ms, timed_out=timed_out,
            extra={
                "errands": len(town.errands),
                "rules": rules_text(town),
                "plan": letters,
                "best_plan": "".join(town.letter(i) for i in self.best),
                "route_blocks": mine.blocks,
                "best_blocks": best_blocks,
                "extra_blocks": mine.blocks - best_blocks,
                "route_ratio": round(mine.blocks / best_blocks, 3) if best_blocks else None,
                "allowed_blocks": self.allowed_blocks,
                "errands_missing": mine.missing,
                "rules_broken": ";".join(mine.broken),
                "n_rules_broken": len(mine.broken),
                "planning_ms": None if self.first_choice_ms is None else self.first_choice_ms - self.onset_ms,
                "total_ms": total_ms,
                "finish_clock": clock_text(mine.finish_min),
                "undos": self._undos,
                "optimal": complete and not mine.broken and not timed_out and mine.blocks == best_blocks,
            },
        )
        self.result, self.last_correct = mine, is_correct
        self.timeline.finish(now_ms, self.params["feedback_ms"])
        return record

    def _stimulus(self) -> str:
        """The town as text: home, then each place's letter, name, corner, cost and closing time."""
        town = self.town
        parts = [f"home@{town.home[0]},{town.home[1]}"]
        for i, e in enumerate(town.errands):
            extra = (f" £{e.cost}" if town.wallet is not None and e.cost else "")
            extra += f" until {clock_text(e.closes_min)}" if e.closes_min is not None else ""
            parts.append(f"{town.letter(i)}:{e.name}@{e.at[0]},{e.at[1]}{extra}")
        wallet = f"; wallet £{town.wallet}" if town.wallet is not None else ""
        return "; ".join(parts) + wallet


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's own measures: right and optimal plans, route ratio, rules broken, planning time."""
    complete = [r for r in records if r.extra.get("errands_missing") == 0 and r.extra.get("route_ratio")]
    planning = [r.extra["planning_ms"] for r in records if r.extra.get("planning_ms") is not None]
    return {
        "plans_right": sum(1 for r in records if r.is_correct),
        "optimal_plans": sum(1 for r in records if r.extra.get("optimal")),
        "mean_route_ratio": (round(statistics.fmean(r.extra["route_ratio"] for r in complete), 3)
                             if complete else None),
        "total_rules_broken": sum(int(r.extra.get("n_rules_broken", 0)) for r in records),
        "median_planning_ms": float(statistics.median(planning)) if planning else None,
    }
