"""Trail Making: join circles in order, numbers only (part A) or numbers and letters in turn (part B)."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.problem_solving.trail_making.logic import TrailMakingLogic, summarize
from games.problem_solving.trail_making.player import TrailMakingPlayer
from games.problem_solving.trail_making.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(TrailMakingLogic, SPEC),
    make_view=lazy_view("games.problem_solving.trail_making.view", "TrailMakingView"),
    make_player=TrailMakingPlayer,
    summarize=summarize,
)
