"""Sequence Recall's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): the
level audit trail, the player model, silence, and a stalled simulation."""

import random
from datetime import datetime, timezone

import pytest

from adaptation_cases import stored_run
from games.core.engine.clock import FakeClock
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import SimulationStalled, play_run
from games.memory.sequence_recall.player import SequenceRecallPlayer, recall_probability
from games.registry import get_exercise

EXERCISE = get_exercise("sequence_recall")


def test_every_level_change_is_stored(store):
    run = stored_run(store, "sequence_recall")
    assert len(run.records) == 25
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
    assert run_row["measures"]["correct_trials"] == sum(r.is_correct for r in run.records)


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
