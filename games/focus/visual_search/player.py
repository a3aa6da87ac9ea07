"""A simulated Visual Search player: RT = base + slope x set size; misses grow on large, hard displays."""

from __future__ import annotations

import random
from typing import Any

from games.core.engine.actions import Respond
from games.core.engine.players import QUICK_RT_SIGMA, check_ability, lognormal_factor, overload_probability
from games.focus.visual_search.displays import SEARCH_SETS
from games.focus.visual_search.logic import NO, YES, Phase, VisualSearchLogic

LAPSE = 0.02  # share of trials where attention slips and the answer is a coin toss
ANTICIPATION = 0.01  # share of trials answered before looking at all


def base_ms(ability: float) -> float:
    """Time to see, decide and press with nothing to search: 450 ms (able) to 800 ms."""
    return 450.0 + 350.0 * (1.0 - ability)


def slope_ms(ability: float, effort: float) -> float:
    """Time per item checked: about 3-9 ms for a circle among squares, 20-60 ms for a conjunction."""
    return effort * (20.0 + 40.0 * (1.0 - ability))


def overload(ability: float, effort: float, set_size: int) -> float:
    """0..1: how far the display's load (effort x items) is beyond what the player searches reliably."""
    capacity = 4.0 + 30.0 * ability
    return overload_probability(capacity, effort * set_size, spread=0.3 * capacity)


def error_probabilities(ability: float, effort: float, set_size: int) -> tuple[float, float]:
    """(miss when the target is there, false alarm when it is not)."""
    over = overload(ability, effort, set_size)
    return LAPSE + (0.85 - LAPSE) * over, LAPSE + 0.2 * over


class VisualSearchPlayer:
    """Decides once per display what to answer and when, then presses at that time (even late)."""

    def __init__(self, ability: float, rng: random.Random) -> None:
        self.ability = check_ability(ability)
        self._rng = rng
        self._plan_for: int | None = None
        self._plan: tuple[float, Respond] | None = None

    def next_action(self, logic: VisualSearchLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.phase is Phase.SEARCH and logic.onset_ms is not None and self._plan_for != logic.trial_index:
            self._plan_for = logic.trial_index
            self._plan = self._make_plan(logic)
        if self._plan_for != logic.trial_index or not logic.accepts_answer or self._plan is None:
            return None
        if logic.phase is Phase.FEEDBACK and self._plan[0] >= logic.next_change_ms():
            return None  # too late even for a late answer: the next trial comes first
        return self._plan

    def _make_plan(self, logic: VisualSearchLogic) -> tuple[float, Respond] | None:
        display, rng = logic.display, self._rng
        if rng.random() < ANTICIPATION:
            return logic.onset_ms + rng.uniform(30.0, 95.0), Respond(rng.choice((YES, NO)))
        effort = SEARCH_SETS[display.search_set].effort
        miss, false_alarm = error_probabilities(self.ability, effort, display.set_size)
        if display.target_present:
            says_yes = rng.random() >= miss
        else:
            says_yes = rng.random() < false_alarm
        # a "yes" ends the search at the target, halfway through on average; a "no" checks every item
        items_checked = display.set_size if says_yes else 2 * display.set_size
        mean_ms = base_ms(self.ability) + slope_ms(self.ability, effort) * items_checked
        at_ms = logic.onset_ms + mean_ms * lognormal_factor(rng, QUICK_RT_SIGMA)
        return at_ms, Respond(YES if says_yes else NO)
