"""Shopping List: remember a short shopping list, then find its items on a shop shelf."""

from __future__ import annotations

import random
from typing import Any, Mapping

from games.core.exercise import Exercise
from games.memory.shopping_list.logic import ShoppingListLogic, summarize
from games.memory.shopping_list.player import ShoppingListPlayer
from games.memory.shopping_list.spec import SPEC


def _make_logic(rng: random.Random, overrides: Mapping[str, Any]) -> ShoppingListLogic:
    return ShoppingListLogic(rng, overrides)


def _make_view(*args: Any, **kwargs: Any) -> Any:
    from games.memory.shopping_list.view import ShoppingListView  # pygame only when drawn

    return ShoppingListView(*args, **kwargs)


EXERCISE = Exercise(
    spec=SPEC,
    make_logic=_make_logic,
    make_view=_make_view,
    make_player=ShoppingListPlayer,
    summarize=summarize,
)
