"""Visual Search view: what to find, the display on its grid and two big answer buttons; maps keys and clicks."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.actions import Respond
from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_answer_button, draw_text, fit, wrap
from games.focus.visual_search.displays import Item
from games.focus.visual_search.glyphs import draw_item
from games.focus.visual_search.logic import NO, YES, Phase, VisualSearchLogic

KEYS = {pygame.K_j: YES, pygame.K_f: NO}
ANSWER_KEYS = {YES: pygame.K_j, NO: pygame.K_f}
LABELS = {NO: ("No", "key F"), YES: ("Yes, it's there", "key J")}
BUTTON_ORDER = (NO, YES)  # F is under the left hand, J under the right
ITEM_SHARE = 0.55  # item size as a share of the cell; with jitter up to 0.2 items never touch
PICTURE_ITEMS = (  # the instructions' example: an upright T among turned Ts and Ls, 4 x 2 cells
    Item("T1", 0, 0), Item("L0", 1, 0), Item("T2", 2, 0), Item("L0", 3, 0),
    Item("L0", 0, 1), Item("T3", 1, 1), Item("T0", 2, 1, is_target=True), Item("T1", 3, 1),
)


def item_centre(field: pygame.Rect, cols: int, rows: int, item: Item) -> tuple[int, int]:
    """Where ``item`` goes in ``field``: its cell's centre moved by its jitter."""
    cell_w, cell_h = field.width / cols, field.height / rows
    return (round(field.left + (item.col + 0.5 + item.dx) * cell_w),
            round(field.top + (item.row + 0.5 + item.dy) * cell_h))


def item_size(field: pygame.Rect, cols: int, rows: int) -> float:
    return ITEM_SHARE * min(field.width / cols, field.height / rows)


class VisualSearchView:
    """Reads the logic and the theme; remembers only where it drew the buttons, to map clicks."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.buttons: dict[str, pygame.Rect] = {}

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: VisualSearchLogic) -> Any:
        """The domain action a key or click means, or None."""
        if event.type == pygame.KEYDOWN and event.key in KEYS:
            return Respond(KEYS[event.key])
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for answer, rect in self.buttons.items():
                if rect.collidepoint(event.pos):
                    return Respond(answer)
        return None

    def key_for(self, action: Any, logic: VisualSearchLogic) -> int | None:
        """The key that gives ``action`` (the inverse of ``action_for``, for tests and tools)."""
        return ANSWER_KEYS.get(action.value) if isinstance(action, Respond) else None

    def click_for(self, action: Any, logic: VisualSearchLogic) -> tuple[int, int] | None:
        """Where to click for ``action`` on the frame last drawn."""
        if isinstance(action, Respond) and action.value in self.buttons:
            return self.buttons[action.value].center
        return None

    def next_redraw_ms(self, logic: VisualSearchLogic, now_ms: float) -> float | None:
        """Everything drawn changes with the logic's phases, so no extra redraws."""
        return None

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: VisualSearchLogic, now_ms: float) -> None:
        theme, pal = self.theme, self.theme.palette
        header_h = self._draw_header(surface, area, logic)
        button_h = self._button_height()
        field = pygame.Rect(area.left, area.top + header_h + theme.gap(),
                            area.width, area.height - header_h - button_h - theme.gap(2))
        pygame.draw.rect(surface, pal.surface, field, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, field, width=2, border_radius=theme.radius)
        inner = field.inflate(-theme.gap(), -theme.gap())
        if logic.phase is Phase.FIXATION:
            font = theme.font_fitting("huge", inner.height // 3, bold=True)
            draw_text(surface, "+", font, pal.text, inner.center, "center")
        elif logic.phase is Phase.SEARCH and logic.display is not None:
            self._draw_items(surface, inner, logic)
        elif logic.phase is Phase.FEEDBACK:
            self._draw_feedback(surface, inner, logic)
        self._draw_buttons(surface, pygame.Rect(area.left, area.bottom - button_h, area.width, button_h), logic)

    def _draw_items(self, surface: pygame.Surface, field: pygame.Rect, logic: VisualSearchLogic) -> None:
        cols, rows = int(logic.params["grid_cols"]), int(logic.params["grid_rows"])
        size = item_size(field, cols, rows)
        for item in logic.display.items:
            draw_item(surface, item.code, item_centre(field, cols, rows, item), size, self.theme.palette.text)

    def _draw_feedback(self, surface: pygame.Surface, field: pygame.Rect, logic: VisualSearchLogic) -> None:
        """A small tick for a right answer; otherwise a neutral dash. Nothing more: the next one comes."""
        pal = self.theme.palette
        side = max(24, min(field.height // 4, self.theme.gap(5)))
        mark = pygame.Rect(0, 0, side, side)
        mark.center = field.center
        if logic.last_correct:
            draw_mark(surface, "tick", mark, pal.positive)
        else:
            draw_mark(surface, "dash", mark, pal.muted_text)

    def _draw_header(self, surface: pygame.Surface, area: pygame.Rect, logic: VisualSearchLogic) -> int:
        """'Find:', a picture of the target and its name, in a frame; returns the height used."""
        theme, pal = self.theme, self.theme.palette
        font = theme.font("large", bold=True)
        height = font.get_linesize() + theme.gap()
        box = pygame.Rect(area.left, area.top, area.width, height)
        pygame.draw.rect(surface, pal.surface, box, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, box, width=2, border_radius=theme.radius)
        glyph = round(font.get_linesize() * 0.8)
        label, name = "Find:", f"the {logic.target_name}"
        room = box.width - 2 * theme.gap() - font.size(label)[0] - glyph - 2 * theme.gap()
        name = fit(name, font, room)
        total = font.size(label)[0] + theme.gap() + glyph + theme.gap() + font.size(name)[0]
        x = box.centerx - total // 2
        shown = draw_text(surface, label, font, pal.text, (x, box.centery), "midleft")
        x = shown.right + theme.gap()
        draw_item(surface, logic.target_code, (x + glyph // 2, box.centery), glyph, pal.text)
        draw_text(surface, name, font, pal.text, (x + glyph + theme.gap(), box.centery), "midleft")
        return height

    def _button_height(self) -> int:
        theme = self.theme
        return theme.font("body", bold=True).get_linesize() + theme.font("small").get_linesize() + theme.gap(1.5)

    def _draw_buttons(self, surface: pygame.Surface, row: pygame.Rect, logic: VisualSearchLogic) -> None:
        """'No' and 'Yes, it's there' side by side; the answer given stays pressed until the next display."""
        theme = self.theme
        width = min(theme.gap(22), (row.width - theme.gap()) // 2)
        left = row.centerx - (2 * width + theme.gap()) // 2
        self.buttons = {}
        for k, answer in enumerate(BUTTON_ORDER):
            rect = pygame.Rect(left + k * (width + theme.gap()), row.top, width, row.height)
            self.buttons[answer] = rect
            pressed = logic.answer == answer and logic.phase is Phase.FEEDBACK
            draw_answer_button(surface, theme, rect, *LABELS[answer], pressed)

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: 'Find: the upright T', a small display with it ringed, and the key."""
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, area, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, area, width=2, border_radius=theme.radius)
        small, gap = theme.font("small", bold=True), theme.gap()
        inner, line_h = area.inflate(-2 * gap, -2 * gap), small.get_linesize()
        shown = draw_text(surface, "Find:", small, pal.text, (inner.left, inner.top))
        draw_item(surface, "T0", (shown.right + gap + line_h // 2, shown.centery), line_h * 0.8, pal.text)
        caption = wrap("It is there, so press J: Yes.", small, inner.width)[:2]
        field = pygame.Rect(inner.left, inner.top + line_h + gap // 2, inner.width,
                            inner.height - line_h * (1 + len(caption)) - gap)
        pygame.draw.rect(surface, pal.border, field, width=2, border_radius=theme.radius)
        size = item_size(field, 4, 2)
        for item in PICTURE_ITEMS:
            centre = item_centre(field, 4, 2, item)
            draw_item(surface, item.code, centre, size, pal.text)
            if item.is_target:  # a ring, not a colour, shows which one it is
                pygame.draw.circle(surface, pal.accent, centre, round(size * 0.85), max(3, round(size / 12)))
        for k, line in enumerate(caption):
            draw_text(surface, line, small, pal.text, (inner.centerx, field.bottom + gap // 2 + k * line_h), "midtop")
