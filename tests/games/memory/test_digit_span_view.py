"""Digit Span view: each phase draws in every theme; number keys, Backspace, Enter and the
keypad answer; a typed key flashes and asks for one redraw."""

import pygame
import pytest

from games.core.engine.actions import Respond, Select, Undo
from games.core.ui.theme import forget_fonts
from games.memory.digit_span.view import KEY_FLASH_MS
from games.registry import get_exercise
from view_checks import check_played, click_event, key_event, play_trial, ready_to_answer

SPEC = get_exercise("digit_span").spec


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


@pytest.mark.parametrize("level", [SPEC.min_level, SPEC.max_level])
def test_a_trial_draws_in_every_theme_and_every_answer_has_its_key_and_click(level):
    check_played(play_trial("digit_span", level))


def test_number_keys_backspace_enter_and_the_keypad_answer():
    view, logic, _ = ready_to_answer("digit_span", 3)
    for digit in range(10):
        assert view.action_for(key_event(pygame.K_0 + digit), logic) == Select(digit)
        assert view.action_for(key_event(getattr(pygame, f"K_KP{digit}")), logic) == Select(digit)
        assert view.action_for(click_event(view.keys[str(digit)].center), logic) == Select(digit)
    assert view.action_for(key_event(pygame.K_BACKSPACE), logic) == Undo()
    assert view.action_for(key_event(pygame.K_DELETE), logic) == Undo()
    assert view.action_for(click_event(view.keys["Undo"].center), logic) == Undo()
    assert view.action_for(key_event(pygame.K_RETURN), logic) == Respond("done")
    assert view.action_for(click_event(view.keys["Done"].center), logic) == Respond("done")


def test_a_typed_key_asks_for_a_redraw_when_its_flash_ends():
    view, logic, now_ms = ready_to_answer("digit_span", 3)
    assert view.next_redraw_ms(logic, now_ms) is None  # nothing typed, nothing flashing
    logic.handle(Select(4), now_ms)
    assert view.next_redraw_ms(logic, now_ms) == pytest.approx(now_ms + KEY_FLASH_MS)
    assert view.next_redraw_ms(logic, now_ms + KEY_FLASH_MS + 1) is None
