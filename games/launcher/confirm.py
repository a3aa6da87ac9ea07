"""A calm yes/no question over the current screen; pops with True or False."""

from __future__ import annotations

import pygame

from games.core.scene import Scene
from games.core.widgets import Button, FocusList, draw_text, wrap


class ConfirmScene(Scene):
    """Asks ``question``; Esc or "No" keeps things as they were."""

    def __init__(self, below: Scene, question: str, detail: str = "", yes: str = "Yes", no: str = "No") -> None:
        self.below, self.question, self.detail = below, question, detail
        self.buttons = FocusList([Button(no, lambda: self._answer(False)), Button(yes, lambda: self._answer(True))])
        self._answered = False

    def _answer(self, value: bool) -> None:
        if not self._answered:
            self._answered = True
            self.app.stack.pop(value)

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self._answer(False)
        else:
            self.buttons.handle_event(event)

    def on_quit(self, now_ms: float) -> None:
        pass  # the scene below is still on the stack and saves itself

    def draw(self, surface: pygame.Surface) -> None:
        theme, pal = self.app.theme, self.app.theme.palette
        self.below.draw(surface)
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        surface.blit(shade, (0, 0))
        body, big = theme.font("body"), theme.font("large", bold=True)
        button_w = max(b.width(theme) for b in self.buttons.buttons)
        needed = 2 * button_w + theme.gap() + 2 * theme.gap(2)
        width = min(surface.get_width() - 2 * theme.gap(), max(needed, surface.get_width() // 2))
        inner = width - 2 * theme.gap(2)
        lines = wrap(self.question, big, inner)
        details = wrap(self.detail, body, inner) if self.detail else []
        button_h = self.buttons.buttons[0].height(theme)
        height = (len(lines) * big.get_linesize() + len(details) * body.get_linesize()
                  + button_h + theme.gap(5))
        box = pygame.Rect(0, 0, width, height)
        box.center = surface.get_rect().center
        pygame.draw.rect(surface, pal.surface, box, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, box, width=2, border_radius=theme.radius)
        y = box.top + theme.gap(1.5)
        for line in lines:
            draw_text(surface, line, big, pal.text, (box.left + theme.gap(2), y))
            y += big.get_linesize()
        for line in details:
            draw_text(surface, line, body, pal.muted_text, (box.left + theme.gap(2), y))
            y += body.get_linesize()
        half = (inner - theme.gap()) // 2
        for i, button in enumerate(self.buttons.buttons):
            button.rect = pygame.Rect(box.left + theme.gap(2) + i * (half + theme.gap()), box.bottom - theme.gap(1.5) - button_h, half, button_h)
        self.buttons.viewport = box
        self.buttons.draw(surface, theme, primary=1)
