"""A simulated Sequence Recall player whose span and speed follow an ability in 0..1."""

from __future__ import annotations

import random
from typing import Any

from games.core.engine.actions import Select
from games.core.engine.players import (
    CHOICE_RT_SIGMA, LAPSE_SHARE, SEARCH_RT_SIGMA, check_ability, lognormal_rt_ms, success_probability,
)
from games.memory.sequence_recall.logic import Phase, SequenceRecallLogic


def recall_probability(ability: float, length: int, lapse: float = LAPSE_SHARE) -> float:
    """Chance to repeat ``length`` blocks without error: the span grows from 2.5 to 8.5 with ability."""
    span = 2.5 + 6.0 * ability
    return success_probability(span, length, spread=0.6, ceiling=1.0 - lapse)


class SequenceRecallPlayer:
    """Plans each trial's taps once, when the response prompt appears, then plays them in time."""

    def __init__(self, ability: float, rng: random.Random) -> None:
        self.ability = check_ability(ability)
        self._rng = rng
        self._plan_for: int | None = None
        self._plan: list[tuple[float, Any]] = []

    def next_action(self, logic: SequenceRecallLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.phase is not Phase.RESPOND or logic.onset_ms is None:
            return None
        if self._plan_for != logic.trial_index:
            self._plan_for = logic.trial_index
            self._plan = self._make_plan(logic.sequence, logic.onset_ms, logic.n_blocks)
        done = len(logic.taps)
        return self._plan[done] if done < len(self._plan) else None

    def _make_plan(self, sequence: list[int], onset_ms: float, n_blocks: int) -> list[tuple[float, Any]]:
        answer = list(sequence)
        if self._rng.random() >= recall_probability(self.ability, len(sequence)):
            self._spoil(answer, n_blocks)
        at_ms = onset_ms + lognormal_rt_ms(self._rng, 600 + 500 * (1 - self.ability), CHOICE_RT_SIGMA)
        plan = []
        for block in answer:
            plan.append((at_ms, Select(block)))
            at_ms += lognormal_rt_ms(self._rng, 350 + 450 * (1 - self.ability), SEARCH_RT_SIGMA)
        return plan

    def _spoil(self, answer: list[int], n_blocks: int) -> None:
        """Make one human-like mistake: swap two neighbours or misremember one block."""
        i = self._rng.randrange(len(answer))
        if len(answer) > 1 and self._rng.random() < 0.5:
            j = i + 1 if i + 1 < len(answer) else i - 1
            answer[i], answer[j] = answer[j], answer[i]
        else:
            answer[i] = self._rng.choice([b for b in range(n_blocks) if b != answer[i]])
