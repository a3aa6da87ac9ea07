"""Rule Switch view: four key cards, the card to sort and calm feedback; keys 1-4 or clicks become actions."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.actions import Select
from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text, wrap
from games.problem_solving.rule_switch.cards import draw_card
from games.problem_solving.rule_switch.logic import Card, Phase, RuleSwitchLogic, key_card
from games.problem_solving.rule_switch.spec import N_KEYS

KEY_DIGITS = {getattr(pygame, f"K_{d}"): d for d in range(1, N_KEYS + 1)} | {
    getattr(pygame, f"K_KP{d}"): d for d in range(1, N_KEYS + 1)}
CARD_ASPECT = 0.78  # width / height


class RuleSwitchView:
    """Reads the logic and the theme; remembers only where it drew the key cards, to map clicks."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.rects: list[pygame.Rect] = []

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: RuleSwitchLogic) -> Any:
        """The domain action a key or click means, or None."""
        if event.type == pygame.KEYDOWN and event.key in KEY_DIGITS:
            return Select(KEY_DIGITS[event.key] - 1)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.rects):
                if rect.collidepoint(event.pos):
                    return Select(i)
        return None

    def key_for(self, action: Any, logic: RuleSwitchLogic) -> int | None:
        """The key that gives ``action`` (the inverse of ``action_for``)."""
        if isinstance(action, Select) and 0 <= action.index < N_KEYS:
            return pygame.K_1 + action.index
        return None

    def click_for(self, action: Any, logic: RuleSwitchLogic) -> tuple[int, int] | None:
        """Where to click for ``action`` on the frame last drawn."""
        if isinstance(action, Select) and 0 <= action.index < len(self.rects):
            return self.rects[action.index].center
        return None

    def next_redraw_ms(self, logic: RuleSwitchLogic, now_ms: float) -> float | None:
        return None  # the screen changes only with the logic's own phases

    # -- drawing -----------------------------------------------------------------------------
    def layout(self, area: pygame.Rect) -> tuple[pygame.Rect, list[pygame.Rect], pygame.Rect]:
        """The message line, the four key cards (with room for their numbers above) and the card to sort."""
        theme = self.theme
        big, small = theme.font("large", bold=True), theme.font("body", bold=True)
        message = pygame.Rect(area.left, area.top, area.width, big.get_linesize())
        room = area.height - message.height - small.get_linesize() * 2 - theme.gap(4)
        card_h = int(min(room / 2, (area.width - theme.gap(5)) / N_KEYS / CARD_ASPECT))
        card_w = int(card_h * CARD_ASPECT)
        top = message.bottom + theme.gap() + small.get_linesize()
        spacing = min(theme.gap(3), (area.width - N_KEYS * card_w) // (N_KEYS + 1))
        left = area.centerx - (N_KEYS * card_w + (N_KEYS - 1) * spacing) // 2
        keys = [pygame.Rect(left + i * (card_w + spacing), top, card_w, card_h) for i in range(N_KEYS)]
        new = pygame.Rect(0, 0, card_w, card_h)
        new.midtop = (area.centerx, keys[0].bottom + theme.gap(2))
        return message, keys, new

    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: RuleSwitchLogic, now_ms: float) -> None:
        theme, pal = self.theme, self.theme.palette
        message, self.rects, new = self.layout(area)
        number_font = theme.font("body", bold=True)
        chosen = logic.chosen if logic.phase is Phase.FEEDBACK else None
        for i, rect in enumerate(self.rects):
            draw_text(surface, str(i + 1), number_font, pal.text, (rect.centerx, rect.top - theme.gap(0.5)), "midbottom")
            draw_card(surface, theme, rect, key_card(i, logic.n_dimensions), "chosen" if i == chosen else "plain")
        if logic.card is not None and logic.phase is not Phase.IDLE:
            draw_card(surface, theme, new, logic.card)
        self._draw_message(surface, message, logic)
        self._draw_hint(surface, area, new, logic)

    def _draw_message(self, surface: pygame.Surface, box: pygame.Rect, logic: RuleSwitchLogic) -> None:
        theme, pal = self.theme, self.theme.palette
        big = theme.font("large", bold=True)
        if logic.phase is Phase.SORT:
            text, colour, mark = "Which card does it go with?", pal.text, None
        elif logic.phase is Phase.FEEDBACK and logic.last_correct:
            text, colour, mark = "Right", pal.positive, "tick"
        elif logic.phase is Phase.FEEDBACK and logic.chosen is None:
            text, colour, mark = "Here comes another card.", pal.gentle, None
        elif logic.phase is Phase.FEEDBACK:
            text, colour, mark = "Not quite", pal.gentle, "not_quite"
        else:
            return
        shown = draw_text(surface, text, big, colour, box.midtop, "midtop")
        if mark is not None:
            size = shown.height
            draw_mark(surface, mark, pygame.Rect(shown.left - size - theme.gap(0.5), shown.top, size, size), colour)

    def _draw_hint(self, surface: pygame.Surface, area: pygame.Rect, new: pygame.Rect, logic: RuleSwitchLogic) -> None:
        """How to answer, to the left of the card to sort, wrapped to the room there."""
        if logic.phase is not Phase.SORT:
            return
        theme = self.theme
        font = theme.font("body")
        width = new.left - area.left - theme.gap(2)
        lines = wrap("Press 1, 2, 3 or 4, or click a card at the top.", font, width)
        y = new.centery - len(lines) * font.get_linesize() // 2
        for line in lines:
            draw_text(surface, line, font, theme.palette.muted_text, (new.left - theme.gap(2), y), "topright")
            y += font.get_linesize()

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: four key cards and a card put with the one of the same shape."""
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, area, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, area, width=2, border_radius=theme.radius)
        inner = area.inflate(-area.width // 10, -area.height // 10)
        card_h = int(min(inner.height * 0.46, inner.width / 4.6 / CARD_ASPECT))
        card_w = int(card_h * CARD_ASPECT)
        gap = (inner.width - 4 * card_w) // 5
        keys = [pygame.Rect(inner.left + gap + i * (card_w + gap), inner.top, card_w, card_h) for i in range(4)]
        for i, rect in enumerate(keys):
            draw_card(surface, theme, rect, key_card(i, 3), "chosen" if i == 1 else "plain")
        new = pygame.Rect(0, 0, card_w, card_h)
        new.midbottom = (keys[1].centerx, inner.bottom)
        draw_card(surface, theme, new, Card(2, 1, 0, 0))
        width = max(3, area.width // 100)
        pygame.draw.line(surface, pal.muted_text, (new.centerx, new.top - 4), (keys[1].centerx, keys[1].bottom + 8), width)
        tip = (keys[1].centerx, keys[1].bottom + 4)
        pygame.draw.polygon(surface, pal.muted_text, [tip, (tip[0] - 3 * width, tip[1] + 4 * width), (tip[0] + 3 * width, tip[1] + 4 * width)])
