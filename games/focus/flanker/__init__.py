"""Flanker: the Eriksen flanker task of selective attention (ignore the arrows around the middle one)."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.focus.flanker.logic import FlankerLogic, feedback_words, summarize
from games.focus.flanker.player import FlankerPlayer
from games.focus.flanker.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(FlankerLogic, SPEC),
    make_view=lazy_view("games.focus.flanker.view", "FlankerView"),
    make_player=FlankerPlayer,
    summarize=summarize,
    feedback_words=feedback_words,
)
