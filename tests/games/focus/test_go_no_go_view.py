"""Go/No-Go view: each phase draws in every theme; Space and the big button are the one answer."""

import pygame
import pytest

from games.core.engine.actions import Respond
from games.core.ui.theme import forget_fonts
from games.registry import get_exercise
from view_checks import AREA, check_played, click_event, key_event, play_trial, ready_to_answer

SPEC = get_exercise("go_no_go").spec


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


@pytest.mark.parametrize("level", [SPEC.min_level, SPEC.max_level])
def test_a_trial_draws_in_every_theme_and_every_answer_has_its_key_and_click(level):
    check_played(play_trial("go_no_go", level))


def test_space_and_the_button_press_and_nothing_else_does():
    view, logic, now_ms = ready_to_answer("go_no_go", 1)
    assert view.action_for(key_event(pygame.K_SPACE), logic) == Respond("go")
    assert view.action_for(click_event(view.button.center), logic) == Respond("go")
    assert view.action_for(key_event(pygame.K_RETURN), logic) is None
    assert view.action_for(click_event((AREA.left + 2, AREA.top + 2)), logic) is None
    assert view.next_redraw_ms(logic, now_ms) is None  # the screen changes only with the logic
