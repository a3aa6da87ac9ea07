"""Card Pairs view: draws the cards from the logic's state, and maps keys and clicks to actions."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.actions import Select
from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text
from games.memory.card_pairs.faces import draw_shape
from games.memory.card_pairs.logic import CardPairsLogic, Phase, card_label

CARD_ASPECT = 0.8  # width / height: upright cards
ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
ARROWS = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1)}


def card_rects(board: pygame.Rect, n: int, gap: int) -> tuple[list[pygame.Rect], int]:
    """Upright cards in rows (the last row centred), as big as fit; returns the rects and columns."""
    best: tuple[float, int] = (0.0, 1)
    for cols in range(1, n + 1):
        rows = -(-n // cols)
        height = min((board.height - gap * (rows - 1)) / rows, (board.width - gap * (cols - 1)) / cols / CARD_ASPECT)
        if height > best[0]:
            best = (height, cols)
    height, cols = best
    height = min(height, board.height * 0.45)  # a few cards should not fill the screen
    h, w = int(height), int(height * CARD_ASPECT)
    rows = -(-n // cols)
    top = board.centery - (rows * h + (rows - 1) * gap) // 2
    rects = []
    for i in range(n):
        row, col = divmod(i, cols)
        in_row = min(cols, n - row * cols)
        left = board.centerx - (in_row * w + (in_row - 1) * gap) // 2
        rects.append(pygame.Rect(left + col * (w + gap), top + row * (h + gap), w, h))
    return rects, cols


def draw_badge(surface: pygame.Surface, colour, ink, centre: tuple[int, int], radius: int) -> None:
    """A round badge with a tick: a found pair is marked by a shape, not by colour alone."""
    pygame.draw.circle(surface, colour, centre, radius)
    box = pygame.Rect(0, 0, radius * 10 // 7, radius * 10 // 7)  # the tick, as wide as the badge's middle
    box.center = centre
    draw_mark(surface, "tick", box, ink, width_px=max(2, radius // 3))  # heavy: the badge is small


def draw_card(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, label: str, picture: str | None,
              state: str = "down") -> None:
    """One card: face down shows its letter; face up its picture, name and letter.

    ``state`` is "down", "up", "turned" (just turned this turn: a thick frame) or "matched"
    (a tick badge).
    """
    pal = theme.palette
    if picture is None:
        pygame.draw.rect(surface, pal.block, rect, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, rect, width=2, border_radius=theme.radius)
        font = theme.font_to_fit("huge", label, rect.width - 8, int(rect.height * 0.4), bold=True)
        draw_text(surface, label, font, pal.block_text, rect.center, "center")
        return
    pygame.draw.rect(surface, pal.surface, rect, border_radius=theme.radius)
    frame = (pal.accent, max(4, rect.width // 22)) if state == "turned" else (pal.border, 2)
    pygame.draw.rect(surface, frame[0], rect, width=frame[1], border_radius=theme.radius)
    pad = max(4, rect.width // 14)
    name_h = max(10, int(rect.height * 0.16))
    corner = theme.font_fitting("small", max(8, int(rect.height * 0.1)), bold=True)
    draw_text(surface, label, corner, pal.muted_text, (rect.left + pad + 2, rect.top + pad // 2 + 2))
    side = min(rect.width - 2 * pad, rect.height - name_h - corner.get_linesize() - 2 * pad)
    art = pygame.Rect(0, 0, side, side)
    art.midtop = (rect.centerx, rect.top + pad // 2 + corner.get_linesize())
    draw_shape(surface, theme, picture, art, pal.surface)
    name_font = theme.font_to_fit("small", picture, rect.width - 2 * pad, name_h)
    draw_text(surface, picture, name_font, pal.text, (rect.centerx, rect.bottom - pad // 2), "midbottom")
    if state == "matched":
        radius = max(7, rect.width // 9)
        draw_badge(surface, pal.positive, pal.accent_text, (rect.right - radius - pad // 2, rect.top + radius + pad // 2), radius)


class CardPairsView:
    """Reads the logic and the theme; keeps only where it drew the cards and the keyboard focus."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.rects: list[pygame.Rect] = []
        self.cols = 1
        self.focus = 0
        self.show_focus = False  # the focus frame appears once the keyboard is used

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: CardPairsLogic) -> Any:
        """The domain action a key or click means, or None (arrow keys only move the focus)."""
        n = logic.n_cards
        if event.type == pygame.KEYDOWN and n:
            self.show_focus = True
            self.focus = min(self.focus, n - 1)
            if pygame.K_a <= event.key < pygame.K_a + n:
                self.focus = event.key - pygame.K_a
                return Select(self.focus)
            if event.key in ACTIVATE_KEYS:
                return Select(self.focus)
            if event.key in ARROWS:
                dx, dy = ARROWS[event.key]
                moved = self.focus + dx + dy * self.cols
                self.focus = moved % n if dx else (moved if 0 <= moved < n else self.focus)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.rects[:n]):
                if rect.collidepoint(event.pos):
                    self.focus, self.show_focus = i, False
                    return Select(i)
        return None

    def key_for(self, action: Any, logic: CardPairsLogic) -> int | None:
        """The key that gives ``action``: each card's own letter, so one action is one key."""
        if isinstance(action, Select) and 0 <= action.index < min(logic.n_cards, 26):
            return pygame.K_a + action.index
        return None

    def click_for(self, action: Any, logic: CardPairsLogic) -> tuple[int, int] | None:
        """Where to click for ``action`` on the frame last drawn."""
        if isinstance(action, Select) and 0 <= action.index < len(self.rects):
            return self.rects[action.index].center
        return None

    def next_redraw_ms(self, logic: CardPairsLogic, now_ms: float) -> float | None:
        return None  # every change on screen follows an input or a logic timer

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: CardPairsLogic, now_ms: float) -> None:
        theme, pal = self.theme, self.theme.palette
        message, colour, praise = self._message(logic)
        big = self._message_font(message, area.width - 3 * theme.size("large"))
        shown = draw_text(surface, message, big, colour, (area.centerx, area.top), "midtop")
        if praise:
            r = shown.height // 2
            draw_badge(surface, pal.positive, pal.accent_text, (shown.left - r - theme.gap(0.5), shown.centery), r)
        body = theme.font("body")
        board = pygame.Rect(area.left, shown.bottom + theme.gap(), area.width,
                            area.bottom - body.get_linesize() - theme.gap(2) - shown.bottom)
        self.rects, self.cols = card_rects(board, logic.n_cards, theme.gap(0.75))
        for i, rect in enumerate(self.rects):
            draw_card(surface, theme, rect, card_label(i), logic.layout[i] if logic.face_up(i) else None,
                      self._state(logic, i))
        if self.show_focus and logic.phase is not Phase.IDLE and self.focus < len(self.rects):
            ring = self.rects[self.focus].inflate(theme.gap(0.6), theme.gap(0.6))
            pygame.draw.rect(surface, pal.focus, ring, width=theme.focus_width, border_radius=theme.radius + 4)
        status = f"Pairs found: {len(logic.matched) // 2} of {logic.pairs}     Turns: {len(logic.turns)}"
        if logic.n_cards:
            draw_text(surface, status, body, pal.muted_text, (area.centerx, area.bottom), "midbottom")

    def _message_font(self, message: str, width: int) -> pygame.font.Font:
        """The largest of the message sizes the message fits in on one line."""
        for role in ("large", "body"):
            font = self.theme.font(role, bold=True)
            if font.size(message)[0] <= width:
                return font
        return self.theme.font("small", bold=True)

    @staticmethod
    def _state(logic: CardPairsLogic, card: int) -> str:
        if card in logic.matched:
            return "matched"
        return "turned" if card in logic.shown else "up" if logic.face_up(card) else "down"

    def _message(self, logic: CardPairsLogic) -> tuple[str, tuple[int, int, int], bool]:
        """What to say now, its colour, and whether it earns a tick."""
        pal = self.theme.palette
        if logic.phase is Phase.FIRST_LOOK:
            return "Have a look: remember where the pictures are", pal.text, False
        if logic.phase is Phase.SHOW_MISS:
            return "Not a pair. They will turn back.", pal.gentle, False
        if logic.phase is Phase.FEEDBACK:
            if logic.last_correct:
                return f"Well done! All pairs found in {len(logic.turns)} turns.", pal.positive, True
            if logic.last_cleared:
                return "All pairs found! Here comes another board.", pal.positive, True
            return "Not quite. Here comes another board.", pal.gentle, False
        if logic.phase is Phase.PLAY:
            if logic.shown:
                return "Now find its partner", pal.accent, False
            if logic.turns and logic.turns[-1][2]:
                return "A pair! Keep going.", pal.positive, True
            return "Turn two cards to find a pair", pal.accent, False
        return "", pal.text, False

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: a small board with a found pair and one card just turned."""
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, area, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, area, width=2, border_radius=theme.radius)
        board = area.inflate(-area.width // 10, -area.height // 10)
        rects, _ = card_rects(board, 8, max(6, area.width // 40))
        faces = {1: ("star", "matched"), 6: ("star", "matched"), 3: ("moon", "turned")}
        for i, rect in enumerate(rects):
            picture, state = faces.get(i, (None, "down"))
            draw_card(surface, theme, rect, card_label(i), picture, state)
        ring = rects[4].inflate(8, 8)
        pygame.draw.rect(surface, pal.focus, ring, width=theme.focus_width, border_radius=theme.radius + 4)
