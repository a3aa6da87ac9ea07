"""N-back: spatial working memory, with a letter stream added in the harder rounds (dual N-back)."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.memory.n_back.logic import NBackLogic, summarize
from games.memory.n_back.player import NBackPlayer
from games.memory.n_back.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(NBackLogic, SPEC),
    make_view=lazy_view("games.memory.n_back.view", "NBackView"),
    make_player=NBackPlayer,
    summarize=summarize,
)
