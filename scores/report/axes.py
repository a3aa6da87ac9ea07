"""Axis ticks for the progress charts, on screen and in the report: round values and dated labels
that never overlap."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Iterator

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAY_STEPS = (1, 2, 7, 14)  # candidate spacings of date ticks in days, then in months below
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)


def short_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def long_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class DateTick:
    """One labelled tick of a date axis; x positions are pixels from the axis's left end."""

    day: date
    x_px: float
    label: str
    left_px: float
    right_px: float


def _month_label(day: date, step_months: int, first: bool) -> str:
    if step_months >= 12:
        return str(day.year)
    name = MONTHS[day.month - 1]
    return f"{name} {day.year}" if first or day.month == 1 else name


def _candidate_days(start: date, end: date, step: int, in_months: bool) -> Iterator[date]:
    """Tick dates between ``start`` and ``end``: aligned to Mondays for weekly steps, to month starts for months."""
    if not in_months:
        day = start
        if step >= 7:
            day += timedelta(days=(7 - day.weekday()) % 7)
        elif step > 1:
            day += timedelta(days=(-day.toordinal()) % step)
        first = day.toordinal()
        for ordinal in range(first, end.toordinal() + 1, step):
            yield date.fromordinal(ordinal)
        return
    index = start.year * 12 + start.month - 1
    index += (-index) % step
    while True:
        day = date(index // 12, index % 12 + 1, 1)
        if day > end:
            return
        if day >= start:
            yield day
        index += step


def _ticks_for(start: date, end: date, width_px: float, text_width: Callable[[str], float],
               step: int, in_months: bool, min_gap_px: float) -> list[DateTick] | None:
    """The ticks at one spacing, or None as soon as two neighbouring labels come closer than ``min_gap_px``.

    Giving up at the first overlap keeps a too-fine spacing cheap: a one-day step over five years
    measures a handful of labels, not 1,826.
    """
    span_days = max(1, (end - start).days)
    start_ordinal = start.toordinal()
    ticks: list[DateTick] = []
    for day in _candidate_days(start, end, step, in_months):
        label = _month_label(day, step, not ticks) if in_months else short_day(day)
        x = (day.toordinal() - start_ordinal) / span_days * width_px
        half = text_width(label) / 2
        if x - half >= 0 and x + half <= width_px:  # a label that would stick out is left off
            if ticks and x - half - ticks[-1].right_px < min_gap_px:
                return None
            ticks.append(DateTick(day, x, label, x - half, x + half))
    return ticks


def date_ticks(start: date, end: date, width_px: float, text_width: Callable[[str], float],
               min_gap_px: float = 8) -> list[DateTick]:
    """Labelled ticks for a date axis running from ``start`` (x = 0) to ``end`` (x = ``width_px``).

    The finest spacing whose labels do not overlap wins: days or weeks ("3 Mar") for short
    spans, months ("Mar", with the year on the first label and in January) or years for long ones.

    Args:
        text_width: the width in pixels of a label as it will be drawn.
        min_gap_px: the least space between two neighbouring labels.
    """
    candidates = [(step, False) for step in DAY_STEPS] + [(step, True) for step in MONTH_STEPS]
    best: list[DateTick] = []
    for step, in_months in candidates:
        ticks = _ticks_for(start, end, width_px, text_width, step, in_months, min_gap_px)
        if ticks is None:
            continue
        if len(ticks) >= 2:
            return ticks
        best = best or ticks
    return best


def value_ticks(low: float, high: float, height_px: int, min_spacing_px: int, whole: bool) -> list[float]:
    """Round values between ``low`` and ``high`` for a vertical axis, at least ``min_spacing_px`` apart.

    Args:
        whole: only whole numbers (levels).
    """
    span = max(high - low, 1e-9)
    for exponent in range(-2, 6):
        for mantissa in (1, 2, 5):
            step = mantissa * 10.0 ** exponent
            if (whole and step < 1) or step / span * height_px < min_spacing_px:
                continue
            first = math.ceil(low / step - 1e-9) * step
            count = int(math.floor((high - first) / step + 1e-9)) + 1
            return [round(first + i * step, 6) for i in range(count)] if count >= 2 else [low, high]
    return [low, high]
