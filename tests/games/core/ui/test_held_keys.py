"""Keys held over a change of screen: their repeats, text and release stay with the old screen."""

import pygame

from games.core.ui.held_keys import HeldKeys


def down(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


def up(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)


def text(typed: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=typed)


def test_without_a_change_of_screen_every_event_passes():
    keys = HeldKeys()
    events = [down(pygame.K_DOWN), down(pygame.K_DOWN), up(pygame.K_DOWN), down(pygame.K_1), text("1"), up(pygame.K_1)]
    assert [keys.passes(e) for e in events] == [True] * len(events)


def test_a_key_held_over_a_change_is_spent_until_released():
    keys = HeldKeys()
    assert keys.passes(down(pygame.K_RETURN))
    keys.screen_changed()
    held = [text("\r"), down(pygame.K_RETURN), text("\r"), down(pygame.K_RETURN), up(pygame.K_RETURN)]
    assert [keys.passes(e) for e in held] == [False] * len(held)
    assert keys.passes(down(pygame.K_RETURN)) and keys.passes(up(pygame.K_RETURN))  # pressed again: an answer


def test_other_keys_and_their_text_pass_while_a_spent_key_is_held():
    keys = HeldKeys()
    keys.passes(down(pygame.K_RETURN))
    keys.screen_changed()
    assert not keys.passes(down(pygame.K_RETURN))
    assert keys.passes(down(pygame.K_5)) and keys.passes(text("5")) and keys.passes(up(pygame.K_5))
    assert not keys.passes(down(pygame.K_RETURN)) and not keys.passes(text("\r"))


def test_text_typed_without_a_key_passes_after_the_spent_key_comes_up():
    keys = HeldKeys()
    keys.passes(down(pygame.K_RETURN))
    keys.screen_changed()
    assert not keys.passes(up(pygame.K_RETURN))
    assert keys.passes(text("C-0001"))  # an input method's text comes with no key of its own


def test_a_change_with_no_key_held_spends_nothing():
    keys = HeldKeys()
    keys.screen_changed()
    assert keys.passes(text("7")) and keys.passes(down(pygame.K_7))
