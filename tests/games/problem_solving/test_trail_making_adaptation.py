"""Trail Making simulated players adapt (strong climbs, weak settles low); the view's keys and clicks agree."""

import random
from datetime import datetime, timezone

import pygame
import pytest

from games.core.engine.actions import Select
from games.core.engine.simulate import simulate_session
from games.core.ui.theme import Theme
from games.problem_solving.trail_making.logic import TrailMakingLogic
from games.problem_solving.trail_making.player import error_probability, step_median_ms
from games.problem_solving.trail_making.view import TrailMakingView
from games.registry import get_exercise

EXERCISE = get_exercise("trail_making")


def simulate(store, ability, seed, n_trials=30):
    client = store.get_client(f"sim{ability}") or store.add_client(f"sim{ability}")
    player = EXERCISE.make_player(ability, random.Random(seed + 1))
    return simulate_session(EXERCISE, store, client, player, seed=seed, n_trials=n_trials,
                            wall_start=datetime(2026, 1, 5, 10, tzinfo=timezone.utc))


def test_strong_player_ends_higher_than_weak_player_for_every_seed(store):
    strong = [simulate(store, 0.9, seed).summary for seed in range(4)]
    weak = [simulate(store, 0.3, seed).summary for seed in range(4)]
    assert all(s.end_level > w.end_level for s, w in zip(strong, weak))
    assert all(s.end_level >= 8 for s in strong)
    assert max(w.end_level for w in weak) <= 7


def test_every_trail_and_its_measures_reach_the_store(store):
    run = simulate(store, 0.7, seed=3, n_trials=10)
    rows = list(store.iter_trial_rows())
    assert [r["trial_index"] for r in rows] == list(range(1, 11))
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


@pytest.mark.parametrize("level", [1, 10])
def test_keys_and_clicks_map_back_to_every_circle(level):
    pygame.init()
    surface = pygame.Surface((1100, 760))
    logic = TrailMakingLogic(random.Random(2))
    logic.start_trial(level, 0.0)
    view = TrailMakingView(Theme.create())
    view.draw(surface, surface.get_rect().inflate(-40, -40), logic, 0.0)
    for i in range(logic.n_circles):
        key = view.key_for(Select(i), logic)
        assert view.action_for(pygame.event.Event(pygame.KEYDOWN, key=key), logic) == Select(i)
        pos = view.click_for(Select(i), logic)
        assert view.action_for(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos), logic) == Select(i)
    # arrow keys move a focus ring, Enter chooses the focused circle
    view.focus = 0
    moves = [view.action_for(pygame.event.Event(pygame.KEYDOWN, key=k), logic)
             for k in (pygame.K_RIGHT, pygame.K_DOWN, pygame.K_LEFT, pygame.K_UP)]
    assert moves == [None] * 4 and view.show_focus
    assert view.action_for(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN), logic) == Select(view.focus)
