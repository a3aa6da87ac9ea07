"""The client's progress picture: their level day by day as a soft filled hill, evened out a
little, with a star on each best day. No error bars and no statistics; the levels are
``scores.analysis.levels``'s, so the stars stand exactly at the best level the words name."""

from __future__ import annotations

import math

import pygame

from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text, wrap
from games.launcher.chart import TextRects, date_span
from games.launcher.results_picture import draw_star
from scores.analysis.levels import day_levels, smoothed
from scores.analysis.progress import Series
from scores.report.axes import date_ticks, value_ticks

LEGEND = (("hill", "your level each day, evened out a little"), ("star", "your best days"))
MIN_LINES, MAX_LINES = 8, 16  # the chart's least and most height, in lines of its type
Y_LABEL = "Level"


def level_range(series: Series, levels: list[int]) -> tuple[int, int]:
    """The levels the chart spans: a little below the lowest day and above the highest, within the
    exercise's range, at least four levels tall."""
    low = max(series.min_level if series.min_level is not None else 0, min(levels) - 2)
    return low, max(max(levels) + 1, low + 4)


def min_height(theme: Theme) -> int:
    return MIN_LINES * theme.font("small").get_linesize()


def max_height(theme: Theme) -> int:
    return MAX_LINES * theme.font("small").get_linesize()


def _legend_rows(font: pygame.font.Font, width: int) -> list[list[tuple[str, str]]]:
    """The legend's items side by side while they fit, else one a row (long words wrap)."""
    sample = font.get_height() + font.size(" ")[0]
    whole = sum(sample + font.size(words + "   ")[0] for _, words in LEGEND)
    if whole <= width:
        return [list(LEGEND)]
    return [[(shape if i == 0 else "", line)] for shape, words in LEGEND
            for i, line in enumerate(wrap(words, font, max(1, width - sample)))]


def draw_level_chart(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, series: Series) -> TextRects:
    """Draw the client's level per day into ``rect``; returns every text drawn with its rectangle."""
    days = day_levels(series.points)
    if not days:
        return []
    pal, font = theme.palette, theme.font("small")
    line, texts = font.get_linesize(), []

    def text(words: str, pos: tuple[float, float], anchor: str = "topleft", ink=pal.muted_text) -> pygame.Rect:
        drawn = draw_text(surface, words, font, ink, (round(pos[0]), round(pos[1])), anchor)
        texts.append((words, drawn))
        return drawn

    levels = [level for _, level in days]
    low, high = level_range(series, levels)
    legend = _legend_rows(font, rect.width)
    top, bottom = rect.top + line + line // 2, rect.bottom - (len(legend) + 1) * line - line // 3
    ticks = value_ticks(low, high, max(1, bottom - top), int(line * 1.1), whole=True)
    left = max(font.size(f"{v:g}")[0] for v in ticks) + theme.gap(0.5)
    star_r = line * 0.4
    plot = pygame.Rect(rect.left + left, top, rect.width - left - round(star_r), max(line, bottom - top))
    start, end = date_span(series)
    x = lambda day: plot.left + ((day - start).days + 0.5) / max(1, (end - start).days) * plot.width  # noqa: E731
    y = lambda value: plot.bottom - (value - low) / (high - low) * plot.height  # noqa: E731
    text(Y_LABEL, (rect.left, rect.top))
    pygame.draw.rect(surface, pal.surface, plot)
    for value in ticks:
        pygame.draw.line(surface, pal.border, (plot.left, round(y(value))), (plot.right - 1, round(y(value))))
        text(f"{value:g}", (plot.left - theme.gap(0.5), y(value)), "midright")
    hill = [(x(day), y(value)) for (day, _), value in zip(days, smoothed(levels))]
    if len(hill) == 1:  # one day: a short level step, so there is a shape to see
        hill = [(hill[0][0] - star_r, hill[0][1]), (hill[0][0] + star_r, hill[0][1])]
    pygame.draw.polygon(surface, pal.block_tapped, [(hill[0][0], plot.bottom)] + hill + [(hill[-1][0], plot.bottom)])
    pygame.draw.lines(surface, pal.accent, False, hill, max(3, line // 8))
    pygame.draw.rect(surface, pal.border, plot, width=1)
    best, last_star = max(levels), -math.inf
    for day, level in days:
        if level == best and x(day) - last_star >= 2 * star_r:  # best days side by side share a star
            last_star = draw_star(surface, theme, (x(day), y(level)), star_r).centerx
    ticks_x = date_ticks(start, end, plot.width, lambda t: font.size(t)[0], theme.gap(0.5))
    for tick in ticks_x:
        text(tick.label, (plot.left + tick.x_px, plot.bottom + 2), "midtop")
    _legend(surface, theme, font, legend, rect.left, plot.bottom + line + line // 3, text)
    return texts


def _legend(surface: pygame.Surface, theme: Theme, font: pygame.font.Font, rows: list[list[tuple[str, str]]],
            left: int, y: int, text) -> None:
    pal, sample, line = theme.palette, font.get_height(), font.get_linesize()
    for row in rows:
        x = left
        for shape, words in row:
            middle = y + line // 2
            if shape == "hill":
                swatch = pygame.Rect(x, middle - sample // 3, sample, 2 * sample // 3)
                pygame.draw.rect(surface, pal.block_tapped, swatch)
                pygame.draw.line(surface, pal.accent, swatch.topleft, swatch.topright, 3)
            elif shape == "star":
                draw_star(surface, theme, (x + sample / 2, middle), sample * 0.45)
            text(words, (x + sample + font.size(" ")[0], y), ink=pal.text)
            x += sample + font.size(" " + words + "   ")[0]
        y += line
