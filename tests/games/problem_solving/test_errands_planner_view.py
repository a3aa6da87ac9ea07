"""Errands Planner view: a place's letter or a click on it
adds it, Backspace and Undo take one back, Enter and Done hand the plan in.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import pygame
import pytest

from games.core.engine.actions import Respond, Select, Undo
from view_checks import click_event, key_event, ready_to_answer

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


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
