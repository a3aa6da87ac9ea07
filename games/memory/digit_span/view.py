"""Digit Span view: draws the digits, the order sign and the keypad, and maps keys and clicks to actions."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.actions import Respond, Select, Undo
from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text, fit
from games.memory.digit_span.drawing import draw_arrow, draw_digit_card, draw_key, display_font
from games.memory.digit_span.logic import DONE, DigitSpanLogic, Phase

KEY_FLASH_MS = 200.0
DIGIT_KEYS = {getattr(pygame, f"K_{d}"): d for d in range(10)} | {getattr(pygame, f"K_KP{d}"): d for d in range(10)}
UNDO_KEYS = (pygame.K_BACKSPACE, pygame.K_DELETE)
DONE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
# the keypad as on a phone: three digits a row, then Undo, 0 and Done
KEYPAD = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("Undo", "0", "Done"))
# the same keys in two rows, for a room that is wide and low (large type in a small window)
WIDE_KEYPAD = (("1", "2", "3", "4", "5", "6"), ("7", "8", "9", "0", "Undo", "Done"))
HINT = "Number keys to type  ·  Backspace: Undo  ·  Enter: Done"


def action_of(label: str) -> Any:
    """The action a keypad button gives."""
    if label == "Undo":
        return Undo()
    if label == "Done":
        return Respond(DONE)
    return Select(int(label))


def direction_words(direction: str) -> str:
    return "Type them backwards: last one first" if direction == "backward" else "Type them in the same order"


class DigitSpanView:
    """Reads the logic and the theme; remembers only where it drew the keypad, to map clicks."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.keys: dict[str, pygame.Rect] = {}

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: DigitSpanLogic) -> Any:
        """The domain action a key or click means, or None."""
        if event.type == pygame.KEYDOWN:
            if event.key in DIGIT_KEYS:
                return Select(DIGIT_KEYS[event.key])
            if event.key in UNDO_KEYS:
                return Undo()
            if event.key in DONE_KEYS:
                return Respond(DONE)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for label, rect in self.keys.items():
                if rect.collidepoint(event.pos):
                    return action_of(label)
        return None

    def key_for(self, action: Any, logic: DigitSpanLogic) -> int | None:
        """The key that gives ``action`` (the inverse of ``action_for``, for tests and tools)."""
        if isinstance(action, Select) and 0 <= action.index <= 9:
            return pygame.K_0 + action.index
        if isinstance(action, Undo):
            return pygame.K_BACKSPACE
        if isinstance(action, Respond) and action.value == DONE:
            return pygame.K_RETURN
        return None

    def click_for(self, action: Any, logic: DigitSpanLogic) -> tuple[int, int] | None:
        """Where to click for ``action`` on the frame last drawn."""
        for label, rect in self.keys.items():
            if action_of(label) == action:
                return rect.center
        return None

    def next_redraw_ms(self, logic: DigitSpanLogic, now_ms: float) -> float | None:
        """A typed digit's key flashes briefly; redraw when the flash ends."""
        if logic.phase is Phase.RESPOND and logic.onset_ms is not None and logic.key_times_ms:
            flash_end = logic.onset_ms + logic.key_times_ms[-1] + KEY_FLASH_MS
            return flash_end if flash_end > now_ms else None
        return None

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: DigitSpanLogic, now_ms: float) -> None:
        theme = self.theme
        self.keys = {}
        if logic.phase is Phase.IDLE:
            return
        big = theme.font("large", bold=True)
        message, colour = self._message(logic)
        font = theme.font_to_fit("large", message, area.width, theme.size("large"), bold=True)  # never cut short
        shown = draw_text(surface, message, font, colour, (area.centerx, area.top), "midtop")
        if logic.phase is Phase.FEEDBACK and logic.last_correct:
            draw_mark(surface, "tick", shown.inflate(shown.height, 0).move(-shown.height // 2 - theme.gap(), 0), colour)
        banner = self._draw_banner(surface, area, area.top + big.get_linesize() + theme.gap(0.5), logic.direction)
        rest = pygame.Rect(area.left, banner.bottom + theme.gap(), area.width, area.bottom - banner.bottom - theme.gap())
        if logic.phase in (Phase.LEAD_IN, Phase.PRESENT):
            self._draw_presentation(surface, rest, logic, now_ms)
        else:
            slots = self._draw_slots(surface, rest, logic)
            if logic.phase is Phase.RESPOND:
                below = pygame.Rect(area.left, slots.bottom + theme.gap(), area.width, area.bottom - slots.bottom - theme.gap())
                self._draw_keypad(surface, below, logic, now_ms)

    def _message(self, logic: DigitSpanLogic) -> tuple[str, tuple[int, int, int]]:
        pal = self.theme.palette
        if logic.phase in (Phase.LEAD_IN, Phase.PRESENT):
            return f"Watch the {len(logic.sequence)} digits", pal.text
        if logic.phase is Phase.RESPOND:
            return "Your turn", pal.accent
        if logic.last_correct:
            return "Well done!", pal.positive
        return "Not quite. Here comes another one.", pal.gentle

    def _draw_banner(self, surface: pygame.Surface, area: pygame.Rect, top: int, direction: str) -> pygame.Rect:
        """The order sign: an arrow pointing the way to type, plus words; backward is also filled."""
        theme, pal = self.theme, self.theme.palette
        font = theme.font("body", bold=True)
        arrow_w, pad = font.get_linesize() * 3 // 2, theme.gap()
        words = fit(direction_words(direction), font, area.width - arrow_w - 3 * pad)
        width = font.size(words)[0] + arrow_w + 3 * pad
        rect = pygame.Rect(0, top, width, font.get_linesize() + theme.gap())
        rect.centerx = area.centerx
        backward = direction == "backward"
        fill, ink = (pal.accent, pal.accent_text) if backward else (pal.surface, pal.text)
        pygame.draw.rect(surface, fill, rect, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, rect, width=2, border_radius=theme.radius)
        arrow = pygame.Rect(rect.left + pad, rect.top, arrow_w, rect.height).inflate(0, -rect.height // 3)
        draw_arrow(surface, ink, arrow, pointing_left=backward)
        draw_text(surface, words, font, ink, (arrow.right + pad, rect.centery), "midleft")
        return rect

    def _draw_presentation(self, surface: pygame.Surface, rest: pygame.Rect, logic: DigitSpanLogic, now_ms: float) -> None:
        """One very large digit in a card at the centre, with dots for the digits shown so far."""
        theme, pal = self.theme, self.theme.palette
        dot_r = max(6, theme.font("body").get_linesize() // 4)
        side = min(rest.width, rest.height - 4 * dot_r - theme.gap(2))
        card = pygame.Rect(0, 0, side, side)
        card.midtop = (rest.centerx, rest.top)
        digit = logic.shown_digit(now_ms)
        draw_digit_card(surface, theme, card, None if digit is None else str(digit))
        if logic.phase is not Phase.PRESENT:  # the lead-in: point the eye to where the digits come
            body = theme.font("body")
            draw_text(surface, fit("Get ready", body, card.width), body, pal.muted_text, card.center, "center")
            return
        seen, n = logic.digits_begun(now_ms), len(logic.sequence)
        x0, y = rest.centerx - (n - 1) * 3 * dot_r // 2, card.bottom + theme.gap() + dot_r
        for k in range(n):
            pygame.draw.circle(surface, pal.text, (x0 + k * 3 * dot_r, y), dot_r, 0 if k < seen else 2)

    def _draw_slots(self, surface: pygame.Surface, rest: pygame.Rect, logic: DigitSpanLogic) -> pygame.Rect:
        """A box per digit of the answer; the typed digits fill them and the next box has a thick frame."""
        theme, pal = self.theme, self.theme.palette
        n, gap = len(logic.sequence), theme.gap(0.5)
        # at most a fifth of the room, so the keypad below keeps large keys at every font scale
        side = min((rest.width - (n - 1) * gap) // n, theme.font("title").get_linesize() + theme.gap(), rest.height // 5)
        font = display_font(theme, int(side * 0.55))
        left = rest.centerx - (n * side + (n - 1) * gap) // 2
        for k in range(n):
            box = pygame.Rect(left + k * (side + gap), rest.top, side, side)
            pygame.draw.rect(surface, pal.surface, box, border_radius=theme.radius // 2)
            is_next = logic.phase is Phase.RESPOND and k == len(logic.answer)
            frame = (pal.focus, theme.focus_width) if is_next else (pal.border, 2)
            pygame.draw.rect(surface, frame[0], box, width=frame[1], border_radius=theme.radius // 2)
            if k < len(logic.answer):
                draw_text(surface, str(logic.answer[k]), font, pal.text, box.center, "center")
        return pygame.Rect(rest.left, rest.top, rest.width, side)

    def _draw_keypad(self, surface: pygame.Surface, below: pygame.Rect, logic: DigitSpanLogic, now_ms: float) -> None:
        """The on-screen keypad, sized to the room left, with the keyboard hint underneath."""
        theme, pal = self.theme, self.theme.palette
        small, gap = theme.font("small"), theme.gap(0.5)
        hint_h = small.get_linesize() + theme.gap(0.5)
        # the phone's four rows of three; two rows of six when those keys would be too low for
        # their labels and the six are taller (large type in a small window)
        layouts = [(pad, *self._key_size(pad, below.width, below.height - hint_h, gap)) for pad in (KEYPAD, WIDE_KEYPAD)]
        keypad, key_w, key_h = layouts[0]
        if key_h < theme.font("body").get_linesize() * 1.2:
            keypad, key_w, key_h = max(layouts, key=lambda layout: layout[2])
        rows, cols = len(keypad), len(keypad[0])
        left = below.centerx - (cols * key_w + (cols - 1) * gap) // 2
        flashed = self._flashed(logic, now_ms)
        for r, row in enumerate(keypad):
            for c, label in enumerate(row):
                rect = pygame.Rect(left + c * (key_w + gap), below.top + r * (key_h + gap), key_w, key_h)
                self.keys[label] = rect
                style = "done" if label == "Done" else "flash" if label == flashed else "plain"
                draw_key(surface, theme, rect, label, style)
        hint_y = below.top + rows * key_h + (rows - 1) * gap + theme.gap(0.5)
        hint_font = theme.font_to_fit("small", HINT, below.width, theme.size("small"))
        draw_text(surface, HINT, hint_font, pal.muted_text, (below.centerx, hint_y), "midtop")

    def _key_size(self, keypad: tuple[tuple[str, ...], ...], width: int, height: int, gap: int) -> tuple[int, int]:
        """Width and height of a key when ``keypad`` fills ``width`` x ``height`` (keys at most 1.8 times as wide as tall)."""
        rows, cols = len(keypad), len(keypad[0])
        key_h = min((height - (rows - 1) * gap) // rows, self.theme.font("title").get_linesize() * 2)
        key_w = min(int(key_h * 1.8), (width - (cols - 1) * gap) // cols)
        return key_w, min(key_h, int(key_w / 1.2))  # in two rows of six the width binds too

    @staticmethod
    def _flashed(logic: DigitSpanLogic, now_ms: float) -> str | None:
        if logic.answer and logic.onset_ms is not None:
            if now_ms - (logic.onset_ms + logic.key_times_ms[-1]) < KEY_FLASH_MS:
                return str(logic.answer[-1])
        return None

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: digits shown one by one, then typed the same way or backwards."""
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, area, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, area, width=2, border_radius=theme.radius)
        inner = area.inflate(-area.width // 10, -area.height // 10)
        third = inner.height // 3
        side = min(third - theme.gap(0.5), inner.width // 4)
        for k, digit in enumerate("492"):
            card = pygame.Rect(0, 0, side, side)
            card.center = (inner.left + inner.width * (2 * k + 1) // 6, inner.top + third // 2)
            draw_digit_card(surface, theme, card, digit)
        font = display_font(theme, int(third * 0.4))
        for row, (text, left) in enumerate((("4 9 2", False), ("2 9 4", True))):
            line = pygame.Rect(inner.left, inner.top + third * (row + 1), inner.width, third)
            arrow = pygame.Rect(line.left, 0, line.width // 3, line.height // 3)
            arrow.centery = line.centery
            draw_arrow(surface, pal.text, arrow, pointing_left=left)
            draw_text(surface, text, font, pal.text, (arrow.right + theme.gap(), line.centery), "midleft")
