"""Card Pairs view: a card's letter or a click on it turns it,
and arrows with Enter or Space reach every card.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import pygame
import pytest

from games.core.engine.actions import Select
from view_checks import click_event, key_event, ready_to_answer

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


@pytest.mark.parametrize("level", [1, 10])
def test_a_cards_letter_and_a_click_on_it_choose_it(level):
    view, logic, now_ms = ready_to_answer("card_pairs", level)
    for i in range(logic.n_cards):
        assert view.action_for(key_event(pygame.K_a + i), logic) == Select(i)
        assert view.action_for(click_event(view.rects[i].center), logic) == Select(i)
    assert view.action_for(click_event(view.rects[3].center), logic) == Select(3)
    assert view.next_redraw_ms(logic, now_ms) is None  # the screen changes only with the logic


def test_arrows_move_the_focus_and_enter_or_space_choose_it():
    view, logic, _ = ready_to_answer("card_pairs", 10)
    view.action_for(key_event(pygame.K_a), logic)  # the focus on the first card
    assert view.action_for(key_event(pygame.K_RIGHT), logic) is None
    assert view.action_for(key_event(pygame.K_RETURN), logic) == Select(1)
    assert view.action_for(key_event(pygame.K_DOWN), logic) is None
    assert view.action_for(key_event(pygame.K_SPACE), logic) == Select(1 + view.cols)
    assert view.show_focus
