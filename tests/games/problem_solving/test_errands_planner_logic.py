"""Errands Planner on hand-worked towns: the exact solver, the scoring, scripted plans, and the view's mapping."""

import itertools
import random

import pygame
import pytest

from games.core.engine.actions import Respond, Select, Undo
from games.problem_solving.errands_planner.logic import ErrandsPlannerLogic, Phase, summarize
from games.problem_solving.errands_planner.spec import SPEC
from games.problem_solving.errands_planner.town import Errand, Town, best_order, make_town, score

# Home at the top-left corner of a 4 x 3 grid. Blocks: home-A 3, home-B 2, home-C 5, A-B 5, A-C 2, B-C 3.
# Rounds: A-B-C 16, A-C-B 10, B-A-C 14, B-C-A 10 (and their reverses).
HOME, A, B, C = (0, 0), (3, 0), (0, 2), (3, 2)


def town(frozen=False, b_closes=None, wallet=None, names=("Bakery", "Post office", "Supermarket"), costs=(4, 8, 25)):
    closes = (None, b_closes, None)
    errands = tuple(Errand(n, "task", at, cost, shut) for n, at, cost, shut in zip(names, (A, B, C), costs, closes))
    return Town(4, 3, HOME, errands, frozen_last=frozen, wallet=wallet)


def brute_force(t):
    kept = [o for o in itertools.permutations(range(len(t.errands))) if not score(t, o).broken]
    return min(kept, key=lambda o: score(t, o).blocks, default=None)


def test_without_rules_the_shortest_round_is_ten_blocks():
    t = town()
    assert [score(t, o).blocks for o in [(0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0)]] == [16, 10, 14, 10]
    assert best_order(t) == (0, 2, 1)  # A-C-B, the first of the ties


def test_frozen_food_last_forces_the_supermarket_to_the_end():
    t = town(frozen=True)
    assert best_order(t) == (1, 0, 2) and score(t, (1, 0, 2)).blocks == 14  # B-A-C
    assert score(t, (0, 2, 1)).broken == ("frozen_last",)


def test_a_closing_time_is_kept_by_arriving_in_time():
    # 3 min a block, 5 min a stop, leaving at 9:00: B first arrives 9:06, A-C-B reaches B at 9:34.
    t = town(b_closes=550)
    assert score(t, (0, 2, 1)).arrivals_min == (549, 560, 574)
    assert score(t, (0, 2, 1)).broken == ("hours:B",)
    assert best_order(t) == (1, 2, 0) and score(t, (1, 2, 0)).finish_min == 540 + 30 + 15
    assert best_order(town(b_closes=545)) == (1, 0, 2) or best_order(town(b_closes=545)) is None


def test_the_budget_sends_the_player_to_the_bank_first():
    t = town(wallet=5, names=("Pharmacy", "Bank", "Bakery"), costs=(12, 0, 4))
    assert score(t, (0, 2, 1)).broken == ("budget:A",)
    assert best_order(t) == (1, 2, 0)
    assert best_order(t, keep_rules=False) == (0, 2, 1)


def test_the_search_agrees_with_brute_force_on_dealt_towns():
    rng = random.Random(3)
    for level in (3, 5, 7, 8):
        for _ in range(6):
            t = make_town(rng, SPEC.params_at(level))
            mine, brute = best_order(t), brute_force(t)
            assert score(t, mine).blocks == score(t, brute).blocks and not score(t, mine).broken


def test_dealt_towns_match_their_level_and_their_rules_matter():
    rng = random.Random(5)
    for level in range(1, SPEC.max_level + 1):
        p = SPEC.params_at(level)
        t = make_town(rng, p)
        assert len(t.errands) == p["errands"] and best_order(t) is not None
        assert sum(e.closes_min is not None for e in t.errands) == p["hours"]
        if level >= 3:
            assert score(t, best_order(t, keep_rules=False)).broken


def planning(t, onset=100.0):
    logic = ErrandsPlannerLogic(random.Random(1))
    logic.set_town(t, 0.0)
    assert logic.awaiting_onset
    logic.mark_onset(onset)
    return logic


def test_a_scripted_plan_with_undos_is_scored_against_the_best():
    logic = planning(town(frozen=True))
    assert logic.handle(Respond("done"), 500) == []  # nothing chosen yet: Done waits
    logic.handle(Select(0), 2100)  # A
    logic.handle(Select(0), 2500)  # A again: taken back
    logic.handle(Select(1), 3000)  # B
    logic.handle(Select(0), 3500)  # A
    logic.handle(Select(1), 3700)  # B is not the last: ignored
    logic.handle(Select(2), 4000)  # C
    logic.handle(Undo(), 4200)
    logic.handle(Select(2), 4400)
    assert logic.plan == [1, 0, 2]
    [record] = logic.handle(Respond("done"), 5100)
    x = record.extra
    assert record.is_correct and record.rt_ms == pytest.approx(5000) and record.response == "BAC"
    assert (x["route_blocks"], x["best_blocks"], x["extra_blocks"], x["allowed_blocks"]) == (14, 14, 0, 15)
    assert x["planning_ms"] == pytest.approx(2000) and x["undos"] == 2 and x["optimal"]
    assert x["rules"] == "frozen_last" and x["rules_broken"] == "" and x["finish_clock"] == "9:57"
    assert logic.phase is Phase.FEEDBACK
    logic.tick(5100 + 4000)
    assert logic.needs_trial


def test_a_broken_rule_a_long_route_and_a_missing_errand_are_not_right():
    logic = planning(town(frozen=True))
    for i in (0, 2, 1):
        logic.handle(Select(i), 1000)
    [broken] = logic.handle(Respond("done"), 2000)
    assert not broken.is_correct and broken.extra["rules_broken"] == "frozen_last"
    logic = planning(town())
    for i in (0, 1, 2):
        logic.handle(Select(i), 1000)
    [long] = logic.handle(Respond("done"), 2000)
    assert not long.is_correct and long.extra["route_ratio"] == 1.6 and long.extra["n_rules_broken"] == 0
    logic = planning(town())
    logic.handle(Select(1), 1000)
    [short] = logic.handle(Respond("done"), 2000)
    assert not short.is_correct and short.extra["errands_missing"] == 2
    summary = summarize([broken, long, short])
    assert summary["plans_right"] == 0 and summary["total_rules_broken"] == 1
    assert summary["mean_route_ratio"] == pytest.approx((0.714 + 1.6) / 2, abs=1e-3)  # breaking a rule can be shorter


def test_a_plan_not_handed_in_times_out():
    logic = planning(town())
    logic.handle(Select(0), 1000)
    assert logic.next_change_ms() == 100 + 300000
    [record] = logic.tick(100 + 300000)
    assert record.timed_out and not record.is_correct and record.rt_ms is None


def test_keys_and_clicks_map_to_the_same_actions():
    from games.core.ui.theme import Theme
    from games.problem_solving.errands_planner.view import ErrandsPlannerView

    pygame.init()
    surface = pygame.Surface((1100, 760))
    logic = planning(town(wallet=5, names=("Pharmacy", "Bank", "Bakery"), costs=(12, 0, 4)))
    for scale in (1.0, 1.5):
        view = ErrandsPlannerView(Theme.create(font_scale=scale))
        view.draw(surface, pygame.Rect(20, 60, 1060, 680), logic, 200.0)
        for action in [Select(0), Select(1), Select(2), Undo(), Respond("done")]:
            key = pygame.event.Event(pygame.KEYDOWN, key=view.key_for(action, logic), mod=0, unicode="")
            click = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=view.click_for(action, logic), button=1)
            assert view.action_for(key, logic) == action == view.action_for(click, logic)
