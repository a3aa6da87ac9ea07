"""Flanker view: arrow keys, F and J, and the two buttons answer.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import pygame
import pytest

from games.core.engine.actions import Respond
from view_checks import AREA, click_event, key_event, ready_to_answer

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


@pytest.mark.parametrize("key, answer", [(pygame.K_LEFT, "left"), (pygame.K_f, "left"),
                                         (pygame.K_RIGHT, "right"), (pygame.K_j, "right")])
def test_the_promised_keys_answer(key, answer):
    view, logic, _ = ready_to_answer("flanker", 1)
    assert view.action_for(key_event(key), logic) == Respond(answer)


def test_each_button_answers_its_way_and_nothing_else_does():
    view, logic, now_ms = ready_to_answer("flanker", 1)
    for answer, rect in view.buttons.items():
        assert view.action_for(click_event(rect.center), logic) == Respond(answer)
    assert view.action_for(click_event((AREA.left + 2, AREA.top + 2)), logic) is None
    assert view.action_for(key_event(pygame.K_SPACE), logic) is None
    assert view.next_redraw_ms(logic, now_ms) is None  # the screen changes only with the logic
