"""Errands Planner's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): each
stored plan, the insight model, and a player choosing each place once."""

import random

import pytest

from adaptation_cases import stored_run
from games.core.engine.actions import Respond, Select
from games.problem_solving.errands_planner.logic import ErrandsPlannerLogic, Phase
from games.problem_solving.errands_planner.player import ErrandsPlannerPlayer, optimum_probability
from games.problem_solving.errands_planner.spec import SPEC
from games.problem_solving.errands_planner.town import make_town


def test_every_plan_and_its_measures_reach_the_store(store):
    run = stored_run(store, "errands_planner")
    assert len(run.records) == 10
    for rec in run.records:
        x = rec.extra
        assert len(x["plan"]) + x["errands_missing"] == x["errands"]
        assert x["extra_blocks"] == x["route_blocks"] - x["best_blocks"] >= 0 or x["n_rules_broken"]
        assert rec.is_correct == (not x["errands_missing"] and not x["n_rules_broken"]
                                  and x["route_blocks"] <= x["allowed_blocks"])
    [run_row] = list(store.iter_run_rows())
    measures = run_row["measures"]
    assert measures["plans_right"] == sum(r.is_correct for r in run.records)
    assert measures["total_rules_broken"] == sum(r.extra["n_rules_broken"] for r in run.records)


def test_insight_falls_with_errands_and_rises_with_ability():
    rng = random.Random(4)
    small, big = make_town(rng, SPEC.params_at(1)), make_town(rng, SPEC.params_at(9))
    assert optimum_probability(0.9, small) > optimum_probability(0.9, big) > optimum_probability(0.3, big)
    assert optimum_probability(0.3, small) > 0.6  # the first level is easy for anyone
    with pytest.raises(ValueError):
        ErrandsPlannerPlayer(1.5, random.Random(0))


def test_the_player_chooses_each_place_once_then_hands_in():
    logic = ErrandsPlannerLogic(random.Random(1))
    player = ErrandsPlannerPlayer(0.8, random.Random(2))
    logic.start_trial(4, 0.0)
    assert player.next_action(logic, 0.0) is None  # the map's onset is not stamped yet
    logic.mark_onset(0.0)
    now, chosen = 0.0, []
    while logic.phase is Phase.PLAN:
        at_ms, action = player.next_action(logic, now)
        assert at_ms > now
        now = at_ms
        if isinstance(action, Select):
            assert action.index not in logic.plan
            chosen.append(action.index)
        else:
            assert action == Respond("done")
        logic.handle(action, now)
    assert sorted(chosen) == list(range(4))
