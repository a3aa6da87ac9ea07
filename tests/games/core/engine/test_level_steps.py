"""Whole runs by seeded simulated players of every exercise: the level never jumps, and no run
ends more than two levels below its estimate."""

import random
from datetime import datetime, timezone

import pytest

from games.core.engine.adaptive.policy import END_MARGIN, plan_run
from games.core.engine.adaptive.steps import SETTLE_STEPS
from games.core.engine.clock import FakeClock
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import play_run
from games.registry import EXERCISES
from recorder import Recorder

ABILITIES = (0.2, 0.5, 0.8, 1.0)
SEEDS = (3, 11)


def play(exercise, ability, seed, last_estimate=None):
    recorder = Recorder()
    run = ExerciseRun(exercise, store=recorder, session_id="s", client=None, seed=seed,
                      wall_start=datetime(2026, 3, 2, tzinfo=timezone.utc), simulated=True,
                      plan=plan_run(exercise.spec, last_estimate=last_estimate))
    play_run(run, exercise.make_player(ability, random.Random(seed + 1)), FakeClock())
    return run, recorder


def step_levels(run):
    """The level of each step, then the level a next step would have had."""
    return [r.level for r in run.records if r.ends_step] + [run.policy.next_level()]


def jumps_after_settling(levels):
    """Moves of more than one level once the run has settled (its first step down or its
    SETTLE_STEPS-th step), and drops of more than one level at any time."""
    jumps, settled = [], False
    for step, (before, after) in enumerate(zip(levels, levels[1:]), start=1):
        settled = settled or after < before or step >= SETTLE_STEPS
        if after < before - 1 or (settled and abs(after - before) > 1):
            jumps.append((step, before, after))
    return jumps


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_levels_move_one_step_at_a_time_and_runs_end_near_their_estimate(exercise):
    spec = exercise.spec
    for ability in ABILITIES:
        for seed in SEEDS:
            first = play(exercise, ability, seed)
            s = first[0].summary
            resumed = play(exercise, ability, seed + 100, (s.ability, s.ability_se))
            for run, recorder in (first, resumed):
                s = run.summary
                assert jumps_after_settling(step_levels(run)) == [], (ability, seed, step_levels(run))
                floor = min(round(s.ability) - END_MARGIN, spec.max_level)
                assert spec.min_level <= s.end_level and s.end_level >= floor, (ability, seed, s)
                assert recorder.changes[-1]["to_level"] == s.end_level  # the trail ends where the run did
