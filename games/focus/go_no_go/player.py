"""A simulated Go/No-Go player: speed, steadiness and holding back all follow an ability in 0..1."""

from __future__ import annotations

import random
from typing import Any

from games.core.engine.players import check_ability, lognormal_rt_ms, overload_probability
from games.focus.go_no_go.logic import GO_ACTION, GoNoGoLogic, Phase
from games.focus.go_no_go.spec import GO

SLOW_WINDOW_MS = 1500.0  # the slowest pace, level 1's


def median_rt_ms(ability: float, window_ms: float) -> float:
    """Typical press time on a GO circle: 400 to 700 ms at a calm pace, a little quicker when rushed."""
    calm = 360.0 + 340.0 * (1.0 - ability)
    return calm * (0.85 + 0.15 * min(1.0, window_ms / SLOW_WINDOW_MS))


def rt_spread(ability: float) -> float:
    """Log-normal sigma of press times: steady players vary less (CV about 0.15 to 0.28)."""
    return 0.14 + 0.16 * (1.0 - ability)


def commission_probability(ability: float, go_share: float, window_ms: float) -> float:
    """Chance of pressing for a square: grows as circles dominate and the pace quickens."""
    pressure = go_share + 0.3 * (1.0 - min(1.0, window_ms / SLOW_WINDOW_MS))
    restraint = 0.62 + 0.45 * ability
    return 0.02 + overload_probability(restraint, pressure, spread=0.07, ceiling=0.55)


def omission_lapse(ability: float) -> float:
    """Chance that attention drifts and a GO circle goes by without a press."""
    return 0.01 + 0.05 * (1.0 - ability)


ANTICIPATION_RATE = 0.01  # presses that come before the shape could be seen


class GoNoGoPlayer:
    """Decides once per shape whether to press, and when; a press too slow lands late or not at all."""

    def __init__(self, ability: float, rng: random.Random) -> None:
        self.ability = check_ability(ability)
        self._rng = rng
        self._plan_for: int | None = None
        self._press_at: float | None = None

    def next_action(self, logic: GoNoGoLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.phase not in (Phase.STIMULUS, Phase.PAUSE) or logic.onset_ms is None:
            return None
        if self._plan_for != logic.trial_index:
            self._plan_for = logic.trial_index
            self._press_at = self._plan(logic)
        if self._press_at is None or logic.press_rt_ms is not None:
            return None
        return self._press_at, GO_ACTION

    def _plan(self, logic: GoNoGoLogic) -> float | None:
        """When to press for the current shape (ms on the run's clock), or None to hold back."""
        p, rng = logic.params, self._rng
        if rng.random() < ANTICIPATION_RATE:
            return logic.onset_ms + rng.uniform(30.0, 95.0)
        if logic.stimulus == GO:
            if rng.random() < omission_lapse(self.ability):
                return None
            rt = lognormal_rt_ms(rng, median_rt_ms(self.ability, p["window_ms"]), rt_spread(self.ability))
        else:
            if rng.random() >= commission_probability(self.ability, p["go_share"], p["window_ms"]):
                return None
            # a press that should have been held back is a quick, habitual one
            rt = 0.9 * lognormal_rt_ms(rng, median_rt_ms(self.ability, p["window_ms"]), rt_spread(self.ability))
        at_ms = logic.onset_ms + rt
        return at_ms if at_ms < logic.trial_end_ms() - 1 else None  # too slow: the next shape came first
