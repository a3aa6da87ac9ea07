"""Tower of London simulated players: a strong planner climbs, a weak one settles low, every problem is stored."""

import random
import statistics
from datetime import datetime, timezone

import pytest

from games.core.engine.clock import FakeClock
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import play_run
from games.problem_solving.tower_of_london.player import TowerOfLondonPlayer, planning_depth
from games.registry import get_exercise

EXERCISE = get_exercise("tower_of_london")
WALL = datetime(2026, 1, 5, 10, tzinfo=timezone.utc)


def simulate(store, ability, seed, n_trials=30):
    client = store.get_client("sim") or store.add_client("sim")
    session_id = store.start_session(client, WALL, kind="simulated")
    run = ExerciseRun(EXERCISE, store=store, session_id=session_id, client=client, seed=seed,
                      wall_start=WALL, n_trials=n_trials, simulated=True)
    play_run(run, EXERCISE.make_player(ability, random.Random(seed + 1)), FakeClock())
    return run


def test_strong_planner_ends_higher_than_weak_planner_for_every_seed(store):
    strong = [simulate(store, 0.9, seed).summary for seed in range(5)]
    weak = [simulate(store, 0.3, seed).summary for seed in range(5)]
    assert all(s.end_level > w.end_level for s, w in zip(strong, weak))
    assert all(s.end_level >= 6 for s in strong)
    assert max(w.end_level for w in weak) <= 5
    assert statistics.mean(s.ability for s in strong) - statistics.mean(w.ability for w in weak) > 2


def test_every_problem_and_its_measures_reach_the_store(store):
    run = simulate(store, 0.6, seed=7, n_trials=10)
    rows = list(store.iter_trial_rows())
    assert [r["trial_index"] for r in rows] == list(range(1, 11))
    for rec in run.records:
        x = rec.extra
        assert x["moves"] == len(x["move_list"].split()) and x["excess_moves"] == x["moves"] - x["min_moves"]
        assert x["min_moves"] == rec.level and rec.is_correct == x["solved_in_min"]
        assert x["rule_breaks"] == 0  # the simulated player only tries legal moves
    [run_row] = list(store.iter_run_rows())
    assert run_row["measures"]["problems_solved"] == sum(r.extra["solved"] for r in run.records)


def test_planning_depth_grows_with_ability():
    assert planning_depth(0.0) == 1 and planning_depth(1.0) == 8
    assert planning_depth(0.3) < planning_depth(0.9)
    with pytest.raises(ValueError):
        TowerOfLondonPlayer(1.2, random.Random(0))
