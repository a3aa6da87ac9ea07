"""Item cards laid out in a grid: picture, name always written under it, letter, tick and frames."""

from __future__ import annotations

import math

import pygame

from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text, wrap
from games.memory.shopping_list.catalogue import BY_NAME
from games.memory.shopping_list.drawing import draw_item

MIN_ASPECT, MAX_ASPECT = 0.8, 1.15  # card height over width: from a little wide to a little tall


def grid(area: pygame.Rect, n: int, gap: int, max_width: int) -> tuple[list[pygame.Rect], int]:
    """``n`` equal cards as large as fit in ``area`` (at most ``max_width`` wide), centred; and the column count."""
    best = (0.0, 1, 1, 1)
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        w = (area.width - gap * (cols - 1)) / cols
        h = (area.height - gap * (rows - 1)) / rows
        w = min(w, max_width, h / MIN_ASPECT)
        h = min(h, w * MAX_ASPECT)
        if w > 0 and h > 0 and w * h > best[0]:
            best = (w * h, cols, int(w), int(h))
    _, cols, w, h = best
    rows = math.ceil(n / cols)
    left = area.centerx - (cols * w + (cols - 1) * gap) // 2
    top = area.centery - (rows * h + (rows - 1) * gap) // 2
    rects = []
    for k in range(n):
        row, col = divmod(k, cols)
        in_row = min(cols, n - row * cols)  # a short last row is centred too
        row_left = left + (cols - in_row) * (w + gap) // 2
        rects.append(pygame.Rect(row_left + col * (w + gap), top + row * (h + gap), w, h))
    return rects, cols


def name_font(theme: Theme, names: list[str], width: int, max_height: int, role: str) -> pygame.font.Font:
    """One font for every card: the role's size, or smaller until each name fits in two lines."""
    size = theme.size(role)
    while size > 10:
        font = theme.font_fitting(role, int(size * 0.75))
        if all(_fits(font, name, width, max_height) for name in names):
            return font
        size -= 1
    return theme.font_fitting(role, 8)


def _fits(font: pygame.font.Font, name: str, width: int, max_height: int) -> bool:
    lines = wrap(name, font, width)
    fits_width = all(font.size(line)[0] <= width for line in lines)
    return len(lines) <= 2 and len(lines) * font.get_linesize() <= max_height and fits_width


def card_inner(rect: pygame.Rect) -> pygame.Rect:
    """The part of a card inside its padding and its thickest frame, where the name is written."""
    pad = _pad(rect) + _frame(rect)
    return rect.inflate(-2 * pad, -2 * pad)


def _pad(rect: pygame.Rect) -> int:
    return max(3, rect.width // 32)


def _frame(rect: pygame.Rect) -> int:
    """How thick a picked card's frame is."""
    return max(5, rect.width // 22)


def draw_card(
    surface: pygame.Surface, theme: Theme, name: str, rect: pygame.Rect, font: pygame.font.Font, *,
    letter: str = "", picked: bool = False, focused: bool = False,
) -> None:
    """One item card. Picked: thick frame and a tick badge. Focused: a ring outside the card."""
    pal = theme.palette
    pad = _pad(rect)
    if focused:
        ring = rect.inflate(theme.focus_width * 3, theme.focus_width * 3)
        pygame.draw.rect(surface, pal.focus, ring, width=theme.focus_width, border_radius=theme.radius + 4)
    pygame.draw.rect(surface, pal.surface, rect, border_radius=theme.radius)
    frame = (pal.accent, _frame(rect)) if picked else (pal.border, 2)
    pygame.draw.rect(surface, frame[0], rect, width=frame[1], border_radius=theme.radius)
    inner = card_inner(rect)  # the same whether picked or not, so nothing moves when picked
    lines = wrap(name, font, inner.width)
    text_h = len(lines) * font.get_linesize()
    y = inner.bottom - text_h
    for line in lines:
        draw_text(surface, line, font, pal.text, (inner.centerx, y), "midtop")
        y += font.get_linesize()
    badge = _badge_side(theme, inner) if (letter or picked) else 0
    side = max(8, min(inner.height - text_h - pad // 2, inner.width - 2 * badge // 3))
    box = pygame.Rect(0, 0, side, side)
    box.midbottom = (inner.centerx, inner.bottom - text_h - pad // 2)
    draw_item(surface, theme, BY_NAME[name], box)
    if letter:
        _draw_letter(surface, theme, letter, pygame.Rect(inner.left, inner.top, badge, badge))
    if picked:
        tick = pygame.Rect(inner.right - badge, inner.top, badge, badge)
        pygame.draw.circle(surface, pal.accent, tick.center, badge // 2 + 2)
        draw_mark(surface, "tick", tick.inflate(-badge // 5, -badge // 5), pal.accent_text)


def _badge_side(theme: Theme, inner: pygame.Rect) -> int:
    font = theme.font_fitting("small", round(theme.size("small") * 0.6), bold=True)
    return min(font.get_linesize() + 4, inner.width // 4)


def _draw_letter(surface: pygame.Surface, theme: Theme, letter: str, box: pygame.Rect) -> None:
    """The key that picks the card, in a small framed square at its corner."""
    pal = theme.palette
    pygame.draw.rect(surface, pal.surface, box, border_radius=4)
    pygame.draw.rect(surface, pal.text, box, width=2, border_radius=4)
    font = theme.font_fitting("small", int(box.height * 0.6), bold=True)
    draw_text(surface, letter.upper(), font, pal.text, box.center, "center")


def draw_bar(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, fraction: float) -> None:
    """A calm progress bar: an outlined track filled ``fraction`` of the way."""
    pal = theme.palette
    pygame.draw.rect(surface, pal.surface, rect, border_radius=rect.height // 2)
    filled = rect.copy()
    filled.width = max(0, round(rect.width * min(1.0, max(0.0, fraction))))
    if filled.width:
        pygame.draw.rect(surface, pal.accent, filled, border_radius=rect.height // 2)
    pygame.draw.rect(surface, pal.text, rect, width=2, border_radius=rect.height // 2)
