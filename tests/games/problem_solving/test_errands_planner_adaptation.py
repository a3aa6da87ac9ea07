"""Errands Planner simulated players: a strong one climbs, a weak one settles low, every plan is stored."""

import random
import statistics
from datetime import datetime, timezone

import pytest

from games.core.engine.actions import Respond, Select
from games.core.engine.simulate import simulate_session
from games.problem_solving.errands_planner.logic import ErrandsPlannerLogic, Phase
from games.problem_solving.errands_planner.player import ErrandsPlannerPlayer, optimum_probability
from games.problem_solving.errands_planner.town import make_town
from games.problem_solving.errands_planner.spec import SPEC
from games.registry import get_exercise

EXERCISE = get_exercise("errands_planner")


def simulate(store, ability, seed, n_trials=30):
    client = store.get_client("sim") or store.add_client("sim")
    player = EXERCISE.make_player(ability, random.Random(seed + 1))
    return simulate_session(EXERCISE, store, client, player, seed=seed, n_trials=n_trials,
                            wall_start=datetime(2026, 1, 5, 10, tzinfo=timezone.utc))


def test_strong_player_ends_higher_than_weak_player_for_every_seed(store):
    strong = [simulate(store, 0.9, seed).summary for seed in range(5)]
    weak = [simulate(store, 0.3, seed).summary for seed in range(5)]
    assert all(s.end_level > w.end_level for s, w in zip(strong, weak))
    assert all(s.end_level >= 6 for s in strong)
    assert max(w.end_level for w in weak) <= 5
    assert statistics.mean(s.ability for s in strong) - statistics.mean(w.ability for w in weak) > 1.5


def test_every_plan_and_its_measures_reach_the_store(store):
    run = simulate(store, 0.7, seed=11, n_trials=10)
    rows = list(store.iter_trial_rows())
    assert [r["trial_index"] for r in rows] == list(range(1, 11))
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


def test_same_seed_replays_the_same_run(store):
    a, b = simulate(store, 0.6, seed=5, n_trials=6), simulate(store, 0.6, seed=5, n_trials=6)
    assert [(r.stimulus, r.response, r.rt_ms) for r in a.records] == [(r.stimulus, r.response, r.rt_ms) for r in b.records]


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
