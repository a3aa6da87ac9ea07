"""A calm week strip, Monday to Sunday: a soft tick on the days done, today framed, every other day plain."""

from __future__ import annotations

from typing import Sequence

import pygame

from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text
from scores.clinic.assignments import DayMark

DAY_LETTERS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def strip_height(theme: Theme, compact: bool = False) -> int:
    """The strip's height; ``compact`` leaves out the dates (for large type in a small window)."""
    return theme.font("small", bold=True).get_linesize() * (1 if compact else 2) + theme.gap(3.2)


def draw_week_strip(surface: pygame.Surface, theme: Theme, area: pygame.Rect, marks: Sequence[DayMark]) -> None:
    """Seven equal boxes across ``area``: the day's name, its date, a tick when done and "Today".

    A day that was planned and not played looks like any other day: no colour, word or mark for it.
    """
    pal = theme.palette
    gap = theme.gap(0.5)
    box_w = (area.width - 6 * gap) // 7
    bold, small = theme.font("small", bold=True), theme.font("small")
    for i, mark in enumerate(marks):
        box = pygame.Rect(area.left + i * (box_w + gap), area.top, box_w, area.height)
        pygame.draw.rect(surface, pal.surface, box, border_radius=theme.radius)
        frame = (pal.accent, theme.focus_width) if mark.is_today else (pal.border, 2)
        pygame.draw.rect(surface, frame[0], box, width=frame[1], border_radius=theme.radius)
        name = "Today" if mark.is_today and bold.size("Today")[0] <= box_w - gap else DAY_LETTERS[i]
        y = box.top + theme.gap(0.4)
        draw_text(surface, name, bold, pal.text, (box.centerx, y), "midtop")
        y += bold.get_linesize()
        date_text = str(mark.day.day)
        if small.size(date_text)[0] <= box_w and box.height >= strip_height(theme):
            draw_text(surface, date_text, small, pal.muted_text, (box.centerx, y), "midtop")
            y += small.get_linesize()
        side = max(4, min(box_w - 2 * gap, box.bottom - y - theme.gap(0.5)))
        if mark.state == "done" and side > 6:
            draw_mark(surface, "tick", pygame.Rect(box.centerx - side // 2, y + theme.gap(0.2), side, side), pal.positive)


def week_words(marks: Sequence[DayMark]) -> str:
    """The strip in words, for a screen reader's log and for tests: "Mon done, Tue, Wed today ..."."""
    parts = []
    for i, mark in enumerate(marks):
        part = DAY_LETTERS[i] + (" done" if mark.state == "done" else "")
        parts.append(part + (" (today)" if mark.is_today else ""))
    return ", ".join(parts)
