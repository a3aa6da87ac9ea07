"""The mood check's layout: the largest faces and words that fit the window, worked out once per size."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pygame

from games.core.ui.theme import Theme
from games.core.ui.widgets import wrap
from scores.clinic.records import MOOD_SCALES

CHOICES = 5
MOOD_WORDS: dict[str, tuple[str, ...]] = {
    "mood": ("Very low", "Low", "Okay", "Good", "Very good"),
    "calm": ("Very anxious", "Anxious", "In between", "Calm", "Very calm"),
    "energy": ("Very tired", "Tired", "Okay", "Lively", "Very lively"),
}
MOOD_QUESTIONS: dict[str, str] = {
    "mood": "How is your mood?",
    "calm": "How calm do you feel?",
    "energy": "How much energy do you have?",
}
TOO_SMALL = "The window is too small to show the faces. Please make it larger, or press Esc to skip."
MOOD_LABELS: dict[str, str] = {"mood": "Mood", "calm": "Calm", "energy": "Energy"}  # when space is short


@dataclass
class MoodLayout:
    """Where everything of the form goes, worked out for one area and theme."""

    questions: list[tuple[list[str], pygame.Rect]] = field(default_factory=list)
    question_font: pygame.font.Font | None = None
    cells: list[list[pygame.Rect]] = field(default_factory=list)
    face_radius: int = 0
    word_font: pygame.font.Font | None = None
    number_font: pygame.font.Font | None = None  # the word size, bold
    words: dict[str, list[list[str]]] = field(default_factory=dict)
    status: list[str] = field(default_factory=list)
    status_font: pygame.font.Font | None = None
    status_top: int = 0
    status_left: int = 0
    score: float = 0.0
    done_rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))


def frame_width(theme: Theme) -> int:
    return max(4, theme.gap(0.2))


# -- layout: the largest faces and words that fit, tried from the most readable arrangement on ---
STATUS_SAMPLES = ("All three answered. Choose Done when you are ready.",
                  "Please choose a face in each row first (2 of 3 so far).")
WORD_SHRINK = (1.0, 0.85, 0.72, 0.6, 0.5)  # word sizes tried, as shares of the theme's small size
SMALLEST_WORD_PX = 16


def cell_pad(theme: Theme) -> int:
    """Space inside a cell: more than the chosen cell's thick frame."""
    return frame_width(theme) + 2


def _cell_gap(theme: Theme) -> int:
    return max(theme.gap(0.5), 2 * theme.focus_width)  # room for the focus ring outside a cell


def _place_done(form: Any, area: pygame.Rect, theme: Theme, beside: bool) -> tuple[pygame.Rect, MoodLayout]:
    """Put Done and the status line under the rows or at their right; returns the room left for the rows."""
    lay = MoodLayout(status_font=theme.font("small" if beside else "body"), status_left=area.left)
    font, ls = lay.status_font, lay.status_font.get_linesize()
    button_w, button_h = form.done.width(theme), form.done.height(theme)
    text_w = button_w if beside else max(1, area.width - button_w - theme.gap())
    most = max(len(wrap(text, font, text_w)) for text in STATUS_SAMPLES)  # the place never moves
    lay.status = wrap(form.status_text(), font, text_w)
    if beside:
        lay.done_rect = pygame.Rect(area.right - button_w, area.bottom - button_h, button_w, button_h)
        lay.status_top = lay.done_rect.top - theme.gap(0.5) - len(lay.status) * ls
        lay.status_left = lay.done_rect.left
        if most * ls + theme.gap(0.5) + button_h > area.height:
            lay.status = []
        return pygame.Rect(area.left, area.top, area.width - button_w - theme.gap(), area.height), lay
    height = max(button_h, most * ls)
    lay.done_rect = pygame.Rect(area.right - button_w, area.bottom - (height + button_h) // 2, button_w, button_h)
    lay.status_top = area.bottom - (height + len(lay.status) * ls) // 2
    return pygame.Rect(area.left, area.top, area.width, area.height - height - theme.gap()), lay


def _word_fonts(theme: Theme) -> list[tuple[pygame.font.Font, pygame.font.Font]]:
    """The word font at each size tried, with its bold twin for the numbers."""
    sizes = sorted({max(SMALLEST_WORD_PX, round(theme.size("small") * share)) for share in WORD_SHRINK}, reverse=True)
    heights = [math.ceil(size * 0.75) for size in sizes]  # font_fitting takes the height of capitals
    return [(theme.font_fitting("small", h), theme.font_fitting("small", h, bold=True)) for h in heights]


def _fit_cells(theme: Theme, width: int, height: int, lay: MoodLayout) -> int | None:
    """Choose the word size and face radius for five cells in ``width`` x ``height``; returns the cell width."""
    pad, gap, best = cell_pad(theme), _cell_gap(theme), None
    all_words = [word for words in MOOD_WORDS.values() for word in words]
    comfy, role_h = theme.gap(1.75), theme.font("small").get_height()
    for font, number_font in _word_fonts(theme):
        widest = max(font.size(word)[0] for word in all_words)
        cell_w = min((width - (CHOICES - 1) * gap) // CHOICES, widest + 2 * pad + theme.gap())
        inner = cell_w - 2 * pad
        if inner < 8 or any(font.size(part)[0] > inner for word in all_words for part in word.split(" ")):
            continue
        words = {scale: [wrap(w, font, inner) for w in MOOD_WORDS[scale]] for scale in MOOD_SCALES}
        free_h = height - 2 * pad - pad // 2 - max(len(x) for v in words.values() for x in v) * font.get_linesize()
        corner = max(number_font.size("5")[0], font.get_height() * 2 // 3) + 2  # the number and the tick
        radius = min(cell_w // 2 - pad - corner, free_h // 2, theme.gap(2.5))
        score = 2 * min(radius / comfy, 1.0) + min(font.get_height() / role_h, 1.0)  # faces first
        if radius >= 8 and (best is None or score > best[0] + 1e-6):
            best = (score, cell_w, radius, font, number_font, words)
    if best is None:
        return None
    lay.score, _, lay.face_radius, lay.word_font, lay.number_font, lay.words = best
    return best[1]


def _cell_height(lay: MoodLayout, pad: int) -> int:
    lines = max(len(x) for v in lay.words.values() for x in v)
    return 2 * pad + pad // 2 + 2 * lay.face_radius + lines * lay.word_font.get_linesize()


def _try_rows(area: pygame.Rect, theme: Theme, texts: dict[str, str], column_w: int, lay: MoodLayout) -> bool:
    """Rows of question and faces; ``column_w`` 0 puts each question above its faces, else beside them."""
    qfont, row_gap, pad, gap = theme.font("body", bold=True), theme.gap(0.4), cell_pad(theme), _cell_gap(theme)
    row_h = (area.height - (len(MOOD_SCALES) - 1) * row_gap) // len(MOOD_SCALES)
    questions = [wrap(texts[s], qfont, column_w or area.width) for s in MOOD_SCALES]
    tallest = max(len(lines) for lines in questions) * qfont.get_linesize()
    if tallest > row_h:
        return False
    strip_w = area.width - (column_w + theme.gap() if column_w else 0)
    strip_h = row_h - (0 if column_w else tallest + theme.gap(0.3))
    cell_w = _fit_cells(theme, strip_w, strip_h, lay)
    if cell_w is None:
        return False
    cell_h = min(strip_h, _cell_height(lay, pad))
    group_w = CHOICES * cell_w + (CHOICES - 1) * gap
    lay.question_font = qfont
    for i, lines in enumerate(questions):
        top = area.top + i * (row_h + row_gap)
        if column_w:
            q_top = top + (cell_h - len(lines) * qfont.get_linesize()) // 2
            lay.questions.append((lines, pygame.Rect(area.left, q_top, column_w, row_h)))
            left, cells_top = area.left + column_w + theme.gap(), top
        else:
            lay.questions.append((lines, pygame.Rect(area.left, top, area.width, tallest)))
            left, cells_top = area.left + (area.width - group_w) // 2, top + tallest + theme.gap(0.3)
        lay.cells.append([pygame.Rect(left + c * (cell_w + gap), cells_top, cell_w, cell_h) for c in range(CHOICES)])
    return True


def lay_out(form: Any, area: pygame.Rect, theme: Theme) -> MoodLayout:
    """The most readable arrangement that fits: big faces and full-size words; a later try must be clearly better."""
    label_w = max(theme.font("body", bold=True).size(t)[0] for t in MOOD_LABELS.values())
    best: MoodLayout | None = None
    for beside in (False, True):
        rows, base = _place_done(form, area, theme, beside)
        tries = [(MOOD_QUESTIONS, 0), (MOOD_QUESTIONS, int(rows.width * 0.28)), (MOOD_LABELS, label_w)]
        for texts, column_w in tries:
            lay = MoodLayout(status=base.status, status_font=base.status_font, status_top=base.status_top,
                          status_left=base.status_left, done_rect=base.done_rect)
            if _try_rows(rows, theme, texts, column_w, lay) and (best is None or lay.score > best.score + 0.2):
                best = lay
    if best is None:  # far too small a window for the faces: say so instead of cutting them off
        return MoodLayout(status=wrap(TOO_SMALL, theme.font("body"), area.width), status_font=theme.font("body"),
                       status_top=area.top, status_left=area.left)
    return best
