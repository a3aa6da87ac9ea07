"""A progress chart drawn with pygame alone: runs with error bars, the trend line and the aimed success band.

The ticks come from ``scores.report.axes`` (shared with the report); ``draw_chart`` draws one series into
a rectangle and reports every text it drew.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Sequence

import pygame

from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text, wrap
from scores.analysis.progress import WEEK_S, Series, trend_anchor
from scores.report.axes import DateTick, date_ticks, value_ticks

Z95 = 1.96  # error bars span ±1.96 standard errors: where the run's true level most likely lies
BAND_HALF_WIDTH = 0.05  # the aimed success rate is shown as target ± 5 points
MIN_FONT_PX = 12
PLOT_LINES = 5  # a comfortable plot is this many lines of the chart's font tall
MIN_PLOT_LINES = 4  # the chart's font shrinks before its plot gets shorter than this
LEVELS, BAND = "levels", "band"  # the parts of a chart: drawn together, or one at a time when room is short
STRIP_LINES = 2.5  # the band strip's height, in lines: its two labels and a little air between

TextRects = list[tuple[str, pygame.Rect]]


@dataclass(frozen=True)
class _Axes:
    """Where the plot sits and how dates and values map to pixels."""

    plot: pygame.Rect
    start: date
    end: date
    low: float
    high: float

    def x(self, when: datetime) -> float:
        local = when.astimezone()
        days = (local.date() - self.start).days + (local.hour * 3600 + local.minute * 60 + local.second) / 86400
        return self.plot.left + days / max(1, (self.end - self.start).days) * self.plot.width

    def y(self, value: float, rect: pygame.Rect | None = None, low: float | None = None,
          high: float | None = None) -> float:
        rect, low, high = rect or self.plot, self.low if low is None else low, self.high if high is None else high
        return rect.bottom - (value - low) / max(high - low, 1e-9) * rect.height


def date_span(series: Series) -> tuple[date, date]:
    """The axis's first and last day: the runs' local dates with a little room on both sides."""
    days = [p.started_at.astimezone().date() for p in series.points]
    first, last = min(days), max(days) + timedelta(days=1)
    pad = timedelta(days=max(1, round((last - first).days * 0.04)))
    return first - pad, last + pad


def value_span(series: Series) -> tuple[float, float]:
    """The value axis: an exercise's whole level range (widened if a run lies outside it), else the data and 0."""
    values = [p.ability for p in series.points]
    if series.min_level is not None and series.max_level is not None:
        return min(series.min_level, math.floor(min(values))), max(series.max_level, math.ceil(max(values)))
    low = min([0.0] + [p.ability - Z95 * p.ability_se for p in series.points])
    high = max([0.0] + [p.ability + Z95 * p.ability_se for p in series.points])
    pad = max(5.0, (high - low) * 0.05)
    return math.floor((low - pad) / 5) * 5, math.ceil((high + pad) / 5) * 5


def has_band(series: Series) -> bool:
    return series.kind == "exercise" and any(p.accuracy is not None for p in series.points)


def chart_parts(series: Series) -> tuple[str, ...]:
    """The parts a series' chart has: its levels, and for an exercise the band strip."""
    return (LEVELS, BAND) if has_band(series) else (LEVELS,)


def unit_label(series: Series) -> str:
    return "Level (higher is harder)" if series.unit == "level" else "% of level range (0 = first runs)"


def _target(series: Series) -> float:
    """The success rate the latest run aimed at (a therapist may have changed it on the way)."""
    targets = [p.target_rate for p in series.points if p.target_rate is not None]
    return targets[-1] if targets else 0.8


def band_label(series: Series) -> str:
    low, high = (round(100 * (_target(series) + sign * BAND_HALF_WIDTH)) for sign in (-1, 1))
    return f"Share right in each run; shaded: the aim, {low}–{high}%"


def _legend_items(series: Series) -> list[tuple[str, str]]:
    """(sample shape, words) pairs under the chart; shapes, not colours, tell the marks apart."""
    items = [("dot", f"{'one run' if series.kind == 'exercise' else 'one day'}, bar: likely range")]
    return items + ([("line", "trend")] if series.trend is not None else [])


def _legend_rows(font: pygame.font.Font, items: list[tuple[str, str]], width: int) -> list[list[tuple[str, str]]]:
    """Legend items side by side while they fit; an item too wide for a row wraps (its shape on the first line)."""
    rows: list[list[tuple[str, str]]] = [[]]
    used, sample = 0, font.get_height() + font.size(" ")[0]
    for shape, words in items:
        need = sample + font.size(words + "   ")[0]
        if rows[-1] and used + need > width:
            rows.append([])
            used = 0
        lines = wrap(words, font, max(1, width - sample))
        rows[-1].append((shape, lines[0]))
        rows += [[("", line)] for line in lines[1:]]
        used = used + need if len(lines) == 1 else width
    return [row for row in rows if row]


def chart_rows(series: Series, parts: Sequence[str], font: pygame.font.Font, width: int) -> float:
    """Lines of text the chart needs besides its plot: unit and dates and legend, band label and strip."""
    rows = 0.0
    if LEVELS in parts:
        rows += len(wrap(unit_label(series), font, width)) + 1 + len(_legend_rows(font, _legend_items(series), width))
    if BAND in parts:
        rows += len(wrap(band_label(series), font, width)) + STRIP_LINES + 0.5
    return rows + (0 if LEVELS in parts else 1)  # the band alone has its own dates


def chart_font(theme: Theme, series: Series, parts: Sequence[str], width: int, height: int) -> pygame.font.Font:
    """The theme's small font, made smaller only when the chart's rectangle cannot hold it otherwise."""
    size = theme.size("small")
    while True:
        font = theme.font_fitting("small", math.ceil(size * 0.75))
        plot_rows = MIN_PLOT_LINES if LEVELS in parts else 0
        if (chart_rows(series, parts, font, width) + plot_rows) * font.get_linesize() <= height or size <= MIN_FONT_PX:
            return font
        size = int(size * 0.9)


def min_height(theme: Theme, series: Series, width: int, parts: Sequence[str] | None = None) -> int:
    """The height at which the chart (or the given parts of it) is comfortable at the theme's font size."""
    parts = chart_parts(series) if parts is None else parts
    font = theme.font("small")
    plot_rows = PLOT_LINES if LEVELS in parts else 0
    return math.ceil((chart_rows(series, parts, font, width) + plot_rows) * font.get_linesize())


def _y_label(value: float) -> str:
    return f"{value:g}".replace("-", "−")


def _strip_range(series: Series) -> tuple[float, float]:
    """Accuracy axis of the band strip: from a round share below the lowest run (or the band) to 100%."""
    shares = [p.accuracy for p in series.points if p.accuracy is not None]
    low = min(shares + [_target(series) - 2 * BAND_HALF_WIDTH])
    return max(0.0, math.floor(low * 10 - 1e-9) / 10), 1.0


class _Painter:
    """Draws one chart's parts into ``rect`` with ``font``, remembering each text and where it went."""

    def __init__(self, surface: pygame.Surface, rect: pygame.Rect, theme: Theme, series: Series,
                 parts: Sequence[str], font: pygame.font.Font) -> None:
        self.surface, self.rect, self.theme, self.series, self.font = surface, rect, theme, series, font
        self.levels, self.band = LEVELS in parts, BAND in parts
        self.line = font.get_linesize()
        self.texts: TextRects = []
        self.dot_px = max(4, self.line // 6)
        self.y_values: list[float] = []

    def text(self, text: str, pos: tuple[float, float], anchor: str = "topleft", muted: bool = True) -> pygame.Rect:
        pal = self.theme.palette
        rect = draw_text(self.surface, text, self.font, pal.muted_text if muted else pal.text,
                         (round(pos[0]), round(pos[1])), anchor)
        self.texts.append((text, rect))
        return rect

    def layout(self) -> _Axes:
        """Place the plot: heights first, then the value ticks, whose widest label sets the left column."""
        line, rect, series = self.line, self.rect, self.series
        low, high = value_span(series)
        labels = ["100%"] if self.band else []
        unit_lines = len(wrap(unit_label(series), self.font, rect.width))
        top = rect.top + unit_lines * line + line // 2
        height = 0
        if self.levels:
            rows = chart_rows(series, [LEVELS, BAND] if self.band else [LEVELS], self.font, rect.width)
            below = round((rows - unit_lines) * line) + line // 3 + 2  # the dates, band and legend
            height = max(line, rect.bottom - below - top)
            self.y_values = value_ticks(low, high, height, int(line * 1.1), whole=series.unit == "level")
            labels += [_y_label(v) for v in self.y_values]
        left = max(self.font.size(t)[0] for t in labels) + self.theme.gap(0.5)
        plot = pygame.Rect(rect.left + left, top if self.levels else rect.top, rect.width - left - self.dot_px, height)
        return _Axes(plot, *date_span(series), low, high)

    def draw(self) -> TextRects:
        axes = self.layout()
        ticks = date_ticks(axes.start, axes.end, axes.plot.width, lambda t: self.font.size(t)[0], self.theme.gap(0.5))
        y = self.rect.top
        if self.levels:
            for i, words in enumerate(wrap(unit_label(self.series), self.font, self.rect.width)):
                self.text(words, (self.rect.left, self.rect.top + i * self.line))
            self._grid(axes, ticks)
            self._runs(axes)
            self._trend(axes)
            y = self._dates(axes, ticks, axes.plot.bottom + 2) + (self.line // 2 if self.band else 0)
        if self.band:
            y = self._band(axes, ticks, y)
            if not self.levels:
                self._dates(axes, ticks, y + 2)
        if self.levels:
            self._legend(y + self.line // 3)
        return self.texts

    def _dates(self, axes: _Axes, ticks: list[DateTick], y: int) -> int:
        for tick in ticks:
            self.text(tick.label, (axes.plot.left + tick.x_px, y), "midtop")
        return y + self.line

    def _grid(self, axes: _Axes, ticks: list[DateTick]) -> None:
        pal, plot = self.theme.palette, axes.plot
        pygame.draw.rect(self.surface, pal.surface, plot)
        for value in self.y_values:
            y = round(axes.y(value))
            pygame.draw.line(self.surface, pal.border, (plot.left, y), (plot.right - 1, y))
            self.text(_y_label(value), (plot.left - self.theme.gap(0.5), y), "midright")
        self._verticals(plot, ticks)
        pygame.draw.rect(self.surface, pal.border, plot, width=1)

    def _verticals(self, area: pygame.Rect, ticks: list[DateTick]) -> None:
        for tick in ticks:
            x = round(area.left + tick.x_px)
            pygame.draw.line(self.surface, self.theme.palette.border, (x, area.top), (x, area.bottom - 1))

    def _runs(self, axes: _Axes) -> None:
        ink, dot = self.theme.palette.text, self.dot_px
        self.surface.set_clip(axes.plot)
        for point in self.series.points:
            x = round(axes.x(point.started_at))
            top, bottom = (round(axes.y(point.ability + s * Z95 * point.ability_se)) for s in (1, -1))
            pygame.draw.line(self.surface, ink, (x, top), (x, bottom), max(1, dot // 2))
            for y in (top, bottom):
                pygame.draw.line(self.surface, ink, (x - dot, y), (x + dot, y), max(1, dot // 2))
            pygame.draw.circle(self.surface, ink, (x, round(axes.y(point.ability))), dot)
        self.surface.set_clip(None)

    def _trend(self, axes: _Axes) -> None:
        """The fitted line (the model's weighted fit), from the first run to the last."""
        trend, points = self.series.trend, self.series.points
        if trend is None:
            return
        anchor_s, anchor_value = trend_anchor(self.series)
        ends = [(axes.x(points[i].started_at),
                 axes.y(anchor_value + trend.per_week * (points[i].started_at.timestamp() - anchor_s) / WEEK_S))
                for i in (0, -1)]
        self.surface.set_clip(axes.plot)
        pygame.draw.line(self.surface, self.theme.palette.accent, ends[0], ends[1], max(3, self.dot_px))
        self.surface.set_clip(None)

    def _band(self, axes: _Axes, ticks: list[DateTick], y: int) -> int:
        """The strip: each run's share right as a dot over the shaded aimed band; returns the strip's bottom."""
        pal, series, gap = self.theme.palette, self.series, self.theme.gap(0.5)
        for line in wrap(band_label(series), self.font, self.rect.width):
            self.text(line, (self.rect.left, y))
            y += self.line
        strip = pygame.Rect(axes.plot.left, y, axes.plot.width, round(STRIP_LINES * self.line))
        low, high = _strip_range(series)
        edges = (min(high, max(low, _target(series) + sign * BAND_HALF_WIDTH)) for sign in (1, -1))
        band_top, band_bottom = (round(axes.y(edge, strip, low, high)) for edge in edges)
        pygame.draw.rect(self.surface, pal.surface, strip)
        pygame.draw.rect(self.surface, pal.block_tapped, (strip.left, band_top, strip.width, band_bottom - band_top))
        self._verticals(strip, ticks)
        pygame.draw.rect(self.surface, pal.border, strip, width=1)
        self.text(f"{round(high * 100)}%", (strip.left - gap, strip.top), "topright")
        self.text(f"{round(low * 100)}%", (strip.left - gap, strip.bottom), "bottomright")
        for point in series.points:
            if point.accuracy is not None:
                centre = (round(axes.x(point.started_at)), round(axes.y(point.accuracy, strip, low, high)))
                pygame.draw.circle(self.surface, pal.text, centre, self.dot_px)
        return strip.bottom

    def _legend(self, y: int) -> None:
        pal, sample, space = self.theme.palette, self.font.get_height(), self.font.size(" ")[0]
        for row in _legend_rows(self.font, _legend_items(self.series), self.rect.width):
            x, middle = self.rect.left, y + self.line // 2
            for shape, words in row:
                if shape == "dot":
                    cx = x + sample // 2
                    bar = max(1, self.dot_px // 2)
                    pygame.draw.line(self.surface, pal.text, (cx, y + 2), (cx, y + self.line - 3), bar)
                    pygame.draw.circle(self.surface, pal.text, (cx, middle), self.dot_px)
                elif shape == "line":
                    pygame.draw.line(self.surface, pal.accent, (x, middle), (x + sample, middle), max(3, self.dot_px))
                self.text(words, (x + sample + space, y), muted=False)
                x += sample + self.font.size(" " + words + "   ")[0]
            y += self.line


def draw_chart(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, series: Series,
               parts: Sequence[str] | None = None) -> TextRects:
    """Draw ``series`` into ``rect``: the levels with runs, trend and legend, and the band strip under them.

    Args:
        parts: ``LEVELS``, ``BAND`` or both (the default: every part the series has); a short
            window shows them one at a time.

    Returns:
        Every text drawn with its rectangle, so callers and tests can check nothing overlaps.
    """
    if not series.points:
        return []
    parts = chart_parts(series) if parts is None else [p for p in parts if p in chart_parts(series)]
    if not parts:
        return []
    font = chart_font(theme, series, parts, rect.width, rect.height)
    return _Painter(surface, rect, theme, series, parts, font).draw()
