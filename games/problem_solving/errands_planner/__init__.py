"""Errands Planner: order a round of errands through a small town, keeping to opening hours and a budget."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.problem_solving.errands_planner.logic import ErrandsPlannerLogic, summarize
from games.problem_solving.errands_planner.player import ErrandsPlannerPlayer
from games.problem_solving.errands_planner.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(ErrandsPlannerLogic, SPEC),
    make_view=lazy_view("games.problem_solving.errands_planner.view", "ErrandsPlannerView"),
    make_player=ErrandsPlannerPlayer,
    summarize=summarize,
)
