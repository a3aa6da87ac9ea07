"""Visual Search's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): search
slopes and speeds, run length, the stored layouts, and answers that come too late."""

import statistics

from adaptation_cases import simulate, stored_run


def test_a_strong_player_reaches_conjunction_search_and_searches_faster(climbs):
    strong, weak = climbs("visual_search")
    # the weak player searches more slowly: a steeper conjunction slope, slower answers
    slopes = lambda runs: [r.summary.measures["conjunction_slope_ms_per_item"] for r in runs]  # noqa: E731
    assert statistics.median(slopes(weak)) > statistics.median(slopes(strong))
    assert statistics.mean(w.summary.median_rt_ms for w in weak) > statistics.mean(s.summary.median_rt_ms for s in strong)
    for run in strong + weak:
        assert 90 <= run.summary.duration_s <= 240  # about 2 minutes; a quick, able player's first run is shorter
        assert 600 <= run.summary.median_rt_ms <= 1600


def test_every_trial_is_stored_with_its_layout_and_timeouts(store):
    run = stored_run(store, "visual_search")
    rows = list(store.iter_trial_rows())
    assert len(rows) == 25
    assert all(r["extra"]["layout"].count("@") == r["extra"]["set_size"] for r in rows)
    [run_row] = list(store.iter_run_rows())
    assert run_row["measures"]["timeouts"] == sum(r.timed_out for r in run.records)


def test_the_player_times_out_when_the_window_is_shorter_than_its_search(store):
    run = simulate(store, "visual_search", 0.3, seed=2, n_trials=12, params={"window_ms": 500})
    assert sum(r.timed_out for r in run.records) >= 8
    assert any(r.extra["late_rt_ms"] is not None for r in run.records)  # some answers come late
