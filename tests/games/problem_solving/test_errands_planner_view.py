"""Errands Planner view: each phase draws in every theme; a place's letter or a click on it
adds it, Backspace and Undo take one back, Enter and Done hand the plan in."""

import pygame
import pytest

from games.core.engine.actions import Respond, Select, Undo
from games.core.ui.theme import forget_fonts
from games.registry import get_exercise
from view_checks import check_played, click_event, key_event, play_trial, ready_to_answer

SPEC = get_exercise("errands_planner").spec


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


@pytest.mark.parametrize("level", [SPEC.min_level, SPEC.max_level])
def test_a_trial_draws_in_every_theme_and_every_answer_has_its_key_and_click(level):
    check_played(play_trial("errands_planner", level))


@pytest.mark.parametrize("level", [1, 9])
def test_letters_and_clicks_choose_places_and_the_buttons_undo_and_hand_in(level):
    view, logic, now_ms = ready_to_answer("errands_planner", level)
    for i in range(logic.n_places):
        assert view.action_for(key_event(pygame.K_a + i), logic) == Select(i)
        assert view.action_for(click_event(view.place_rects[i].center), logic) == Select(i)
    assert view.action_for(key_event(pygame.K_a + logic.n_places), logic) is None  # no such place
    assert view.action_for(key_event(pygame.K_BACKSPACE), logic) == Undo()
    assert view.action_for(click_event(view.undo_rect.center), logic) == Undo()
    assert view.action_for(key_event(pygame.K_RETURN), logic) == Respond("done")
    assert view.action_for(click_event(view.done_rect.center), logic) == Respond("done")
    assert view.next_redraw_ms(logic, now_ms) is None  # the screen changes only with the logic
