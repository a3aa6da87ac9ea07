"""Simple pictures of the catalogue's items, drawn from shapes in the theme's colours."""

from __future__ import annotations

import math
from typing import Callable

import pygame

from games.core.ui.theme import Palette, Theme
from games.memory.shopping_list.catalogue import Item


class Pen:
    """Draws in a square picture box given in fractions of its side: fill, then an outline in ink."""

    def __init__(self, surface: pygame.Surface, box: pygame.Rect, pal: Palette) -> None:
        self.surface, self.box, self.pal = surface, box, pal
        self.line = max(2, box.width // 40)

    def pt(self, fx: float, fy: float) -> tuple[int, int]:
        return self.box.left + round(fx * self.box.width), self.box.top + round(fy * self.box.height)

    def rect(self, fx: float, fy: float, fw: float, fh: float) -> pygame.Rect:
        left, top = self.pt(fx, fy)
        return pygame.Rect(left, top, max(1, round(fw * self.box.width)), max(1, round(fh * self.box.height)))

    def box_(self, spec: tuple[float, float, float, float], fill, radius: float = 0.0, **corners: float) -> None:
        r, rad = self.rect(*spec), round(radius * self.box.width)
        px = {k: round(v * self.box.width) for k, v in corners.items()}
        pygame.draw.rect(self.surface, fill, r, border_radius=rad, **px)
        pygame.draw.rect(self.surface, self.pal.text, r, width=self.line, border_radius=rad, **px)

    def oval(self, spec: tuple[float, float, float, float], fill) -> None:
        r = self.rect(*spec)
        pygame.draw.ellipse(self.surface, fill, r)
        pygame.draw.ellipse(self.surface, self.pal.text, r, width=self.line)

    def poly(self, points: list[tuple[float, float]], fill) -> None:
        pixels = [self.pt(x, y) for x, y in points]
        pygame.draw.polygon(self.surface, fill, pixels)
        pygame.draw.polygon(self.surface, self.pal.text, pixels, width=self.line)

    def stroke(self, points: list[tuple[float, float]], colour=None, width: int | None = None) -> None:
        pixels = [self.pt(x, y) for x, y in points]
        pygame.draw.lines(self.surface, colour or self.pal.text, False, pixels, width or self.line)

    def label(self, spec: tuple[float, float, float, float]) -> None:
        """A light label band, so packages of the same colour still read as packages."""
        self.box_(spec, self.pal.surface, radius=0.02)


def _round(p: Pen, c) -> None:
    p.oval((0.16, 0.24, 0.68, 0.64), c)
    p.stroke([(0.5, 0.26), (0.55, 0.1)])
    p.oval((0.56, 0.1, 0.18, 0.1), p.pal.positive)


def _oval(p: Pen, c) -> None:
    p.oval((0.1, 0.3, 0.8, 0.48), c)


def _banana(p: Pen, c) -> None:
    arc = [math.radians(a) for a in range(205, 336, 10)]
    outer = [(0.5 + 0.44 * math.cos(a), 0.22 - 0.5 * math.sin(a)) for a in arc]
    inner = [(0.5 + 0.36 * math.cos(a), 0.22 - 0.26 * math.sin(a)) for a in reversed(arc)]
    p.poly(outer + inner, c)


def _bunch(p: Pen, c) -> None:
    p.stroke([(0.5, 0.3), (0.52, 0.1)])
    for row, count in enumerate((4, 3, 2, 1)):
        for k in range(count):
            x = 0.5 + (k - (count - 1) / 2) * 0.17
            p.oval((x - 0.09, 0.26 + row * 0.15, 0.18, 0.18), c)


def _carrot(p: Pen, c) -> None:
    for tip in ((0.38, 0.1), (0.5, 0.06), (0.62, 0.1)):
        p.stroke([(0.5, 0.3), tip], p.pal.positive, p.line * 2)
    p.poly([(0.34, 0.3), (0.66, 0.3), (0.5, 0.94)], c)


def _carton(p: Pen, c) -> None:
    p.box_((0.36, 0.1, 0.28, 0.06), c)
    p.poly([(0.28, 0.3), (0.36, 0.16), (0.64, 0.16), (0.72, 0.3)], c)
    p.box_((0.28, 0.3, 0.44, 0.6), c)
    p.label((0.32, 0.5, 0.36, 0.18))


def _tub(p: Pen, c) -> None:
    p.poly([(0.2, 0.42), (0.8, 0.42), (0.72, 0.88), (0.28, 0.88)], c)
    p.box_((0.16, 0.32, 0.68, 0.1), c, radius=0.03)
    p.label((0.34, 0.54, 0.32, 0.16))


def _bar(p: Pen, c) -> None:
    p.poly([(0.14, 0.46), (0.3, 0.32), (0.88, 0.32), (0.72, 0.46)], c)
    p.poly([(0.72, 0.46), (0.88, 0.32), (0.88, 0.62), (0.72, 0.76)], c)
    p.box_((0.14, 0.46, 0.58, 0.3), c)


def _wedge(p: Pen, c) -> None:
    p.poly([(0.1, 0.8), (0.9, 0.8), (0.9, 0.28)], c)
    for x, y, s in ((0.7, 0.6, 0.1), (0.55, 0.68, 0.07), (0.8, 0.45, 0.06)):
        p.oval((x - s / 2, y - s / 2, s, s), p.pal.surface)


def _eggbox(p: Pen, c) -> None:
    for k in range(3):
        p.oval((0.16 + k * 0.24, 0.28, 0.2, 0.28), p.pal.surface)
    p.box_((0.1, 0.5, 0.8, 0.3), c, radius=0.03)


def _loaf(p: Pen, c) -> None:
    p.box_((0.1, 0.3, 0.8, 0.52), c, border_top_left_radius=0.3, border_top_right_radius=0.3,
           border_bottom_left_radius=0.04, border_bottom_right_radius=0.04)
    for x in (0.3, 0.5, 0.7):
        p.stroke([(x - 0.06, 0.46), (x + 0.06, 0.36)])


def _buns(p: Pen, c) -> None:
    for spec in ((0.3, 0.26, 0.4, 0.3), (0.06, 0.48, 0.42, 0.32), (0.52, 0.48, 0.42, 0.32)):
        p.oval(spec, c)


def _pie(p: Pen, c) -> None:
    p.poly([(0.08, 0.56), (0.92, 0.56), (0.82, 0.8), (0.18, 0.8)], p.pal.muted_text)
    p.box_((0.12, 0.32, 0.76, 0.3), c, border_top_left_radius=0.3, border_top_right_radius=0.3)
    for x in (0.35, 0.5, 0.65):
        p.stroke([(x - 0.04, 0.38), (x + 0.04, 0.5)])


def _cake(p: Pen, c) -> None:
    p.box_((0.15, 0.42, 0.7, 0.4), c, radius=0.03)
    p.box_((0.15, 0.36, 0.7, 0.12), p.pal.surface, radius=0.05)
    p.box_((0.47, 0.18, 0.06, 0.18), p.pal.accent)


def _box(p: Pen, c) -> None:
    p.box_((0.24, 0.12, 0.52, 0.78), c, radius=0.02)
    p.label((0.3, 0.4, 0.4, 0.22))


def _bottle(p: Pen, c) -> None:
    p.box_((0.41, 0.08, 0.18, 0.07), p.pal.muted_text)
    p.box_((0.43, 0.15, 0.14, 0.18), c)
    p.poly([(0.43, 0.33), (0.57, 0.33), (0.68, 0.42), (0.32, 0.42)], c)
    p.box_((0.32, 0.42, 0.36, 0.5), c, radius=0.04)
    p.label((0.32, 0.56, 0.36, 0.16))


def _jar(p: Pen, c) -> None:
    p.box_((0.22, 0.32, 0.56, 0.56), c, radius=0.08)
    p.box_((0.2, 0.2, 0.6, 0.12), p.pal.muted_text, radius=0.02)
    p.label((0.3, 0.5, 0.4, 0.2))


def _can(p: Pen, c) -> None:
    p.box_((0.26, 0.22, 0.48, 0.64), c)
    p.oval((0.26, 0.16, 0.48, 0.12), c)
    p.label((0.26, 0.42, 0.48, 0.22))


def _bag(p: Pen, c) -> None:
    p.poly([(0.26, 0.2), (0.74, 0.2), (0.82, 0.88), (0.18, 0.88)], c)
    p.stroke([(0.25, 0.3), (0.75, 0.3)])
    p.label((0.32, 0.5, 0.36, 0.2))


def _sponge(p: Pen, c) -> None:
    p.box_((0.1, 0.48, 0.8, 0.28), c, radius=0.06)
    p.box_((0.1, 0.36, 0.8, 0.12), p.pal.positive, radius=0.03)
    for x in (0.25, 0.45, 0.65):
        p.oval((x, 0.57, 0.08, 0.08), p.pal.surface)


def _roll(p: Pen, c) -> None:
    p.box_((0.26, 0.26, 0.48, 0.6), c)
    p.oval((0.26, 0.18, 0.48, 0.16), c)
    p.oval((0.43, 0.22, 0.14, 0.08), p.pal.text)


def _spray(p: Pen, c) -> None:
    p.poly([(0.28, 0.14), (0.62, 0.14), (0.62, 0.28), (0.4, 0.28)], p.pal.muted_text)
    p.stroke([(0.34, 0.28), (0.3, 0.4)], width=p.line * 2)
    p.box_((0.42, 0.28, 0.16, 0.12), c)
    p.box_((0.3, 0.4, 0.4, 0.5), c, radius=0.04)
    p.label((0.34, 0.56, 0.32, 0.16))


SHAPES: dict[str, Callable[[Pen, tuple[int, int, int]], None]] = {
    "round": _round, "oval": _oval, "banana": _banana, "bunch": _bunch, "carrot": _carrot,
    "carton": _carton, "tub": _tub, "bar": _bar, "wedge": _wedge, "eggbox": _eggbox,
    "loaf": _loaf, "buns": _buns, "pie": _pie, "cake": _cake, "box": _box, "bottle": _bottle,
    "jar": _jar, "can": _can, "bag": _bag, "sponge": _sponge, "roll": _roll, "spray": _spray,
}


def draw_item(surface: pygame.Surface, theme: Theme, item: Item, box: pygame.Rect) -> None:
    """The item's picture in the square ``box`` (its name is written by the caller, always)."""
    pal = theme.palette
    SHAPES[item.shape](Pen(surface, box, pal), getattr(pal, item.tint))


def draw_star(surface: pygame.Surface, colour, outline, centre: tuple[int, int], radius: int) -> None:
    """A five-pointed star, for the counting task during the wait."""
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.45
        a = math.radians(-90 + k * 36)
        points.append((centre[0] + r * math.cos(a), centre[1] + r * math.sin(a)))
    pygame.draw.polygon(surface, colour, points)
    pygame.draw.polygon(surface, outline, points, width=max(2, radius // 12))
