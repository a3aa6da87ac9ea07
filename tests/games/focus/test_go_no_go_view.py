"""Go/No-Go view: Space and the big button are the one answer.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import pygame
import pytest

from games.core.engine.actions import Respond
from view_checks import AREA, click_event, key_event, ready_to_answer

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


def test_space_and_the_button_press_and_nothing_else_does():
    view, logic, now_ms = ready_to_answer("go_no_go", 1)
    assert view.action_for(key_event(pygame.K_SPACE), logic) == Respond("go")
    assert view.action_for(click_event(view.button.center), logic) == Respond("go")
    assert view.action_for(key_event(pygame.K_RETURN), logic) is None
    assert view.action_for(click_event((AREA.left + 2, AREA.top + 2)), logic) is None
    assert view.next_redraw_ms(logic, now_ms) is None  # the screen changes only with the logic
