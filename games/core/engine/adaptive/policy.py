"""Around the tracker: where a run starts (fresh, resumed or locked), how far a step may move, the
errorless step-down and where a run ends."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

from games.core.engine.adaptive import Tracker, make_tracker
from games.core.engine.adaptive.bayes import BayesTracker
from games.core.engine.adaptive.steps import StepLimit

WARM_UP_LEVELS = 1  # a resumed run starts this much easier than the last estimate
DRIFT_SD = 1.0  # levels an ability may move between two runs, widening the resumed prior
RESUME_RUNS = 3  # the latest runs whose estimates, pooled, say where the next run starts
MIN_SE = 0.05  # levels: no run's estimate weighs more than this precision allows
FLAT_PRIOR_SD = 100.0  # the prior of a run's own estimate: as good as flat over the level range
END_MARGIN = 2  # levels: a completed run never ends further below its estimate than this
ENCOURAGEMENT = "Let's make it a little easier. You're doing fine."


@dataclass(frozen=True)
class LevelPlan:
    """How one run chooses its levels, decided before it starts."""

    start_level: int
    start_rule: str  # "start", "resume", "lock" or "practice": the first row of the run's level audit
    target: float
    locked_level: int | None = None
    prior_mean: float | None = None
    prior_sd: float = 3.0


def plan_run(spec: Any, target: float | None = None, locked_level: int | None = None,
             last_estimate: tuple[float, float | None] | None = None) -> LevelPlan:
    """The plan for a client's next run of ``spec``.

    Args:
        target: the client's own target success rate for this exercise, else the spec's.
        locked_level: a therapist's fixed level, which wins over everything else.
        last_estimate: ``(ability, standard_error)`` from the client's last runs, if any: the run
            starts a little below it and the tracker's prior is centred on it.
    """
    target = spec.target_rate if target is None else target
    prior = {}
    if last_estimate is not None:
        ability, se = last_estimate
        prior = {"prior_mean": ability, "prior_sd": math.hypot(se or DRIFT_SD, DRIFT_SD)}
    if locked_level is not None:
        if not spec.min_level <= locked_level <= spec.max_level:
            raise ValueError(f"locked level {locked_level} is outside {spec.min_level}..{spec.max_level}")
        return LevelPlan(locked_level, "lock", target, locked_level=locked_level, **prior)
    if last_estimate is None:
        return LevelPlan(spec.start_level, "start", target)
    # a little easier than the estimate, and more so when it is uncertain
    ability, se = last_estimate
    start = min(max(math.floor(ability - max(se or 0.0, WARM_UP_LEVELS)), spec.min_level), spec.max_level)
    return LevelPlan(start, "resume", target, **prior)


def resume_estimate(recent: Sequence[tuple[float, float | None]]) -> tuple[float, float | None] | None:
    """The client's level from their latest runs' estimates, weighted by their precision.

    Each run's estimate comes from its own answers only (so runs stay independent for the
    progress model); pooling the last few gives the next run a steadier place to start.
    """
    if not recent:
        return None
    weights = [1.0 / max(se if se is not None else DRIFT_SD, MIN_SE) ** 2 for _, se in recent]
    ability = sum(w * a for w, (a, _) in zip(weights, recent)) / sum(weights)
    return ability, math.sqrt(1.0 / sum(weights))


def plan_from_store(store: Any, client: Any, spec: Any, locked_level: int | None = None) -> LevelPlan:
    """The plan from what the store holds: the client's settings and latest estimates.

    Args:
        locked_level: a level fixed by a session plan's item, which wins over the client's lock.
    """
    settings = store.exercise_settings(client, spec.id)
    lock = settings.locked_level if locked_level is None else locked_level
    recent = store.recent_estimates(client, spec.id, RESUME_RUNS)
    return plan_run(spec, settings.target_rate, lock, resume_estimate(recent))


class LevelPolicy:
    """The levels a run presents: the tracker's, unless a lock holds or errors pile up.

    After ``errorless_after`` failed steps in a row the next step is one level easier than the
    last, whatever the tracker says, and ``notice`` carries a word of encouragement. Every
    answer still reaches the tracker, so the ability estimate stays honest under a lock too.
    Unless locked, levels move at most one per step once the run has settled and never drop by
    more than one (``StepLimit``), and a completed run ends no more than ``END_MARGIN`` below
    its estimate (``end_level``).
    """

    def __init__(self, spec: Any, plan: LevelPlan, errorless_after: int | None = None,
                 tracker: Tracker | None = None) -> None:
        self.plan = plan
        self.min_level, self.max_level = spec.min_level, spec.max_level
        self.errorless_after = spec.errorless_after if errorless_after is None else errorless_after
        if self.errorless_after < 1:
            raise ValueError("errorless_after must be at least 1")
        self.tracker = tracker or make_tracker(
            spec.min_level, spec.max_level, plan.start_level, target=plan.target,
            chance=spec.chance_rate, prior_mean=plan.prior_mean, prior_sd=plan.prior_sd,
        )
        # The run's stored estimate comes from its own answers alone: a prior carried over from
        # the last run would tie each run's estimate to the one before, and the progress model
        # (trends, reliable change) needs them independent. The tracker still uses that prior to
        # choose levels.
        self.estimator = None
        if isinstance(self.tracker, BayesTracker):
            self.estimator = BayesTracker(
                spec.min_level, spec.max_level, plan.start_level, plan.target, spec.chance_rate,
                prior_mean=(spec.min_level + spec.max_level) / 2, prior_sd=FLAT_PRIOR_SD,
            )
        self.notice: str | None = None
        self.steps = StepLimit()
        self._errors_in_row = 0
        self._easier: int | None = None

    def next_level(self) -> int:
        if self.plan.locked_level is not None:
            return self.plan.locked_level
        level = self.tracker.next_level()
        return self.steps.limit(level if self._easier is None else min(self._easier, level))

    def end_level(self, completed: bool = True) -> int:
        """The level a run ends at: the next level, raised if a completed run would end more than
        ``END_MARGIN`` below its estimate (within the range; a lock holds).

        Bests and "level reached" read it, and the next run starts from the estimate (see
        ``plan_run``), so a run's end and the next start stay close. A run left early keeps its
        next level: an estimate from a few answers says too little to raise it.
        """
        level = self.next_level()
        if not completed or self.plan.locked_level is not None:
            return level
        return max(level, min(round(self.estimate()[0]) - END_MARGIN, self.max_level))

    def next_rule(self) -> str:
        """Why the next level is what it is: for the audit trail."""
        if self.plan.locked_level is not None:
            return "lock"
        forced = self._easier is not None and self._easier < self.tracker.next_level()
        return "errorless" if forced else "tracker"

    def update(self, level: int, correct: bool) -> None:
        self.tracker.update(level, correct)
        self.steps.stepped(level)
        if self.estimator is not None:
            self.estimator.update(level, correct)
        self._easier, self.notice = None, None
        self._errors_in_row = 0 if correct else self._errors_in_row + 1
        if self._errors_in_row >= self.errorless_after:
            self._errors_in_row = 0
            if self.plan.locked_level is None and level > self.min_level:
                self._easier = level - 1
                self.notice = ENCOURAGEMENT

    def estimate(self) -> tuple[float, float | None]:
        """The ability and its standard error from this run's answers alone."""
        return (self.estimator or self.tracker).estimate()
