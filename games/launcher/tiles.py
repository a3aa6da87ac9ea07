"""Exercise tiles in a grid that scrolls by whole rows: arrows move as in a grid, Tab in reading order.

A row of fixed buttons above the grid never scrolls. Only whole rows and headings are drawn (a
half-hidden tile would be cut-off text); "more below" and "more above" say there is more, and a
click on them scrolls a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pygame

from games.core.ui.theme import Theme
from games.core.ui.widgets import ACTIVATE_KEYS, Button, draw_more_marks, draw_text, fit, wrap

PICTURE_SIZE = (320, 256)  # the instructions' picture is drawn at this size at scale 1, then shrunk
SEPARATOR = "  ·  "
MAX_COLUMNS = 3


@dataclass(eq=False)
class Tile(Button):
    """An exercise: its picture on the left, its name and a few short lines of words beside it."""

    key: str = ""  # what the tile stands for (an exercise's id)
    parts: tuple[str, ...] = ()
    picture: Callable[[tuple[int, int]], pygame.Surface] | None = None

    def text_lines(self, theme: Theme, width: int) -> tuple[list[str], list[str]]:
        """The name wrapped to ``width``, and the parts packed on as few lines as fit."""
        small, lines = theme.font("small"), []
        for part in self.parts:
            joined = f"{lines[-1]}{SEPARATOR}{part}" if lines else part
            if lines and small.size(joined)[0] <= width:
                lines[-1] = joined
            else:
                lines.append(fit(part, small, width))
        return wrap(self.label, theme.font("body", bold=True), width), lines

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, primary: bool = False) -> None:
        pal, shape = theme.palette, tile_shape(theme, self.rect.width)
        pygame.draw.rect(surface, pal.surface, self.rect, border_radius=theme.radius)
        border = (pal.focus, theme.focus_width) if focused else (pal.border, 2)
        pygame.draw.rect(surface, border[0], self.rect, width=border[1], border_radius=theme.radius)
        picture_h = min(shape.picture[1], self.rect.height - 2 * shape.pad)
        picture = pygame.Rect(0, 0, picture_h * PICTURE_SIZE[0] // PICTURE_SIZE[1], picture_h)
        picture.midleft = (self.rect.left + shape.pad, self.rect.centery)
        if self.picture is not None:
            surface.blit(self.picture(picture.size), picture)
        title_font, small = theme.font("body", bold=True), theme.font("small")
        names, lines = self.text_lines(theme, shape.text_w)
        x, y = self.rect.left + shape.picture[0] + 2 * shape.pad, self.rect.top + shape.pad
        for line in names:
            y = draw_text(surface, line, title_font, pal.text, (x, y)).top + title_font.get_linesize()
        for line in lines:
            y = draw_text(surface, line, small, pal.muted_text, (x, y)).top + small.get_linesize()


@dataclass(frozen=True)
class TileShape:
    pad: int
    picture: tuple[int, int]
    text_w: int


def tile_shape(theme: Theme, width: int) -> TileShape:
    """Where a tile of ``width`` puts its picture and text."""
    pad = theme.gap(0.6)
    picture_w = min(int(width * 0.32), theme.gap(7))
    return TileShape(pad, (picture_w, int(picture_w * 0.8)), width - picture_w - 3 * pad)


def tile_height(theme: Theme, tiles: list[Tile], width: int) -> int:
    """One height for every tile (the tallest text needs), so the grid's rows line up; the picture
    takes the height there is, down to three fifths of its full size."""
    shape = tile_shape(theme, width)
    title_h, small_h = theme.font("body", bold=True).get_linesize(), theme.font("small").get_linesize()
    needed = shape.picture[1] * 3 // 5
    for tile in tiles:
        names, lines = tile.text_lines(theme, shape.text_w)
        needed = max(needed, len(names) * title_h + len(lines) * small_h)
    return needed + 2 * shape.pad


def columns_for(theme: Theme, tiles: list[Tile], width: int) -> int:
    """The most columns (up to MAX_COLUMNS) in which every part and every word of a name fits unshortened."""
    small, title = theme.font("small"), theme.font("body", bold=True)
    widest = max([small.size(p)[0] for t in tiles for p in t.parts] +
                 [title.size(w)[0] for t in tiles for w in t.label.split()] + [1])
    for columns in range(MAX_COLUMNS, 1, -1):
        tile_w = (width - (columns - 1) * theme.gap(0.6)) // columns
        if tile_shape(theme, tile_w).text_w >= widest:
            return columns
    return 1


@dataclass
class Line:
    """What scrolls, one at a time: a section's heading, or a row of its tiles."""

    section: str
    heading: bool = False
    tiles: list[Tile] = field(default_factory=list)
    top: int = 0
    height: int = 0


def row_theme(theme: Theme, buttons: list[Button], width: int, gap: int) -> Theme:
    """The theme in which a row of ``buttons`` fits ``width``: the theme's own, else its type a little
    smaller, down to three quarters (large type in a narrow window)."""
    for share in (1.0, 0.95, 0.9, 0.85, 0.8, 0.75):
        smaller = theme.with_scale(theme.font_scale * share) if share < 1.0 else theme
        if sum(b.width(smaller) for b in buttons) + gap * (len(buttons) - 1) <= width:
            break
    return smaller


class TileGrid:
    """Fixed buttons on top, then sections of tiles; ``buttons`` is every target in reading order."""

    def __init__(self, fixed: list[Button], sections: list[tuple[str, list[Tile]]], focus: int = 0) -> None:
        self.fixed, self.sections = fixed, sections
        self.buttons: list[Button] = fixed + [t for _, tiles in sections for t in tiles]
        self.focus = min(max(focus, 0), max(len(self.buttons) - 1, 0))
        self.lines: list[Line] = []
        self.top_line = 0
        self.viewport = pygame.Rect(0, 0, 0, 0)
        self.marks: dict[int, tuple[pygame.Rect, pygame.Rect]] = {}
        self._follow = True  # keep the focused tile in view (not after the wheel scrolled it away)
        self.fixed_theme: Theme | None = None  # the fixed row's, its type smaller in a narrow window

    # -- input ------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        """Returns True when the event was used."""
        if not self.buttons:
            return False
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y)
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            for step, (_, target) in self.marks.items():
                if target.collidepoint(event.pos):
                    self.scroll(step)
                    return True
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONUP):
            hit = next((i for i, b in enumerate(self.buttons) if self._shown(b) and b.rect.collidepoint(event.pos)),
                       None)
            if hit is not None:
                self.focus, self._follow = hit, True
                if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                    self.buttons[hit].on_activate()
            return hit is not None
        return False

    def _key(self, event: pygame.event.Event) -> bool:
        shift, last = bool(event.mod & pygame.KMOD_SHIFT), len(self.buttons) - 1
        moves = {pygame.K_RIGHT: min(self.focus + 1, last), pygame.K_LEFT: max(self.focus - 1, 0),
                 pygame.K_HOME: 0, pygame.K_END: last,
                 pygame.K_TAB: (self.focus + (-1 if shift else 1)) % len(self.buttons)}
        if event.key in (pygame.K_UP, pygame.K_DOWN):
            self.focus = self._vertical(-1 if event.key == pygame.K_UP else 1)
        elif event.key in moves:
            self.focus = moves[event.key]
        elif event.key in ACTIVATE_KEYS:
            self.buttons[self.focus].on_activate()
            return True
        else:
            return False
        self._follow = True
        return True

    def rows(self) -> list[list[Button]]:
        """The fixed buttons' row, then every row of tiles, as last laid out."""
        return ([self.fixed] if self.fixed else []) + [line.tiles for line in self.lines if line.tiles]

    def _vertical(self, step: int) -> int:
        """The focus one row up or down: the target there whose middle is nearest this one's."""
        rows = self.rows()
        here = self.buttons[self.focus]
        row = next((i for i, r in enumerate(rows) if here in r), None)  # None: not laid out yet
        if row is None or not 0 <= row + step < len(rows):
            return self.focus
        target = min(rows[row + step], key=lambda b: abs(b.rect.centerx - here.rect.centerx))
        return self.buttons.index(target)

    def scroll(self, lines: int) -> None:
        """Scroll by whole lines; a focused tile scrolled out of view hands the focus to the first one shown."""
        self.top_line = max(0, min(self.top_line + lines, self._last_top()))
        self._follow = False

    # -- layout and drawing -------------------------------------------------------------------------
    def layout(self, theme: Theme, area: pygame.Rect) -> None:
        """Place the fixed row at the top of ``area`` and the tiles below it, scrolled to the focus."""
        gap, x = theme.gap(0.6), area.left
        self.fixed_theme = row_theme(theme, self.fixed, area.width, gap)
        fixed_h = self.fixed_theme.font("body", bold=True).get_linesize() + self.fixed_theme.gap(0.75)  # compact
        for button in self.fixed:
            button.rect = pygame.Rect(x, area.top, button.width(self.fixed_theme), fixed_h)
            x = button.rect.right + gap
        top = max([b.rect.bottom + theme.gap(0.75) for b in self.fixed] + [area.top])
        self.viewport = pygame.Rect(area.left, top, area.width, area.bottom - top)
        more_h = theme.font("small").get_linesize() + theme.gap(0.5)
        self._make_lines(theme, area.width, self.viewport.height - more_h)
        if sum(line.height for line in self.lines) > self.viewport.height:  # room for "more below"
            self.viewport.height -= more_h
        self.top_line = min(self.top_line, self._last_top())
        if self._follow:
            self._show_focus()
        self._place(gap)
        if not self._follow and not self._shown(self.buttons[self.focus]):
            shown = [i for i, b in enumerate(self.buttons) if b not in self.fixed and self._shown(b)]
            self.focus = shown[0] if shown else self.focus

    def _make_lines(self, theme: Theme, width: int, room_h: int) -> None:
        """The headings and rows; a heading only where it fits in ``room_h`` with a row under it
        (else the section's name stands beside the "more" marks: see ``_draw_section``)."""
        tiles = [t for _, group in self.sections for t in group]
        columns, gap = columns_for(theme, tiles, width), theme.gap(0.6)
        tile_w = (width - (columns - 1) * gap) // columns
        tile_h = tile_height(theme, tiles, tile_w)
        heading_h = theme.font("large", bold=True).get_linesize() + theme.gap(0.25)
        with_headings = heading_h + tile_h <= room_h
        self.lines = []
        for heading, group in self.sections:
            if with_headings:
                self.lines.append(Line(heading, heading=True, height=heading_h))
            for first in range(0, len(group), columns):
                row = group[first:first + columns]
                for i, tile in enumerate(row):
                    tile.rect = pygame.Rect(self.viewport.left + i * (tile_w + gap), 0, tile_w, tile_h)
                self.lines.append(Line(heading, tiles=row, height=tile_h + gap))

    def _fits(self, first: int, last: int) -> bool:
        """Whether lines ``first`` to ``last`` fit in the viewport together (the last one's gap aside)."""
        lines = self.lines[first:last + 1]
        trailing = lines[-1].height - lines[-1].tiles[0].rect.height if lines[-1].tiles else 0
        return first == last or sum(line.height for line in lines) - trailing <= self.viewport.height

    def _last_top(self) -> int:
        """The first line when scrolled to the end: the end is shown with nothing blank below it."""
        first = len(self.lines) - 1
        while first > 0 and self._fits(first - 1, len(self.lines) - 1):
            first -= 1
        return max(first, 0)

    def _show_focus(self) -> None:
        focused = self.buttons[self.focus]
        line = next((i for i, line in enumerate(self.lines) if focused in line.tiles), None)
        if line is None:
            return
        if line < self.top_line:
            heading = line > 0 and not self.lines[line - 1].tiles
            self.top_line = line - 1 if heading and self._fits(line - 1, line) else line
        while self.top_line < line and not self._fits(self.top_line, line):
            self.top_line += 1

    def _place(self, gap: int) -> None:
        y = self.viewport.top - sum(line.height for line in self.lines[:self.top_line])
        for line in self.lines:
            line.top = y
            for tile in line.tiles:
                tile.rect.top = y
            y += line.height

    def _shown(self, button: Button) -> bool:
        return button in self.fixed or self.viewport.contains(button.rect)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        for i, button in enumerate(self.buttons):
            if self._shown(button):
                button.draw(surface, self.fixed_theme if button in self.fixed else theme, focused=(i == self.focus))
        font = theme.font("large", bold=True)
        for line in self.lines:
            if line.heading and self.viewport.top <= line.top and line.top + font.get_linesize() <= self.viewport.bottom:
                draw_text(surface, line.section, font, theme.palette.text, (self.viewport.left, line.top))
        above, below = self.top_line > 0, self.top_line < self._last_top()
        self.marks = {}
        if above or below:
            y = self.viewport.bottom + theme.font("small").get_linesize() // 2 + theme.gap(0.25)
            self.marks = draw_more_marks(surface, theme, self.viewport.right, y, above, below)
            self._draw_section(surface, theme, y)

    def _draw_section(self, surface: pygame.Surface, theme: Theme, y: int) -> None:
        """Where a scrolled grid stands, when the top row's heading is scrolled away: its section's name."""
        top = self.lines[self.top_line]
        if top.heading:
            return
        room = min(rect.left for rect, _ in self.marks.values()) - theme.gap(2) - self.viewport.left
        small = theme.font("small", bold=True)
        if room > 0:
            draw_text(surface, fit(top.section, small, room), small, theme.palette.text, (self.viewport.left, y),
                      "midleft")
