"""A simulated Card Pairs player whose memory for seen cards follows an ability in 0..1."""

from __future__ import annotations

import random
from typing import Any

from games.core.engine.actions import Select
from games.core.engine.players import (
    LAPSE_SHARE, SEARCH_RT_SIGMA, check_ability, lognormal_rt_ms, success_probability,
)
from games.memory.card_pairs.logic import CardPairsLogic, Phase

LOOK_MS_PER_CARD = 250  # a first look this long per card lets the player take in the whole board


def remember_probability(ability: float, n_cards: int) -> float:
    """Chance to keep a card just seen in mind: falls with the cards on the board, rises with ability."""
    capacity = 4.0 + 22.0 * ability  # cards at which half of what is seen is kept
    return success_probability(capacity, n_cards, spread=3.0)


class CardPairsPlayer:
    """Remembers cards as they are shown, turns pairs it knows, explores unseen cards otherwise.

    It sees only what the board shows: the pictures during the first look and the cards turned
    face up. It chooses only face-down cards, one ``Select`` per card.
    """

    def __init__(self, ability: float, rng: random.Random, lapse: float = LAPSE_SHARE) -> None:
        self.ability, self.lapse = check_ability(ability), lapse
        self._rng = rng
        self._trial = 0
        self._memory: dict[int, str] = {}  # card -> picture, for the cards kept in mind
        self._noticed: set[tuple[int, int]] = set()  # (turn number, card) already rolled for
        self._looked = False
        self._plan_key: tuple[int, int, int] | None = None
        self._plan: tuple[float, Any] | None = None

    def next_action(self, logic: CardPairsLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.trial_index != self._trial:
            self._trial, self._memory, self._noticed, self._looked = logic.trial_index, {}, set(), False
        if logic.phase is Phase.FIRST_LOOK and not self._looked:
            self._take_first_look(logic)
        self._notice(logic)
        if logic.phase is not Phase.PLAY or logic.onset_ms is None:
            return None
        key = (logic.trial_index, len(logic.turns), len(logic.shown))
        if key != self._plan_key:
            self._plan_key = key
            card = self._choose(logic)
            self._plan = (now_ms + self._delay_ms(bool(logic.shown)), Select(card))
        return self._plan

    # -- seeing ------------------------------------------------------------------------------
    def _take_first_look(self, logic: CardPairsLogic) -> None:
        self._looked = True
        share = min(1.0, logic.params["first_look_ms"] / (LOOK_MS_PER_CARD * logic.n_cards))
        p = remember_probability(self.ability, logic.n_cards) * share
        for card, picture in enumerate(logic.layout):
            if self._rng.random() < p:
                self._memory[card] = picture

    def _notice(self, logic: CardPairsLogic) -> None:
        """Each card turned face up gets one chance to be kept in mind."""
        p = remember_probability(self.ability, logic.n_cards)
        turn = len(logic.turns) - (1 if logic.phase is Phase.SHOW_MISS else 0)
        for card in logic.shown:
            if (turn, card) not in self._noticed:
                self._noticed.add((turn, card))
                if self._rng.random() < p:
                    self._memory[card] = logic.layout[card]
        for card in logic.matched:
            self._memory.pop(card, None)

    # -- choosing ----------------------------------------------------------------------------
    def _choose(self, logic: CardPairsLogic) -> int:
        down = [c for c in range(logic.n_cards) if logic.can_turn(c)]
        if self._rng.random() < self.lapse:
            return self._rng.choice(down)
        if logic.shown:
            picture = logic.layout[logic.shown[0]]
            known = [c for c in down if self._memory.get(c) == picture]
            return known[0] if known else self._explore(down)
        by_picture: dict[str, list[int]] = {}
        for card in down:
            if card in self._memory:
                by_picture.setdefault(self._memory[card], []).append(card)
        pairs = [cards for cards in by_picture.values() if len(cards) >= 2]
        return pairs[0][0] if pairs else self._explore(down)

    def _explore(self, down: list[int]) -> int:
        unseen = [c for c in down if c not in self._memory]
        return self._rng.choice(unseen or down)

    def _delay_ms(self, second_card: bool) -> float:
        """Time to choose a card: slower for a weaker player, a little quicker for the second card."""
        median = (700.0 if not second_card else 550.0) + 700.0 * (1.0 - self.ability)
        return lognormal_rt_ms(self._rng, median, SEARCH_RT_SIGMA)
