"""The mood check: three 1-5 scales (mood, calm, energy), each a row of faces with words."""

from __future__ import annotations

import pygame

from games.core.ui.marks import draw_mark
from games.core.ui.theme import HIGH_CONTRAST, Theme
from games.core.ui.widgets import ACTIVATE_KEYS, Button, draw_text
from games.launcher.breathing import mix
from games.launcher.common import FramedScene
from games.launcher.mood_layout import CHOICES, MoodLayout, cell_pad, frame_width, lay_out
from scores.clinic.records import MOOD_SCALES

SHORT_TITLE = "How are you?"  # when the scene's own title is too long for the window
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


class MoodForm:
    """Three rows of five faces and a Done button; keyboard: arrows, Tab, 1-5, Enter; mouse: click."""

    def __init__(self) -> None:
        self._answers: dict[str, int | None] = {scale: None for scale in MOOD_SCALES}
        self.row = 0  # the row with the keyboard focus; DONE_ROW is the Done button
        self.cursor = [CHOICES // 2] * len(MOOD_SCALES)  # the face the keyboard is on, per row
        self.submitted = False
        self.nudged = False  # Done was tried before every row had an answer
        self.done = Button("Done", self.activate_done)
        self.layout = MoodLayout()
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
        pal, lay, pad = theme.palette, self.layout, cell_pad(theme)
        chosen = self._answers[MOOD_SCALES[row]] == column + 1
        fill, ink = (pal.accent, pal.accent_text) if chosen else (pal.surface, pal.text)
        pygame.draw.rect(surface, fill, cell, border_radius=theme.radius)
        frame = (pal.text, frame_width(theme)) if chosen else (pal.border, 2)
        pygame.draw.rect(surface, frame[0], cell, width=frame[1], border_radius=theme.radius)
        if row == self.row and column == self.cursor[row]:
            ring = cell.inflate(2 * theme.focus_width, 2 * theme.focus_width)
            pygame.draw.rect(surface, pal.focus, ring, width=theme.focus_width, border_radius=theme.radius + 2)
        font = lay.word_font
        number = draw_text(surface, str(column + 1), lay.number_font, ink, (cell.left + pad, cell.top + pad // 2))
        if chosen:
            # the chosen face is marked by a shape, not by colour alone: a tick as wide as the corner
            size = font.get_height() * 2 // 3
            tick = pygame.Rect(0, 0, size * 10 // 7, size * 10 // 7)
            tick.center = (cell.right - pad - size // 2, number.centery)
            draw_mark(surface, "tick", tick, ink)
        radius = lay.face_radius
        face_centre = (cell.centerx, cell.top + pad + radius)
        face_fill = pal.block_lit if pal == HIGH_CONTRAST else mix(pal.block_lit, pal.surface, 0.45)
        draw_face(surface, face_centre, radius, column, face_fill, pal.block_lit_text)
        y = face_centre[1] + radius + pad // 2
        for line in lay.words[MOOD_SCALES[row]][column]:
            draw_text(surface, line, font, ink, (cell.centerx, y), "midtop")
            y += font.get_linesize()


class MoodCheckScene(FramedScene):
    """Hosts the form; pops with the answers (mood, calm, energy: 1..5) when done, None on Esc."""

    hint = "Arrows or 1-5 to answer  ·  Enter for Done  ·  Esc to skip"
    corner_label = "Skip"

    def __init__(self, title: str = "How are you right now?") -> None:
        super().__init__()
        self.title, self.short_title = title, SHORT_TITLE
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
        content = self.draw_frame(surface)
        self.form.draw(surface, content, self.theme)
