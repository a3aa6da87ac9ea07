"""A simulated Errands Planner player: nearest-neighbour planning, rule awareness and insight grow with ability."""

from __future__ import annotations

import random
from typing import Any

from games.core.engine.actions import Respond, Select
from games.core.engine.players import (
    LAPSE_SHARE, SEARCH_RT_SIGMA, check_ability, lognormal_rt_ms, success_probability,
)
from games.problem_solving.errands_planner.logic import ErrandsPlannerLogic, Phase
from games.problem_solving.errands_planner.town import Town, blocks_between, score


def optimum_probability(ability: float, town: Town) -> float:
    """Chance to see the best order outright: falls with errands and rules, rises with ability."""
    hours = sum(1 for e in town.errands if e.closes_min is not None)
    load = len(town.errands) + town.frozen_last + hours + (town.wallet is not None)
    return success_probability(2.5 + 7.5 * ability, load, spread=1.0)


def nearest_neighbour(town: Town, aware: set[str]) -> list[int]:
    """Go to the nearest place left each time, minding only the rules in ``aware``."""
    left, here, order = set(range(len(town.errands))), town.home, []
    market = town.index_of("Supermarket") if town.frozen_last and "frozen" in aware else None
    bank = town.index_of("Bank") if town.wallet is not None and "budget" in aware else None
    while left:
        options = sorted(left - {market} if len(left) > 1 else left)
        if bank in left:
            options = [bank]
        closing = [i for i in options if "hours" in aware and town.errands[i].closes_min is not None]
        pool = [min(closing, key=lambda i: town.errands[i].closes_min)] if closing else options
        nxt = min(pool, key=lambda i: blocks_between(here, town.errands[i].at))
        order.append(nxt)
        left.discard(nxt)
        here = town.errands[nxt].at
    return order


class ErrandsPlannerPlayer:
    """Plans once per town, then chooses the places one by one and hands the plan in.

    It chooses only places not yet in its plan, one ``Select`` per place, then ``Respond("done")``.
    """

    def __init__(self, ability: float, rng: random.Random, lapse: float = LAPSE_SHARE) -> None:
        self.ability, self.lapse = check_ability(ability), lapse
        self._rng = rng
        self._trial = 0
        self._target: list[int] = []
        self._plan_key: tuple[int, int] | None = None
        self._plan: tuple[float, Any] | None = None

    def next_action(self, logic: ErrandsPlannerLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.phase is not Phase.PLAN or logic.onset_ms is None:
            return None
        if logic.trial_index != self._trial:
            self._trial, self._target = logic.trial_index, self._make_plan(logic.town, list(logic.best))
        key = (logic.trial_index, len(logic.plan))
        if key != self._plan_key:
            self._plan_key = key
            self._plan = self._next(logic, now_ms)
        return self._plan

    def _next(self, logic: ErrandsPlannerLogic, now_ms: float) -> tuple[float, Any]:
        done = len(logic.plan)
        if done >= len(self._target) or logic.plan != self._target[:done]:
            return now_ms + self._delay_ms(0.8), Respond("done")
        if done == 0:  # planning: slower with more errands, and for a weaker player
            median = (1500.0 + 900.0 * len(self._target)) * (1.6 - self.ability)
            return now_ms + lognormal_rt_ms(self._rng, median, SEARCH_RT_SIGMA), Select(self._target[0])
        return now_ms + self._delay_ms(0.7), Select(self._target[done])

    def _make_plan(self, town: Town, best: list[int]) -> list[int]:
        if self._rng.random() < optimum_probability(self.ability, town):
            order = best
        else:
            aware = {rule for rule in ("frozen", "hours", "budget") if self._rng.random() < 0.3 + 0.7 * self.ability}
            order = nearest_neighbour(town, aware)
            # occasionally spots that a reversed or best-first order is shorter
            if len(order) > 2 and self._rng.random() < self.ability * 0.5:
                candidates = [order, order[::-1]]
                order = min(candidates, key=lambda o: (bool(score(town, o).broken), score(town, o).blocks))
        if len(order) > 1 and self._rng.random() < self.lapse:
            i, j = self._rng.sample(range(len(order)), 2)
            order[i], order[j] = order[j], order[i]
        return list(order)

    def _delay_ms(self, base_s: float) -> float:
        median = 1000.0 * base_s + 600.0 * (1.0 - self.ability)
        return lognormal_rt_ms(self._rng, median, SEARCH_RT_SIGMA)
