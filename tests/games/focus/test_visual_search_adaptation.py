"""Visual Search simulated players: a strong one climbs past a weak one, and every trial reaches the store."""

import random
import statistics
from datetime import datetime, timezone

import pytest

from games.core.engine.clock import FakeClock
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import play_run, simulate_session
from games.focus.visual_search.player import VisualSearchPlayer
from games.registry import get_exercise

EXERCISE = get_exercise("visual_search")
WHEN = datetime(2026, 1, 5, 10, tzinfo=timezone.utc)


def simulate(store, ability, seed, n_trials=None, params=None):
    client = store.get_client("sim") or store.add_client("sim")
    player = EXERCISE.make_player(ability, random.Random(seed + 1))
    return simulate_session(EXERCISE, store, client, player, seed=seed, n_trials=n_trials, params=params,
                            wall_start=WHEN)


def test_strong_player_ends_higher_than_weak_player_for_every_seed(store):
    strong = [simulate(store, 0.9, seed) for seed in range(6)]
    weak = [simulate(store, 0.3, seed) for seed in range(6)]
    assert all(s.summary.end_level > w.summary.end_level for s, w in zip(strong, weak))
    assert all(s.summary.end_level >= 6 for s in strong)  # into conjunction search
    assert max(w.summary.end_level for w in weak) <= 5
    # the weak player searches more slowly: a steeper conjunction slope, slower answers
    slopes = lambda runs: [r.summary.measures["conjunction_slope_ms_per_item"] for r in runs]  # noqa: E731
    assert statistics.median(slopes(weak)) > statistics.median(slopes(strong))
    assert statistics.mean(w.summary.median_rt_ms for w in weak) > statistics.mean(s.summary.median_rt_ms for s in strong)
    for run in strong + weak:
        assert 90 <= run.summary.duration_s <= 240  # about 2 minutes; a quick, able player's first run is shorter
        assert 600 <= run.summary.median_rt_ms <= 1600


def test_every_trial_is_stored_with_its_fields(store):
    run = simulate(store, 0.7, seed=11, n_trials=25)
    rows = list(store.iter_trial_rows())
    assert [r["trial_index"] for r in rows] == list(range(1, 26))
    assert [r["level"] for r in rows] == [rec.level for rec in run.records]
    assert all(r["extra"]["layout"].count("@") == r["extra"]["set_size"] for r in rows)
    [run_row] = list(store.iter_run_rows())
    assert run_row["n_trials"] == 25 and run_row["completed"] and run_row["simulated"]
    assert run_row["measures"]["timeouts"] == sum(r.timed_out for r in run.records)


def test_same_seed_replays_the_same_run(store):
    a, b = simulate(store, 0.6, seed=5, n_trials=20), simulate(store, 0.6, seed=5, n_trials=20)
    assert [(r.stimulus, r.extra["layout"], r.response, r.rt_ms) for r in a.records] == \
           [(r.stimulus, r.extra["layout"], r.response, r.rt_ms) for r in b.records]


def test_the_player_times_out_when_the_window_is_shorter_than_its_search(store):
    run = simulate(store, 0.3, seed=2, n_trials=12, params={"window_ms": 500})
    assert sum(r.timed_out for r in run.records) >= 8
    assert any(r.extra["late_rt_ms"] is not None for r in run.records)  # some answers come late


def test_a_player_who_never_answers_times_out_every_trial_at_the_lowest_level(store):
    class Silent:
        def next_action(self, logic, now_ms):
            return None

    client = store.add_client("silent")
    run = ExerciseRun(EXERCISE, store=store, session_id=store.start_session(client, WHEN), client=client,
                      seed=1, wall_start=WHEN, n_trials=4)
    play_run(run, Silent(), FakeClock())
    assert all(r.timed_out and not r.is_correct for r in run.records)
    assert run.summary.end_level == EXERCISE.spec.min_level and run.summary.accuracy == 0


def test_bad_ability_is_refused():
    with pytest.raises(ValueError):
        VisualSearchPlayer(1.5, random.Random(0))
