"""Trail layouts: circles in a unit square, no straight link between consecutive circles crossing another."""

from __future__ import annotations

import math
import random

Point = tuple[float, float]

RADIUS = 0.055  # circle radius in board widths; the board is square
MIN_GAP = 2.9 * RADIUS  # closest two centres may be
CLEARANCE = 1.35 * RADIUS  # closest a link may pass to a third circle's centre
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def trail_labels(part: str, n: int) -> list[str]:
    """Labels in trail order: part A '1','2',...; part B '1','A','2','B',..."""
    if part == "A":
        return [str(i + 1) for i in range(n)]
    if part == "B":
        return [str(i // 2 + 1) if i % 2 == 0 else LETTERS[i // 2] for i in range(n)]
    raise ValueError(f"part {part!r} must be 'A' or 'B'")


def distance_to_segment(p: Point, a: Point, b: Point) -> float:
    """Shortest distance from point ``p`` to the segment from ``a`` to ``b``."""
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def links_clear(points: list[Point], clearance: float = CLEARANCE) -> bool:
    """Whether every link i -> i+1 stays ``clearance`` away from every other circle's centre."""
    for i in range(len(points) - 1):
        for k, p in enumerate(points):
            if k not in (i, i + 1) and distance_to_segment(p, points[i], points[i + 1]) < clearance:
                return False
    return True


def _fits(points: list[Point], q: Point) -> bool:
    """Whether ``q`` can be the next circle: spaced from all, its link clear, old links clear of it."""
    if any(math.dist(p, q) < MIN_GAP for p in points):
        return False
    if points and any(distance_to_segment(p, points[-1], q) < CLEARANCE for p in points[:-1]):
        return False
    return all(distance_to_segment(q, points[i], points[i + 1]) >= CLEARANCE for i in range(len(points) - 1))


def generate_layout(rng: random.Random, n: int, attempts: int = 400) -> list[Point]:
    """Centres of ``n`` circles in trail order; places them one by one, starting over when stuck."""
    low, high = RADIUS * 1.2, 1.0 - RADIUS * 1.2
    for _ in range(attempts):
        points: list[Point] = []
        while len(points) < n:
            for _ in range(200):
                q = (rng.uniform(low, high), rng.uniform(low, high))
                if _fits(points, q):
                    points.append(q)
                    break
            else:
                break  # stuck: start over
        if len(points) == n:
            return points
    raise RuntimeError(f"could not lay out {n} circles")
