"""Flanker view: the fixation cross, the row of arrows and two big answer buttons; maps keys and clicks."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.actions import Respond
from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_answer_frame, draw_text, fit, wrap
from games.focus.flanker.logic import ANTICIPATION, CORRECT, TIMEOUT, FlankerLogic, Phase, Row
from games.focus.flanker.spec import CONGRUENT, INCONGRUENT, LEFT, RIGHT

KEYS = {pygame.K_LEFT: LEFT, pygame.K_f: LEFT, pygame.K_RIGHT: RIGHT, pygame.K_j: RIGHT}
LABELS = {LEFT: ("Left", "Left arrow key or F"), RIGHT: ("Right", "Right arrow key or J")}
PROMPT = "Which way does the middle arrow point?"
# A brief, calm word under the mark after a row; a right answer gets a tick alone.
PICTURE_CAPTIONS = (
    ("The middle arrow points right: press Right", "The middle arrow points left: press Left"),
    ("Middle points right: Right", "Middle points left: Left"),
    ("Press Right", "Press Left"),
)
WORDS = {TIMEOUT: "Time's up", ANTICIPATION: "Wait for the arrows"}


def arrow_points(center: tuple[float, float], width: float, height: float, direction: str) -> list[tuple[float, float]]:
    """An arrow as a polygon (the font has no arrow glyphs): a shaft and a triangular head."""
    cx, cy = center
    sign = 1 if direction == RIGHT else -1
    shaft, head = height * 0.38, width * 0.48
    xs = (-width / 2, width / 2 - head, width / 2 - head, width / 2, width / 2 - head, width / 2 - head, -width / 2)
    ys = (-shaft / 2, -shaft / 2, -height / 2, 0, height / 2, shaft / 2, shaft / 2)
    return [(cx + sign * x, cy + y) for x, y in zip(xs, ys)]


def draw_row(surface: pygame.Surface, colour, row: Row, center: tuple[int, int], arrow_w: int) -> pygame.Rect:
    """The five arrows centred on ``center``; returns the rectangle they cover."""
    gap, height = arrow_w // 4, int(arrow_w * 0.75)
    n = len(row.arrows)
    left = center[0] - (n * arrow_w + (n - 1) * gap) / 2
    for i, direction in enumerate(row.arrows):
        mid = (left + i * (arrow_w + gap) + arrow_w / 2, center[1])
        pygame.draw.polygon(surface, colour, arrow_points(mid, arrow_w, height, direction))
    covered = pygame.Rect(0, 0, n * arrow_w + (n - 1) * gap, height)
    covered.center = center
    return covered


def draw_cross(surface: pygame.Surface, colour, center: tuple[int, int], size: int) -> None:
    """The fixation '+', drawn so its size and weight do not depend on the font."""
    x, y, half, width = center[0], center[1], size // 2, max(3, size // 7)
    pygame.draw.line(surface, colour, (x - half, y), (x + half, y), width)
    pygame.draw.line(surface, colour, (x, y - half), (x, y + half), width)


class FlankerView:
    """Reads the logic and the theme; remembers only where it drew the buttons, to map clicks."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.buttons: dict[str, pygame.Rect] = {}

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: FlankerLogic) -> Any:
        """The domain action a key or click means, or None."""
        if event.type == pygame.KEYDOWN and event.key in KEYS:
            return Respond(KEYS[event.key])
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for direction, rect in self.buttons.items():
                if rect.collidepoint(event.pos):
                    return Respond(direction)
        return None

    def key_for(self, action: Any, logic: FlankerLogic) -> int | None:
        """The key that gives ``action`` (the inverse of ``action_for``, for tests and tools)."""
        if isinstance(action, Respond):
            return {LEFT: pygame.K_LEFT, RIGHT: pygame.K_RIGHT}.get(action.value)
        return None

    def click_for(self, action: Any, logic: FlankerLogic) -> tuple[int, int] | None:
        """Where to click for ``action`` on the frame last drawn."""
        if isinstance(action, Respond) and action.value in self.buttons:
            return self.buttons[action.value].center
        return None

    def next_redraw_ms(self, logic: FlankerLogic, now_ms: float) -> float | None:
        """Everything drawn changes with the logic (timers or presses), so no extra redraws."""
        return None

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: FlankerLogic, now_ms: float) -> None:
        theme, pal = self.theme, self.theme.palette
        font = theme.font("body", bold=True)
        lines = wrap(PROMPT, font, area.width)[:2]
        for k, line in enumerate(lines):
            draw_text(surface, line, font, pal.muted_text, (area.centerx, area.top + k * font.get_linesize()), "midtop")
        top = area.top + len(lines) * font.get_linesize() + theme.gap()
        button_h = self._button_height()
        panel = pygame.Rect(area.left, top, area.width, area.bottom - button_h - theme.gap() - top)
        pygame.draw.rect(surface, pal.surface, panel, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, panel, width=2, border_radius=theme.radius)
        self._draw_panel(surface, panel, logic)
        self._draw_buttons(surface, pygame.Rect(area.left, area.bottom - button_h, area.width, button_h), logic)

    def _arrow_width(self, panel: pygame.Rect) -> int:
        """Big arrows that fit five abreast (with gaps) and leave room above and below."""
        return max(24, min(120, int(panel.width / 6.5), int(panel.height * 0.6 / 0.75)))

    def _draw_panel(self, surface: pygame.Surface, panel: pygame.Rect, logic: FlankerLogic) -> None:
        pal, arrow_w = self.theme.palette, self._arrow_width(panel)
        center = panel.center
        if logic.phase is Phase.FIXATION:
            draw_cross(surface, pal.text, center, arrow_w // 2)
        elif logic.phase is Phase.STIMULUS:
            draw_row(surface, pal.text, logic.row, center, arrow_w)
        elif logic.phase is Phase.FEEDBACK:
            self._draw_mark(surface, panel, logic.outcome, arrow_w)

    def _draw_mark(self, surface: pygame.Surface, panel: pygame.Rect, outcome: str | None, size: int) -> None:
        """A tick after a right answer; otherwise a neutral dash, with a brief word where one helps."""
        theme, pal = self.theme, self.theme.palette
        font = theme.font("body", bold=True)
        word = WORDS.get(outcome or "", "")
        size = min(size, panel.height // 2)
        mark_center = (panel.centerx, panel.centery - (font.get_linesize() // 2 if word else 0))
        box = pygame.Rect(0, 0, size, size)
        box.center = mark_center
        if outcome == CORRECT:
            draw_mark(surface, "tick", box, pal.positive)
        else:
            draw_mark(surface, "dash", box, pal.muted_text)
        if word:
            draw_text(surface, fit(word, font, panel.width - theme.gap(2)), font, pal.muted_text,
                      (panel.centerx, mark_center[1] + size // 2), "midtop")

    def _button_height(self) -> int:
        theme = self.theme
        return theme.font("body", bold=True).get_linesize() + theme.font("small").get_linesize() + theme.gap(2.5)

    def _draw_buttons(self, surface: pygame.Surface, row: pygame.Rect, logic: FlankerLogic) -> None:
        """Left and Right side by side, centred, with a wide gap so a slip does not hit the other."""
        theme = self.theme
        width = min(theme.gap(20), (row.width - theme.gap(2)) // 2)
        gap = min(theme.gap(6), row.width - 2 * width)
        left = row.centerx - (2 * width + gap) // 2
        self.buttons = {}
        for k, direction in enumerate((LEFT, RIGHT)):
            rect = pygame.Rect(left + k * (width + gap), row.top, width, row.height)
            self.buttons[direction] = rect
            pressed = logic.phase is Phase.FEEDBACK and logic.response == direction
            draw_answer_button(surface, theme, rect, direction, pressed)

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: a plain row and a mixed row, each with the answer it needs."""
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, area, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, area, width=2, border_radius=theme.radius)
        small, gap = theme.font("small", bold=True), theme.gap()
        inner = area.inflate(-2 * gap, -2 * gap)
        rows = (Row(CONGRUENT, RIGHT), Row(INCONGRUENT, LEFT))
        half_h = inner.height // 2
        for captions in PICTURE_CAPTIONS:  # the longest wording whose arrows stay a good size
            wrapped = [wrap(caption, small, inner.width) for caption in captions]
            text_h = max(len(lines) for lines in wrapped) * small.get_linesize()
            arrow_w = min(int(inner.width / 6.5), int((half_h - gap - text_h) / 0.75), 70)
            if arrow_w >= 28:
                break
        else:
            wrapped, arrow_w = [[], []], max(16, min(int(inner.width / 6.5), int((half_h - gap) / 0.75)))
        for k, (row, lines) in enumerate(zip(rows, wrapped)):
            band = pygame.Rect(inner.left, inner.top + k * half_h, inner.width, half_h)
            arrow_h = int(arrow_w * 0.75)
            top = band.centery - (arrow_h + gap // 2 + len(lines) * small.get_linesize()) // 2
            covered = draw_row(surface, pal.text, row, (band.centerx, top + arrow_h // 2), arrow_w)
            middle = pygame.Rect(0, 0, arrow_w + gap // 2, covered.height + gap // 2)
            middle.center = covered.center  # a frame, not only a colour, marks the arrow that counts
            pygame.draw.rect(surface, pal.accent, middle, width=max(2, gap // 6), border_radius=theme.radius // 2)
            for j, line in enumerate(lines):
                draw_text(surface, line, small, pal.text,
                          (band.centerx, covered.bottom + gap // 2 + j * small.get_linesize()), "midtop")


def draw_answer_button(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, direction: str, pressed: bool) -> None:
    """A big answer button: an arrow shape, its word and its keys; pressed, it sinks, fills and gets a thick frame."""
    shown, ink = draw_answer_frame(surface, theme, rect, pressed)
    title, small = theme.font("body", bold=True), theme.font("small")
    label, keys = LABELS[direction]
    arrow_w = title.get_linesize()
    text_w = shown.width - 2 * theme.gap()
    label_w = title.size(label)[0] + arrow_w + theme.gap(0.5)
    y = shown.centery - (title.get_linesize() + small.get_linesize()) // 2
    label_left = shown.centerx - label_w // 2
    arrow_x = label_left + arrow_w // 2 if direction == LEFT else label_left + label_w - arrow_w // 2
    text_x = label_left + (arrow_w + theme.gap(0.5) if direction == LEFT else 0)
    pygame.draw.polygon(surface, ink, arrow_points((arrow_x, y + title.get_linesize() / 2), arrow_w * 0.8, arrow_w * 0.6, direction))
    draw_text(surface, label, title, ink, (text_x, y))
    draw_text(surface, fit(keys, small, text_w), small, ink, (shown.centerx, y + title.get_linesize()), "midtop")
