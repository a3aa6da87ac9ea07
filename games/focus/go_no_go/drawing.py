"""Go/No-Go shapes: the round GO circle, the square with a cross, the '+', the tick and the dash."""

from __future__ import annotations

import pygame

from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_answer_button, draw_text, fit, wrap

GO_WORD, NOGO_WORD = "GO", "WAIT"


def draw_go(surface: pygame.Surface, theme: Theme, centre: tuple[int, int], size: int) -> pygame.Rect:
    """A filled circle with "GO" inside: shape and word, not colour, tell it from the square."""
    pal, radius = theme.palette, size // 2
    pygame.draw.circle(surface, pal.accent, centre, radius)
    pygame.draw.circle(surface, pal.text, centre, radius, width=max(2, size // 40))
    font = theme.font_fitting("huge", int(size * 0.3), bold=True)
    draw_text(surface, fit(GO_WORD, font, int(size * 0.7)), font, pal.accent_text, centre, "center")
    return pygame.Rect(centre[0] - radius, centre[1] - radius, size, size)


def draw_nogo(surface: pygame.Surface, theme: Theme, centre: tuple[int, int], size: int) -> pygame.Rect:
    """A square with a thick cross, and "WAIT" under it; returns the rectangle both take."""
    pal = theme.palette
    font = theme.font_fitting("large", max(10, size // 7), bold=True)
    side = int(size - font.get_linesize() * 0.8)  # the word and the square share the circle's height
    square = pygame.Rect(0, 0, side, side)
    square.midtop = (centre[0], centre[1] - size // 2)
    pygame.draw.rect(surface, pal.block, square, border_radius=max(2, side // 16))
    pygame.draw.rect(surface, pal.text, square, width=max(2, side // 40), border_radius=max(2, side // 16))
    inner = square.inflate(-side // 2, -side // 2)
    width = max(3, side // 10)
    pygame.draw.line(surface, pal.block_text, inner.topleft, inner.bottomright, width)
    pygame.draw.line(surface, pal.block_text, inner.topright, inner.bottomleft, width)
    word = draw_text(surface, fit(NOGO_WORD, font, size), font, pal.text, (centre[0], square.bottom), "midtop")
    return square.union(word)


def draw_fixation(surface: pygame.Surface, theme: Theme, centre: tuple[int, int], size: int) -> None:
    """The '+' to look at before each shape."""
    half, width, (x, y) = max(6, size // 12), max(3, size // 50), centre
    colour = theme.palette.muted_text
    pygame.draw.line(surface, colour, (x - half, y), (x + half, y), width)
    pygame.draw.line(surface, colour, (x, y - half), (x, y + half), width)


def draw_go_button(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, pressed: bool) -> None:
    """The big Go button with its key."""
    draw_answer_button(surface, theme, rect, "Go", "Space bar", pressed, role="large")


def go_button_height(theme: Theme) -> int:
    return theme.font("large", bold=True).get_linesize() + theme.font("small").get_linesize() + theme.gap(1.5)


def draw_legend(surface: pygame.Surface, theme: Theme, room: pygame.Rect) -> None:
    """Both shapes side by side, each with what to do: the reminder before a round and the picture."""
    pal, gap = theme.palette, theme.gap()
    captions = ("Press", "Don't press")
    column_w = (room.width - gap) // 2
    font = theme.font("body", bold=True)
    if max(font.size(c)[0] for c in captions) > column_w:  # narrow: smaller type, then two lines
        font = theme.font("small", bold=True)
    wrapped = [wrap(c, font, column_w)[:2] for c in captions]
    line_h = font.get_linesize()
    text_h = line_h * max(len(lines) for lines in wrapped)
    size = max(24, min(column_w - gap, room.height - text_h - gap // 2, 260))
    top = room.centery - (size + gap // 2 + text_h) // 2
    for k, (draw, lines) in enumerate(zip((draw_go, draw_nogo), wrapped)):
        cx = room.centerx + (2 * k - 1) * (column_w + gap) // 2
        draw(surface, theme, (cx, top + size // 2), size)
        for j, line in enumerate(lines):
            y = top + size + gap // 2 + j * line_h
            draw_text(surface, fit(line, font, column_w), font, pal.text, (cx, y), "midtop")
