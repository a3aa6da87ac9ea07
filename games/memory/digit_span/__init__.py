"""Digit Span: verbal working memory, digits repeated in the same order or backwards."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.memory.digit_span.logic import DigitSpanLogic, feedback_words, summarize
from games.memory.digit_span.player import DigitSpanPlayer
from games.memory.digit_span.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(DigitSpanLogic, SPEC),
    make_view=lazy_view("games.memory.digit_span.view", "DigitSpanView"),
    make_player=DigitSpanPlayer,
    summarize=summarize,
    feedback_words=feedback_words,
)
