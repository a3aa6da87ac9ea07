"""Tower of London view: 1 2 3, A S D and clicks choose a peg.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import pygame
import pytest

from games.core.engine.actions import Select
from view_checks import click_event, key_event, ready_to_answer

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


def test_number_and_letter_keys_and_clicks_choose_each_peg():
    view, logic, now_ms = ready_to_answer("tower_of_london", 4)
    assert len(view.peg_rects) == 3
    for i, (digit, letter) in enumerate(((pygame.K_1, pygame.K_a), (pygame.K_2, pygame.K_s), (pygame.K_3, pygame.K_d))):
        assert view.action_for(key_event(digit), logic) == Select(i)
        assert view.action_for(key_event(letter), logic) == Select(i)
        assert view.action_for(click_event(view.peg_rects[i].center), logic) == Select(i)
    assert view.peg_rects[0].centerx < view.peg_rects[1].centerx < view.peg_rects[2].centerx  # left to right
    assert view.action_for(key_event(pygame.K_4), logic) is None
    assert view.next_redraw_ms(logic, now_ms) is None  # the screen changes only with the logic
