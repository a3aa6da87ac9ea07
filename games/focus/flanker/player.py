"""A simulated Flanker player: slower and less accurate on incongruent rows, more so with low ability."""

from __future__ import annotations

import random
from typing import Any

from games.core.engine.actions import Respond
from games.core.engine.players import LAPSE_SHARE, QUICK_RT_SIGMA, check_ability, lognormal_rt_ms
from games.focus.flanker.logic import FlankerLogic, Phase
from games.focus.flanker.spec import CONGRUENT, DIRECTIONS

LAPSE = LAPSE_SHARE  # share of rows where attention slips: no answer, or a coin toss


def median_rt_ms(ability: float, condition: str) -> float:
    """Typical RT: about 400 ms (ability 0.9) to 740 ms (0.3) on congruent rows, 50 to 120 ms more if incongruent."""
    base = 350.0 + 550.0 * (1.0 - ability)
    return base if condition == CONGRUENT else base + 40.0 + 120.0 * (1.0 - ability)


def error_probability(ability: float, condition: str, window_ms: float) -> float:
    """Chance of pressing the wrong way: rare on congruent rows, higher on incongruent rows and under time pressure."""
    pressure = max(0.0, (1500.0 - window_ms) / 1500.0)  # people hurry, and err, when the window is short
    if condition == CONGRUENT:
        return 0.01 + 0.03 * (1.0 - ability) + 0.03 * pressure
    return 0.02 + 0.20 * (1.0 - ability) + 0.10 * pressure


class FlankerPlayer:
    """Plans each row's press once, at the onset; a slow press may land after the window (late) or never."""

    def __init__(self, ability: float, rng: random.Random) -> None:
        self.ability = check_ability(ability)
        self._rng = rng
        self._plan_for: int | None = None
        self._plan: tuple[float, Respond] | None = None

    def next_action(self, logic: FlankerLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.response is not None or logic.onset_ms is None:
            return None
        if logic.phase is not Phase.STIMULUS and not logic.accepts_late:
            return None
        if self._plan_for != logic.trial_index:
            self._plan_for = logic.trial_index
            self._plan = self._make_plan(logic)
        return self._plan

    def _make_plan(self, logic: FlankerLogic) -> tuple[float, Respond] | None:
        row, rng = logic.row, self._rng
        wrong = next(d for d in DIRECTIONS if d != row.direction)
        if rng.random() < LAPSE:
            if rng.random() < 0.5:
                return None  # looked away: the row times out
            answer = rng.choice(DIRECTIONS)
        else:
            answer = wrong if rng.random() < error_probability(self.ability, row.condition, logic.window_ms) else row.direction
        rt_ms = lognormal_rt_ms(rng, median_rt_ms(self.ability, row.condition), QUICK_RT_SIGMA)
        at_ms = logic.onset_ms + rt_ms
        if at_ms >= logic.window_end_ms() + logic.params["feedback_ms"] - 1:
            return None  # so slow that the next row came first
        return at_ms, Respond(answer)
