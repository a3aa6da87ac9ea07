"""Stroop view: the stimulus card and four answer buttons; maps keys and clicks to answers."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.actions import Respond
from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text, fit, wrap
from games.focus.stroop.inks import Stage, stage_for
from games.focus.stroop.logic import Phase, StroopLogic
from games.focus.stroop.spec import COLOUR, COUNTING
from games.focus.stroop.stimuli import COUNT_WORDS, INKS, Stimulus

DIGIT_KEYS = {getattr(pygame, f"K_{d}"): d - 1 for d in range(1, 5)} | {getattr(pygame, f"K_KP{d}"): d - 1 for d in range(1, 5)}
LETTER_KEYS = {pygame.K_r: "red", pygame.K_b: "blue", pygame.K_g: "green", pygame.K_y: "yellow"}
KEY_OF_INK = {ink: key for key, ink in LETTER_KEYS.items()}
PROMPTS = {COLOUR: "What colour is the ink? Not the word.", COUNTING: "How many are there? Not which number."}
PICTURES = {  # the instructions' example, and its caption, longest first
    COLOUR: (Stimulus.colour("BLUE", "red"), ("The ink is red: press R or click Red.", "The ink is red: press R.")),
    COUNTING: (Stimulus.counting(2, "3"), ("Two 3s: press 2 or click two.", "Two 3s: press 2.")),
}


def label_of(variant: str, answer: str) -> tuple[str, str]:
    """A button's name and its keys, e.g. ("Red", "key R or 1") or ("two", "key 2")."""
    if variant == COLOUR:
        return answer.capitalize(), f"key {answer[0].upper()} or {INKS.index(answer) + 1}"
    return COUNT_WORDS[answer], f"key {answer}"


def draw_stimulus(surface: pygame.Surface, theme: Theme, stage: Stage, card: pygame.Rect, stimulus: Stimulus) -> None:
    """The colour word in its ink, or the row of repeated digits, centred on the card."""
    room = card.inflate(-card.width // 8, -card.height // 3)
    if stimulus.variant == COLOUR:
        font = theme.font_to_fit("huge", stimulus.cue, room.width, room.height, bold=True)
        draw_text(surface, stimulus.cue, font, stage.inks[stimulus.answer], card.center, "center")
        return
    spaced = "  ".join([stimulus.cue] * int(stimulus.answer))  # wide gaps make the items easy to count
    widest = "  ".join([stimulus.cue] * 4)  # one size for every row length
    font = theme.font_to_fit("huge", widest, room.width, room.height, bold=True)
    draw_text(surface, spaced, font, stage.plain, card.center, "center")


def draw_card(surface: pygame.Surface, theme: Theme, card: pygame.Rect) -> Stage:
    stage = stage_for(theme.palette)
    pygame.draw.rect(surface, stage.backdrop, card, border_radius=theme.radius)
    pygame.draw.rect(surface, theme.palette.border, card, width=2, border_radius=theme.radius)
    return stage


class StroopView:
    """Reads the logic and the theme; remembers only where it drew the buttons, to map clicks."""

    variant = COLOUR  # of the instructions' picture; the game itself follows the logic's variant

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.buttons: dict[str, pygame.Rect] = {}

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: StroopLogic) -> Any:
        """The domain action a key or click means, or None."""
        if event.type == pygame.KEYDOWN:
            if event.key in DIGIT_KEYS:
                return Respond(logic.answers[DIGIT_KEYS[event.key]])
            if logic.variant == COLOUR and event.key in LETTER_KEYS:
                return Respond(LETTER_KEYS[event.key])
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for answer, rect in self.buttons.items():
                if rect.collidepoint(event.pos):
                    return Respond(answer)
        return None

    def key_for(self, action: Any, logic: StroopLogic) -> int | None:
        """The key that gives ``action`` (the inverse of ``action_for``, for tests and tools)."""
        if not isinstance(action, Respond) or action.value not in logic.answers:
            return None
        if logic.variant == COLOUR:
            return KEY_OF_INK[action.value]
        return pygame.K_1 + logic.answers.index(action.value)

    def click_for(self, action: Any, logic: StroopLogic) -> tuple[int, int] | None:
        """Where to click for ``action`` on the frame last drawn."""
        if isinstance(action, Respond) and action.value in self.buttons:
            return self.buttons[action.value].center
        return None

    def next_redraw_ms(self, logic: StroopLogic, now_ms: float) -> float | None:
        """Everything drawn changes with the logic's phases or answers, so no extra redraws."""
        return None

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: StroopLogic, now_ms: float) -> None:
        theme, pal = self.theme, self.theme.palette
        font = theme.font("body", bold=True)
        lines = wrap(PROMPTS[logic.variant], font, area.width)
        for k, line in enumerate(lines):
            draw_text(surface, line, font, pal.text, (area.centerx, area.top + k * font.get_linesize()), "midtop")
        button_h = self._button_height()
        top = area.top + len(lines) * font.get_linesize() + theme.gap()
        room = pygame.Rect(area.left, top, area.width, area.bottom - button_h - theme.gap() - top)
        width = min(room.width, theme.gap(36))  # a card in proportion, so the word is not lost in it
        card = pygame.Rect(0, 0, width, min(room.height, width // 2))
        card.center = room.center
        self._draw_card_content(surface, card, logic)
        self._draw_buttons(surface, pygame.Rect(area.left, area.bottom - button_h, area.width, button_h), logic)

    def _draw_card_content(self, surface: pygame.Surface, card: pygame.Rect, logic: StroopLogic) -> None:
        theme = self.theme
        stage = draw_card(surface, theme, card)
        mark = min(card.height // 3, theme.gap(6))
        if logic.phase is Phase.FIXATION:
            font = theme.font_fitting("huge", mark, bold=True)
            draw_text(surface, "+", font, stage.plain, card.center, "center")
        elif logic.phase is Phase.STIMULUS and logic.stimulus is not None:
            draw_stimulus(surface, theme, stage, card, logic.stimulus)
        elif logic.phase is Phase.PAUSE:
            box = pygame.Rect(0, 0, mark, mark)
            box.center = card.center
            # a tick, or a neutral dash: no colour, no word of blame
            draw_mark(surface, "tick" if logic.last_correct else "dash", box, stage.plain)

    def _button_height(self) -> int:
        theme = self.theme
        title, small = theme.font("body", bold=True), theme.font("small")
        return self._swatch_height() + title.get_linesize() + small.get_linesize() + theme.gap(1.5)

    def _swatch_height(self) -> int:
        return self.theme.font("small").get_linesize()

    def _draw_buttons(self, surface: pygame.Surface, row: pygame.Rect, logic: StroopLogic) -> None:
        """Four buttons side by side, centred in ``row``, in the order of the keys 1 to 4."""
        theme, answers = self.theme, logic.answers
        gap = theme.gap()
        width = min(theme.gap(14), (row.width - gap * (len(answers) - 1)) // len(answers))
        left = row.centerx - (width * len(answers) + gap * (len(answers) - 1)) // 2
        self.buttons = {}
        chosen = logic.response if logic.phase is Phase.PAUSE else None
        for k, answer in enumerate(answers):
            rect = pygame.Rect(left + k * (width + gap), row.top, width, row.height)
            self.buttons[answer] = rect
            self.draw_button(surface, rect, logic.variant, answer, answer == chosen)

    def draw_button(self, surface: pygame.Surface, rect: pygame.Rect, variant: str, answer: str, chosen: bool) -> None:
        """A swatch (or a row of dots) above the answer's name and its key; a chosen one gets a thick frame."""
        theme, pal = self.theme, self.theme.palette
        shown = rect.inflate(-theme.gap(0.25), -theme.gap(0.25)) if chosen else rect
        pygame.draw.rect(surface, pal.surface, shown, border_radius=theme.radius)
        frame = (pal.text, max(4, theme.gap(0.3))) if chosen else (pal.border, 2)
        pygame.draw.rect(surface, frame[0], shown, width=frame[1], border_radius=theme.radius)
        title, small = theme.font("body", bold=True), theme.font("small")
        swatch_h = self._swatch_height()
        y = shown.centery - (swatch_h + title.get_linesize() + small.get_linesize()) // 2
        swatch = pygame.Rect(0, 0, shown.width * 3 // 5, swatch_h)
        swatch.midtop = (shown.centerx, y)
        if variant == COLOUR:
            pygame.draw.rect(surface, stage_for(pal).inks[answer], swatch, border_radius=swatch_h // 4)
            pygame.draw.rect(surface, pal.text, swatch, width=2, border_radius=swatch_h // 4)
        else:
            self._draw_dots(surface, swatch, int(answer))
        name, keys = label_of(variant, answer)
        text_w = shown.width - theme.gap()
        y += swatch_h + theme.gap(0.25)
        draw_text(surface, fit(name, title, text_w), title, pal.text, (shown.centerx, y), "midtop")
        draw_text(surface, fit(keys, small, text_w), small, pal.muted_text, (shown.centerx, y + title.get_linesize()), "midtop")

    def _draw_dots(self, surface: pygame.Surface, box: pygame.Rect, n: int) -> None:
        radius = max(3, box.height // 3)
        step = 3 * radius
        x = box.centerx - step * (n - 1) // 2
        for k in range(n):
            pygame.draw.circle(surface, self.theme.palette.text, (x + k * step, box.centery), radius)

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: one example on its card, what to answer, and that button chosen."""
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, area, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, area, width=2, border_radius=theme.radius)
        stimulus, captions = PICTURES[self.variant]
        small, gap = theme.font("small", bold=True), theme.gap()
        inner, line_h = area.inflate(-2 * gap, -2 * gap), small.get_linesize()
        button = pygame.Rect(0, 0, min(inner.width, theme.gap(12)), self._button_height())
        for caption in captions:  # the longest that fits in two lines
            lines = wrap(caption, small, inner.width)
            if len(lines) <= 2:
                break
        with_button = inner.height - len(lines) * line_h - button.height - 2 * gap >= inner.height // 3
        card_h = inner.height - len(lines) * line_h - gap - ((button.height + gap) if with_button else 0)
        card = pygame.Rect(inner.left, inner.top, inner.width, max(card_h, line_h))
        stage = draw_card(surface, theme, card)
        draw_stimulus(surface, theme, stage, card, stimulus)
        y = card.bottom + gap // 2
        for k, line in enumerate(lines):
            draw_text(surface, line, small, pal.text, (inner.centerx, y + k * line_h), "midtop")
        if with_button:
            button.midtop = (inner.centerx, y + len(lines) * line_h + gap // 2)
            self.draw_button(surface, button, self.variant, stimulus.answer, chosen=True)


class ColourStroopView(StroopView):
    variant = COLOUR


class CountingStroopView(StroopView):
    variant = COUNTING

