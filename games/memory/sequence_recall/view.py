"""Sequence Recall view: draws the board from the logic's state, and maps keys and clicks to actions."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.actions import Select, Undo
from games.core.engine.exercise import TrialRecord
from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import Button, draw_text
from games.memory.sequence_recall.logic import REPLAY_STEP_MS, Phase, SequenceRecallLogic

# Block centres on a board of width 1 and height 1, irregular like the Corsi board.
BLOCK_CENTRES = (
    (0.10, 0.16), (0.42, 0.10), (0.80, 0.16),
    (0.24, 0.50), (0.58, 0.44), (0.90, 0.52),
    (0.10, 0.86), (0.46, 0.82), (0.78, 0.88),
)
TAP_FLASH_MS = 250.0
DIGIT_KEYS = {getattr(pygame, f"K_{d}"): d for d in range(1, 10)} | {getattr(pygame, f"K_KP{d}"): d for d in range(1, 10)}


def block_rects(board: pygame.Rect, n_blocks: int, scale: float = 1.0) -> list[pygame.Rect]:
    """Square blocks placed at ``BLOCK_CENTRES`` inside ``board``."""
    side = int(min(board.width, board.height) * 0.2 * scale)
    rects = []
    for fx, fy in BLOCK_CENTRES[:n_blocks]:
        rect = pygame.Rect(0, 0, side, side)
        rect.center = (board.left + int(fx * board.width), board.top + int(fy * board.height))
        rects.append(rect)
    return rects


def draw_block(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, label: str, state: str) -> None:
    """A numbered block; "lit" is bigger with a thick frame, so it never relies on colour alone."""
    pal = theme.palette
    fill = {"lit": pal.block_lit, "tapped": pal.block_tapped}.get(state, pal.block)
    shown = rect.inflate(rect.width // 6, rect.height // 6) if state == "lit" else rect
    pygame.draw.rect(surface, fill, shown, border_radius=theme.radius)
    frame = max(3, shown.width // 12) if state == "lit" else 2
    pygame.draw.rect(surface, pal.text if state == "lit" else pal.border, shown, width=frame, border_radius=theme.radius)
    font = theme.font_fitting("large", rect.height // 2, bold=True)
    ink = pal.block_lit_text if state != "idle" else pal.block_text
    draw_text(surface, label, font, ink, shown.center, "center")


class SequenceRecallView:
    """Reads the logic and the theme; remembers only where it drew things, to map clicks."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.rects: list[pygame.Rect] = []
        self.undo = Button("Undo", lambda: None)

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: SequenceRecallLogic) -> Any:
        """The domain action a key or click means, or None."""
        if event.type == pygame.KEYDOWN:
            digit = DIGIT_KEYS.get(event.key)
            if digit is not None and digit <= logic.n_blocks:
                return Select(digit - 1)
            if event.key in (pygame.K_BACKSPACE, pygame.K_DELETE):
                return Undo()
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.rects):
                if rect.collidepoint(event.pos):
                    return Select(i)
            if logic.phase is Phase.RESPOND and self.undo.rect.collidepoint(event.pos):
                return Undo()
        return None

    def key_for(self, action: Any, logic: SequenceRecallLogic) -> int | None:
        """The key that gives ``action`` (the inverse of ``action_for``, for tests and tools)."""
        if isinstance(action, Select):
            return pygame.K_1 + action.index
        return pygame.K_BACKSPACE if isinstance(action, Undo) else None

    def click_for(self, action: Any, logic: SequenceRecallLogic) -> tuple[int, int] | None:
        """Where to click for ``action`` on the frame last drawn."""
        if isinstance(action, Select) and action.index < len(self.rects):
            return self.rects[action.index].center
        return self.undo.rect.center if isinstance(action, Undo) else None

    def next_redraw_ms(self, logic: SequenceRecallLogic, now_ms: float) -> float | None:
        """A tapped block flashes briefly; redraw when the flash ends."""
        if logic.phase is Phase.RESPOND and logic.onset_ms is not None and logic.tap_times_ms:
            flash_end = logic.onset_ms + logic.tap_times_ms[-1] + TAP_FLASH_MS
            return flash_end if flash_end > now_ms else None
        return None

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: SequenceRecallLogic, now_ms: float) -> None:
        theme = self.theme
        big, body = theme.font("large", bold=True), theme.font("body")
        message, colour = self._message(logic)
        font = theme.font_to_fit("large", message, area.width, theme.size("large"), bold=True)  # never cut short
        shown = draw_text(surface, message, font, colour, (area.centerx, area.top), "midtop")
        if logic.phase is Phase.FEEDBACK and logic.last_correct:
            draw_mark(surface, "tick", shown.inflate(shown.height, 0).move(-shown.height // 2 - theme.gap(), 0), colour)
        progress_h = body.get_linesize() + theme.gap()
        board = pygame.Rect(area.left, area.top + big.get_linesize() + theme.gap(), area.width,
                            area.height - big.get_linesize() - progress_h - theme.gap(2))
        board = board.inflate(-board.width // 10, 0)
        self.rects = block_rects(board, logic.n_blocks)
        lit, flashed = logic.lit_block(now_ms), self._flashed(logic, now_ms)
        for i, rect in enumerate(self.rects):
            state = "lit" if i == lit else "tapped" if i == flashed else "idle"
            draw_block(surface, theme, rect, str(i + 1), state)
        self._draw_progress(surface, area, logic)

    def draw_feedback(self, surface: pygame.Surface, area: pygame.Rect, record: TrialRecord, elapsed_ms: float) -> None:
        """After a miss, the board again with the right order lit block by block, slowly."""
        order = [int(b) - 1 for b in record.stimulus.split()]
        step, into = divmod(elapsed_ms, REPLAY_STEP_MS)
        lit = order[int(step)] if step < len(order) and into < REPLAY_STEP_MS * 0.7 else None
        board = area.inflate(-area.width // 10, 0)
        for i, rect in enumerate(block_rects(board, len(self.rects) or len(BLOCK_CENTRES))):
            draw_block(surface, self.theme, rect, str(i + 1), "lit" if i == lit else "idle")

    def _message(self, logic: SequenceRecallLogic) -> tuple[str, tuple[int, int, int]]:
        pal = self.theme.palette
        if logic.phase in (Phase.LEAD_IN, Phase.PRESENT):
            return f"Watch the {len(logic.sequence)} blocks light up", pal.text
        if logic.phase is Phase.RESPOND:
            return "Your turn: tap them in the same order", pal.accent
        if logic.phase is Phase.FEEDBACK:
            if logic.last_correct:
                return "Well done!", pal.positive
            return "Not quite. Here comes another one.", pal.gentle
        return "", pal.text

    @staticmethod
    def _flashed(logic: SequenceRecallLogic, now_ms: float) -> int | None:
        if logic.phase is Phase.RESPOND and logic.taps and logic.onset_ms is not None:
            if now_ms - (logic.onset_ms + logic.tap_times_ms[-1]) < TAP_FLASH_MS:
                return logic.taps[-1]
        return None

    def _draw_progress(self, surface: pygame.Surface, area: pygame.Rect, logic: SequenceRecallLogic) -> None:
        """Filled and empty circles for taps made and still to make, plus the Undo button."""
        theme, pal = self.theme, self.theme.palette
        body = theme.font("body")
        y = area.bottom - body.get_linesize() // 2 - theme.gap(0.5)
        if logic.phase is not Phase.RESPOND:
            self.undo.rect = pygame.Rect(0, 0, 0, 0)
            return
        radius = max(6, body.get_linesize() // 4)
        total = len(logic.sequence)
        x = area.centerx - (total * 3 * radius) // 2 + radius
        for k in range(total):
            width = 0 if k < len(logic.taps) else 2
            pygame.draw.circle(surface, pal.text, (x + k * 3 * radius, y), radius, width)
        self.undo.rect = pygame.Rect(0, 0, self.undo.width(theme), body.get_linesize() + theme.gap(0.5))
        self.undo.rect.midright = (area.right, y)
        self.undo.draw(surface, theme, focused=False)

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: a small board where three blocks light up in order."""
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, area, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, area, width=2, border_radius=theme.radius)
        board = area.inflate(-area.width // 8, -area.height // 8)
        rects = block_rects(board, 9, scale=0.9)
        order = (3, 1, 5)
        centres = [rects[b].center for b in order]
        pygame.draw.lines(surface, pal.muted_text, False, centres, max(2, area.width // 120))
        for i, rect in enumerate(rects):
            draw_block(surface, theme, rect, str(i + 1), "lit" if i in order else "idle")
        small = theme.font("small", bold=True)
        for step, block in enumerate(order, start=1):
            tag = pygame.Rect(0, 0, small.get_linesize(), small.get_linesize())
            tag.center = rects[block].topright
            pygame.draw.circle(surface, pal.accent, tag.center, tag.width // 2 + 2)
            draw_text(surface, str(step), small, pal.accent_text, tag.center, "center")
