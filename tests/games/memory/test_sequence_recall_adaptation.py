"""Simulated players: a strong one climbs, a weak one settles low, and every trial reaches the store."""

import random
import statistics
from datetime import datetime, timezone

import pytest

from games.core.engine.clock import FakeClock
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import SimulationStalled, play_run, simulate_session
from games.memory.sequence_recall.player import SequenceRecallPlayer, recall_probability
from games.registry import get_exercise

EXERCISE = get_exercise("sequence_recall")


def simulate(store, ability, seed, n_trials=40):
    client = store.get_client("sim") or store.add_client("sim")
    player = EXERCISE.make_player(ability, random.Random(seed + 1))
    return simulate_session(EXERCISE, store, client, player, seed=seed, n_trials=n_trials,
                            wall_start=datetime(2026, 1, 5, 10, tzinfo=timezone.utc))


def test_strong_player_ends_higher_than_weak_player_for_every_seed(store):
    strong = [simulate(store, 0.9, seed).summary for seed in range(8)]
    weak = [simulate(store, 0.3, seed).summary for seed in range(8)]
    assert all(s.end_level > w.end_level for s, w in zip(strong, weak))
    assert all(s.end_level > s.start_level for s in strong)
    assert statistics.mean(s.ability for s in strong) - statistics.mean(w.ability for w in weak) > 2.5
    # the weak player settles low: near the span the player model gives them, never at the top
    assert max(w.end_level for w in weak) <= 6


def test_every_trial_and_level_change_is_stored(store):
    run = simulate(store, 0.7, seed=11, n_trials=25)
    rows = list(store.iter_trial_rows())
    assert [r["trial_index"] for r in rows] == list(range(1, 26))
    assert [r["level"] for r in rows] == [rec.level for rec in run.records]
    changes = store.level_changes(run.run_id)
    assert changes[0]["rule"] == "start" and changes[0]["to_level"] == EXERCISE.spec.start_level
    # replaying the stored levels through the audit trail gives each next trial's level
    assert {c["rule"] for c in changes[1:]} <= {"tracker", "errorless"}
    level_after = {c["trial_index"]: c["to_level"] for c in changes[1:]}
    level = EXERCISE.spec.start_level
    for rec in run.records:
        assert rec.level == level
        level = level_after.get(rec.trial_index, level)
    [run_row] = list(store.iter_run_rows())
    assert run_row["n_trials"] == 25 and run_row["completed"] and run_row["simulated"]
    assert run_row["measures"]["correct_trials"] == sum(r.is_correct for r in run.records)


def test_same_seed_replays_the_same_run(store):
    a, b = simulate(store, 0.6, seed=5), simulate(store, 0.6, seed=5)
    assert [(r.stimulus, r.response, r.rt_ms) for r in a.records] == [(r.stimulus, r.response, r.rt_ms) for r in b.records]


def test_player_model_gets_worse_with_length_and_better_with_ability():
    assert recall_probability(0.9, 3) > recall_probability(0.9, 8) > recall_probability(0.3, 8)
    with pytest.raises(ValueError):
        SequenceRecallPlayer(1.5, random.Random(0))


def test_a_player_who_never_answers_times_out_every_trial_at_the_lowest_level(store):
    class Silent:
        def next_action(self, logic, now_ms):
            return None

    client = store.add_client("silent")
    now = datetime(2026, 1, 5, tzinfo=timezone.utc)
    run = ExerciseRun(EXERCISE, store=store, session_id=store.start_session(client, now), client=client,
                      seed=1, wall_start=now, n_trials=4)
    play_run(run, Silent(), FakeClock())
    assert all(r.timed_out and not r.is_correct for r in run.records)
    assert run.summary.end_level == EXERCISE.spec.min_level and run.summary.accuracy == 0


def test_stalled_simulation_is_reported():
    class NeverEnds:
        needs_trial, awaiting_onset, trial_index = False, False, 1

        def next_change_ms(self):
            return None

    run = ExerciseRun(EXERCISE, store=_NullStore(), session_id="s", client=None, seed=1,
                      wall_start=datetime.now(timezone.utc), n_trials=1)
    run.logic = NeverEnds()
    with pytest.raises(SimulationStalled):
        play_run(run, type("P", (), {"next_action": lambda self, logic, now: None})(), FakeClock())


class _NullStore:
    def start_run(self, **kwargs):
        return "run"

    def add_level_change(self, run_id, **kwargs):
        return "change"
