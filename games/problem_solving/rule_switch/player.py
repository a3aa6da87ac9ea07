"""A simulated Rule Switch player: holds a hypothesis about the rule and changes it after errors."""

from __future__ import annotations

import random
from typing import Any

from games.core.engine.actions import Select
from games.core.engine.players import CHOICE_RT_SIGMA, check_ability, lognormal_rt_ms
from games.problem_solving.rule_switch.logic import Phase, RuleSwitchLogic, matched_dimensions
from games.problem_solving.rule_switch.spec import N_KEYS

LAPSE = 0.02  # share of sorts where attention slips: a key card at random


def perseveration(ability: float, n_dimensions: int) -> float:
    """Chance of keeping a rule that just failed: 0.03 (ability 1) to 0.93 (ability 0), more with fill in play."""
    return 0.03 + 0.9 * (1.0 - ability) ** 1.2 + 0.05 * (n_dimensions - 3)


def slip(ability: float, n_dimensions: int) -> float:
    """Chance of sorting by something other than the rule held (a lost thread)."""
    return 0.01 + 0.25 * (1.0 - ability) ** 2 + 0.03 * (n_dimensions - 3)


class RuleSwitchPlayer:
    """Plans each sort once, when the card appears, from what the last feedback taught."""

    def __init__(self, ability: float, rng: random.Random) -> None:
        self.ability = check_ability(ability)
        self._rng = rng
        self.hypothesis: str | None = None
        self._ruled_out: set[str] = set()  # rules that failed since the last right sort
        self._learned_from = 0  # trial whose feedback was last taken in
        self._plan_for: int | None = None
        self._plan: tuple[float, Select] | None = None

    def next_action(self, logic: RuleSwitchLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.phase is not Phase.SORT or logic.onset_ms is None:
            return None
        if self._plan_for != logic.trial_index:
            self._plan_for = logic.trial_index
            after_error = self._learn(logic.dims, logic.last_sort)
            self._plan = self._make_plan(logic, after_error)
        return self._plan

    def _learn(self, dims: tuple[str, ...], last: tuple | None) -> bool:
        """Update the hypothesis from the last feedback seen; True if it was 'Not quite'."""
        if self.hypothesis not in dims:
            self.hypothesis = self._rng.choice(dims)
        if last is None or last[0] <= self._learned_from:
            return False
        self._learned_from, card, key, right = last
        if right:
            self._ruled_out.clear()
            return False
        self._ruled_out.update(matched_dimensions(card, key, dims))
        if self._rng.random() < perseveration(self.ability, len(dims)):
            return True  # sticks with the rule that just failed
        fresh = [d for d in dims if d not in self._ruled_out]
        if not fresh or self._rng.random() > self.ability:
            fresh = [d for d in dims if d != self.hypothesis]  # forgets what was already tried
        self.hypothesis = self._rng.choice(fresh)
        return True

    def _make_plan(self, logic: RuleSwitchLogic, after_error: bool) -> tuple[float, Select]:
        rng = self._rng
        if rng.random() < LAPSE + slip(self.ability, logic.n_dimensions):
            key = rng.randrange(N_KEYS)
        else:
            key = logic.card.value(self.hypothesis)
        median_ms = 900.0 + 1300.0 * (1.0 - self.ability) + (400.0 if after_error else 0.0)
        return logic.onset_ms + lognormal_rt_ms(rng, median_ms, CHOICE_RT_SIGMA), Select(key)
