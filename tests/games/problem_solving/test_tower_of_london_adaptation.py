"""Tower of London's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): each
stored problem's moves, and planning depth growing with ability."""

import random

import pytest

from adaptation_cases import stored_run
from games.problem_solving.tower_of_london.player import TowerOfLondonPlayer, planning_depth


def test_every_problem_and_its_measures_reach_the_store(store):
    run = stored_run(store, "tower_of_london")
    assert len(run.records) == 10
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
