"""Every exercise adapts alike: a strong simulated player climbs past a weak one, who settles low; levels
never jump; every trial reaches the store; a seed replays its run; a player's ability is checked.

Each exercise's own checks (its measures, its player model) sit beside its logic tests, in
``tests/games/<domain>/test_<id>_adaptation.py``; the runs both read are played once
(``climbs`` in tests/games/conftest.py, settings in tests/games/adaptation_cases.py).
"""

import random
import statistics

import pytest

from adaptation_cases import CLIMBS, REPLAYED, REPLAYED_DEFAULT, simulate, stored_run
from games.core.engine.adaptive.steps import SETTLE_STEPS
from games.registry import get_exercise

IDS = sorted(CLIMBS)


def test_every_registered_exercise_has_its_adaptation_settings():
    from games.registry import EXERCISES

    missing = sorted({exercise.id for exercise in EXERCISES} - set(IDS))
    assert not missing, f"say how {missing} should adapt: an entry in CLIMBS and STORED (tests/games/adaptation_cases.py)"
    assert sorted(exercise.id for exercise in EXERCISES) == IDS


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_strong_player_climbs_past_a_weak_one_who_settles_low(climbs, exercise_id):
    spec, climb = get_exercise(exercise_id).spec, CLIMBS[exercise_id]
    strong, weak = climbs(exercise_id)
    for seed, (s, w) in enumerate(zip(strong, weak)):
        assert s.summary.end_level > w.summary.end_level, seed
        assert s.summary.end_level > s.summary.start_level, seed
    if climb.strong_at_least is not None:
        assert min(s.summary.end_level for s in strong) >= climb.strong_at_least
    weak_top = spec.max_level - 1 if climb.weak_at_most is None else climb.weak_at_most
    assert max(w.summary.end_level for w in weak) <= weak_top
    gap = statistics.mean(s.summary.ability for s in strong) - statistics.mean(w.summary.ability for w in weak)
    assert gap > climb.ability_gap


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_runs_levels_never_jump(climbs, exercise_id):
    """Levels change between steps only, never drop by more than one, and move by one once settled."""
    for run in [run for runs in climbs(exercise_id) for run in runs]:
        records = run.records
        assert all(b.level == a.level for a, b in zip(records, records[1:]) if not a.ends_step)
        step_levels = [r.level for r in records if r.ends_step]
        settled = False
        for index, (before, after) in enumerate(zip(step_levels, step_levels[1:]), start=1):
            settled = settled or index >= SETTLE_STEPS
            assert after >= before - 1, (run.seed, index)
            if settled:
                assert abs(after - before) <= 1, (run.seed, index)
            settled = settled or after < before


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_trial_and_the_runs_measures_reach_the_store(store, exercise_id):
    spec = get_exercise(exercise_id).spec
    run = stored_run(store, exercise_id)
    rows = list(store.iter_trial_rows())
    assert [r["trial_index"] for r in rows] == list(range(1, len(run.records) + 1))
    assert [r["level"] for r in rows] == [rec.level for rec in run.records]
    assert {r["exercise"] for r in rows} == {exercise_id}
    [run_row] = list(store.iter_run_rows())
    assert run_row["n_trials"] == len(run.records) and run_row["completed"] and run_row["simulated"]
    assert set(run_row["measures"]) == {f.name for f in spec.run_fields}
    assert run_row["measures"] == run.summary.measures


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_same_seed_replays_the_same_run(store, exercise_id):
    n_trials = REPLAYED.get(exercise_id, REPLAYED_DEFAULT)
    a, b = (simulate(store, exercise_id, 0.6, seed=5, n_trials=n_trials) for _ in range(2))

    def trace(run):
        return [(r.level, r.stimulus, r.response, r.rt_ms, r.timed_out, r.extra) for r in run.records]

    assert len(a.records) >= n_trials and trace(a) == trace(b)


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_player_ability_outside_0_to_1_is_refused(exercise_id):
    exercise = get_exercise(exercise_id)
    for ability in (-0.1, 1.2, 1.5):
        with pytest.raises(ValueError):
            exercise.make_player(ability, random.Random(0))
    for ability in (0.0, 1.0):  # the ends of the range are abilities too
        exercise.make_player(ability, random.Random(0))
