"""The mood check: three 1-5 scales (mood, calm, energy), each a row of faces with words."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

from games.core.theme import HIGH_CONTRAST, Theme
from games.core.widgets import ACTIVATE_KEYS, Button, draw_text, wrap
from games.launcher.breathing import mix, title_that_fits
from games.launcher.common import FramedScene
from scores.clinic import MOOD_SCALES

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
SHORT_TITLE = "How are you?"  # when the scene's own title is too long for the window
MOOD_LABELS: dict[str, str] = {"mood": "Mood", "calm": "Calm", "energy": "Energy"}  # when space is short
DONE_ROW = len(MOOD_SCALES)  # the row index of the Done button
NUMBER_KEYS = {pygame.K_1 + i: i + 1 for i in range(CHOICES)} | {pygame.K_KP1 + i: i + 1 for i in range(CHOICES)}


def draw_face(surface: pygame.Surface, centre: tuple[int, int], radius: int, level: int, fill, ink) -> None:
    """A round face whose mouth curves from sad (``level`` 0) through flat (2) to happy (4)."""
    x, y = centre
    line = max(2, radius // 11)
    pygame.draw.circle(surface, fill, centre, radius)
    pygame.draw.circle(surface, ink, centre, radius, width=line)
    eye = max(2, radius // 9)
    for side in (-1, 1):
        pygame.draw.circle(surface, ink, (x + side * round(radius * 0.36), y - round(radius * 0.22)), eye)
    curve = (level - (CHOICES - 1) / 2) / ((CHOICES - 1) / 2)  # -1 sad .. +1 happy
    half_w, depth = radius * 0.45, radius * 0.28 * curve
    mouth_y = y + radius * 0.38 - depth / 2
    points = [(x + half_w * t, mouth_y + depth * (1 - t * t)) for t in (i / 8 - 1 for i in range(17))]
    pygame.draw.lines(surface, ink, False, points, max(2, radius // 9))


def draw_tick(surface: pygame.Surface, box: pygame.Rect, ink) -> None:
    """A tick mark filling ``box``: the chosen face is marked by a shape, not by colour alone."""
    points = [(box.left, box.top + box.height * 0.55), (box.left + box.width * 0.38, box.bottom),
              (box.right, box.top)]
    pygame.draw.lines(surface, ink, False, points, max(3, box.width // 5))


@dataclass
class _Layout:
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


class MoodForm:
    """Three rows of five faces and a Done button; keyboard: arrows, Tab, 1-5, Enter; mouse: click."""

    def __init__(self) -> None:
        self._answers: dict[str, int | None] = {scale: None for scale in MOOD_SCALES}
        self.row = 0  # the row with the keyboard focus; DONE_ROW is the Done button
        self.cursor = [CHOICES // 2] * len(MOOD_SCALES)  # the face the keyboard is on, per row
        self.submitted = False
        self.nudged = False  # Done was tried before every row had an answer
        self.done = Button("Done", self.activate_done)
        self.layout = _Layout()
        self._layout_key: tuple = ()

    @property
    def answers(self) -> dict[str, int | None]:
        return dict(self._answers)

    @property
    def complete(self) -> bool:
        return all(value is not None for value in self._answers.values())

    def choose(self, row: int, value: int) -> None:
        """Answer row ``row`` with ``value`` (1..5)."""
        self._answers[MOOD_SCALES[row]] = value
        self.cursor[row] = value - 1
        self.row = row

    def activate_done(self) -> None:
        if self.complete:
            self.submitted = True
            return
        self.nudged = True
        self.row = next(i for i, scale in enumerate(MOOD_SCALES) if self._answers[scale] is None)

    # -- input -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        """Returns True when the event was used."""
        if self.submitted:
            return False
        if event.type == pygame.KEYDOWN:
            return self._key(event.key, bool(event.mod & pygame.KMOD_SHIFT))
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            return self._click(event.pos)
        return False

    def _key(self, key: int, shift: bool) -> bool:
        on_faces = self.row < DONE_ROW
        if key == pygame.K_TAB:
            self.row = (self.row + (-1 if shift else 1)) % (DONE_ROW + 1)
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self.row = min(DONE_ROW, max(0, self.row + (1 if key == pygame.K_DOWN else -1)))
        elif key in (pygame.K_LEFT, pygame.K_RIGHT) and on_faces:
            step = 1 if key == pygame.K_RIGHT else -1
            self.choose(self.row, min(CHOICES, max(1, self.cursor[self.row] + 1 + step)))
        elif key in NUMBER_KEYS and on_faces:
            self.choose(self.row, NUMBER_KEYS[key])
            self.row += 1
        elif key in ACTIVATE_KEYS and on_faces:
            self.choose(self.row, self.cursor[self.row] + 1)
            self.row += 1
        elif key in ACTIVATE_KEYS:
            self.activate_done()
        else:
            return False
        return True

    def _click(self, pos: tuple[int, int]) -> bool:
        for row, cells in enumerate(self.layout.cells):
            for column, cell in enumerate(cells):
                if cell.collidepoint(pos):
                    self.choose(row, column + 1)
                    return True
        if self.done.rect.collidepoint(pos):
            self.row = DONE_ROW
            self.activate_done()
            return True
        return False

    # -- drawing -----------------------------------------------------------------------------
    def status_text(self) -> str:
        answered = sum(value is not None for value in self._answers.values())
        if self.complete:
            return "All three answered. Choose Done when you are ready."
        if self.nudged:
            return f"Please choose a face in each row first ({answered} of 3 so far)."
        return f"{answered} of 3 answered." if answered else "Choose one face in each row."

    def draw(self, surface: pygame.Surface, area: pygame.Rect, theme: Theme) -> None:
        """Lay the form out in ``area`` (where clicks are then looked for) and draw it."""
        key = (tuple(area), theme, self.status_text())
        if key != self._layout_key:  # the layout tries many sizes: only when something changed
            self.layout, self._layout_key = lay_out(self, area, theme), key
        lay = self.layout
        self.done.rect = lay.done_rect
        pal = theme.palette
        for row, (lines, rect) in enumerate(lay.questions):
            y = rect.top
            for line in lines:
                draw_text(surface, line, lay.question_font, pal.text, (rect.left, y))
                y += lay.question_font.get_linesize()
            for column, cell in enumerate(lay.cells[row]):
                self._draw_cell(surface, theme, row, column, cell)
        if lay.status_font is not None:
            y = lay.status_top
            for line in lay.status:
                draw_text(surface, line, lay.status_font, pal.text if self.nudged else pal.muted_text,
                          (lay.status_left, y))
                y += lay.status_font.get_linesize()
        if self.done.rect.width:
            self.done.draw(surface, theme, focused=self.row == DONE_ROW, primary=self.complete)

    def _draw_cell(self, surface: pygame.Surface, theme: Theme, row: int, column: int, cell: pygame.Rect) -> None:
        pal, lay, pad = theme.palette, self.layout, _pad(theme)
        chosen = self._answers[MOOD_SCALES[row]] == column + 1
        fill, ink = (pal.accent, pal.accent_text) if chosen else (pal.surface, pal.text)
        pygame.draw.rect(surface, fill, cell, border_radius=theme.radius)
        frame = (pal.text, _frame_width(theme)) if chosen else (pal.border, 2)
        pygame.draw.rect(surface, frame[0], cell, width=frame[1], border_radius=theme.radius)
        if row == self.row and column == self.cursor[row]:
            ring = cell.inflate(2 * theme.focus_width, 2 * theme.focus_width)
            pygame.draw.rect(surface, pal.focus, ring, width=theme.focus_width, border_radius=theme.radius + 2)
        font = lay.word_font
        number = draw_text(surface, str(column + 1), lay.number_font, ink, (cell.left + pad, cell.top + pad // 2))
        if chosen:
            size = font.get_height() * 2 // 3
            draw_tick(surface, pygame.Rect(cell.right - pad - size, number.centery - size // 2, size, size), ink)
        radius = lay.face_radius
        face_centre = (cell.centerx, cell.top + pad + radius)
        face_fill = pal.block_lit if pal == HIGH_CONTRAST else mix(pal.block_lit, pal.surface, 0.45)
        draw_face(surface, face_centre, radius, column, face_fill, pal.block_lit_text)
        y = face_centre[1] + radius + pad // 2
        for line in lay.words[MOOD_SCALES[row]][column]:
            draw_text(surface, line, font, ink, (cell.centerx, y), "midtop")
            y += font.get_linesize()


def _frame_width(theme: Theme) -> int:
    return max(4, theme.gap(0.2))


# -- layout: the largest faces and words that fit, tried from the most readable arrangement on ---
STATUS_SAMPLES = ("All three answered. Choose Done when you are ready.",
                  "Please choose a face in each row first (2 of 3 so far).")
WORD_SHRINK = (1.0, 0.85, 0.72, 0.6, 0.5)  # word sizes tried, as shares of the theme's small size
SMALLEST_WORD_PX = 16


def _pad(theme: Theme) -> int:
    """Space inside a cell: more than the chosen cell's thick frame."""
    return _frame_width(theme) + 2


def _cell_gap(theme: Theme) -> int:
    return max(theme.gap(0.5), 2 * theme.focus_width)  # room for the focus ring outside a cell


def _place_done(form: MoodForm, area: pygame.Rect, theme: Theme, beside: bool) -> tuple[pygame.Rect, _Layout]:
    """Put Done and the status line under the rows or at their right; returns the room left for the rows."""
    lay = _Layout(status_font=theme.font("small" if beside else "body"), status_left=area.left)
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


def _fit_cells(theme: Theme, width: int, height: int, lay: _Layout) -> int | None:
    """Choose the word size and face radius for five cells in ``width`` x ``height``; returns the cell width."""
    pad, gap, best = _pad(theme), _cell_gap(theme), None
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


def _cell_height(lay: _Layout, pad: int) -> int:
    lines = max(len(x) for v in lay.words.values() for x in v)
    return 2 * pad + pad // 2 + 2 * lay.face_radius + lines * lay.word_font.get_linesize()


def _try_rows(area: pygame.Rect, theme: Theme, texts: dict[str, str], column_w: int, lay: _Layout) -> bool:
    """Rows of question and faces; ``column_w`` 0 puts each question above its faces, else beside them."""
    qfont, row_gap, pad, gap = theme.font("body", bold=True), theme.gap(0.4), _pad(theme), _cell_gap(theme)
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


def lay_out(form: MoodForm, area: pygame.Rect, theme: Theme) -> _Layout:
    """The most readable arrangement that fits: big faces and full-size words; a later try must be clearly better."""
    label_w = max(theme.font("body", bold=True).size(t)[0] for t in MOOD_LABELS.values())
    best: _Layout | None = None
    for beside in (False, True):
        rows, base = _place_done(form, area, theme, beside)
        tries = [(MOOD_QUESTIONS, 0), (MOOD_QUESTIONS, int(rows.width * 0.28)), (MOOD_LABELS, label_w)]
        for texts, column_w in tries:
            lay = _Layout(status=base.status, status_font=base.status_font, status_top=base.status_top,
                          status_left=base.status_left, done_rect=base.done_rect)
            if _try_rows(rows, theme, texts, column_w, lay) and (best is None or lay.score > best.score + 0.2):
                best = lay
    if best is None:  # far too small a window for the faces: say so instead of cutting them off
        return _Layout(status=wrap(TOO_SMALL, theme.font("body"), area.width), status_font=theme.font("body"),
                       status_top=area.top, status_left=area.left)
    return best


class MoodCheckScene(FramedScene):
    """Hosts the form; pops with the answers (mood, calm, energy: 1..5) when done, None on Esc."""

    hint = "Arrows or 1-5 to answer  ·  Enter for Done  ·  Esc to skip"
    corner_label = "Skip"

    def __init__(self, title: str = "How are you right now?") -> None:
        super().__init__()
        self.full_title = self.title = title
        self.form = MoodForm()
        self._closed = False

    def back(self) -> None:
        self._close(None)

    def _close(self, result: dict[str, int | None] | None) -> None:
        if not self._closed:
            self._closed = True
            self.app.stack.pop(result)

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if self.handle_corner(event):
            return
        self.form.handle_event(event)
        if self.form.submitted:
            self._close(self.form.answers)

    def draw(self, surface: pygame.Surface) -> None:
        self.title = title_that_fits(self, surface, self.full_title, SHORT_TITLE)
        content = self.draw_frame(surface)
        self.form.draw(surface, content, self.theme)
