"""Stroop (interference control): name the ink of a colour word, or count a row of digits."""

from functools import partial

from games.core.engine.exercise import Exercise, lazy_view
from games.focus.stroop.logic import StroopLogic, feedback_words
from games.focus.stroop.measures import summarize
from games.focus.stroop.player import StroopPlayer
from games.focus.stroop.spec import COLOUR_SPEC, COUNTING_SPEC

EXERCISE = Exercise(
    spec=COLOUR_SPEC,
    make_logic=partial(StroopLogic, spec=COLOUR_SPEC),
    make_view=lazy_view("games.focus.stroop.view", "ColourStroopView"),
    make_player=StroopPlayer,
    summarize=summarize,
    feedback_words=feedback_words,
)

COUNTING_EXERCISE = Exercise(
    spec=COUNTING_SPEC,
    make_logic=partial(StroopLogic, spec=COUNTING_SPEC),
    make_view=lazy_view("games.focus.stroop.view", "CountingStroopView"),
    make_player=StroopPlayer,
    summarize=summarize,
    feedback_words=feedback_words,
)
