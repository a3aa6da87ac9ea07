"""N-back view: the 3x3 grid, the n reminder and the answer buttons; maps keys and clicks to answers."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.actions import Respond
from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_answer_button, draw_text, fit, wrap
from games.memory.n_back.logic import NBackLogic, Phase
from games.memory.n_back.spec import GRID_SIDE, STREAM_LETTER, STREAM_POSITION

KEYS = {pygame.K_a: STREAM_POSITION, pygame.K_SPACE: STREAM_POSITION, pygame.K_l: STREAM_LETTER}
PICTURE_CAPTIONS = (
    "n = 1: square 3 is in the same place as square 2, so press A.",
    "Same place as the one before: press A.",
    "Same place: press A.",
)
LABELS = {STREAM_POSITION: ("Same place", "key A or Space"), STREAM_LETTER: ("Same letter", "key L")}


def cell_rects(grid: pygame.Rect) -> list[pygame.Rect]:
    """The nine cells of a square grid, in reading order, with a gap between them."""
    gap = max(4, grid.width // 24)
    side = (grid.width - gap * (GRID_SIDE - 1)) // GRID_SIDE
    return [pygame.Rect(grid.left + col * (side + gap), grid.top + row * (side + gap), side, side)
            for row in range(GRID_SIDE) for col in range(GRID_SIDE)]


def draw_cell(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, lit: bool, letter: str | None = None) -> None:
    """An empty cell, or a lit one: accent fill plus a thick frame, so it never relies on colour alone."""
    pal, radius = theme.palette, min(theme.radius, rect.width // 6)  # small cells stay square, not round
    pygame.draw.rect(surface, pal.block_lit if lit else pal.surface, rect, border_radius=radius)
    frame = max(3, rect.width // 10) if lit else 2
    pygame.draw.rect(surface, pal.text if lit else pal.border, rect, width=frame, border_radius=radius)
    if lit and rect.width >= 60:  # a second, inner ring keeps the thick frame visible where text and lit colours are close
        ring = rect.inflate(-2 * frame, -2 * frame)
        pygame.draw.rect(surface, pal.block_lit_text, ring, width=max(2, frame // 2), border_radius=max(0, radius - frame))
    if lit and letter:
        font = theme.font_fitting("huge", int(rect.height * 0.5), bold=True)
        draw_text(surface, letter, font, pal.block_lit_text, rect.center, "center")


class NBackView:
    """Reads the logic and the theme; remembers only where it drew the buttons, to map clicks."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.buttons: dict[str, pygame.Rect] = {}

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: NBackLogic) -> Any:
        """The domain action a key or click means, or None."""
        if event.type == pygame.KEYDOWN and KEYS.get(event.key) in logic.streams:
            return Respond(KEYS[event.key])
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for stream, rect in self.buttons.items():
                if stream in logic.streams and rect.collidepoint(event.pos):
                    return Respond(stream)
        return None

    def key_for(self, action: Any, logic: NBackLogic) -> int | None:
        """The key that gives ``action`` (the inverse of ``action_for``, for tests and tools)."""
        if isinstance(action, Respond):
            return {STREAM_POSITION: pygame.K_a, STREAM_LETTER: pygame.K_l}.get(action.value)
        return None

    def click_for(self, action: Any, logic: NBackLogic) -> tuple[int, int] | None:
        """Where to click for ``action`` on the frame last drawn."""
        if isinstance(action, Respond) and action.value in self.buttons:
            return self.buttons[action.value].center
        return None

    def next_redraw_ms(self, logic: NBackLogic, now_ms: float) -> float | None:
        """Everything drawn changes with the logic (timers or presses), so no extra redraws."""
        return None

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: NBackLogic, now_ms: float) -> None:
        theme = self.theme
        header_h = self._draw_header(surface, area, logic)
        button_h = self._button_height()
        room = pygame.Rect(area.left, area.top + header_h + theme.gap(),
                           area.width, area.height - header_h - button_h - theme.gap(2))
        if logic.phase is Phase.FEEDBACK:
            self._draw_round_result(surface, room, logic)
        else:
            self._draw_grid(surface, room, logic)
        self._draw_buttons(surface, pygame.Rect(area.left, area.bottom - button_h, area.width, button_h), logic)

    def _draw_grid(self, surface: pygame.Surface, room: pygame.Rect, logic: NBackLogic) -> None:
        side = max(60, min(room.width, room.height))
        grid = pygame.Rect(0, 0, side, side)
        grid.center = room.center
        lit = logic.lit_position
        for i, rect in enumerate(cell_rects(grid)):
            draw_cell(surface, self.theme, rect, i == lit, logic.lit_letter if i == lit else None)

    def _draw_round_result(self, surface: pygame.Surface, room: pygame.Rect, logic: NBackLogic) -> None:
        """After a round, in place of the grid: the repeats spotted, with a tick when it went well."""
        theme, pal = self.theme, self.theme.palette
        font = theme.font("large", bold=True)
        lines = [f"You spotted {c.hits} of {c.repeats} repeated {'places' if stream == STREAM_POSITION else 'letters'}."
                 for stream, c in logic.counts.items()]
        wrapped = [part for line in lines for part in wrap(line, font, room.width)]
        tick = font.get_linesize() * 2 if logic.last_block_good else 0
        y = room.centery - (len(wrapped) * font.get_linesize() + tick) // 2
        if tick:
            draw_mark(surface, "tick", pygame.Rect(room.centerx - tick // 2, y, tick, tick), pal.positive)
        for k, line in enumerate(wrapped):
            draw_text(surface, line, font, pal.text, (room.centerx, y + tick + k * font.get_linesize()), "midtop")

    def _draw_header(self, surface: pygame.Surface, area: pygame.Rect, logic: NBackLogic) -> int:
        """The "n = 2" reminder on the left and a short message beside it; returns the height used."""
        theme, pal = self.theme, self.theme.palette
        chip_font, font = theme.font("large", bold=True), theme.font("body", bold=True)
        height = max(chip_font.get_linesize(), 2 * font.get_linesize()) + theme.gap(0.5)
        chip = pygame.Rect(area.left, area.top, chip_font.size(f"n = {logic.n}")[0] + theme.gap(2), height)
        pygame.draw.rect(surface, pal.surface, chip, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, chip, width=2, border_radius=theme.radius)
        draw_text(surface, f"n = {logic.n}", chip_font, pal.text, chip.center, "center")
        message, colour = self._message(logic)
        left = chip.right + theme.gap()
        width = area.right - left
        lines = wrap(message, font, width)
        if len(lines) > 2:
            lines = [lines[0], fit(" ".join(lines[1:]), font, width)]
        top = chip.centery - len(lines) * font.get_linesize() // 2
        for k, line in enumerate(lines):
            draw_text(surface, line, font, colour, (left, top + k * font.get_linesize()))
        return height

    def _message(self, logic: NBackLogic) -> tuple[str, tuple[int, int, int]]:
        pal, n = self.theme.palette, logic.n
        back = "the one just before" if n == 1 else f"{n} steps back"
        if logic.phase is Phase.LEAD_IN:
            what = "place or letter" if len(logic.streams) > 1 else "place"
            return f"Get ready. Press when the {what} is the same as {back}.", pal.text
        if logic.phase in (Phase.SHOW, Phase.BLANK):
            return f"Same as {back}?", pal.muted_text
        if logic.phase is Phase.FEEDBACK:
            if logic.last_block_good:  # no promise of another round: this may be the run's last
                return "Well done! That round went well.", pal.positive
            return "Good try. That one was tricky.", pal.gentle
        return "", pal.text

    def _button_height(self) -> int:
        theme = self.theme
        return theme.font("body", bold=True).get_linesize() + theme.font("small").get_linesize() + theme.gap(1.5)

    def _draw_buttons(self, surface: pygame.Surface, row: pygame.Rect, logic: NBackLogic) -> None:
        """One big button per stream, side by side and centred in ``row``."""
        theme, streams = self.theme, logic.streams
        width = min(theme.gap(22), (row.width - theme.gap() * (len(streams) - 1)) // len(streams))
        left = row.centerx - (width * len(streams) + theme.gap() * (len(streams) - 1)) // 2
        self.buttons = {}
        for k, stream in enumerate(streams):
            rect = pygame.Rect(left + k * (width + theme.gap()), row.top, width, row.height)
            self.buttons[stream] = rect
            pressed = stream in logic.pressed and logic.phase in (Phase.SHOW, Phase.BLANK)
            draw_answer_button(surface, theme, rect, *LABELS[stream], pressed)

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: three squares in a row, the third in the second's place, and a press."""
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, area, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, area, width=2, border_radius=theme.radius)
        small, gap = theme.font("small", bold=True), theme.gap()
        inner, line_h = area.inflate(-2 * gap, -2 * gap), small.get_linesize()
        side = max(30, min((inner.width - 2 * gap) // 3, inner.height - 2 * line_h - gap))
        button_h = self._button_height()
        with_button = inner.height - 3 * line_h - button_h - 2 * gap
        if with_button >= 0.7 * side:  # room for the pressed button too, with grids nearly as big
            side = min(side, with_button)
        left = inner.centerx - (3 * side + 2 * gap) // 2
        for step, lit in enumerate((0, 4, 4)):
            grid = pygame.Rect(left + step * (side + gap), inner.top + line_h, side, side)
            draw_text(surface, f"{step + 1}", small, pal.muted_text, (grid.centerx, inner.top), "midtop")
            for i, rect in enumerate(cell_rects(grid)):
                draw_cell(surface, theme, rect, i == lit)
        y = inner.top + line_h + side + gap // 2
        room = inner.bottom - y
        for caption in PICTURE_CAPTIONS:  # the longest that fits in two lines
            lines = wrap(caption, small, inner.width)
            if len(lines) <= min(2, room // line_h):
                break
        else:
            lines = []
        for k, line in enumerate(lines):
            draw_text(surface, line, small, pal.text, (inner.centerx, y + k * line_h), "midtop")
        button = pygame.Rect(0, 0, min(inner.width, theme.gap(16)), button_h)
        button.midtop = (inner.centerx, y + len(lines) * line_h + gap // 2)
        if lines and button.bottom <= inner.bottom:
            draw_answer_button(surface, theme, button, *LABELS[STREAM_POSITION], pressed=True)
