"""The report's chart blocks: inline SVG (ability, 95% error bars, trend, target strip) and their words."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Any, Callable, Sequence

from scores.analysis.progress import WEEK_S, RunPoint, Series, local_day, trend_anchor
from scores.report.axes import date_ticks, long_day, value_ticks

Z_95 = 1.96
BAND_HALF_WIDTH = 0.05  # the target band is the target success rate ± 5 percentage points

# The report's calm palette (the same colours as games/core/ui/theme.py's Palette; no red anywhere).
MUTED, GRID = "#58606c", "#dcdfe4"
POINT, TREND, BAND = "#2668a0", "#247a54", "#d5ebe0"

WIDTH_PX = 720  # viewBox units; the SVG itself scales to the page width
LEFT_PX, RIGHT_PX, TOP_PX = 64, 18, 12
PLOT_HEIGHT_PX = 190
STRIP_GAP_PX, STRIP_HEIGHT_PX = 16, 56
AXIS_LABEL_GAP_PX = 16
MIN_TICK_SPACING_PX = 32  # value ticks at least this far apart
LABEL_CHAR_PX, MIN_LABEL_GAP_PX = 7.2, 10  # date labels: a character's width and the least gap between two


@dataclass(frozen=True)
class Scale:
    """A linear map from data values to pixels."""

    low: float
    high: float
    start_px: float
    end_px: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start_px + (value - self.low) / span * (self.end_px - self.start_px)

    def many(self, values: Sequence[float]) -> list[float]:
        """``[self(v) for v in values]``, the same arithmetic with the lookups done once."""
        low, start_px, extent_px = self.low, self.start_px, self.end_px - self.start_px
        span = self.high - low or 1.0
        return [start_px + (value - low) / span * extent_px for value in values]


def _num(value: float) -> str:
    """One decimal, without a trailing ".0" (``12``, ``12.5``)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(x: float, y: float, label: str, anchor: str = "middle", size: int = 13, extra: str = "") -> str:
    return (f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{MUTED}"{extra}>{escape(label)}</text>')


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, extra: str = "") -> str:
    return (f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{stroke}"{extra}/>')


def _time_scale(points: Sequence[RunPoint]) -> Scale:
    """Seconds since the epoch to pixels, padded so the first and last points sit inside."""
    times = [p.started_at.timestamp() for p in points]
    span_s = max(times) - min(times)
    pad_s = max(43_200.0, 0.04 * span_s)
    return Scale(min(times) - pad_s, max(times) + pad_s, LEFT_PX, WIDTH_PX - RIGHT_PX)


def _value_range(series: Series, trend_ends: Sequence[float]) -> tuple[float, float]:
    """The y range: the level range for an exercise (widened for data just outside it), else the data."""
    lows = [p.ability - Z_95 * p.ability_se for p in series.points] + list(trend_ends)
    highs = [p.ability + Z_95 * p.ability_se for p in series.points] + list(trend_ends)
    if series.min_level is not None and series.max_level is not None:
        low = max(min(min(lows), series.min_level), series.min_level - 1)
        high = min(max(max(highs), series.max_level), series.max_level + 1)
        return float(low), float(high)
    low, high = min(min(lows), 0.0), max(max(highs), 0.0)
    return (low - 1.0, high + 1.0) if high - low < 2.0 else (low, high)


def _trend_ends(series: Series, anchor: Callable[[Series], tuple[float, float]] | None) -> list[tuple[float, float]]:
    """The trend line's two ends as (epoch seconds, value), or none without a trend."""
    if series.trend is None or anchor is None or len(series.points) < 2:
        return []
    anchor_s, anchor_value = anchor(series)
    per_s = series.trend.per_week / WEEK_S
    ends = (series.points[0].started_at.timestamp(), series.points[-1].started_at.timestamp())
    return [(t, anchor_value + per_s * (t - anchor_s)) for t in ends]


def _noon(day: date) -> float:
    """Local noon of ``day`` in seconds since the epoch: where a date's tick sits."""
    return datetime(day.year, day.month, day.day, 12).astimezone().timestamp()


def _label_width(text: str) -> float:
    """About how wide an axis label is drawn, in viewBox units (13-unit type)."""
    return LABEL_CHAR_PX * len(text)


def _grid(x: Scale, y: Scale, ticks: Sequence[float], days: Sequence[tuple[date, str]], bottom_px: float) -> list[str]:
    parts = []
    for value in ticks:
        parts.append(_line(LEFT_PX, y(value), WIDTH_PX - RIGHT_PX, y(value), GRID))
        parts.append(_text(LEFT_PX - 8, y(value) + 4, _num(value), anchor="end"))
    for day, label in days:
        parts.append(_line(x(_noon(day)), TOP_PX, x(_noon(day)), bottom_px, GRID, ' stroke-dasharray="2 3"'))
        parts.append(_text(x(_noon(day)), bottom_px + AXIS_LABEL_GAP_PX, label))
    return parts


def _axis_title(label: str, top_px: float, bottom_px: float) -> str:
    middle = (top_px + bottom_px) / 2
    return _text(14, middle, label, extra=f' transform="rotate(-90 14 {_num(middle)})"')


def _ability_marks(series: Series, xs: Sequence[float], y: Scale) -> list[str]:
    """Each point (at ``xs``) with its 95% error bar (clamped to the plot so a huge SE cannot escape it)."""
    parts = []
    points = series.points
    lows = y.many([max(p.ability - Z_95 * p.ability_se, y.low) for p in points])
    highs = y.many([min(p.ability + Z_95 * p.ability_se, y.high) for p in points])
    centres = y.many([p.ability for p in points])
    bar = f'" stroke="{POINT}" stroke-width="1.2" stroke-opacity="0.55"/>'
    dot = f'" r="3.4" fill="{POINT}"/>'
    for cx, low, high, cy in zip(xs, lows, highs, centres):
        x_text = _num(cx)
        parts.append(f'<line x1="{x_text}" y1="{_num(low)}" x2="{x_text}" y2="{_num(high)}{bar}')
        parts.append(f'<circle cx="{x_text}" cy="{_num(cy)}{dot}')
    return parts


def _band_path(points: Sequence[RunPoint], x: Scale, y: Scale, point_xs: Sequence[float]) -> str:
    """The target band as one step-shaped polygon that follows each run's own target."""
    targeted = [(p, px) for p, px in zip(points, point_xs) if p.target_rate is not None]
    if not targeted:
        return ""
    xs = [px for _, px in targeted]
    targeted = [p for p, _ in targeted]
    edges = [x.start_px] + [(a + b) / 2 for a, b in zip(xs, xs[1:])] + [x.end_px]
    upper, lower = [], []
    for i, p in enumerate(targeted):
        top, bottom = y(min(p.target_rate + BAND_HALF_WIDTH, 1.0)), y(p.target_rate - BAND_HALF_WIDTH)
        upper += [(edges[i], top), (edges[i + 1], top)]
        lower += [(edges[i], bottom), (edges[i + 1], bottom)]
    outline = upper + lower[::-1]
    return '<path d="M' + " L".join(f"{_num(a)} {_num(b)}" for a, b in outline) + f' Z" fill="{BAND}"/>'


def _accuracy_strip(series: Series, x: Scale, xs: Sequence[float], top_px: float) -> list[str]:
    """Run accuracies as dots over the shaded target band, on their own 0-100% strip."""
    accuracies = [p.accuracy for p in series.points if p.accuracy is not None]
    targets = [p.target_rate for p in series.points if p.target_rate is not None]
    low = min([0.5] + accuracies + [t - BAND_HALF_WIDTH for t in targets])
    low = math.floor(low * 10) / 10
    y = Scale(low, 1.0, top_px + STRIP_HEIGHT_PX - 5, top_px + 5)  # rings stay clear of the frame
    parts = [f'<rect x="{LEFT_PX}" y="{_num(top_px)}" width="{WIDTH_PX - LEFT_PX - RIGHT_PX}" '
             f'height="{STRIP_HEIGHT_PX}" fill="none" stroke="{GRID}"/>', _band_path(series.points, x, y, xs)]
    for value in (low, 1.0):
        parts.append(_text(LEFT_PX - 8, y(value) + 4, f"{value:.0%}", anchor="end", size=12))
    ring = f'" r="2.8" fill="none" stroke="{POINT}" stroke-width="1.4"/>'
    for p, px in zip(series.points, xs):
        if p.accuracy is not None:
            parts.append(f'<circle cx="{_num(px)}" cy="{_num(y(p.accuracy))}{ring}')
    parts.append(_axis_title("accuracy", top_px, top_px + STRIP_HEIGHT_PX))
    return parts


def _clipped(ends: Sequence[tuple[float, float]], low: float, high: float) -> list[tuple[float, float]]:
    """The trend segment cut where it leaves the value range, so it never runs past the plot."""
    (t0, v0), (t1, v1) = ends
    if v0 == v1:
        return list(ends)
    out = []
    for t, v in ends:
        edge = min(max(v, low), high)
        out.append((t0 + (t1 - t0) * (edge - v0) / (v1 - v0), edge))
    return out


def series_chart(series: Series, anchor: Callable[[Series], tuple[float, float]] | None = None) -> str:
    """One series as an inline SVG that scales to the width of its container.

    Args:
        series: the exercise or domain series (at least one point).
        anchor: gives a point ``(epoch seconds, value)`` the fitted trend line passes through;
            the line is left out without it.
    """
    ends = _trend_ends(series, anchor)
    x = _time_scale(series.points)
    low, high = _value_range(series, [value for _, value in ends])
    is_exercise = series.kind == "exercise"
    ticks = value_ticks(low, high, PLOT_HEIGHT_PX, MIN_TICK_SPACING_PX, whole=is_exercise)
    y = Scale(min(low, ticks[0]), max(high, ticks[-1]), TOP_PX + PLOT_HEIGHT_PX, TOP_PX)
    plot_bottom = TOP_PX + PLOT_HEIGHT_PX
    has_strip = is_exercise and any(p.accuracy is not None for p in series.points)
    bottom = plot_bottom + (STRIP_GAP_PX + STRIP_HEIGHT_PX if has_strip else 0)
    first_day, last_day = (local_day(series.points[i].started_at) for i in (0, -1))
    width_px = x(_noon(last_day)) - x(_noon(first_day))
    days = [(t.day, t.label) for t in date_ticks(first_day, last_day, width_px, _label_width, MIN_LABEL_GAP_PX)]
    parts = _grid(x, y, ticks, days, bottom)
    parts.append(_axis_title("level" if is_exercise else "% of range", TOP_PX, plot_bottom))
    parts.append(f'<rect x="{LEFT_PX}" y="{TOP_PX}" width="{WIDTH_PX - LEFT_PX - RIGHT_PX}" '
                 f'height="{PLOT_HEIGHT_PX}" fill="none" stroke="{GRID}"/>')
    xs = x.many([p.started_at.timestamp() for p in series.points])
    if has_strip:
        parts += _accuracy_strip(series, x, xs, plot_bottom + STRIP_GAP_PX)
    parts += _ability_marks(series, xs, y)
    if ends:
        (t0, v0), (t1, v1) = _clipped(ends, y.low, y.high)
        parts.append(_line(x(t0), y(v0), x(t1), y(v1), TREND, ' stroke-width="2.2" stroke-dasharray="7 4"'))
    height = bottom + AXIS_LABEL_GAP_PX + 8
    first, last = (local_day(series.points[i].started_at) for i in (0, -1))
    label = f"{series.title}: {len(series.points)} points from {long_day(first)} to {long_day(last)}"
    return (f'<svg class="chart" viewBox="0 0 {WIDTH_PX} {height}" width="100%" role="img">'
            f'<title>{escape(label)}</title>' + "".join(parts) + "</svg>")


# --- a series' block: heading, trend and change in words, and the chart -------------------------

FLAGS = {1: ("up", "▲ Improved"), 0: ("none", "● No reliable change"), -1: ("down", "▼ Declined")}


def escape_text(value: Any) -> str:
    """``value`` as text safe inside HTML elements and quoted attributes."""
    return escape(str(value), quote=True)


def _signed(value: float, decimals: int) -> str:
    # "-0.0" stays: an interval ending just below zero must not read as reaching "+0.0".
    return f"{value:+.{decimals}f}"


def _is_level(series: Series) -> bool:
    return series.kind == "exercise"


def duration_text(seconds: float) -> str:
    """``25 min`` or ``3 h 05 min``; a few seconds show as ``under 1 min``."""
    minutes = round(seconds / 60.0)
    if minutes < 1:
        return "under 1 min" if seconds > 0 else "0 min"
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"


def trend_text(series: Series) -> str:
    """E.g. ``+0.12 levels per week (95% interval +0.05 to +0.19)``."""
    trend = series.trend
    if trend is None:
        return f"not enough yet (needs 3 or more {'runs on at least 2 days' if _is_level(series) else 'days'})"
    decimals, unit = (2, " levels") if _is_level(series) else (1, f"{series.unit}")
    return (f"{_signed(trend.per_week, decimals)}{unit} per week (95% interval "
            f"{_signed(trend.low, decimals)} to {_signed(trend.high, decimals)})")


def _plain(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text.lstrip("-") if float(text) == 0 else text  # a mean of about zero reads "0.0", not "-0.0"


def change_html(series: Series, brief: bool = False) -> str:
    """The reliable-change flag in words (and a symbol), with the numbers behind it unless ``brief``."""
    change = series.change
    what = "runs" if _is_level(series) else "days"
    if change is None:
        return f"needs 6 or more {what} (so far {len(series.points)})"
    css, words = FLAGS[change.direction]
    flag = f'<span class="flag {css}">{words}</span>'
    if brief:
        return f"{flag} RCI {_signed(change.rci, 1)}"
    decimals = 2 if _is_level(series) else 1
    return (f"{flag} {_plain(change.baseline, decimals)} → {_plain(change.latest, decimals)} "
            f"(mean of the first 3 {what} → the last 3; RCI {_signed(change.rci, 1)})")


def series_block(series: Series) -> str:
    """A heading, the facts and the chart of one series, kept together on one printed page."""
    facts = [f"<li><b>Trend:</b> {escape_text(trend_text(series))}</li>",
             f"<li><b>Reliable change:</b> {change_html(series)}</li>"]
    time = duration_text(sum(p.duration_s for p in series.points))
    if _is_level(series):
        best = "none completed yet" if series.best_level is None else str(series.best_level)
        facts.append(f"<li><b>Best level:</b> {best} (levels {series.min_level} to {series.max_level})"
                     f" · {len(series.points)} runs · {time}</li>")
    else:
        facts.append(f"<li><b>Days:</b> {len(series.points)} · {time}</li>")
    heading = escape_text(series.title) + ("" if _is_level(series) else ": all its exercises together")
    return (f'<section class="block"><h3>{heading}</h3><ul class="facts">{"".join(facts)}</ul>'
            f"{series_chart(series, trend_anchor)}</section>")
