"""A simulated Digit Span player whose span, errors and speed follow an ability in 0..1."""

from __future__ import annotations

import random
from typing import Any

from games.core.engine.actions import Respond, Select, Undo
from games.core.engine.players import (
    CHOICE_RT_SIGMA, LAPSE_SHARE, SEARCH_RT_SIGMA, check_ability, lognormal_rt_ms, success_probability,
)
from games.memory.digit_span.logic import DONE, DigitSpanLogic, Phase

BACKWARD_COST = 1.2  # digits: reversing a list in the head costs about one digit of span


def span(ability: float, direction: str) -> float:
    """Length recalled right half the time: 2.5 to 9.5 digits forward, a little less backward."""
    forward = 2.5 + 7.0 * ability
    return forward - BACKWARD_COST if direction == "backward" else forward


def recall_probability(ability: float, length: int, direction: str = "forward", lapse: float = LAPSE_SHARE) -> float:
    """Chance to type ``length`` digits without error."""
    return success_probability(span(ability, direction), length, spread=0.6, ceiling=1.0 - lapse)


class DigitSpanPlayer:
    """Plans each trial's keys once, when the response prompt appears, then types them in time."""

    def __init__(self, ability: float, rng: random.Random) -> None:
        self.ability = check_ability(ability)
        self._rng = rng
        self._plan_for: int | None = None
        self._plan: list[tuple[float, Any]] = []

    def next_action(self, logic: DigitSpanLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.phase is not Phase.RESPOND or logic.onset_ms is None:
            return None
        if self._plan_for != logic.trial_index:
            self._plan_for = logic.trial_index
            self._plan = self._make_plan(logic.expected, logic.direction, logic.onset_ms)
        # every undo took back one typed digit, so this counts the plan's steps already taken
        done = len(logic.answer) + 2 * logic.n_undos
        return self._plan[done] if done < len(self._plan) else None

    def _make_plan(self, expected: list[int], direction: str, onset_ms: float) -> list[tuple[float, Any]]:
        answer = list(expected)
        if self._rng.random() >= recall_probability(self.ability, len(expected), direction):
            answer = self._spoil(answer, direction)
        actions: list[Any] = [Select(d) for d in answer]
        if len(answer) < len(expected):
            actions.append(Respond(DONE))
        # a typo put right at once, never on the last digit (that digit would end the answer)
        room = min(len(answer), len(expected) - 1)
        if room > 0 and self._rng.random() < 0.04 + 0.08 * (1.0 - self.ability):
            slip = self._rng.randrange(room)
            actions[slip:slip] = [Select(self._rng.randrange(10)), Undo()]
        slow = 1.0 - self.ability + (0.4 if direction == "backward" else 0.0)
        at_ms = onset_ms + lognormal_rt_ms(self._rng, 650 + 600 * slow, CHOICE_RT_SIGMA)
        plan = []
        for action in actions:
            plan.append((at_ms, action))
            at_ms += lognormal_rt_ms(self._rng, 320 + 380 * slow, SEARCH_RT_SIGMA)
        return plan

    def _spoil(self, answer: list[int], direction: str) -> list[int]:
        """One human-like mistake: swap neighbours, a wrong digit, the tail forgotten, or the wrong order."""
        roll = self._rng.random()
        i = self._rng.randrange(len(answer))
        if direction == "backward" and roll < 0.15:
            return answer[::-1]  # typed in the order shown
        if roll < 0.55 and len(answer) > 1:
            j = i + 1 if i + 1 < len(answer) else i - 1
            answer[i], answer[j] = answer[j], answer[i]
            return answer
        if roll < 0.85 or len(answer) < 3:
            answer[i] = self._rng.choice([d for d in range(10) if d != answer[i]])
            return answer
        return answer[: max(1, len(answer) - self._rng.randint(1, 2))]  # could not recall the end
