"""A calm band along the bottom of the window, under whatever screen is on top (the screen is laid
out in the room above it, so nothing is covered): play kept on this PC while the clinic's database
is away, and a short word when it is saved again. One line where it fits (in type a little smaller
if need be, so the screen above loses little room), else two."""

from __future__ import annotations

import pygame

from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text, wrap
from games.launcher.common import fitting_line

AWAY = "The clinic database is not reachable; your play is kept on this PC."
SAVED_AGAIN = "The clinic database answers again, and your play is saved."
SAVED_SHOWN_MS = 5000.0  # how long the word that play is saved again stays


def band_lines(theme: Theme, text: str, width: int) -> tuple[pygame.font.Font, list[str]]:
    """The band's font and lines: one line in type down to 0.8 of the small size, else two."""
    room = width - 2 * theme.gap()
    font, line = fitting_line(theme, "small", text, room, least=0.8)
    if line == text:
        return font, [text]
    font = theme.font("small")
    return font, wrap(text, font, room)[:2]


def band_height(theme: Theme, text: str, width: int) -> int:
    font, lines = band_lines(theme, text, width)
    return len(lines) * font.get_linesize() + 2 * theme.gap(0.5)


def draw_band(surface: pygame.Surface, theme: Theme, text: str) -> pygame.Rect:
    """Draw the band at the bottom of ``surface``; returns its rectangle."""
    pal = theme.palette
    width, height = surface.get_size()
    font, lines = band_lines(theme, text, width)
    band_h = band_height(theme, text, width)
    rect = pygame.Rect(0, height - band_h, width, band_h)
    pygame.draw.rect(surface, pal.surface, rect)
    pygame.draw.line(surface, pal.border, rect.topleft, rect.topright, 2)
    y = rect.top + theme.gap(0.5)
    for line in lines:
        draw_text(surface, line, font, pal.text, (rect.centerx, y), "midtop")
        y += font.get_linesize()
    return rect
