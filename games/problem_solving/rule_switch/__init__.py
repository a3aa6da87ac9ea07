"""Rule Switch: sort cards by a hidden rule that changes without notice (flexible thinking)."""

from games.core.engine.exercise import Exercise, lazy_view
from games.core.engine.trials.base import logic_factory
from games.problem_solving.rule_switch.logic import RuleSwitchLogic, summarize
from games.problem_solving.rule_switch.player import RuleSwitchPlayer
from games.problem_solving.rule_switch.spec import SPEC

EXERCISE = Exercise(
    spec=SPEC,
    make_logic=logic_factory(RuleSwitchLogic, SPEC),
    make_view=lazy_view("games.problem_solving.rule_switch.view", "RuleSwitchView"),
    make_player=RuleSwitchPlayer,
    summarize=summarize,
)
