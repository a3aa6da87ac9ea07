"""Go/No-Go view: a reminder line, the shape in the middle and a big Go button; maps Space and clicks."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text, fit, wrap
from games.focus.go_no_go.drawing import (
    draw_fixation, draw_go, draw_go_button, draw_legend, draw_nogo, go_button_height,
)
from games.focus.go_no_go.logic import GO_ACTION, GoNoGoLogic, Phase
from games.focus.go_no_go.spec import GO

GO_KEY = pygame.K_SPACE
MAX_SHAPE_PX = 300


def plural(count: int, noun: str) -> str:
    return noun if count == 1 else noun + "s"


class GoNoGoView:
    """Reads the logic and the theme; remembers only where it drew the Go button, to map clicks."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.button = pygame.Rect(0, 0, 0, 0)

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: GoNoGoLogic) -> Any:
        """The domain action a key or click means, or None."""
        if event.type == pygame.KEYDOWN and event.key == GO_KEY:
            return GO_ACTION
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.button.collidepoint(event.pos):
            return GO_ACTION
        return None

    def key_for(self, action: Any, logic: GoNoGoLogic) -> int | None:
        """The key that gives ``action`` (the inverse of ``action_for``, for tests and tools)."""
        return GO_KEY if action == GO_ACTION else None

    def click_for(self, action: Any, logic: GoNoGoLogic) -> tuple[int, int] | None:
        """Where to click for ``action`` on the frame last drawn."""
        if action == GO_ACTION and self.button.width > 0:
            return self.button.center
        return None

    def next_redraw_ms(self, logic: GoNoGoLogic, now_ms: float) -> float | None:
        """Everything drawn changes with the logic (its timers or a press), so no extra redraws."""
        return None

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: GoNoGoLogic, now_ms: float) -> None:
        theme = self.theme
        header_h = self._draw_header(surface, area, logic)
        button_h = go_button_height(theme)
        room = pygame.Rect(area.left, area.top + header_h + theme.gap(),
                           area.width, area.height - header_h - button_h - theme.gap(2))
        size = max(40, min(room.width, room.height, MAX_SHAPE_PX))
        if logic.phase is Phase.LEAD_IN:
            draw_legend(surface, theme, room)
        elif logic.phase is Phase.FIXATION:
            draw_fixation(surface, theme, room.center, size)
        elif logic.phase is Phase.STIMULUS:
            (draw_go if logic.shown == GO else draw_nogo)(surface, theme, room.center, size)
        elif logic.phase is Phase.PAUSE:
            self._draw_mark(surface, room, logic.trial_right())
        elif logic.phase is Phase.FEEDBACK:
            self._draw_round_result(surface, room, logic)
        self.button = pygame.Rect(0, 0, min(area.width, theme.gap(24)), button_h)
        self.button.midbottom = area.midbottom
        draw_go_button(surface, theme, self.button, logic.pressed)

    def _draw_mark(self, surface: pygame.Surface, room: pygame.Rect, right: bool | None) -> None:
        """A small tick when the shape was answered right, else a neutral dash: no colour alone, no alarm."""
        side = max(24, min(room.height, room.width) // 5)
        rect = pygame.Rect(0, 0, side, side)
        rect.center = room.center
        if right:
            draw_mark(surface, "tick", rect, self.theme.palette.positive)
        else:
            draw_mark(surface, "dash", rect, self.theme.palette.muted_text)

    def _draw_round_result(self, surface: pygame.Surface, room: pygame.Rect, logic: GoNoGoLogic) -> None:
        """After a round, in place of the shapes: what went right, with a tick when the round went well."""
        pal, t = self.theme.palette, logic.tally
        font = self.theme.font("large", bold=True)
        lines = [f"You pressed for {t.hits} of {t.go_trials} {plural(t.go_trials, 'circle')}.",
                 f"You held back for {t.correct_rejections} of {t.nogo_trials} {plural(t.nogo_trials, 'square')}."]
        wrapped = [part for line in lines for part in wrap(line, font, room.width)]
        tick = font.get_linesize() * 2 if logic.last_block_good else 0
        y = room.centery - (len(wrapped) * font.get_linesize() + tick) // 2
        if tick:
            draw_mark(surface, "tick", pygame.Rect(room.centerx - tick // 2, y, tick, tick), pal.positive)
        for k, line in enumerate(wrapped):
            draw_text(surface, line, font, pal.text, (room.centerx, y + tick + k * font.get_linesize()), "midtop")

    def _draw_header(self, surface: pygame.Surface, area: pygame.Rect, logic: GoNoGoLogic) -> int:
        """A short message across the top, at most two lines; returns the height used."""
        font = self.theme.font("body", bold=True)
        message, colour = self._message(logic)
        lines = wrap(message, font, area.width)
        if len(lines) > 2:
            lines = [lines[0], fit(" ".join(lines[1:]), font, area.width)]
        for k, line in enumerate(lines):
            draw_text(surface, line, font, colour, (area.centerx, area.top + k * font.get_linesize()), "midtop")
        return 2 * font.get_linesize()

    def _message(self, logic: GoNoGoLogic) -> tuple[str, tuple[int, int, int]]:
        pal = self.theme.palette
        if logic.phase is Phase.LEAD_IN:
            return "Get ready. Press for the GO circle; hold back for the square.", pal.text
        if logic.phase is Phase.FEEDBACK:
            if logic.last_block_good:  # no promise of another round: this may be the run's last
                return "Well done! That round went well.", pal.positive
            return "Good try. That round was a tricky one.", pal.gentle
        if logic.phase is Phase.IDLE:
            return "", pal.text
        return "Press for the circle. Hold back for the square.", pal.muted_text

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: the two shapes, each with what to do, and the Go button."""
        theme = self.theme
        pygame.draw.rect(surface, theme.palette.surface, area, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.palette.border, area, width=2, border_radius=theme.radius)
        inner = area.inflate(-2 * theme.gap(), -2 * theme.gap())
        button_h = go_button_height(theme)
        if inner.height - button_h - theme.gap() >= 120:  # room for the button under the shapes
            button = pygame.Rect(0, 0, min(inner.width, theme.gap(16)), button_h)
            button.midbottom = inner.midbottom
            draw_go_button(surface, theme, button, pressed=False)
            inner.height -= button_h + theme.gap()
        draw_legend(surface, theme, inner)
