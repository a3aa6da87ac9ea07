"""Drawing the search items: shapes filled or outlined, and Ts and Ls turned; one ink colour for all."""

from __future__ import annotations

import math

import pygame

Colour = tuple[int, int, int]
# Bars of the letters on a unit square centred on 0 (x right, y down), crossbar on top:
# (left, top, right, bottom). The T's stem meets the crossbar's middle, the L's its left end.
BAR = 0.2
LETTER_BARS = {
    "T": ((-0.5, -0.5, 0.5, -0.5 + BAR), (-BAR / 2, -0.5, BAR / 2, 0.5)),
    "L": ((-0.5, -0.5, 0.5, -0.5 + BAR), (-0.5, -0.5, -0.5 + BAR, 0.5)),
}


def _turn(x: float, y: float, quarter_turns: int) -> tuple[float, float]:
    """A point turned clockwise on screen (y grows downwards) by ``quarter_turns`` x 90 degrees."""
    for _ in range(quarter_turns % 4):
        x, y = -y, x
    return x, y


def _polygon(centre: tuple[int, int], size: float, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    cx, cy = centre
    return [(cx + x * size, cy + y * size) for x, y in points]


def draw_item(surface: pygame.Surface, code: str, centre: tuple[int, int], size: float, ink: Colour) -> None:
    """Draw item ``code`` (see ``displays``) about ``size`` pixels across, centred on ``centre``."""
    shape, variant = code[0], code[1]
    if shape in LETTER_BARS:
        for left, top, right, bottom in LETTER_BARS[shape]:
            corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
            turned = [_turn(x, y, int(variant)) for x, y in corners]
            pygame.draw.polygon(surface, ink, _polygon(centre, size, turned))
        return
    width = 0 if variant == "f" else max(3, round(size / 9))
    if shape == "O":
        pygame.draw.circle(surface, ink, centre, round(size / 2), width)
        return
    if shape == "S":
        side = size * 0.88  # a square looks bigger than a circle of the same width
        unit = [(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)]
        pygame.draw.polygon(surface, ink, _polygon(centre, side, unit), width)
        return
    if shape == "H":
        unit = [(0.5 * math.cos(math.pi / 3 * k), 0.5 * math.sin(math.pi / 3 * k)) for k in range(6)]
        pygame.draw.polygon(surface, ink, _polygon(centre, size, unit), width)
        return
    if shape == "A":
        unit = [(0.0, -0.5), (0.5, 0.45), (-0.5, 0.45)]
        pygame.draw.polygon(surface, ink, _polygon(centre, size, unit), width)
        return
    raise ValueError(f"unknown item code {code!r}")
