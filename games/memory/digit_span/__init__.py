"""Digit Span: verbal working memory, digits repeated in the same order or backwards."""

from __future__ import annotations

import random
from typing import Any, Mapping

from games.core.exercise import Exercise
from games.memory.digit_span.logic import DigitSpanLogic, summarize
from games.memory.digit_span.player import DigitSpanPlayer
from games.memory.digit_span.spec import SPEC


def _make_logic(rng: random.Random, overrides: Mapping[str, Any]) -> DigitSpanLogic:
    return DigitSpanLogic(rng, overrides)


def _make_view(*args: Any, **kwargs: Any) -> Any:
    from games.memory.digit_span.view import DigitSpanView  # pygame only when drawn

    return DigitSpanView(*args, **kwargs)


EXERCISE = Exercise(
    spec=SPEC,
    make_logic=_make_logic,
    make_view=_make_view,
    make_player=DigitSpanPlayer,
    summarize=summarize,
)
