"""Card Pairs: the concentration memory game of finding matching pairs among face-down cards."""

from __future__ import annotations

import random
from typing import Any, Mapping

from games.core.exercise import Exercise
from games.memory.card_pairs.logic import CardPairsLogic, summarize
from games.memory.card_pairs.player import CardPairsPlayer
from games.memory.card_pairs.spec import SPEC


def _make_logic(rng: random.Random, overrides: Mapping[str, Any]) -> CardPairsLogic:
    return CardPairsLogic(rng, overrides)


def _make_view(*args: Any, **kwargs: Any) -> Any:
    from games.memory.card_pairs.view import CardPairsView  # pygame only when drawn

    return CardPairsView(*args, **kwargs)


EXERCISE = Exercise(
    spec=SPEC,
    make_logic=_make_logic,
    make_view=_make_view,
    make_player=CardPairsPlayer,
    summarize=summarize,
)
