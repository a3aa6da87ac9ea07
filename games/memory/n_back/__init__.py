"""N-back: spatial working memory, with a letter stream added in the harder rounds (dual N-back)."""

from __future__ import annotations

import random
from typing import Any, Mapping

from games.core.exercise import Exercise
from games.memory.n_back.logic import NBackLogic, summarize
from games.memory.n_back.player import NBackPlayer
from games.memory.n_back.spec import SPEC


def _make_logic(rng: random.Random, overrides: Mapping[str, Any]) -> NBackLogic:
    return NBackLogic(rng, overrides)


def _make_view(*args: Any, **kwargs: Any) -> Any:
    from games.memory.n_back.view import NBackView  # pygame only when drawn

    return NBackView(*args, **kwargs)


EXERCISE = Exercise(
    spec=SPEC,
    make_logic=_make_logic,
    make_view=_make_view,
    make_player=NBackPlayer,
    summarize=summarize,
)
