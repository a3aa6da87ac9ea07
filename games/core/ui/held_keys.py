"""A key press belongs to the screen it was pressed on: held over a change of screen, it is spent.

pygame repeats a held key from a timer of its own, so a key still down when one screen gives way
to the next would go on pressing the next screen: an Enter that confirms a PIN would open the
therapist's first client, then let them play. Until such a key is released, its repeats, the
text it types and its release are dropped.
"""

from __future__ import annotations

import pygame


class HeldKeys:
    """Keeps track of the keys that are down, and of those that are spent."""

    def __init__(self) -> None:
        self.down: set[int] = set()  # pressed and not yet released
        self.spent: set[int] = set()  # down when the screen changed: dropped until released
        self._drop_text = False  # text typed now comes from a spent key

    def screen_changed(self) -> None:
        """A new screen (or a new step of one) is showing: the keys held now are not for it."""
        self.spent |= self.down
        self._drop_text = bool(self.down)

    def passes(self, event: pygame.event.Event) -> bool:
        """Whether ``event`` may reach the screen on top; notes the keys it presses and releases."""
        if event.type == pygame.KEYDOWN:
            if event.key in self.spent:  # a repeat of a key held over the change
                self._drop_text = True
                return False
            self.down.add(event.key)
            self._drop_text = False
            return True
        if event.type == pygame.KEYUP:
            self.down.discard(event.key)
            self._drop_text = False
            if event.key in self.spent:
                self.spent.discard(event.key)
                return False
            return True
        if event.type == pygame.TEXTINPUT:
            return not self._drop_text
        return True
