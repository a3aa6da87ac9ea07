"""A simulated Trail Making player: slower over longer links and at each switch in part B, faster with ability."""

from __future__ import annotations

import math
import random
from typing import Any

from games.core.engine.actions import Select
from games.core.engine.players import CHOICE_RT_SIGMA, check_ability, lognormal_rt_ms
from games.problem_solving.trail_making.logic import Phase, TrailMakingLogic


def error_probability(ability: float, part: str, lapse: float = 0.005) -> float:
    """Chance of choosing a circle out of order at one step; part B (switching) doubles and more."""
    return lapse + 0.10 * (1.0 - ability) ** 2 * (2.6 if part == "B" else 1.0)


def step_median_ms(ability: float, part: str, distance: float) -> float:
    """Typical time to find and choose the next circle ``distance`` board widths away."""
    base = 550.0 + 1400.0 * distance + (450.0 if part == "B" else 0.0)
    return base * (1.0 + 1.2 * (1.0 - ability))


class TrailMakingPlayer:
    """Looks for the next circle and chooses it; now and then chooses a nearby circle out of order."""

    def __init__(self, ability: float, rng: random.Random, lapse: float = 0.005) -> None:
        self.ability, self.lapse = check_ability(ability), lapse
        self._rng = rng
        self._plan_key: tuple[int, int, int] | None = None
        self._plan: tuple[float, Any] | None = None

    def next_action(self, logic: TrailMakingLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.phase is not Phase.PLAY or logic.onset_ms is None or logic.next_circle is None:
            return None
        key = (logic.trial_index, logic.joined, len(logic.errors))
        if key != self._plan_key:
            self._plan_key = key
            self._plan = (now_ms + self._delay_ms(logic), Select(self._choose(logic)))
        return self._plan

    def _choose(self, logic: TrailMakingLogic) -> int:
        target = logic.joined
        others = list(range(target + 1, logic.n_circles))
        if not others or self._rng.random() >= error_probability(self.ability, logic.part, self.lapse):
            return target
        here = logic.points[max(0, target - 1)]
        others.sort(key=lambda c: math.dist(here, logic.points[c]))
        return self._rng.choice(others[:3])  # a slip lands on a circle close by

    def _delay_ms(self, logic: TrailMakingLogic) -> float:
        target = logic.joined
        distance = math.dist(logic.points[target - 1], logic.points[target]) if target else 0.2
        median = step_median_ms(self.ability, logic.part, distance)
        return lognormal_rt_ms(self._rng, median, CHOICE_RT_SIGMA)
