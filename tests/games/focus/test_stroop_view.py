"""Stroop views (colour and counting): number keys, ink letters
(colour only) and the answer buttons answer.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import pygame
import pytest

from games.core.engine.actions import Respond
from view_checks import click_event, key_event, ready_to_answer

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


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
