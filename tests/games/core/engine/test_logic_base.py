"""The logic base: the spec it plays, the start level's parameters, and make_logic built one way for every exercise."""

import random

from games.core.engine.trials.base import LogicBase, logic_factory
from games.focus.stroop.logic import StroopLogic
from games.focus.stroop.spec import COLOUR_SPEC, COUNTING_SPEC
from games.registry import EXERCISES


class Plain(LogicBase):
    default_spec = COLOUR_SPEC


def test_the_base_sets_up_the_start_level_with_the_overrides():
    rng = random.Random(1)
    logic = Plain(rng, {"iti_ms": 123})
    assert logic.spec is COLOUR_SPEC and logic._rng is rng and logic.trial_index == 0
    assert logic.level == COLOUR_SPEC.start_level
    assert logic.params == COLOUR_SPEC.params_at(COLOUR_SPEC.start_level, {"iti_ms": 123})
    top = logic.take_level(COLOUR_SPEC.max_level)
    assert logic.level == COLOUR_SPEC.max_level and top is logic.params and top["iti_ms"] == 123


def test_a_given_spec_replaces_the_default_one():
    logic = Plain(random.Random(1), spec=COUNTING_SPEC)
    assert logic.spec is COUNTING_SPEC and logic.params["variant"] == COUNTING_SPEC.params_at(1)["variant"]
    made = logic_factory(StroopLogic, COUNTING_SPEC)(random.Random(1), {})
    assert isinstance(made, StroopLogic) and made.spec is COUNTING_SPEC and made.variant != StroopLogic(
        random.Random(1)).variant


def test_every_exercise_makes_a_logic_playing_its_own_spec():
    for exercise in EXERCISES:
        logic = exercise.make_logic(random.Random(1), {})
        assert isinstance(logic, LogicBase) and logic.spec is exercise.spec, exercise.id
        assert logic.needs_trial and not logic.awaiting_onset and logic.trial_index == 0, exercise.id
