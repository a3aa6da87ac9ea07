"""The small marks that say how an answer went by a shape, not by a colour alone: tick, dash, not-quite."""

from __future__ import annotations

from typing import Literal

import pygame

MarkKind = Literal["tick", "dash", "not_quite"]
MARK_KINDS: tuple[MarkKind, ...] = ("tick", "dash", "not_quite")

# The tick's three points as shares of the box's side: a short stroke down, a long one up,
# leaving a margin so a thick line stays inside the box.
TICK_POINTS = ((0.15, 0.55), (0.4, 0.8), (0.85, 0.25))
MIN_STROKE_PX = 3  # thinner marks vanish at font scale 1.0 and on a projector


def stroke_px(side_px: int) -> int:
    """The line width of a tick or dash in a box ``side_px`` tall: an eighth of it, never hairline."""
    return max(MIN_STROKE_PX, side_px // 8)


def draw_mark(surface: pygame.Surface, kind: MarkKind, box: pygame.Rect, colour, width_px: int | None = None) -> None:
    """Draw the mark ``kind`` in ``box``, in ``colour``.

    Args:
        surface: where to draw.
        kind: "tick" for right; "dash" for a neutral "not this time"; "not_quite" for a calm dash in a ring.
        box: the tick and the ring take the box's height as their side, from its top-left corner
            (a wide box, such as a line of text, gets its tick at its left end); the dash runs
            level across the middle two thirds of the box, as wide as a tick.
        colour: the ink.
        width_px: the line width, for a mark that needs a heavier line than its size gives (a badge).
    """
    if kind == "tick":
        _draw_tick(surface, box, colour, width_px or stroke_px(box.height))
    elif kind == "dash":
        (x, y), half = box.center, box.width // 3  # about as wide as a tick in the same box
        pygame.draw.line(surface, colour, (x - half, y), (x + half, y), width_px or stroke_px(box.height))
    elif kind == "not_quite":
        _draw_not_quite(surface, box, colour, width_px)
    else:
        raise ValueError(f"no mark called {kind!r}; the marks are {', '.join(MARK_KINDS)}")


def _draw_tick(surface: pygame.Surface, box: pygame.Rect, colour, width_px: int) -> None:
    x, y, side = box.left, box.top, box.height
    pygame.draw.lines(surface, colour, False, [(x + side * px, y + side * py) for px, py in TICK_POINTS], width_px)


def _draw_not_quite(surface: pygame.Surface, box: pygame.Rect, colour, width_px: int | None) -> None:
    """A short level dash in a ring: 'not quite' as a calm mark, never a cross."""
    radius = box.height // 3
    width = width_px or max(2, radius // 5)  # a ring this size reads as a ring only with a fine line
    pygame.draw.circle(surface, colour, box.center, radius, width)
    (x, y), half = box.center, radius // 2
    pygame.draw.line(surface, colour, (x - half, y), (x + half, y), width)
