"""Shopping List's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): what a
strong player meets on the way up, hits and speeds in the store, the player model, silence."""

import random
from datetime import datetime, timezone

import pytest

from adaptation_cases import stored_run
from games.core.engine.clock import FakeClock
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import play_run
from games.memory.shopping_list.player import ShoppingListPlayer, confusion_probability, item_recall_probability
from games.registry import get_exercise

EXERCISE = get_exercise("shopping_list")


def test_a_strong_player_meets_look_alikes_and_the_filler_on_the_way_up(climbs):
    strong, _ = climbs("shopping_list")
    seen = [r.extra for run in strong for r in run.records]
    assert any(e["distractor_similarity"] == 2 and e["filler"] for e in seen)
    assert all(0 <= run.summary.measures["mean_order_score"] <= 1 for run in strong)


def test_every_answer_and_measure_reaches_the_store(store):
    run = stored_run(store, "shopping_list")
    rows = list(store.iter_trial_rows())
    assert len(rows) == 15
    assert [r["response"] for r in rows] == [rec.response for rec in run.records]
    [run_row] = list(store.iter_run_rows())
    measures = run_row["measures"]
    assert measures["hits"] == sum(r.extra["hits"] for r in run.records)
    assert measures["correct_trials"] == sum(r.is_correct for r in run.records)
    assert all(r.rt_ms is not None and r.rt_ms > 300 for r in run.records)  # human speeds, never instant


def test_player_model_follows_length_delay_ability_and_similarity():
    assert item_recall_probability(0.9, 3, 2000) > item_recall_probability(0.9, 8, 2000)
    assert item_recall_probability(0.9, 5, 2000) > item_recall_probability(0.9, 5, 15000)
    assert item_recall_probability(0.9, 6, 8000) > item_recall_probability(0.3, 6, 8000)
    assert confusion_probability(0.5, 2) > confusion_probability(0.5, 1) > confusion_probability(0.5, 0) == 0
    assert confusion_probability(0.3, 2) > confusion_probability(0.9, 2)
    with pytest.raises(ValueError):
        ShoppingListPlayer(-0.1, random.Random(0))


def test_a_player_who_never_answers_times_out_at_the_lowest_level(store):
    class Silent:
        def next_action(self, logic, now_ms):
            return None

    client = store.add_client("silent")
    now = datetime(2026, 1, 5, tzinfo=timezone.utc)
    run = ExerciseRun(EXERCISE, store=store, session_id=store.start_session(client, now), client=client,
                      seed=1, wall_start=now, n_trials=3)
    play_run(run, Silent(), FakeClock())
    assert all(r.timed_out and not r.is_correct and r.level == 1 for r in run.records)
    assert run.summary.accuracy == 0 and run.summary.measures["hits"] == 0
