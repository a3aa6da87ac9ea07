"""A calm question over the current screen: a few choices, or yes/no popping with True or False."""

from __future__ import annotations

from typing import Any, Sequence

import pygame

from games.core.ui.scene import Scene
from games.core.ui.widgets import Button, FocusList, draw_text, wrap


class AnswerScene(Scene):
    """A question over another screen that pops once with its answer (a second key or click changes
    nothing); Esc answers ``on_escape``, the buttons answer the rest."""

    buttons: FocusList
    on_escape: Any = None
    _answered = False

    def _answer(self, value: Any) -> None:
        if not self._answered:
            self._answered = True
            self.app.stack.pop(value)

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self._answer(self.on_escape)
        else:
            self.buttons.handle_event(event)

    def on_quit(self, now_ms: float) -> None:
        pass  # the scene below is still on the stack and saves itself


class ChoiceScene(AnswerScene):
    """Asks ``question`` with a button per choice; pops with the chosen value (Esc: ``on_escape``)."""

    def __init__(self, below: Scene, question: str, detail: str, choices: Sequence[tuple[str, Any]],
                 on_escape: Any = None, primary: int = 0) -> None:
        self.below, self.question, self.detail = below, question, detail
        self.on_escape, self.primary = on_escape, primary
        self.buttons = FocusList([Button(label, lambda v=value: self._answer(v)) for label, value in choices])

    def draw(self, surface: pygame.Surface) -> None:
        theme, pal = self.app.theme, self.app.theme.palette
        self.below.draw(surface)
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        surface.blit(shade, (0, 0))
        body, big = theme.font("body"), theme.font("large", bold=True)
        box, lines, details, in_a_row, buttons_h = self._layout(surface)
        pygame.draw.rect(surface, pal.surface, box, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, box, width=2, border_radius=theme.radius)
        y = box.top + theme.gap(1.5)
        for line in lines:
            draw_text(surface, line, big, pal.text, (box.left + theme.gap(2), y))
            y += big.get_linesize()
        for line in details:
            draw_text(surface, line, body, pal.muted_text, (box.left + theme.gap(2), y))
            y += body.get_linesize()
        inner = box.width - 2 * theme.gap(2)
        self._place_buttons(box, inner, self.buttons.buttons[0].height(theme), buttons_h, in_a_row)
        self.buttons.viewport = box
        self.buttons.draw(surface, theme, primary=self.primary)

    def _layout(self, surface: pygame.Surface) -> tuple[pygame.Rect, list[str], list[str], bool, int]:
        """The box (half the window wide, or wider when its words need the room to fit in height),
        the question's and the detail's lines, whether the buttons stand in a row, and their height."""
        theme = self.app.theme
        body, big = theme.font("body"), theme.font("large", bold=True)
        buttons = self.buttons.buttons
        button_w, button_h = max(b.width(theme) for b in buttons), buttons[0].height(theme)
        needed = len(buttons) * button_w + (len(buttons) - 1) * theme.gap() + 2 * theme.gap(2)
        widest = surface.get_width() - 2 * theme.gap()
        for width in (min(widest, max(needed, surface.get_width() // 2)), widest):
            inner = width - 2 * theme.gap(2)
            in_a_row = needed <= width  # else the buttons stand one above the other
            lines = wrap(self.question, big, inner)
            details = wrap(self.detail, body, inner) if self.detail else []
            buttons_h = button_h if in_a_row else len(buttons) * (button_h + theme.gap()) - theme.gap()
            height = len(lines) * big.get_linesize() + len(details) * body.get_linesize() + buttons_h + theme.gap(5)
            if height <= surface.get_height():
                break
        box = pygame.Rect(0, 0, width, min(height, surface.get_height()))
        box.center = surface.get_rect().center
        return box, lines, details, in_a_row, buttons_h

    def _place_buttons(self, box: pygame.Rect, inner: int, button_h: int, buttons_h: int, in_a_row: bool) -> None:
        theme, buttons = self.app.theme, self.buttons.buttons
        top, left = box.bottom - theme.gap(1.5) - buttons_h, box.left + theme.gap(2)
        share = (inner - (len(buttons) - 1) * theme.gap()) // len(buttons)
        for i, button in enumerate(buttons):
            if in_a_row:
                button.rect = pygame.Rect(left + i * (share + theme.gap()), top, share, button_h)
            else:
                button.rect = pygame.Rect(left, top + i * (button_h + theme.gap()), inner, button_h)


class ConfirmScene(ChoiceScene):
    """Asks ``question``; Esc or "No" keeps things as they were. Pops with True or False."""

    def __init__(self, below: Scene, question: str, detail: str = "", yes: str = "Yes", no: str = "No") -> None:
        super().__init__(below, question, detail, [(no, False), (yes, True)], on_escape=False, primary=1)
