"""The feedback moment on screen, and the short screen between practice and the scored run."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.feedback import Feedback
from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import Button, FocusList, draw_text, wrap
from games.launcher.confirm import AnswerScene

REPLAY_FRAME_MS = 50.0  # an exercise's replay of the right answer moves at about 20 frames a second
READY_TEXT = ("Well done.", "Practice is over. Now it counts.", "Ready?")


def draw_feedback(surface: pygame.Surface, theme: Theme, area: pygame.Rect, shown: Feedback,
                  view: Any, now_ms: float) -> None:
    """The moment alone in the play area: a mark, the heading, the sentence, and below them the
    view's replay of the right answer when the exercise has one."""
    pal = theme.palette
    big, body, small = theme.font("large", bold=True), theme.font("body"), theme.font("small")
    inner_w = min(area.width, theme.gap(60))
    heading = wrap(shown.heading, big, inner_w)
    words = wrap(shown.words, body, inner_w) if shown.words else []
    note = "Practice: this one does not count." if shown.practice else ""
    mark_h = big.get_linesize() * 3 // 2 if shown.is_correct is not False else 0  # the words say "Not quite."
    text_h = mark_h + len(heading) * big.get_linesize() + len(words) * body.get_linesize()
    text_h += small.get_linesize() + theme.gap() if note else 0
    replay = shown.replay_ms > 0 and hasattr(view, "draw_feedback")
    y = area.top + theme.gap() if replay else max(area.top, area.centery - text_h // 2)
    if mark_h:
        tick = pal.positive if shown.is_correct else pal.accent  # the accent: a word that is not about an answer
        draw_mark(surface, "tick", pygame.Rect(area.centerx - mark_h // 2, y, mark_h, mark_h), tick)
        y += mark_h + theme.gap()
    colour = pal.gentle if shown.is_correct is False else pal.text
    for line in heading:
        y = draw_text(surface, line, big, colour, (area.centerx, y), "midtop").bottom
    for line in words:
        y = draw_text(surface, line, body, pal.text, (area.centerx, y), "midtop").bottom
    if note:
        y = draw_text(surface, note, small, pal.muted_text, (area.centerx, y + theme.gap()), "midtop").bottom
    if replay:
        rest = pygame.Rect(area.left, y + theme.gap(), area.width, area.bottom - y - theme.gap())
        view.draw_feedback(surface, rest, shown.record, now_ms - shown.start_ms)


def feedback_frame_ms(shown: Feedback | None, view: Any, now_ms: float) -> float | None:
    """When the moment next needs drawing: through a replay often, else when it ends."""
    if shown is None:
        return None
    if shown.replay_ms > 0 and hasattr(view, "draw_feedback") and now_ms < shown.start_ms + shown.replay_ms:
        return now_ms + REPLAY_FRAME_MS
    return shown.end_ms


class ReadyScene(AnswerScene):
    """Between practice and the scored run: "Well done. Now it counts. Ready?" and a Start button.

    Pops with "start" (Enter, Space or a click on Start) or "escape" (Esc); nothing is timed here.
    """

    on_escape = "escape"

    def __init__(self) -> None:
        self.buttons = FocusList([Button("Start", lambda: self._answer("start"))])

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE:
            self._answer("start")
        else:
            super().handle_event(event, t_ms)

    def draw(self, surface: pygame.Surface) -> None:
        theme, pal = self.app.theme, self.app.theme.palette
        big, body = theme.font("large", bold=True), theme.font("body")
        width = min(surface.get_width() - 2 * theme.gap(2), theme.gap(50))
        first, second, third = (wrap(text, font, width) for text, font in zip(READY_TEXT, (big, body, big)))
        button = self.buttons.buttons[0]
        button_w, button_h = max(button.width(theme), theme.gap(14)), button.height(theme)
        lines_h = (len(first) + len(third)) * big.get_linesize() + len(second) * body.get_linesize()
        y = max(theme.gap(), (surface.get_height() - lines_h - button_h - theme.gap(4)) // 2)
        mark = big.get_linesize()
        draw_mark(surface, "tick", pygame.Rect(surface.get_width() // 2 - mark // 2, y - mark - theme.gap(), mark, mark), pal.positive)
        centre = surface.get_width() // 2
        for lines, font, colour in ((first, big, pal.positive), (second, body, pal.text), (third, big, pal.text)):
            for line in lines:
                y = draw_text(surface, line, font, colour, (centre, y), "midtop").bottom
            y += theme.gap(0.5)
        button.rect = pygame.Rect(0, y + theme.gap(2), button_w, button_h)
        button.rect.centerx = centre
        self.buttons.viewport = surface.get_rect()
        self.buttons.draw(surface, theme, primary=0)
        hint = theme.font("small")
        draw_text(surface, "Enter or click Start when you are ready", hint, pal.muted_text,
                  (centre, surface.get_height() - theme.gap()), "midbottom")
