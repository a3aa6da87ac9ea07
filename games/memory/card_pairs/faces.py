"""Card pictures drawn by the program: a distinct shape, a distinct colour and a label each."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Callable

import pygame

from games.core.ui.theme import HIGH_CONTRAST, Colour, Theme

Points = list[tuple[float, float]]
Part = tuple[str, Points]  # ("fill" | "ink" | "hole", polygon in unit coordinates, y down)

# The theme has no colours for pictures yet, so they are kept here, one set per palette.
# Each picture also has its own shape and label, so colour is never the only cue.
PICTURE_COLOURS: dict[str, Colour] = {
    "circle": (40, 110, 210), "triangle": (240, 130, 30), "star": (245, 200, 30),
    "heart": (230, 90, 150), "moon": (125, 85, 205), "house": (150, 95, 55),
    "tree": (45, 150, 65), "fish": (30, 175, 200), "key": (125, 130, 140),
    "cup": (135, 145, 35), "bell": (190, 45, 170), "leaf": (130, 210, 60),
}
PICTURE_COLOURS_HIGH_CONTRAST: dict[str, Colour] = {
    "circle": (90, 160, 255), "triangle": (255, 150, 40), "star": (255, 240, 0),
    "heart": (255, 120, 190), "moon": (180, 140, 255), "house": (210, 160, 110),
    "tree": (60, 220, 90), "fish": (0, 230, 255), "key": (200, 200, 200),
    "cup": (200, 210, 60), "bell": (255, 80, 255), "leaf": (170, 255, 90),
}


def picture_colour(theme: Theme, picture: str) -> Colour:
    """The picture's colour in the theme's palette."""
    table = PICTURE_COLOURS_HIGH_CONTRAST if theme.palette == HIGH_CONTRAST else PICTURE_COLOURS
    return table[picture]


def _ring(cx: float, cy: float, rx: float, ry: float, n: int = 36, start: float = 0.0, end: float = 2 * math.pi) -> Points:
    return [(cx + rx * math.cos(start + (end - start) * k / n), cy + ry * math.sin(start + (end - start) * k / n))
            for k in range(n + 1 if end - start < 2 * math.pi else n)]


def _star() -> list[Part]:
    points: Points = []
    for k in range(10):
        r = 0.95 if k % 2 == 0 else 0.4
        a = -math.pi / 2 + k * math.pi / 5
        points.append((r * math.cos(a), r * math.sin(a) + 0.08))
    return [("fill", points)]


def _heart() -> list[Part]:
    pts = []
    for k in range(48):
        t = 2 * math.pi * k / 48
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        pts.append((x / 17.0, -y / 17.0 - 0.05))
    return [("fill", pts)]


def _moon() -> list[Part]:
    """A crescent: the part of a disc outside a second, shifted disc."""
    r, cx2, cy2, r2 = 0.85, 0.42, -0.22, 0.72
    outer = [(r * math.cos(a), r * math.sin(a)) for a in (2 * math.pi * k / 90 for k in range(90))]
    outer = [p for p in outer if math.hypot(p[0] - cx2, p[1] - cy2) > r2]
    start = max(range(len(outer)), key=lambda i: math.hypot(outer[i][0] - outer[i - 1][0], outer[i][1] - outer[i - 1][1]))
    outer = outer[start:] + outer[:start]  # begin after the gap, so the arc runs in one piece
    inner = [(cx2 + r2 * math.cos(a), cy2 + r2 * math.sin(a)) for a in (2 * math.pi * k / 90 for k in range(90))]
    inner = [p for p in inner if math.hypot(*p) < r]
    inner.sort(key=lambda p: math.atan2(p[1] - cy2, p[0] - cx2) % (2 * math.pi), reverse=True)
    return [("fill", outer + inner)]


def _house() -> list[Part]:
    body = [(0, -0.9), (0.95, 0.0), (0.7, 0.0), (0.7, 0.85), (-0.7, 0.85), (-0.7, 0.0), (-0.95, 0.0)]
    door = [(-0.18, 0.35), (0.18, 0.35), (0.18, 0.85), (-0.18, 0.85)]
    return [("fill", body), ("ink", door)]


def _tree() -> list[Part]:
    trunk = [(-0.14, 0.5), (0.14, 0.5), (0.14, 0.95), (-0.14, 0.95)]
    crown = [(0, -0.95), (0.5, -0.3), (0.3, -0.3), (0.8, 0.5), (-0.8, 0.5), (-0.3, -0.3), (-0.5, -0.3)]
    return [("ink", trunk), ("fill", crown)]


def _fish() -> list[Part]:
    body = _ring(-0.12, 0.0, 0.68, 0.45)
    tail = [(0.45, 0.0), (0.95, -0.45), (0.95, 0.45)]
    eye = _ring(-0.48, -0.08, 0.09, 0.09, n=12)
    return [("fill", tail), ("fill", body), ("ink", eye)]


def _key() -> list[Part]:
    bow = _ring(-0.5, 0.0, 0.42, 0.42)
    hole = _ring(-0.5, 0.0, 0.17, 0.17, n=20)
    shaft = [(-0.1, -0.12), (0.95, -0.12), (0.95, 0.12), (-0.1, 0.12)]
    teeth = [(0.55, 0.12), (0.7, 0.12), (0.7, 0.42), (0.55, 0.42)]
    teeth2 = [(0.78, 0.12), (0.93, 0.12), (0.93, 0.32), (0.78, 0.32)]
    return [("fill", shaft), ("fill", teeth), ("fill", teeth2), ("fill", bow), ("hole", hole)]


def _cup() -> list[Part]:
    handle = _ring(0.55, -0.05, 0.38, 0.38)
    hole = _ring(0.55, -0.05, 0.2, 0.2, n=20)
    body = [(-0.85, -0.6), (0.6, -0.6), (0.45, 0.65), (-0.7, 0.65)]
    saucer = [(-0.95, 0.68), (0.75, 0.68), (0.65, 0.85), (-0.85, 0.85)]
    return [("fill", handle), ("hole", hole), ("fill", body), ("fill", saucer)]


def _bell() -> list[Part]:
    top = _ring(0.0, -0.35, 0.45, 0.5, n=20, start=math.pi, end=2 * math.pi)
    shape = top + [(0.5, 0.3), (0.85, 0.62), (-0.85, 0.62), (-0.5, 0.3)]
    clapper = _ring(0.0, 0.75, 0.17, 0.17, n=16)
    knob = _ring(0.0, -0.88, 0.1, 0.1, n=12)
    return [("ink", clapper), ("fill", shape), ("ink", knob)]


def _leaf() -> list[Part]:
    """A pointed oval along the diagonal, with a stem and a midrib."""
    length, width = 1.55, 0.5
    ux, uy, nx, ny = 0.7071, -0.7071, 0.7071, 0.7071  # along the leaf, and across it
    axis = [((k / 20 - 0.5) * length, width * math.sin(math.pi * k / 20) ** 0.8) for k in range(21)]
    one = [(a * ux + w * nx - 0.05, a * uy + w * ny + 0.05) for a, w in axis]
    two = [(a * ux - w * nx - 0.05, a * uy - w * ny + 0.05) for a, w in reversed(axis)]
    stem = [(-0.6, 0.5), (-0.95, 0.85), (-0.85, 0.95), (-0.5, 0.6)]
    rib = [(-0.58, 0.52), (0.45, -0.51), (0.51, -0.45), (-0.52, 0.58)]
    return [("ink", stem), ("fill", one + two), ("ink", rib)]


def _circle() -> list[Part]:
    return [("fill", _ring(0.0, 0.0, 0.85, 0.85, n=48))]


def _triangle() -> list[Part]:
    return [("fill", [(0.0, -0.9), (0.95, 0.8), (-0.95, 0.8)])]


SHAPES: dict[str, Callable[[], list[Part]]] = {
    "circle": _circle, "triangle": _triangle, "star": _star, "heart": _heart, "moon": _moon,
    "house": _house, "tree": _tree, "fish": _fish, "key": _key, "cup": _cup, "bell": _bell, "leaf": _leaf,
}


@lru_cache(maxsize=None)
def shape_parts(picture: str) -> tuple[Part, ...]:
    """The picture's polygons, worked out once."""
    return tuple(SHAPES[picture]())


def draw_shape(surface: pygame.Surface, theme: Theme, picture: str, rect: pygame.Rect, face: Colour) -> None:
    """The picture's shape, filled in its colour and outlined in ink, inside the square ``rect``."""
    colour, ink = picture_colour(theme, picture), theme.palette.text
    half = min(rect.width, rect.height) / 2
    outline = max(2, round(half / 14))

    def place(points: Points) -> list[tuple[float, float]]:
        return [(rect.centerx + x * half, rect.centery + y * half) for x, y in points]

    for role, points in shape_parts(picture):
        placed = place(points)
        fill = {"fill": colour, "ink": ink, "hole": face}[role]
        pygame.draw.polygon(surface, fill, placed)
        if role != "ink":
            pygame.draw.polygon(surface, ink, placed, outline)
