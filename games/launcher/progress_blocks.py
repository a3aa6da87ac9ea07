"""The progress screen's blocks: paragraphs, highlight cards and charts, each rendered to an image."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import pygame

from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text, fit, wrap
from games.launcher.chart import TextRects, draw_chart
from scores.analysis.progress import Series


@dataclass
class Block:
    """A rendered piece of a page (a line of text, a row of cards, a chart) and the texts in it."""

    image: pygame.Surface
    texts: TextRects
    gap_after: int = 0

    @property
    def height(self) -> int:
        return self.image.get_height() + self.gap_after


def blank_image(theme: Theme, width: int, height: int) -> pygame.Surface:
    """An image at least 1 × 1 pixel, filled with the theme's background."""
    image = pygame.Surface((max(1, width), max(1, height)))
    image.fill(theme.palette.background)
    return image


def text_blocks(theme: Theme, text: str, width: int, max_height: int, role: str = "body", bold: bool = False,
                gap_after: int = 0) -> list[Block]:
    """A wrapped paragraph as one block, or as several when it is taller than ``max_height``."""
    font, pal = theme.font(role, bold), theme.palette
    lines, line_h = wrap(text, font, width), font.get_linesize()
    per_block = max(1, max_height // line_h)
    blocks = []
    for first in range(0, len(lines), per_block):
        chunk = lines[first:first + per_block]
        image = blank_image(theme, width, line_h * len(chunk))
        texts = [(line, draw_text(image, line, font, pal.text, (0, i * line_h))) for i, line in enumerate(chunk)]
        blocks.append(Block(image, texts))
    blocks[-1].gap_after = gap_after
    return blocks


def _card_rows(theme: Theme, cards: list[tuple[str, str]], width: int) -> list[list[tuple[str, list[str], int]]]:
    """Cards as (value, wrapped words, width), put in rows no wider than ``width``."""
    big, small, pad = theme.font("large", bold=True), theme.font("small"), theme.gap()
    rows: list[list[tuple[str, list[str], int]]] = [[]]
    for value, label in cards:
        inner = min(width - 2 * pad, max(big.size(value)[0], small.size(label)[0]))
        card = (value, wrap(label, small, inner), inner + 2 * pad)
        if rows[-1] and sum(c[2] + pad for c in rows[-1]) + card[2] > width:
            rows.append([])
        rows[-1].append(card)
    return rows


def card_blocks(theme: Theme, cards: list[tuple[str, str]], width: int) -> list[Block]:
    """The highlight cards, side by side while they fit, each row one block."""
    pal, big, small, pad = theme.palette, theme.font("large", bold=True), theme.font("small"), theme.gap()
    blocks = []
    for row in _card_rows(theme, cards, width):
        height = big.get_linesize() + max(len(c[1]) for c in row) * small.get_linesize() + 2 * pad
        image, texts, x = blank_image(theme, width, height), [], 0
        for value, lines, card_w in row:
            box = pygame.Rect(x, 0, card_w, height)
            pygame.draw.rect(image, pal.surface, box, border_radius=theme.radius)
            pygame.draw.rect(image, pal.border, box, width=2, border_radius=theme.radius)
            texts.append((value, draw_text(image, fit(value, big, card_w - 2 * pad), big, pal.text, (x + pad, pad))))
            for i, line in enumerate(lines):
                y = pad + big.get_linesize() + i * small.get_linesize()
                texts.append((line, draw_text(image, line, small, pal.muted_text, (x + pad, y))))
            x += card_w + pad
        blocks.append(Block(image, texts, pad))
    return blocks


def chart_block(theme: Theme, series: Series, width: int, height: int, parts: Sequence[str] | None = None) -> Block:
    """The chart of ``series`` (only its ``parts``, when given) as one block of the size given."""
    image = blank_image(theme, width, height)
    return Block(image, draw_chart(image, image.get_rect(), theme, series, parts))
