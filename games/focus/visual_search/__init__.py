"""Visual Search: find one target among distractors and say whether it is there (selective attention)."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.focus.visual_search.logic import VisualSearchLogic, feedback_words, summarize
from games.focus.visual_search.player import VisualSearchPlayer
from games.focus.visual_search.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(VisualSearchLogic, SPEC),
    make_view=lazy_view("games.focus.visual_search.view", "VisualSearchView"),
    make_player=VisualSearchPlayer,
    summarize=summarize,
    feedback_words=feedback_words,
)
