"""Shapes the Digit Span view draws: digit cards, keypad keys, the order arrow and the tick."""

from __future__ import annotations

import pygame

from games.core.ui.theme import BASE_SIZES, Theme
from games.core.ui.widgets import draw_text, fit

CAP_HEIGHT = 0.72  # a digit's height as a share of the font size in Atkinson Hyperlegible


def display_font(theme: Theme, digit_height_px: int) -> pygame.font.Font:
    """The theme's bold font with digits ``digit_height_px`` tall, above the largest text role if need be."""
    size = max(8, int(digit_height_px / CAP_HEIGHT))
    # the theme caps font_fitting at a role's size; scaling the theme reaches any size with the same font
    return theme.with_scale(size / BASE_SIZES["huge"]).font("huge", bold=True)


def draw_digit_card(surface: pygame.Surface, theme: Theme, card: pygame.Rect, digit: str | None) -> None:
    """A large card with one digit at its centre, or empty between two digits."""
    pal = theme.palette
    pygame.draw.rect(surface, pal.surface, card, border_radius=theme.radius)
    pygame.draw.rect(surface, pal.border, card, width=2, border_radius=theme.radius)
    if digit is not None:
        font = display_font(theme, int(card.height * 0.6))
        draw_text(surface, digit, font, pal.text, card.center, "center")


def draw_key(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, label: str, style: str) -> None:
    """A keypad key; "done" is filled with the accent, "flash" (just pressed) is tinted with a thick frame."""
    pal = theme.palette
    fill, ink = {"done": (pal.accent, pal.accent_text), "flash": (pal.block_tapped, pal.block_lit_text)}.get(
        style, (pal.surface, pal.text)
    )
    pygame.draw.rect(surface, fill, rect, border_radius=theme.radius)
    frame = (pal.text, max(3, rect.height // 14)) if style == "flash" else (pal.border, 2)
    pygame.draw.rect(surface, frame[0], rect, width=frame[1], border_radius=theme.radius)
    if label.isdigit():
        font = display_font(theme, int(rect.height * 0.45))
    else:
        font = theme.font_to_fit("body", label, rect.width - theme.gap(), int(rect.height * 0.4), bold=True)
    draw_text(surface, fit(label, font, rect.width - 4), font, ink, rect.center, "center")


def draw_arrow(surface: pygame.Surface, colour, rect: pygame.Rect, pointing_left: bool) -> None:
    """A thick arrow filling ``rect``: the order sign never relies on colour or words alone."""
    head = min(rect.height, rect.width // 2)
    shaft_h = max(4, rect.height // 3)
    tip_x, base_x = (rect.left, rect.left + head) if pointing_left else (rect.right, rect.right - head)
    tail_x = rect.right if pointing_left else rect.left
    shaft = pygame.Rect(min(tail_x, base_x), rect.centery - shaft_h // 2, abs(tail_x - base_x), shaft_h)
    pygame.draw.rect(surface, colour, shaft)
    pygame.draw.polygon(surface, colour, [(tip_x, rect.centery), (base_x, rect.top), (base_x, rect.bottom)])

