"""Visual Search view: each phase draws in every theme; J (yes) and F (no) and the two buttons answer."""

import pygame
import pytest

from games.core.engine.actions import Respond
from games.core.ui.theme import forget_fonts
from games.registry import get_exercise
from view_checks import check_played, click_event, key_event, play_trial, ready_to_answer

SPEC = get_exercise("visual_search").spec


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


@pytest.mark.parametrize("level", [SPEC.min_level, SPEC.max_level])
def test_a_trial_draws_in_every_theme_and_every_answer_has_its_key_and_click(level):
    check_played(play_trial("visual_search", level))


def test_j_says_yes_f_says_no_and_so_do_the_buttons():
    view, logic, now_ms = ready_to_answer("visual_search", 1)
    assert view.action_for(key_event(pygame.K_j), logic) == Respond("yes")
    assert view.action_for(key_event(pygame.K_f), logic) == Respond("no")
    for answer, rect in view.buttons.items():
        assert view.action_for(click_event(rect.center), logic) == Respond(answer)
    assert view.buttons["no"].centerx < view.buttons["yes"].centerx  # F under the left hand, J the right
    assert view.action_for(key_event(pygame.K_SPACE), logic) is None
    assert view.next_redraw_ms(logic, now_ms) is None  # the screen changes only with the logic
