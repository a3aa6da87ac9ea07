"""Visual Search displays: the search sets, items on a jittered grid, and the layout as compact text.

Item codes are two characters. Shapes: ``O`` circle, ``S`` square, ``H`` hexagon, ``A`` triangle,
each with ``f`` (filled) or ``o`` (outline). Letters: ``T`` and ``L`` (a crossbar with the stem
at its middle or at its end), each with a digit 0-3, the quarter turns clockwise of the crossbar
from the top: ``T0`` is the upright T. No item differs from another by colour.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FEATURE, CONJUNCTION = "feature", "conjunction"


@dataclass(frozen=True)
class SearchSet:
    """A target and its distractor kinds; ``effort`` is how hard each item is to check (1 = conjunction)."""

    search_type: str
    target: str
    distractors: tuple[str, ...]
    target_name: str  # for the "Find: ..." line and the export
    effort: float


SEARCH_SETS: dict[str, SearchSet] = {
    # feature: a circle differs from squares by shape alone
    "circle_squares": SearchSet(FEATURE, "Of", ("Sf",), "circle", 0.15),
    # feature, distractors more like the target: hexagons are rounder than squares
    "circle_hexagons": SearchSet(FEATURE, "Of", ("Hf",), "circle", 0.4),
    # conjunction: shares its shape with the outlined triangles and its fill with the squares
    "triangle_conjunction": SearchSet(CONJUNCTION, "Af", ("Sf", "Ao"), "filled triangle", 1.0),
    # conjunction: shares its shape with the turned Ts and its orientation with the upright Ls
    "t_among_l": SearchSet(CONJUNCTION, "T0", ("T1", "T2", "T3", "L0"), "T that is upright", 1.6),
    # as above, with Ls in all four orientations: more varied distractors slow the search further
    "t_among_mixed_l": SearchSet(CONJUNCTION, "T0", ("T1", "T2", "T3", "L0", "L1", "L2", "L3"),
                                 "T that is upright", 2.0),
}


@dataclass(frozen=True)
class Item:
    """One item: its code, its grid cell, and its offset from the cell centre in cell fractions."""

    code: str
    col: int
    row: int
    dx: float = 0.0
    dy: float = 0.0
    is_target: bool = False


@dataclass(frozen=True)
class Display:
    """One search display."""

    search_set: str
    items: tuple[Item, ...]
    target_present: bool

    @property
    def set_size(self) -> int:
        return len(self.items)

    @property
    def spec(self) -> SearchSet:
        return SEARCH_SETS[self.search_set]


def make_display(rng: random.Random, search_set: str, set_size: int, present: bool,
                 cols: int, rows: int, jitter: float) -> Display:
    """Place ``set_size`` items in different cells of a ``cols`` x ``rows`` grid, each moved off its
    cell centre by up to ``jitter`` of the cell; the distractor kinds come in equal shares."""
    spec = SEARCH_SETS[search_set]
    if not 1 <= set_size <= cols * rows:
        raise ValueError(f"cannot place {set_size} items in a {cols} x {rows} grid")
    if not 0.0 <= jitter <= 0.2:
        raise ValueError(f"jitter {jitter} must be between 0 and 0.2 of a cell, or items could overlap")
    cells = rng.sample(range(cols * rows), set_size)
    n_distractors = set_size - 1 if present else set_size
    kinds = [spec.distractors[i % len(spec.distractors)] for i in range(n_distractors)]
    rng.shuffle(kinds)
    codes = ([spec.target] if present else []) + kinds
    items = [
        Item(code, cell % cols, cell // cols, round(rng.uniform(-jitter, jitter), 3),
             round(rng.uniform(-jitter, jitter), 3), is_target=present and k == 0)
        for k, (code, cell) in enumerate(zip(codes, cells))
    ]
    items.sort(key=lambda it: (it.row, it.col))  # reading order, so the layout text reads like the screen
    return Display(search_set, tuple(items), present)


def layout_text(display: Display) -> str:
    """The display in a few characters per item: ``code@column,row`` from 0, the target marked ``*``,
    e.g. ``*T0@3,1 T2@0,0 L0@5,2`` (the small jitter is left out)."""
    return " ".join(f"{'*' if it.is_target else ''}{it.code}@{it.col},{it.row}" for it in display.items)


def parse_layout(text: str, search_set: str) -> Display:
    """The display a layout text describes (without jitter): the inverse of ``layout_text``, for tests."""
    items = []
    for token in text.split():
        is_target = token.startswith("*")
        code, cell = token.lstrip("*").split("@")
        col, row = (int(v) for v in cell.split(","))
        items.append(Item(code, col, row, is_target=is_target))
    return Display(search_set, tuple(items), any(it.is_target for it in items))
