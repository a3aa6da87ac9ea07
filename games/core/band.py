"""A calm band along the bottom of the window, under whatever screen is on top (the screen is laid
out in the room above it, so nothing is covered): play kept on this PC while the clinic's database
is away, and a short word when it is saved again."""

from __future__ import annotations

import pygame

from games.core.theme import Theme
from games.core.widgets import draw_text, wrap

AWAY = "The clinic database is not reachable; your play is kept on this PC."
SAVED_AGAIN = "The clinic database answers again, and your play is saved."
SAVED_SHOWN_MS = 5000.0  # how long the word that play is saved again stays


def band_lines(theme: Theme, text: str, width: int) -> list[str]:
    """``text`` wrapped to the band's width (two lines at most, in large type on a narrow window)."""
    return wrap(text, theme.font("body"), width - 2 * theme.gap(2))[:2]


def band_height(theme: Theme, text: str, width: int) -> int:
    return len(band_lines(theme, text, width)) * theme.font("body").get_linesize() + 2 * theme.gap(0.75)


def draw_band(surface: pygame.Surface, theme: Theme, text: str) -> pygame.Rect:
    """Draw the band at the bottom of ``surface``; returns its rectangle."""
    pal, font = theme.palette, theme.font("body")
    width, height = surface.get_size()
    rect = pygame.Rect(0, height - band_height(theme, text, width), width, band_height(theme, text, width))
    pygame.draw.rect(surface, pal.surface, rect)
    pygame.draw.line(surface, pal.border, rect.topleft, rect.topright, 2)
    y = rect.top + theme.gap(0.75)
    for line in band_lines(theme, text, width):
        draw_text(surface, line, font, pal.text, (theme.gap(2), y))
        y += font.get_linesize()
    return rect
