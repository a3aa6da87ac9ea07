"""Digit Span view: number keys, Backspace, Enter and the
keypad answer; a typed key flashes and asks for one redraw.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import pygame
import pytest

from games.core.engine.actions import Respond, Select, Undo
from games.memory.digit_span.view import KEY_FLASH_MS
from view_checks import click_event, key_event, ready_to_answer

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


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
