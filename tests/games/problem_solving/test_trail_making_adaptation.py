"""Trail Making's own adaptation checks (the shared ones are in tests/games/test_adaptation.py): each
stored trail's errors, and the player model (the view's keys and clicks: test_trail_making_view.py)."""

from adaptation_cases import stored_run
from games.problem_solving.trail_making.player import error_probability, step_median_ms


def test_every_trail_and_its_measures_reach_the_store(store):
    run = stored_run(store, "trail_making")
    assert len(run.records) == 10
    for rec in run.records:
        x = rec.extra
        assert x["errors"] == (len(x["error_log"].split(";")) if x["error_log"] else 0)
        assert rec.is_correct == (x["completed"] and x["errors"] <= x["allowed_errors"])
    [run_row] = list(store.iter_run_rows())
    assert run_row["measures"]["total_errors"] == sum(r.extra["errors"] for r in run.records)


def test_player_model_is_slower_and_slips_more_in_part_b_and_with_less_ability():
    assert error_probability(0.3, "B") > error_probability(0.3, "A") > error_probability(0.9, "A")
    assert step_median_ms(0.9, "B", 0.3) > step_median_ms(0.9, "A", 0.3) > step_median_ms(0.9, "A", 0.1)
    assert step_median_ms(0.3, "A", 0.3) > step_median_ms(0.9, "A", 0.3)
