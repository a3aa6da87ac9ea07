"""Tower of London: the solver and generator on hand-worked cases, and scripted play of the logic."""

import random

import pygame
import pytest

from games.core.engine.actions import Select
from games.problem_solving.tower_of_london.logic import Phase, TowerOfLondonLogic, summarize
from games.problem_solving.tower_of_london.puzzle import (
    all_states, apply_move, distances_from, generate_problem, legal_moves, max_distance, min_moves, optimal_moves,
)

START = ((1, 2), (3,), ())  # left: 1 under 2; middle: 3; right: empty


def test_there_are_36_states_and_the_longest_problem_takes_8_moves():
    states = all_states()
    assert len(states) == 36 and len(set(states)) == 36
    assert all(len(peg) <= cap for s in states for peg, cap in zip(s, (3, 2, 1)))
    assert max_distance() == 8
    assert all(len(distances_from(s)) == 36 for s in states)  # every state reaches every other


def test_legal_moves_respect_the_capacities():
    # from START: 2 can go to the middle (room for 1) or right; 3 can go left or right
    assert sorted(legal_moves(START)) == [(0, 1), (0, 2), (1, 0), (1, 2)]
    full = ((1, 2, 3), (), ())
    assert sorted(legal_moves(full)) == [(0, 1), (0, 2)]
    with pytest.raises(ValueError):
        apply_move(((1,), (2, 3), ()), (0, 1))  # onto the full middle peg
    with pytest.raises(ValueError):
        apply_move(START, (2, 0))  # from the empty right peg


def test_hand_worked_distances():
    assert min_moves(START, START) == 0
    assert min_moves(START, ((1,), (3, 2), ())) == 1  # 2 onto 3
    # 1 at the bottom of the left peg must come out from under 2: 2 right, 1 to the middle
    assert min_moves(START, ((), (3, 1), (2,))) == 2
    # the tower 1-2-3 on the left: 2 already sits on 1, so 3 from the middle on top = 1 move
    assert min_moves(START, ((1, 2, 3), (), ())) == 1
    # swapping the left pair: 2 right, 1 onto 3, 2 back left, 1 onto 2 = 4 moves
    assert min_moves(START, ((2, 1), (3,), ())) == 4
    assert optimal_moves(START, ((1,), (3, 2), ())) == [(0, 1)]


@pytest.mark.parametrize("moves", range(1, 9))
def test_generated_problems_have_the_asked_minimum(moves):
    rng = random.Random(moves)
    for _ in range(10):
        start, goal = generate_problem(rng, moves)
        assert min_moves(start, goal) == moves == min_moves(goal, start)


def test_same_seed_same_problems():
    a, b = random.Random(3), random.Random(3)
    assert [generate_problem(a, 5) for _ in range(5)] == [generate_problem(b, 5) for _ in range(5)]


def play(logic, pegs, t0=1000.0, step=500.0):
    """Select each peg in turn, ``step`` ms apart from ``t0``; returns the records."""
    out, now = [], t0
    for peg in pegs:
        out += logic.handle(Select(peg), now)
        now += step
    return out


def new_logic(start=START, goal=((), (3, 1), (2,))):
    logic = TowerOfLondonLogic(random.Random(0))
    logic.trial_index = 1
    logic.begin(start, goal, 0.0)
    assert logic.awaiting_onset
    logic.mark_onset(200.0)
    return logic


def test_solved_in_the_minimum_is_correct_with_its_measures():
    logic = new_logic()
    # pick 2 (left) at 1000, put right at 1500, pick 1 at 2000, put middle at 2500
    [rec] = play(logic, [0, 2, 0, 1])
    x = rec.extra
    assert rec.is_correct and x["solved"] and x["solved_in_min"]
    assert (x["min_moves"], x["moves"], x["excess_moves"], x["move_limit"]) == (2, 2, 0, 8)
    assert x["planning_time_ms"] == 800.0 and x["total_time_ms"] == 2300.0 and rec.rt_ms == 2300.0
    assert x["move_list"] == "2:1>3@1300 1:1>2@2300" and rec.response == "1>3 1>2"
    assert rec.stimulus == "start 12|3|- goal -|31|2"
    assert logic.phase is Phase.FEEDBACK and logic.last_in_min


def test_rule_breaks_are_refused_and_counted_and_cancel_is_no_move():
    logic = new_logic()
    play(logic, [2], t0=1000)  # the right peg is empty: refused
    assert logic.held is None and logic.rule_breaks == 1 and "empty" in logic.notice
    play(logic, [1, 1], t0=2000)  # pick 3 up, put it back: no move
    assert logic.moves == [] and logic.held is None
    play(logic, [0, 1], t0=3000)  # 2 onto the middle, which then holds 3 and 2: fine
    play(logic, [2], t0=4000)  # the right peg is empty again
    assert logic.rule_breaks == 2
    play(logic, [0, 1], t0=5000)  # 1 onto the full middle peg: refused, 1 stays in hand
    assert logic.rule_breaks == 3 and logic.held == 0 and "full" in logic.notice
    assert logic.first_pick_ms == 1800.0  # the first ball actually picked up (3, at 2000)


def test_solved_with_extra_moves_is_solved_but_not_correct():
    logic = new_logic(goal=((1,), (3, 2), ()))  # 1 move: 2 onto 3
    [rec] = play(logic, [0, 2, 2, 1])  # 2 to the right, then onto 3
    assert rec.extra["solved"] and not rec.is_correct and rec.extra["excess_moves"] == 1


def test_move_limit_and_time_limit_end_the_problem_unsolved():
    logic = new_logic(goal=((1,), (3, 2), ()))  # limit 2 x 1 + 4 = 6 moves
    recs = play(logic, [1, 2, 2, 1] * 3)  # 3 to the right and back, three times
    assert len(recs) == 1 and not recs[0].extra["solved"] and recs[0].extra["moves"] == 6
    assert not recs[0].timed_out and not recs[0].is_correct
    logic = new_logic()
    assert logic.next_change_ms() == 200.0 + 180000
    [rec] = logic.tick(200.0 + 180000)
    assert rec.timed_out and rec.rt_ms is None and not rec.extra["solved"]
    assert rec.extra["planning_time_ms"] is None


def test_feedback_then_the_next_problem_at_the_level():
    logic = TowerOfLondonLogic(random.Random(4))
    logic.start_trial(5, 0.0)
    assert logic.min_moves == 5 and logic.level == 5 and logic.state == logic.start
    logic.mark_onset(10.0)
    logic.tick(200000.0)
    assert logic.phase is Phase.FEEDBACK and not logic.needs_trial
    logic.tick(200000.0 + 2500)
    assert logic.needs_trial


def test_summarize():
    a = new_logic()
    [ra] = play(a, [0, 2, 0, 1])
    b = new_logic(goal=((1,), (3, 2), ()))
    [rb] = play(b, [0, 2, 2, 1])
    c = new_logic()
    [rc] = c.tick(1e9)
    m = summarize([ra, rb, rc])
    assert m == {"problems_solved": 2, "problems_solved_in_min": 1, "mean_excess_moves": 0.5,
                 "median_planning_time_ms": 800.0, "median_total_time_ms": 2300.0, "total_rule_breaks": 0}
    assert summarize([])["mean_excess_moves"] is None


def test_view_keys_and_clicks_map_back_to_the_same_action():
    from games.core.ui.theme import Theme
    from games.problem_solving.tower_of_london.view import TowerOfLondonView

    pygame.init()
    view, logic = TowerOfLondonView(Theme.create()), new_logic()
    surface = pygame.Surface((1100, 760))
    view.draw(surface, pygame.Rect(40, 80, 1020, 640), logic, 0.0)
    for peg in range(3):
        action = Select(peg)
        key = pygame.event.Event(pygame.KEYDOWN, key=view.key_for(action, logic))
        click = pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=view.click_for(action, logic))
        assert view.action_for(key, logic) == action == view.action_for(click, logic)
    for key, peg in ((pygame.K_a, 0), (pygame.K_s, 1), (pygame.K_d, 2)):
        assert view.action_for(pygame.event.Event(pygame.KEYDOWN, key=key), logic) == Select(peg)
    assert view.key_for(Select(3), logic) is None
