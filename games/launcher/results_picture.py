"""The results screen's picture: this run's levels as a rising path, beside the last few runs as
bars, with a star drawn in code on a new best. Calm colours only; shapes and words, not colour
alone, tell this run from the others."""

from __future__ import annotations

import math
from typing import Sequence

import pygame

from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text, fit

TextRects = list[tuple[str, pygame.Rect]]
PATH_SHARE = 0.6  # of the picture's width, when the bars stand beside the path
BARS_LINES = 5  # the bars need the picture this many lines tall; a shorter one shows the path alone
NOW = "This time"


def draw_star(surface: pygame.Surface, theme: Theme, centre: tuple[float, float], radius: float) -> pygame.Rect:
    """A five-pointed star, filled warm yellow with a dark outline; returns its bounding box."""
    cx, cy = centre
    points = [(cx + r * math.sin(math.pi * i / 5), cy - r * math.cos(math.pi * i / 5))
              for i, r in zip(range(10), [radius, radius * 0.45] * 5)]
    pygame.draw.polygon(surface, theme.palette.block_lit, points)
    pygame.draw.polygon(surface, theme.palette.text, points, width=max(1, round(radius / 8)))
    return pygame.Rect(round(cx - radius), round(cy - radius), round(2 * radius), round(2 * radius))


class ResultsPicture:
    """Draws the picture into a rectangle and remembers every text it drew."""

    def __init__(self, surface: pygame.Surface, theme: Theme) -> None:
        self.surface, self.theme = surface, theme
        self.font, self.bold = theme.font("small"), theme.font("small", bold=True)
        self.texts: TextRects = []

    def text(self, text: str, pos: tuple[float, float], anchor: str, bold: bool = False,
             width: int | None = None) -> pygame.Rect:
        font = self.bold if bold else self.font
        text = fit(text, font, width) if width else text
        ink = self.theme.palette.text if bold else self.theme.palette.muted_text
        rect = draw_text(self.surface, text, font, ink, (round(pos[0]), round(pos[1])), anchor)
        self.texts.append((text, rect))
        return rect

    def draw(self, rect: pygame.Rect, path: Sequence[int], earlier: Sequence[int], level: int,
             new_best: bool) -> TextRects:
        """The path of ``path`` levels ending at ``level``; the bars of ``earlier`` runs and this one."""
        gap = self.theme.gap()
        if earlier and rect.height >= BARS_LINES * self.font.get_linesize():
            path_w = round((rect.width - gap) * PATH_SHARE)
            self.path(pygame.Rect(rect.left, rect.top, path_w, rect.height), path, level)
            bars = pygame.Rect(rect.left + path_w + gap, rect.top, rect.width - path_w - gap, rect.height)
            self.bars(bars, list(earlier) + [level], new_best)
        else:
            self.path(rect, path, level)
        return self.texts

    def _panel(self, rect: pygame.Rect, caption: str) -> pygame.Rect:
        """A soft card with its caption; returns the room inside it for the drawing."""
        pal, pad, line = self.theme.palette, self.theme.gap(0.5), self.font.get_linesize()
        pygame.draw.rect(self.surface, pal.surface, rect, border_radius=self.theme.radius)
        pygame.draw.rect(self.surface, pal.border, rect, width=1, border_radius=self.theme.radius)
        self.text(caption, (rect.left + pad, rect.top + pad), "topleft", width=rect.width - 2 * pad)
        top = rect.top + pad + line + pad // 2
        return pygame.Rect(rect.left + pad, top, rect.width - 2 * pad, max(1, rect.bottom - pad - top))

    def path(self, rect: pygame.Rect, levels: Sequence[int], end: int) -> None:
        """Each answer's level as a step, then where the run ended: a dot labelled with its level."""
        pal, line = self.theme.palette, self.font.get_linesize()
        room = self._panel(rect, "Your level, step by step")
        plot = pygame.Rect(room.left, room.top + line, room.width - line // 2, max(1, room.height - line))
        steps = list(levels) + [end]
        low, high = min(steps) - 1, max(max(steps), min(steps) + 2)
        x = lambda i: plot.left + i * plot.width / max(1, len(steps) - 1)  # noqa: E731
        y = lambda v: plot.bottom - (v - low) / (high - low) * plot.height  # noqa: E731
        outline = []
        for i, value in enumerate(steps[:-1]):
            outline += [(x(i), y(value)), (x(i + 1), y(value))]
        outline.append((x(len(steps) - 1), y(end)))
        area = [(plot.left, plot.bottom)] + outline + [(plot.right, plot.bottom)]
        pygame.draw.polygon(self.surface, pal.block_tapped, area)
        pygame.draw.lines(self.surface, pal.accent, False, outline, max(3, line // 8))
        dot = (round(x(len(steps) - 1)), round(y(end)))
        pygame.draw.circle(self.surface, pal.accent, dot, max(5, line // 4))
        pygame.draw.circle(self.surface, pal.text, dot, max(5, line // 4), width=2)
        words = f"Level {end}"
        chip = pygame.Rect(0, 0, self.bold.size(words)[0] + line // 2, line)
        chip.bottomright = (plot.right, dot[1] - line // 3)
        chip.top = max(chip.top, rect.top + line // 4)  # under the caption's line at worst, never above the card
        pygame.draw.rect(self.surface, pal.surface, chip, border_radius=line // 4)  # the path passes behind it
        self.text(words, chip.center, "center", bold=True)

    def bars(self, rect: pygame.Rect, levels: Sequence[int], new_best: bool) -> None:
        """One bar per run, oldest first, this run's last and coloured; its level above each bar."""
        pal, line = self.theme.palette, self.font.get_linesize()
        room = self._panel(rect, "Your last few times")
        top = room.top + (line if not new_best else 2 * line)  # room for the numbers (and the star)
        base = room.bottom - line  # "This time" goes under the bars
        slot = room.width / len(levels)
        width = max(4, min(round(slot * 0.6), 3 * line))
        high = max(levels)
        for i, level in enumerate(levels):
            now = i == len(levels) - 1
            h = max(4, (base - top) * level / max(high, 1))
            centre = room.left + slot * (i + 0.5)
            bar = pygame.Rect(round(centre - width / 2), round(base - h), width, round(h))
            pygame.draw.rect(self.surface, pal.accent if now else pal.border, bar,
                             border_top_left_radius=4, border_top_right_radius=4)
            label = self.text(str(level), (centre, bar.top - 2), "midbottom", bold=now)
            if now and new_best:
                draw_star(self.surface, self.theme, (centre, label.top - line / 2), line * 0.45)
        last = room.left + slot * (len(levels) - 0.5)
        self.text(NOW, (min(last, room.right - self.font.size(NOW)[0] / 2), base + 2), "midtop", bold=True)
