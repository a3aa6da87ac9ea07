"""Flanker view: each phase draws in every theme; arrow keys, F and J, and the two buttons answer."""

import pygame
import pytest

from games.core.engine.actions import Respond
from games.core.ui.theme import forget_fonts
from games.registry import get_exercise
from view_checks import AREA, check_played, click_event, key_event, play_trial, ready_to_answer

SPEC = get_exercise("flanker").spec


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


@pytest.mark.parametrize("level", [SPEC.min_level, SPEC.max_level])
def test_a_trial_draws_in_every_theme_and_every_answer_has_its_key_and_click(level):
    check_played(play_trial("flanker", level))


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
