"""Shopping List view: draws each stage from the logic's state, and maps keys and clicks to actions."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.actions import Respond, Select, Undo
from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import ACTIVATE_KEYS, Button, draw_text, wrap
from games.memory.shopping_list.cards import card_inner, draw_bar, draw_card, grid, name_font
from games.memory.shopping_list.drawing import draw_star
from games.memory.shopping_list.logic import DONE, READY, STAR_CELLS, Phase, ShoppingListLogic
from games.memory.shopping_list.spec import MAX_SHELF

SLOT_LETTERS = "abcefghijklmnopqrstuvwxyz"  # no "d": D means Done
SLOT_KEYS = {getattr(pygame, f"K_{ch}"): i for i, ch in enumerate(SLOT_LETTERS[:MAX_SHELF])}
DIGIT_KEYS = {getattr(pygame, f"K_{d}"): d for d in range(10)} | {getattr(pygame, f"K_KP{d}"): d for d in range(10)}
ARROWS = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1)}
BAR_REDRAW_MS = 200.0  # the progress bars move smoothly enough at five frames a second


class ShoppingListView:
    """Reads the logic and the theme; keeps only where it drew things and the keyboard focus."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.rects: list[pygame.Rect] = []
        self.cols = 1
        self.focus = 0  # the card the arrow keys have moved to; Enter or Space picks it
        self._focus_trial = 0
        self.ready = Button("I'm ready  (Enter)", lambda: None)
        self.done = Button("Done  (D)", lambda: None)
        self.answers: dict[int, pygame.Rect] = {}

    # -- input -----------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: ShoppingListLogic) -> Any:
        """The domain action a key or click means, or None."""
        self._sync_focus(logic)
        if event.type == pygame.KEYDOWN:
            return self._key_action(event.key, logic)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._click_action(event.pos, logic)
        return None

    def _key_action(self, key: int, logic: ShoppingListLogic) -> Any:
        if logic.phase is Phase.STUDY and key in ACTIVATE_KEYS:
            return Respond(READY)
        if logic.phase is Phase.DELAY and logic.stars is not None and DIGIT_KEYS.get(key) in logic.stars.choices:
            return Respond(str(DIGIT_KEYS[key]))
        if logic.phase is not Phase.SHELF:
            return None
        if key in SLOT_KEYS and SLOT_KEYS[key] < len(logic.shelf):
            return Select(SLOT_KEYS[key])
        if key in ARROWS:
            self._move_focus(ARROWS[key], len(logic.shelf))
        elif key in ACTIVATE_KEYS:
            return Select(self.focus)
        elif key == pygame.K_d:
            return Respond(DONE)
        elif key in (pygame.K_BACKSPACE, pygame.K_DELETE):
            return Undo()
        return None

    def _click_action(self, pos: tuple[int, int], logic: ShoppingListLogic) -> Any:
        if logic.phase is Phase.STUDY and self.ready.rect.collidepoint(pos):
            return Respond(READY)
        if logic.phase is Phase.DELAY:
            return next((Respond(str(v)) for v, r in self.answers.items() if r.collidepoint(pos)), None)
        if logic.phase is Phase.SHELF:
            for i, rect in enumerate(self.rects[: len(logic.shelf)]):
                if rect.collidepoint(pos):
                    self.focus = i
                    return Select(i)
            if self.done.rect.collidepoint(pos):
                return Respond(DONE)
        return None

    def _sync_focus(self, logic: ShoppingListLogic) -> None:
        if self._focus_trial != logic.trial_index:
            self._focus_trial, self.focus = logic.trial_index, 0

    def _move_focus(self, step: tuple[int, int], n: int) -> None:
        dx, dy = step
        target = self.focus + dx + dy * self.cols
        if 0 <= target < n and (dy or target // self.cols == self.focus // self.cols):
            self.focus = target

    def key_for(self, action: Any, logic: ShoppingListLogic) -> int | None:
        """The key that gives ``action`` (the inverse of ``action_for``, for tests and tools)."""
        if isinstance(action, Select) and action.index < MAX_SHELF:
            return getattr(pygame, f"K_{SLOT_LETTERS[action.index]}")
        if isinstance(action, Undo):
            return pygame.K_BACKSPACE
        if isinstance(action, Respond):
            if action.value.isdigit() and len(action.value) == 1:
                return pygame.K_0 + int(action.value)
            return {READY: pygame.K_RETURN, DONE: pygame.K_d}.get(action.value)
        return None

    def click_for(self, action: Any, logic: ShoppingListLogic) -> tuple[int, int] | None:
        """Where to click for ``action`` on the frame last drawn."""
        if isinstance(action, Select) and action.index < len(self.rects):
            return self.rects[action.index].center
        if isinstance(action, Respond):
            if action.value.isdigit() and int(action.value) in self.answers:
                return self.answers[int(action.value)].center
            button = {READY: self.ready, DONE: self.done}.get(action.value)
            return button.rect.center if button is not None and button.rect.width else None
        return None

    def next_redraw_ms(self, logic: ShoppingListLogic, now_ms: float) -> float | None:
        """The study and wait bars move: redraw a few times a second while they show."""
        return now_ms + BAR_REDRAW_MS if logic.phase in (Phase.STUDY, Phase.DELAY) else None

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: ShoppingListLogic, now_ms: float) -> None:
        self._sync_focus(logic)
        self.rects, self.answers = [], {}
        self.ready.rect = self.done.rect = pygame.Rect(0, 0, 0, 0)
        if logic.phase is Phase.STUDY:
            self._draw_study(surface, area, logic, now_ms)
        elif logic.phase is Phase.DELAY:
            self._draw_delay(surface, area, logic, now_ms)
        elif logic.phase is Phase.SHELF:
            self._draw_shelf(surface, area, logic)
        elif logic.phase is Phase.FEEDBACK:
            self._draw_feedback(surface, area, logic)

    def _header(
        self, surface: pygame.Surface, area: pygame.Rect, text: str, colour, sub: str = "", tick: bool = False,
    ) -> int:
        """A large headline (and a smaller line under it), wrapped, centred; returns the y below."""
        theme = self.theme
        y = area.top
        for role, words, ink in (("large", text, colour), ("body", sub, self.theme.palette.text)):
            font = theme.font(role, bold=(role == "large"))
            for line in wrap(words, font, area.width - 2 * font.get_linesize()) if words else []:
                shown = draw_text(surface, line, font, ink, (area.centerx, y), "midtop")
                if tick and role == "large":
                    box = pygame.Rect(shown.left - shown.height - theme.gap(0.5), shown.top, shown.height, shown.height)
                    draw_mark(surface, "tick", box, ink)
                    tick = False
                y += font.get_linesize()
        return y + theme.gap()

    def _bottom_row(self, area: pygame.Rect) -> pygame.Rect:
        h = self.done.height(self.theme)
        return pygame.Rect(area.left, area.bottom - h, area.width, h)

    def _draw_study(self, surface: pygame.Surface, area: pygame.Rect, logic: ShoppingListLogic, now_ms: float) -> None:
        theme = self.theme
        top = self._header(surface, area, "Remember this shopping list", theme.palette.text)
        row = self._bottom_row(area)
        self.ready.rect = pygame.Rect(0, row.top, self.ready.width(theme), row.height)
        self.ready.rect.right = row.right
        self.ready.draw(surface, theme, focused=False, primary=True)
        deadline = logic.study_deadline_ms()
        left = 1.0 if deadline is None else (deadline - now_ms) / logic.params["study_ms"]
        small = theme.font("small")
        label = draw_text(surface, "Time to look", small, theme.palette.muted_text, (row.left, row.centery), "midleft")
        bar_w = self.ready.rect.left - label.right - theme.gap(3)
        bar = pygame.Rect(label.right + theme.gap(), 0, bar_w, theme.gap(1.25))
        bar.centery = row.centery
        if bar.width > 40:
            draw_bar(surface, theme, bar, left)
        cards = pygame.Rect(area.left, top, area.width, row.top - top - theme.gap())
        rects, _ = grid(cards, len(logic.wanted), theme.gap(), int(220 * max(1.0, theme.font_scale)))
        font = self._font(logic.wanted, rects, "body")
        for name, rect in zip(logic.wanted, rects):
            draw_card(surface, theme, name, rect, font)

    def _draw_delay(self, surface: pygame.Surface, area: pygame.Rect, logic: ShoppingListLogic, now_ms: float) -> None:
        theme, pal = self.theme, self.theme.palette
        bar = pygame.Rect(0, 0, min(area.width, 600), theme.gap(1.5))
        asking = logic.stars is not None and logic.star_answer is None
        if not asking:
            thanks = "Thank you. " if logic.star_answer is not None else ""
            block_h = theme.font("large").get_linesize() + theme.font("body").get_linesize() + theme.gap(3) + bar.height
            middle = area.inflate(0, -max(0, area.height - block_h) // 2 * 2)  # the block sits mid-screen
            top = self._header(surface, middle, f"{thanks}Keep your list in mind", pal.text,
                               "The shop opens when the bar is full.")
            bar.midtop = (area.centerx, top + theme.gap(2))
            draw_bar(surface, theme, bar, logic.delay_fraction(now_ms))
            return
        top = self._header(surface, area, "While you wait: how many stars?", pal.text,
                           "Click the number, or press its key.")
        bar.midbottom = (area.centerx, area.bottom - theme.gap(0.5))
        draw_bar(surface, theme, bar, logic.delay_fraction(now_ms))
        button_h = self.done.height(theme)
        buttons_top = bar.top - theme.gap(2) - button_h
        board = pygame.Rect(0, top, min(area.width, 640), buttons_top - top - theme.gap())
        board.centerx = area.centerx
        pygame.draw.rect(surface, pal.surface, board, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, board, width=2, border_radius=theme.radius)
        cols, rows = STAR_CELLS  # a star stays inside its cell: its centre is at least 0.3 cell from the edge
        radius = max(8, int(0.3 * min(board.width / cols, board.height / rows)))
        for fx, fy in logic.stars.positions:
            centre = (board.left + round(fx * board.width), board.top + round(fy * board.height))
            draw_star(surface, pal.block_lit, pal.text, centre, radius)
        width = button_h * 2
        left = area.centerx - (3 * width + 2 * theme.gap(2)) // 2
        for k, value in enumerate(logic.stars.choices):
            button = Button(str(value), lambda: None)
            button.rect = pygame.Rect(left + k * (width + theme.gap(2)), buttons_top, width, button_h)
            button.draw(surface, theme, focused=False)
            self.answers[value] = button.rect

    def _draw_shelf(self, surface: pygame.Surface, area: pygame.Rect, logic: ShoppingListLogic) -> None:
        theme = self.theme
        top = self._shelf_header(surface, area, logic)
        shelf = pygame.Rect(area.left, top, area.width, area.bottom - top)
        self.rects, self.cols = grid(shelf, len(logic.shelf), theme.gap(), int(200 * max(1.0, theme.font_scale)))
        font = self._font(logic.shelf, self.rects, "body")
        for i, (name, rect) in enumerate(zip(logic.shelf, self.rects)):
            draw_card(surface, theme, name, rect, font, letter=SLOT_LETTERS[i], picked=i in logic.picks,
                      focused=(i == self.focus))

    def _draw_feedback(self, surface: pygame.Surface, area: pygame.Rect, logic: ShoppingListLogic) -> None:
        """The list again, with a tick on each item found."""
        theme, pal, n = self.theme, self.theme.palette, len(logic.wanted)
        score = logic.last_score
        if score is not None and score.is_perfect:
            top = self._header(surface, area, f"Well done! You found all {n}.", pal.positive, tick=True)
        else:
            sub = "The ticks show the ones you found. Here comes another one."
            top = self._header(surface, area, f"You found {score.hits if score else 0} of {n}.", pal.gentle, sub)
        found = set(logic.picked_names)
        cards = pygame.Rect(area.left, top, area.width, area.bottom - top)
        rects, _ = grid(cards, n, theme.gap(), int(220 * max(1.0, theme.font_scale)))
        font = self._font(logic.wanted, rects, "body")
        for name, rect in zip(logic.wanted, rects):
            draw_card(surface, theme, name, rect, font, picked=name in found)

    def _shelf_header(self, surface: pygame.Surface, area: pygame.Rect, logic: ShoppingListLogic) -> int:
        """The headline on the left, the Done button (with how many are picked) on the right."""
        theme, n = self.theme, len(logic.wanted)
        self.done.detail = f"{len(logic.picks)} of {n} picked"
        width = max(self.done.width(theme), theme.font("small").size(self.done.detail)[0] + theme.gap(3))
        self.done.rect = pygame.Rect(0, area.top, width, self.done.height(theme))
        self.done.rect.right = area.right
        self.done.draw(surface, theme, focused=False)
        font = theme.font("large", bold=True)
        room = self.done.rect.left - area.left - theme.gap(2)
        text = f"Pick the {n} items on your list"
        if font.size(text)[0] > room:
            text = f"Pick your {n} items"
        draw_text(surface, text, font, theme.palette.accent, (area.left, self.done.rect.centery), "midleft")
        return self.done.rect.bottom + theme.gap()

    def _font(self, names: list[str], rects: list[pygame.Rect], role: str) -> pygame.font.Font:
        """One name font for a set of cards (the names take at most 42% of a card)."""
        inner = card_inner(rects[0]) if rects else pygame.Rect(0, 0, 100, 100)
        return name_font(self.theme, names, inner.width, int(inner.height * 0.42), role)

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: a little list, an arrow, and a shelf with two items picked."""
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, area, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, area, width=2, border_radius=theme.radius)
        inner = area.inflate(-theme.gap(2), -theme.gap(2))
        note = pygame.Rect(inner.left, inner.top, inner.width // 3, inner.height)
        small = theme.font("small", bold=True)
        draw_text(surface, "List", small, pal.text, (note.centerx, note.top), "midtop")
        listed = pygame.Rect(note.left, note.top + small.get_linesize(), note.width, note.height - small.get_linesize())
        rects, _ = grid(listed, 2, theme.gap(0.5), note.width)
        for name, rect in zip(("apples", "milk"), rects):
            draw_card(surface, theme, name, rect, self._font(["apples", "milk"], rects, "small"))
        shelf = pygame.Rect(note.right + theme.gap(2), inner.top, inner.right - note.right - theme.gap(2), inner.height)
        mid_y = inner.centery
        arrow = [(note.right + 4, mid_y - 10), (shelf.left - 4, mid_y), (note.right + 4, mid_y + 10)]
        pygame.draw.polygon(surface, pal.muted_text, arrow)
        draw_text(surface, "Shelf", small, pal.text, (shelf.centerx, shelf.top), "midtop")
        shelf.top += small.get_linesize()
        shelf.height -= small.get_linesize()
        names = ["tea", "milk", "bread", "apples"]  # short names stay readable in a small picture
        rects, _ = grid(shelf, 4, theme.gap(0.5), shelf.width)
        font = self._font(names, rects, "small")
        for i, (name, rect) in enumerate(zip(names, rects)):
            draw_card(surface, theme, name, rect, font, letter=SLOT_LETTERS[i], picked=name in ("milk", "apples"))
