"""Stroop (interference control): name the ink of a colour word, or count a row of digits."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.focus.stroop.logic import StroopLogic, feedback_words
from games.focus.stroop.measures import summarize
from games.focus.stroop.player import StroopPlayer
from games.focus.stroop.spec import COLOUR_SPEC, COUNTING_SPEC

EXERCISE = Exercise(
    spec=COLOUR_SPEC,
    make_logic=logic_factory(StroopLogic, COLOUR_SPEC),
    make_view=lazy_view("games.focus.stroop.view", "ColourStroopView"),
    make_player=StroopPlayer,
    summarize=summarize,
    feedback_words=feedback_words,
)

COUNTING_EXERCISE = Exercise(
    spec=COUNTING_SPEC,
    make_logic=logic_factory(StroopLogic, COUNTING_SPEC),
    make_view=lazy_view("games.focus.stroop.view", "CountingStroopView"),
    make_player=StroopPlayer,
    summarize=summarize,
    feedback_words=feedback_words,
)
