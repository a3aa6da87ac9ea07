"""Rule Switch view: keys 1 to 4 and clicks put the card
under a key card.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import pygame
import pytest

from games.core.engine.actions import Select
from view_checks import AREA, click_event, key_event, ready_to_answer

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


def test_keys_1_to_4_and_clicks_choose_each_key_card():
    view, logic, now_ms = ready_to_answer("rule_switch", 1)
    assert len(view.rects) == 4
    for i, rect in enumerate(view.rects):
        assert view.action_for(key_event(pygame.K_1 + i), logic) == Select(i)
        assert view.action_for(key_event(pygame.K_KP1 + i), logic) == Select(i)
        assert view.action_for(click_event(rect.center), logic) == Select(i)
    assert view.action_for(key_event(pygame.K_5), logic) is None
    assert view.action_for(click_event((AREA.left + 2, AREA.bottom - 2)), logic) is None
    assert view.next_redraw_ms(logic, now_ms) is None  # the screen changes only with the logic
