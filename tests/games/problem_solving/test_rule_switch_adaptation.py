"""Rule Switch's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): a flexible
player completes more categories and perseverates less, its measures reach the store, the player model."""

import random

import pytest

from adaptation_cases import stored_run
from games.problem_solving.rule_switch.player import RuleSwitchPlayer, perseveration
from games.registry import get_exercise

EXERCISE = get_exercise("rule_switch")


def test_a_flexible_player_completes_more_categories_and_perseverates_less(climbs):
    strong, weak = climbs("rule_switch")
    strong_m = [EXERCISE.summarize(run.records) for run in strong]
    weak_m = [EXERCISE.summarize(run.records) for run in weak]
    assert sum(m["categories_completed"] for m in strong_m) > sum(m["categories_completed"] for m in weak_m)
    assert sum(m["perseverative_errors"] for m in strong_m) < sum(m["perseverative_errors"] for m in weak_m)


def test_measures_reach_the_store(store):
    run = stored_run(store, "rule_switch")
    [row] = list(store.iter_run_rows())
    assert row["measures"] == EXERCISE.summarize(run.records)
    assert row["n_trials"] == 30


def test_player_model():
    assert perseveration(0.9, 3) < perseveration(0.3, 3) < perseveration(0.3, 4)
    with pytest.raises(ValueError):
        RuleSwitchPlayer(-0.1, random.Random(0))
