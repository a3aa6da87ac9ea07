"""A simulated N-back player: sensitivity (d') rises with ability and falls with n, letters and pace."""

from __future__ import annotations

import random
from statistics import NormalDist
from typing import Any

from games.core.engine.actions import Respond
from games.core.engine.players import (
    LAPSE_SHARE, QUICK_RT_SIGMA, check_ability, lognormal_rt_ms, success_probability,
)
from games.memory.n_back.logic import NBackLogic, Phase

MAX_D_PRIME = 4.0
LAPSE = LAPSE_SHARE  # share of squares where attention slips and the answer is a coin toss


def load(n: int, dual: bool, interval_ms: float) -> float:
    """How demanding a round is, in 'n units': letters add 1.5, a quick pace adds 0.3."""
    return n + (1.5 if dual else 0.0) + (0.3 if interval_ms < 3000 else 0.0)


def sensitivity(ability: float, n: int, dual: bool = False, interval_ms: float = 3000) -> float:
    """The player's true d': near the maximum below their capacity (1.3 to 4.5 n units), near 0 above."""
    capacity = 1.3 + 3.2 * ability
    return success_probability(capacity, load(n, dual, interval_ms), spread=0.5, ceiling=MAX_D_PRIME)


def press_probabilities(d: float) -> tuple[float, float, float]:
    """(hit, false alarm, false alarm on a near-miss) for an unbiased observer with sensitivity ``d``."""
    phi = NormalDist().cdf
    return phi(d / 2), phi(-d / 2), phi(-d / 2 + 0.5)


class NBackPlayer:
    """Decides once per square whether to press each stream, and when (about 500 to 900 ms)."""

    def __init__(self, ability: float, rng: random.Random) -> None:
        self.ability = check_ability(ability)
        self._rng = rng
        self._plan_for: int | None = None
        self._plan: list[tuple[float, Respond]] = []

    def next_action(self, logic: NBackLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.phase not in (Phase.SHOW, Phase.BLANK) or logic.onset_ms is None:
            return None
        if self._plan_for != logic.trial_index:
            self._plan_for = logic.trial_index
            self._plan = self._make_plan(logic)
        waiting = [step for step in self._plan if step[1].value not in logic.pressed]
        return waiting[0] if waiting else None

    def _make_plan(self, logic: NBackLogic) -> list[tuple[float, Respond]]:
        p = logic.params
        d = sensitivity(self.ability, logic.n, len(logic.streams) > 1, p["stimulus_ms"] + p["isi_ms"])
        hit, fa, lure_fa = press_probabilities(d)
        plan = []
        for stream in logic.streams:
            matched, lure = logic.truth(stream)
            chance = hit if matched else lure_fa if lure else fa
            if self._rng.random() < LAPSE:
                chance = 0.5
            if self._rng.random() >= chance:
                continue
            median_ms = 500 + 300 * (1 - self.ability) + 40 * (logic.n - 1)
            at_ms = logic.onset_ms + lognormal_rt_ms(self._rng, median_ms, QUICK_RT_SIGMA)
            if at_ms < logic.window_end_ms() - 1:  # too slow: the next square came first
                plan.append((at_ms, Respond(stream)))
        return sorted(plan, key=lambda step: step[0])
