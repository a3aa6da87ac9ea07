"""Shopping List with simulated players: a strong one climbs, a weak one settles low, every trial is stored."""

import random
import statistics
from datetime import datetime, timezone

import pytest

from games.core.engine.clock import FakeClock
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import play_run, simulate_session
from games.memory.shopping_list.player import ShoppingListPlayer, confusion_probability, item_recall_probability
from games.registry import get_exercise

EXERCISE = get_exercise("shopping_list")


def simulate(store, ability, seed, n_trials=40):
    client = store.get_client("sim") or store.add_client("sim")
    player = EXERCISE.make_player(ability, random.Random(seed + 1))
    return simulate_session(EXERCISE, store, client, player, seed=seed, n_trials=n_trials,
                            wall_start=datetime(2026, 1, 5, 10, tzinfo=timezone.utc))


def test_strong_player_ends_higher_than_weak_player_for_every_seed(store):
    strong = [simulate(store, 0.9, seed) for seed in range(6)]
    weak = [simulate(store, 0.3, seed) for seed in range(6)]
    assert all(s.summary.end_level > w.summary.end_level for s, w in zip(strong, weak))
    assert all(s.summary.end_level >= 5 for s in strong)
    assert max(w.summary.end_level for w in weak) <= 5
    assert statistics.mean(s.summary.ability for s in strong) - statistics.mean(w.summary.ability for w in weak) > 2
    # the strong player meets look-alikes and the star-counting filler on the way up
    seen = [r.extra for run in strong for r in run.records]
    assert any(e["distractor_similarity"] == 2 and e["filler"] for e in seen)
    assert all(0 <= run.summary.measures["mean_order_score"] <= 1 for run in strong)


def test_every_trial_and_measure_reaches_the_store(store):
    run = simulate(store, 0.7, seed=11, n_trials=15)
    rows = list(store.iter_trial_rows())
    assert [r["trial_index"] for r in rows] == list(range(1, 16))
    assert [r["response"] for r in rows] == [rec.response for rec in run.records]
    [run_row] = list(store.iter_run_rows())
    measures = run_row["measures"]
    assert run_row["n_trials"] == 15 and run_row["completed"] and run_row["simulated"]
    assert measures["hits"] == sum(r.extra["hits"] for r in run.records)
    assert measures["correct_trials"] == sum(r.is_correct for r in run.records)
    assert all(r.rt_ms is not None and r.rt_ms > 300 for r in run.records)  # human speeds, never instant


def test_same_seed_replays_the_same_run(store):
    a, b = simulate(store, 0.6, seed=5, n_trials=12), simulate(store, 0.6, seed=5, n_trials=12)
    def trace(run):
        return [(r.stimulus, r.response, r.rt_ms) for r in run.records]

    assert trace(a) == trace(b)


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
