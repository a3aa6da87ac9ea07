"""Rule Switch view: each phase draws in every theme; keys 1 to 4 and clicks put the card
under a key card."""

import pygame
import pytest

from games.core.engine.actions import Select
from games.core.ui.theme import forget_fonts
from games.registry import get_exercise
from view_checks import AREA, check_played, click_event, key_event, play_trial, ready_to_answer

SPEC = get_exercise("rule_switch").spec


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


@pytest.mark.parametrize("level", [SPEC.min_level, SPEC.max_level])
def test_a_trial_draws_in_every_theme_and_every_answer_has_its_key_and_click(level):
    check_played(play_trial("rule_switch", level))


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
