"""Tower of London: plan a series of ball moves to match a goal picture (planning, problem solving)."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.problem_solving.tower_of_london.logic import TowerOfLondonLogic, summarize
from games.problem_solving.tower_of_london.player import TowerOfLondonPlayer
from games.problem_solving.tower_of_london.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(TowerOfLondonLogic, SPEC),
    make_view=lazy_view("games.problem_solving.tower_of_london.view", "TowerOfLondonView"),
    make_player=TowerOfLondonPlayer,
    summarize=summarize,
)
