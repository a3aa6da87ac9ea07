"""A simulated Shopping List player whose memory, care and speed follow an ability in 0..1."""

from __future__ import annotations

import random
from typing import Any, Callable

from games.core.engine.actions import Respond, Select
from games.core.engine.players import (
    CHOICE_RT_SIGMA, QUICK_RT_SIGMA, SEARCH_RT_SIGMA, check_ability, lognormal_rt_ms, success_probability,
)
from games.memory.shopping_list.catalogue import look_alikes
from games.memory.shopping_list.logic import DONE, READY, Phase, ShoppingListLogic


def item_recall_probability(ability: float, list_length: int, delay_ms: float, lapse: float = 0.02) -> float:
    """Chance to remember one item: falls with list length and delay, rises with ability.

    Every 8 s of waiting weighs like one more item; the span grows from 3.5 to 12.5 items.
    """
    load = list_length + delay_ms / 8000.0
    span = 3.5 + 9.0 * ability
    return success_probability(span, load, spread=0.8, ceiling=1.0 - lapse)


def confusion_probability(ability: float, similarity_level: int) -> float:
    """Chance to take a remembered item's look-alike instead, when one is on the shelf."""
    return {0: 0.0, 1: 0.01, 2: 0.01 + 0.12 * (1.0 - ability)}[similarity_level]


class ShoppingListPlayer:
    """Plans each stage once, when it appears, then acts at human speeds through Select and Respond."""

    def __init__(self, ability: float, rng: random.Random) -> None:
        self.ability = check_ability(ability)
        self._rng = rng
        self._plans: dict[tuple[int, Phase], Any] = {}

    def next_action(self, logic: ShoppingListLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.phase is Phase.STUDY and logic.study_onset_ms is not None:
            at_ms = self._plan(logic, lambda: logic.study_onset_ms + self._reading_ms(len(logic.wanted)))
            return (at_ms, Respond(READY)) if at_ms < logic.study_deadline_ms() else None
        if logic.phase is Phase.DELAY and logic.stars is not None and logic.star_answer is None:
            return self._plan(logic, lambda: self._count_stars(logic, now_ms))
        if logic.phase is Phase.SHELF and logic.onset_ms is not None:
            plan = self._plan(logic, lambda: self._shop(logic))
            done = len(logic.picks)
            return plan[done] if done < len(plan) else None
        return None

    def _plan(self, logic: ShoppingListLogic, make: Callable[[], Any]) -> Any:
        """The plan for the stage on screen, made the first time the stage is seen."""
        key = (logic.trial_index, logic.phase)
        if key not in self._plans:
            self._plans = {k: v for k, v in self._plans.items() if k[0] == logic.trial_index}
            self._plans[key] = make()
        return self._plans[key]

    # -- one plan per stage --------------------------------------------------------------------
    def _reading_ms(self, n_items: int) -> float:
        per_item = lognormal_rt_ms(self._rng, 900 + 900 * (1 - self.ability), QUICK_RT_SIGMA)
        return 1500 + n_items * per_item

    def _count_stars(self, logic: ShoppingListLogic, now_ms: float) -> tuple[float, Any]:
        stars = logic.stars
        answer = stars.count
        if self._rng.random() > 0.85 + 0.12 * self.ability:
            answer = self._rng.choice([c for c in stars.choices if c != stars.count])
        at_ms = now_ms + lognormal_rt_ms(self._rng, 1800 + 1200 * (1 - self.ability), CHOICE_RT_SIGMA)
        return at_ms, Respond(str(answer))

    def _shop(self, logic: ShoppingListLogic) -> list[tuple[float, Any]]:
        names = self._recall(logic)
        for i in range(len(names) - 1):  # now and then two neighbours come to mind the other way round
            if self._rng.random() < 0.08 + 0.3 * (1 - self.ability):
                names[i], names[i + 1] = names[i + 1], names[i]
        actions: list[Any] = [Select(logic.shelf.index(name)) for name in names]
        if len(actions) < len(logic.wanted):
            actions.append(Respond(DONE))
        at_ms = logic.onset_ms + lognormal_rt_ms(self._rng, 1200 + 1000 * (1 - self.ability), CHOICE_RT_SIGMA)
        plan = []
        search_ms = 700 + 900 * (1 - self.ability) + 30 * len(logic.shelf)
        for action in actions:
            plan.append((at_ms, action))
            at_ms += lognormal_rt_ms(self._rng, search_ms, SEARCH_RT_SIGMA)
        return plan

    def _recall(self, logic: ShoppingListLogic) -> list[str]:
        """The items the player goes for, in list order: remembered, confused or guessed."""
        p = logic.params
        p_recall = item_recall_probability(self.ability, len(logic.wanted), p["delay_ms"])
        p_confuse = confusion_probability(self.ability, int(p["distractor_similarity"]))
        chosen: list[str] = []
        for name in logic.wanted:
            if self._rng.random() < p_recall:
                twins = [s for s in logic.shelf if s in look_alikes(name) and s not in chosen]
                chosen.append(self._rng.choice(twins) if twins and self._rng.random() < p_confuse else name)
            elif self._rng.random() < 0.5:  # a hunch: something on the shelf feels familiar
                chosen.append(self._rng.choice([s for s in logic.shelf if s not in chosen]))
        unique: list[str] = []
        for name in chosen:  # a confusion may land on an item that is also wanted later
            if name not in unique:
                unique.append(name)
        return unique
