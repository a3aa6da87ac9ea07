"""Trail Making logic: labels, layouts whose links clear other circles, joining in order, errors, summaries."""

import random

import pytest

from games.core.engine.actions import Select
from games.problem_solving.trail_making.layout import (
    CLEARANCE, MIN_GAP, distance_to_segment, generate_layout, links_clear, trail_labels)
from games.problem_solving.trail_making.logic import Phase, TrailMakingLogic, summarize
from games.problem_solving.trail_making.spec import SPEC


def test_labels_for_part_a_and_part_b():
    assert trail_labels("A", 5) == ["1", "2", "3", "4", "5"]
    assert trail_labels("B", 7) == ["1", "A", "2", "B", "3", "C", "4"]
    with pytest.raises(ValueError):
        trail_labels("C", 3)


def test_distance_to_segment_by_hand():
    assert distance_to_segment((0.5, 0.3), (0.0, 0.0), (1.0, 0.0)) == pytest.approx(0.3)
    assert distance_to_segment((2.0, 0.0), (0.0, 0.0), (1.0, 0.0)) == pytest.approx(1.0)  # past the end
    assert distance_to_segment((0.0, 0.4), (0.0, 0.0), (0.0, 0.0)) == pytest.approx(0.4)  # a point segment


def test_links_clear_on_hand_made_layouts():
    # 1 at the left, 2 at the right, 3 right in the middle of the 1-2 link: blocked
    assert not links_clear([(0.1, 0.5), (0.9, 0.5), (0.5, 0.5)])
    # 3 well below the 1-2 link, and the 2-3 link passes far from 1
    assert links_clear([(0.1, 0.5), (0.9, 0.5), (0.5, 0.9)])


@pytest.mark.parametrize("n", [5, 9, 18])
def test_generated_layouts_keep_links_clear_and_circles_apart(n):
    for seed in range(20):
        points = generate_layout(random.Random(seed), n)
        assert len(points) == n and links_clear(points)
        assert all(0 < x < 1 and 0 < y < 1 for x, y in points)
        assert min(abs(complex(*a) - complex(*b)) for i, a in enumerate(points) for b in points[i + 1:]) >= MIN_GAP
    assert generate_layout(random.Random(4), n) == generate_layout(random.Random(4), n)
    assert CLEARANCE > 0


def test_levels_move_from_part_a_to_part_b_with_more_circles():
    parts = [SPEC.params_at(n)["part"] for n in range(1, 11)]
    circles = [SPEC.params_at(n)["circles"] for n in range(1, 11)]
    assert parts == ["A"] * 3 + ["B"] * 7
    assert circles[:3] == [5, 7, 9] and circles[3:] == sorted(circles[3:]) and circles[-1] == 18


def started(level=1, **overrides):
    logic = TrailMakingLogic(random.Random(1), overrides)
    logic.start_trial(level, 0.0)
    assert logic.awaiting_onset
    logic.mark_onset(100.0)
    return logic


def test_a_clean_part_a_trail():
    logic = started(1)
    records = []
    for i, t in enumerate([1100.0, 2100.0, 3000.0, 4200.0, 5100.0]):
        records += logic.handle(Select(i), t)
    [rec] = records
    assert rec.is_correct and not rec.timed_out and rec.rt_ms == 5000.0
    assert rec.response == "1-2-3-4-5"
    x = rec.extra
    assert (x["part"], x["circles"], x["completed"], x["errors"], x["error_log"]) == ("A", 5, True, 0, "")
    assert x["completion_time_ms"] == 5000.0 and x["ms_per_circle"] == 1250.0
    assert logic.phase is Phase.FEEDBACK
    logic.tick(5100.0 + SPEC.params_at(1)["feedback_ms"])
    assert logic.needs_trial


def test_part_b_errors_are_counted_with_expected_and_chosen():
    logic = started(4)  # part B, 6 circles: 1 A 2 B 3 C
    assert logic.labels == ["1", "A", "2", "B", "3", "C"]
    logic.handle(Select(0), 500.0)
    logic.handle(Select(2), 900.0)  # "2" when "A" was due
    assert logic.joined == 1 and logic.flashing(1000.0) == 2 and logic.flashing(900.0 + 800.0) is None
    logic.handle(Select(0), 1000.0)  # a circle already joined: ignored, not an error
    records = []
    for i, t in zip(range(1, 6), [1500.0, 2000.0, 2500.0, 3000.0, 3500.0]):
        if i == 3:
            records += logic.handle(Select(5), 2200.0)  # "C" when "B" was due
        records += logic.handle(Select(i), t)
    [rec] = records
    assert rec.extra["errors"] == 2 and rec.extra["error_log"] == "A>2;B>C"
    assert not rec.is_correct and rec.extra["completed"]  # completed, but more than one error
    assert rec.rt_ms == 3400.0


def test_one_error_is_allowed_and_the_limit_can_be_set():
    logic = started(1)
    logic.handle(Select(3), 200.0)
    records = [r for i in range(5) for r in logic.handle(Select(i), 300.0 + i)]
    assert records[0].is_correct and records[0].extra["error_log"] == "1>4"
    strict = started(1, allowed_errors=0)
    strict.handle(Select(3), 200.0)
    records = [r for i in range(5) for r in strict.handle(Select(i), 300.0 + i)]
    assert not records[0].is_correct


def test_a_trail_not_finished_in_time_times_out():
    logic = started(1)
    logic.handle(Select(0), 500.0)
    limit = 30000 + 6000 * 5
    assert logic.next_change_ms() == 100.0 + limit
    assert logic.tick(100.0 + limit - 1) == []
    [rec] = logic.tick(100.0 + limit)
    assert rec.timed_out and not rec.is_correct and rec.rt_ms is None
    assert rec.extra["circles_joined"] == 1 and rec.extra["completion_time_ms"] is None


def test_summary_medians_and_b_minus_a_cost():
    def trail(part, ms, errors=0):
        logic = started(1 if part == "A" else 4)
        n = logic.n_circles
        for _ in range(errors):
            logic.handle(Select(n - 1), 150.0)
        [rec] = [r for i in range(n) for r in logic.handle(Select(i), 100.0 + ms if i == n - 1 else 200.0)]
        return rec
    records = [trail("A", 4000), trail("A", 6000), trail("B", 9000, errors=1), trail("B", 13000), trail("B", 11000)]
    s = summarize(records)
    assert s == {"median_time_a_ms": 5000.0, "median_time_b_ms": 11000.0, "b_minus_a_ms": 6000.0,
                 "trails_completed": 5, "total_errors": 1}
    only_a = summarize(records[:2])
    assert only_a["median_time_b_ms"] is None and only_a["b_minus_a_ms"] is None
