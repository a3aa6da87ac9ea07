"""A simulated Stroop player: slower and less accurate on conflict trials, more so at low ability."""

from __future__ import annotations

import random
from typing import Any

from games.core.engine.actions import Respond
from games.core.engine.players import LAPSE_SHARE, check_ability, lognormal_rt_ms
from games.focus.stroop.logic import Phase, StroopLogic
from games.focus.stroop.spec import CONGRUENT, INCONGRUENT, NEUTRAL
from games.focus.stroop.stimuli import Stimulus

LAPSE = LAPSE_SHARE  # share of trials where attention slips: no answer, or a random one
RT_SPREAD = 0.22  # sigma of the log-normal answer time


def median_rt_ms(ability: float, condition: str) -> float:
    """Typical answer time: about 530 ms for a strong player, 850 ms for a weak one, plus the conflict's cost."""
    base = 480.0 + 520.0 * (1.0 - ability)
    cost = {CONGRUENT: 0.0, NEUTRAL: 15.0, INCONGRUENT: 40.0 + 160.0 * (1.0 - ability)}[condition]
    return base + cost


def error_probability(ability: float, condition: str) -> float:
    """Chance of a wrong key: small when word and ink agree, larger on conflict trials at low ability."""
    return {
        CONGRUENT: 0.01 + 0.04 * (1.0 - ability),
        NEUTRAL: 0.015 + 0.05 * (1.0 - ability),
        INCONGRUENT: 0.03 + 0.25 * (1.0 - ability),
    }[condition]


class StroopPlayer:
    """Plans each trial's answer once, when the stimulus onset is stamped, then gives it on time.

    A plan slower than the window arrives late (or never, if later than the pause), so the
    player times out like a person when the window is short for them.
    """

    def __init__(self, ability: float, rng: random.Random) -> None:
        self.ability = check_ability(ability)
        self._rng = rng
        self._plan_for: int | None = None
        self._plan: tuple[float, Respond] | None = None

    def next_action(self, logic: StroopLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.phase not in (Phase.STIMULUS, Phase.PAUSE) or logic.onset_ms is None:
            return None
        if self._plan_for != logic.trial_index:
            self._plan_for = logic.trial_index
            self._plan = self._make_plan(logic.stimulus, logic.answers, logic.onset_ms)
        return self._plan if logic.accepts_answer else None

    def _make_plan(self, stimulus: Stimulus, answers: tuple[str, ...], onset_ms: float) -> tuple[float, Respond] | None:
        rng, condition = self._rng, stimulus.condition
        at_ms = onset_ms + lognormal_rt_ms(rng, median_rt_ms(self.ability, condition), RT_SPREAD)
        if rng.random() < LAPSE:
            if rng.random() < 0.5:
                return None
            return at_ms, Respond(rng.choice(answers))
        answer = stimulus.answer
        if rng.random() < error_probability(self.ability, condition):
            wrong = [a for a in answers if a != answer]
            read = stimulus.cue.lower()
            # most conflict errors answer what was read (the word, the digit) instead
            answer = read if condition == INCONGRUENT and rng.random() < 0.7 else rng.choice(wrong)
        return at_ms, Respond(answer)
