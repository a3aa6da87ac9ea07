"""Stroop views (colour and counting): each phase draws in every theme; number keys, ink letters
(colour only) and the answer buttons answer."""

import pygame
import pytest

from games.core.engine.actions import Respond
from games.core.ui.theme import forget_fonts
from games.registry import get_exercise
from view_checks import check_played, click_event, key_event, play_trial, ready_to_answer

SPEC = get_exercise("stroop").spec


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


@pytest.mark.parametrize("level", [SPEC.min_level, SPEC.max_level])
def test_a_trial_draws_in_every_theme_and_every_answer_has_its_key_and_click(level):
    check_played(play_trial("stroop", level))


@pytest.mark.parametrize("level", [1, 10])
def test_the_counting_variant_draws_in_every_theme_too(level):
    check_played(play_trial("stroop_counting", level))


@pytest.mark.parametrize("exercise_id", ["stroop", "stroop_counting"])
def test_number_keys_and_buttons_give_the_answers_in_order(exercise_id):
    view, logic, now_ms = ready_to_answer(exercise_id, 1)
    for i, answer in enumerate(logic.answers):
        assert view.action_for(key_event(pygame.K_1 + i), logic) == Respond(answer)
        assert view.action_for(key_event(pygame.K_KP1 + i), logic) == Respond(answer)
        assert view.action_for(click_event(view.buttons[answer].center), logic) == Respond(answer)
    assert view.action_for(key_event(pygame.K_5), logic) is None
    assert view.next_redraw_ms(logic, now_ms) is None  # the screen changes only with the logic


def test_ink_letters_answer_in_the_colour_variant_only():
    view, logic, _ = ready_to_answer("stroop", 1)
    for key, ink in ((pygame.K_r, "red"), (pygame.K_b, "blue"), (pygame.K_g, "green"), (pygame.K_y, "yellow")):
        assert view.action_for(key_event(key), logic) == Respond(ink)
    view, logic, _ = ready_to_answer("stroop_counting", 1)
    assert view.action_for(key_event(pygame.K_r), logic) is None
