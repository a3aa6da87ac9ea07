"""ExerciseRun: trials stored as they finish, the tracker told once per step, blocks kept whole."""

from datetime import datetime, timezone

from games.core.engine.adaptive import make_tracker
from games.core.engine.exercise import Exercise, TrialRecord
from games.memory.sequence_recall.spec import SPEC
from recorder import Recorder


class BlockLogic:
    """Three trials per block, all answered right; the block's last trial ends the step."""

    def __init__(self, rng, overrides):
        self.needs_trial, self.awaiting_onset, self.trial_index = True, False, 0
        self.levels = []

    def start_trial(self, level, now_ms):
        self.needs_trial, self.level, self.left = False, level, 3
        self.levels.append(level)

    def tick(self, now_ms):
        if self.needs_trial:
            return []
        self.trial_index += 1
        self.left -= 1
        last = self.left == 0
        self.needs_trial = last
        return [TrialRecord(self.trial_index, self.level, now_ms, "s", "r", True, 300.0, False,
                            ends_step=last, step_correct=True if last else None)]

    def handle(self, action, now_ms):
        return []

    def mark_onset(self, now_ms):
        pass

    def next_change_ms(self):
        return None


def make_run(n_trials, recorder):
    from games.core.engine.run import ExerciseRun

    no_measures = dict.fromkeys(f.name for f in SPEC.run_fields)  # every declared measure, all empty
    exercise = Exercise(SPEC, BlockLogic, lambda *a: None, lambda a, r: None, lambda records: no_measures)
    return ExerciseRun(exercise, store=recorder, session_id="s", client=None, seed=1,
                       wall_start=datetime(2026, 1, 1, tzinfo=timezone.utc), n_trials=n_trials,
                       tracker=make_tracker(SPEC.min_level, SPEC.max_level, SPEC.start_level, method="staircase"))


def test_block_runs_end_on_a_block_boundary_and_adapt_once_per_block():
    recorder = Recorder()
    run = make_run(5, recorder)
    run.start(0.0)
    for t in range(1, 20):
        run.tick(float(t))
    assert len(recorder.trials) == 6  # the second block is played to its end
    assert run.logic.levels == [2, 2]  # two right blocks: 2-right/1-wrong raises the level once
    assert [(c["rule"], c["to_level"]) for c in recorder.changes] == [("start", 2), ("tracker", 3)]
    assert recorder.changes[1]["trial_index"] == 6
    assert recorder.finished["n_trials"] == 6 and recorder.finished["completed"]
    assert run.finished


def test_trial_start_times_become_wall_clock_times():
    recorder = Recorder()
    run = make_run(3, recorder)
    run.start(1000.0)
    for t in (1500.0, 2000.0, 2500.0):
        run.tick(t)
    assert [r["started_at"].isoformat() for r in recorder.trials] == [
        "2026-01-01T00:00:00.500000+00:00", "2026-01-01T00:00:01+00:00", "2026-01-01T00:00:01.500000+00:00"]
