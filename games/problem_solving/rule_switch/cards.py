"""Drawing Rule Switch cards: shapes in a colour and a fill, with the colour's name written on the card."""

from __future__ import annotations

import math

import pygame

from games.core.ui.theme import HIGH_CONTRAST, Theme
from games.core.ui.widgets import draw_text
from games.problem_solving.rule_switch.logic import Card
from games.problem_solving.rule_switch.spec import COLOURS

# Each card colour is one of the theme's calm colours, so high contrast changes them too.
INK_ROLE = {"blue": "accent", "green": "positive", "orange": "focus", "purple": "gentle"}
# What those colours are called in high contrast, so the word on the card names what is shown.
HIGH_CONTRAST_NAMES = {"blue": "yellow", "green": "green", "orange": "cyan", "purple": "pink"}
# Where the shapes sit on a card's picture area (width 1, height 1), for 1 to 4 shapes.
LAYOUTS = (
    ((0.5, 0.5),),
    ((0.27, 0.5), (0.73, 0.5)),
    ((0.27, 0.28), (0.73, 0.28), (0.5, 0.74)),
    ((0.27, 0.28), (0.73, 0.28), (0.27, 0.74), (0.73, 0.74)),
)


def colour_name(theme: Theme, colour: int) -> str:
    name = COLOURS[colour]
    return HIGH_CONTRAST_NAMES[name] if theme.palette == HIGH_CONTRAST else name


def ink(theme: Theme, colour: int) -> tuple[int, int, int]:
    return getattr(theme.palette, INK_ROLE[COLOURS[colour]])


def _outline(shape: int, side: int) -> list[tuple[float, float]]:
    """The polygon of a triangle, star or cross in a ``side`` square (a circle has none)."""
    s = side
    if shape == 0:
        return [(s * 0.5, s * 0.04), (s * 0.96, s * 0.92), (s * 0.04, s * 0.92)]
    if shape == 1:
        points = []
        for i in range(10):
            r = s * (0.48 if i % 2 == 0 else 0.2)
            a = -math.pi / 2 + i * math.pi / 5
            points.append((s / 2 + r * math.cos(a), s * 0.53 + r * math.sin(a)))
        return points
    a, b = s * 0.33, s * 0.67
    return [(a, 0), (b, 0), (b, a), (s, a), (s, b), (b, b), (b, s), (a, s), (a, b), (0, b), (0, a), (a, a)]


def draw_shape(surface: pygame.Surface, shape: int, fill: int, colour, rect: pygame.Rect) -> None:
    """One shape; fill 0 solid, 1 outline, 2 striped, 3 dotted (so fill never needs colour to tell)."""
    side = min(rect.width, rect.height)
    image = pygame.Surface((side, side), pygame.SRCALPHA)
    line = max(2, side // 14)
    points = _outline(shape, side) if shape != 3 else []

    def paint(width: int) -> None:
        if shape == 3:
            pygame.draw.circle(image, colour, (side // 2, side // 2), side // 2 - 1, width)
        else:
            pygame.draw.polygon(image, colour, points, width)

    if fill != 1:
        paint(0)
    step = max(4, side // 8)
    if fill in (2, 3):  # clear gaps out of the solid shape: lines leave stripes, a grid leaves dots
        for y in range(step // 2, side, step):
            pygame.draw.line(image, (0, 0, 0, 0), (0, y), (side, y), step // 2)
    if fill == 3:
        for x in range(step // 2, side, step):
            pygame.draw.line(image, (0, 0, 0, 0), (x, 0), (x, side), step // 2)
    if fill != 0:
        paint(line)
    surface.blit(image, image.get_rect(center=rect.center))


def draw_card(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, card: Card, frame: str = "plain") -> None:
    """A card: its shapes, and the colour's name at the bottom. ``frame`` "chosen" is thick and framed twice."""
    pal = theme.palette
    pygame.draw.rect(surface, pal.surface, rect, border_radius=theme.radius)
    width = max(5, rect.width // 28) if frame == "chosen" else 2
    pygame.draw.rect(surface, pal.text if frame == "chosen" else pal.border, rect, width=width, border_radius=theme.radius)
    if frame == "chosen":
        pygame.draw.rect(surface, pal.text, rect.inflate(width * 3, width * 3), width=2, border_radius=theme.radius + width)
    label_font = theme.font_fitting("small", max(8, rect.height // 9), bold=True)
    label_h = label_font.get_linesize()
    picture = pygame.Rect(rect.left, rect.top, rect.width, rect.height - label_h - 4).inflate(-rect.width // 10, -rect.height // 14)
    side = int(min(picture.width, picture.height) * 0.42)
    colour = ink(theme, card.colour)
    for fx, fy in LAYOUTS[card.number]:
        spot = pygame.Rect(0, 0, side, side)
        spot.center = (picture.left + int(fx * picture.width), picture.top + int(fy * picture.height))
        draw_shape(surface, card.shape, card.fill, colour, spot)
    draw_text(surface, colour_name(theme, card.colour), label_font, pal.text, (rect.centerx, rect.bottom - 4), "midbottom")
