"""Card Pairs view: each phase draws in every theme; a card's letter or a click on it turns it,
and arrows with Enter or Space reach every card."""

import pygame
import pytest

from games.core.engine.actions import Select
from games.core.ui.theme import forget_fonts
from games.registry import get_exercise
from view_checks import check_played, click_event, key_event, play_trial, ready_to_answer

SPEC = get_exercise("card_pairs").spec


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


@pytest.mark.parametrize("level", [SPEC.min_level, SPEC.max_level])
def test_a_trial_draws_in_every_theme_and_every_answer_has_its_key_and_click(level):
    check_played(play_trial("card_pairs", level))


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
