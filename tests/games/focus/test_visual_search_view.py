"""Visual Search view: J (yes) and F (no) and the two buttons answer.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import pygame
import pytest

from games.core.engine.actions import Respond
from view_checks import click_event, key_event, ready_to_answer

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


def test_j_says_yes_f_says_no_and_so_do_the_buttons():
    view, logic, now_ms = ready_to_answer("visual_search", 1)
    assert view.action_for(key_event(pygame.K_j), logic) == Respond("yes")
    assert view.action_for(key_event(pygame.K_f), logic) == Respond("no")
    for answer, rect in view.buttons.items():
        assert view.action_for(click_event(rect.center), logic) == Respond(answer)
    assert view.buttons["no"].centerx < view.buttons["yes"].centerx  # F under the left hand, J the right
    assert view.action_for(key_event(pygame.K_SPACE), logic) is None
    assert view.next_redraw_ms(logic, now_ms) is None  # the screen changes only with the logic
