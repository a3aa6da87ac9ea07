"""Sequence Recall: the Corsi block-tapping task of visuo-spatial working memory."""

from __future__ import annotations

import random
from typing import Any, Mapping

from games.core.exercise import Exercise
from games.memory.sequence_recall.logic import SequenceRecallLogic, summarize
from games.memory.sequence_recall.player import SequenceRecallPlayer
from games.memory.sequence_recall.spec import SPEC


def _make_logic(rng: random.Random, overrides: Mapping[str, Any]) -> SequenceRecallLogic:
    return SequenceRecallLogic(rng, overrides)


def _make_view(*args: Any, **kwargs: Any) -> Any:
    from games.memory.sequence_recall.view import SequenceRecallView  # pygame only when drawn

    return SequenceRecallView(*args, **kwargs)


EXERCISE = Exercise(
    spec=SPEC,
    make_logic=_make_logic,
    make_view=_make_view,
    make_player=SequenceRecallPlayer,
    summarize=summarize,
)
