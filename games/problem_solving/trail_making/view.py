"""Trail Making view: draws circles and links from the logic's state, and maps keys and clicks to actions."""

from __future__ import annotations

import math
import random
from typing import Any

import pygame

from games.core.engine.actions import Select
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text
from games.problem_solving.trail_making.layout import RADIUS, generate_layout, trail_labels
from games.problem_solving.trail_making.logic import Phase, TrailMakingLogic

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
ARROWS = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1)}
KEYPAD = {getattr(pygame, f"K_KP{d}"): str(d) for d in range(1, 10)}


def label_key(label: str) -> int:
    """The key that types a one-character label: the digit key or the letter key."""
    return ord(label.lower())  # pygame key codes for 0-9 and a-z are their ASCII codes


def key_label(key: int) -> str | None:
    """The label a key types, or None."""
    if key in KEYPAD:
        return KEYPAD[key]
    if pygame.K_1 <= key <= pygame.K_9 or pygame.K_a <= key <= pygame.K_z:
        return chr(key).upper()
    return None


def board_rect(area: pygame.Rect) -> pygame.Rect:
    """The largest square centred in ``area``: the layout lives in a unit square."""
    side = min(area.width, area.height)
    rect = pygame.Rect(0, 0, side, side)
    rect.center = area.center
    return rect


def arrow_target(centres: list[tuple[int, int]], focus: int, dx: int, dy: int) -> int:
    """The nearest circle roughly in the arrow's direction from the focused one; the focus if none."""
    fx, fy = centres[focus]
    best, best_score = focus, math.inf
    for i, (x, y) in enumerate(centres):
        along = (x - fx) * dx + (y - fy) * dy
        across = abs((x - fx) * dy - (y - fy) * dx)
        if i != focus and along > 0 and across <= 2 * along:
            score = along + 2 * across
            if score < best_score:
                best, best_score = i, score
    return best


def draw_circle(surface: pygame.Surface, theme: Theme, centre: tuple[int, int], radius: int, label: str,
                joined: bool = False, is_next_hint: bool = False, flashing: bool = False) -> None:
    """One circle: joined ones are filled with a tick-like double frame; others white with a frame."""
    pal = theme.palette
    fill, ink = (pal.block, pal.block_text) if joined else (pal.surface, pal.text)
    pygame.draw.circle(surface, fill, centre, radius)
    pygame.draw.circle(surface, pal.border if not joined else pal.block_text, centre, radius, 2)
    if joined:
        pygame.draw.circle(surface, pal.block_text, centre, max(4, radius - 5), 1)
    font = theme.font_fitting("large", int(radius * 0.9), bold=True)
    draw_text(surface, label, font, ink, centre, "center")
    if flashing:
        # a calm dashed ring in the gentle colour: "not this one yet", a shape as well as a colour
        r = radius + max(6, radius // 4)
        for k in range(12):
            a = k * math.pi / 6
            arc = pygame.Rect(0, 0, 2 * r, 2 * r)
            arc.center = centre
            pygame.draw.arc(surface, pal.gentle, arc, a, a + math.pi / 12, max(3, radius // 8))


class TrailMakingView:
    """Reads the logic and the theme; keeps only where it drew the circles and the keyboard focus."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.centres: list[tuple[int, int]] = []
        self.radius = 10
        self.focus = 0
        self.show_focus = False  # the focus ring appears once the arrow keys are used

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: TrailMakingLogic) -> Any:
        """The domain action a key or click means, or None (arrow keys only move the focus)."""
        n = min(logic.n_circles, len(self.centres)) if self.centres else logic.n_circles
        if event.type == pygame.KEYDOWN and n:
            self.focus = min(self.focus, n - 1)
            label = key_label(event.key)
            index = logic.index_of(label) if label else None
            if index is not None:
                self.focus = index
                return Select(index)
            if event.key in ACTIVATE_KEYS:
                self.show_focus = True
                return Select(self.focus)
            if event.key in ARROWS and self.centres:
                self.show_focus = True
                self.focus = arrow_target(self.centres[:n], self.focus, *ARROWS[event.key])
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, centre in enumerate(self.centres[:n]):
                if math.dist(centre, event.pos) <= self.radius + 4:
                    self.focus, self.show_focus = i, False
                    return Select(i)
        return None

    def key_for(self, action: Any, logic: TrailMakingLogic) -> int | None:
        """The key that gives ``action``: the label written on the circle, one key per circle."""
        if isinstance(action, Select) and 0 <= action.index < logic.n_circles:
            return label_key(logic.labels[action.index])
        return None

    def click_for(self, action: Any, logic: TrailMakingLogic) -> tuple[int, int] | None:
        """Where to click for ``action`` on the frame last drawn."""
        if isinstance(action, Select) and 0 <= action.index < len(self.centres):
            return self.centres[action.index]
        return None

    def next_redraw_ms(self, logic: TrailMakingLogic, now_ms: float) -> float | None:
        """When the calm out-of-order mark goes away."""
        return logic.flash_until_ms if logic.flashing(now_ms) is not None else None

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: TrailMakingLogic, now_ms: float) -> None:
        theme, pal = self.theme, self.theme.palette
        message, colour = self._message(logic, now_ms)
        big = self._message_font(message, area.width - theme.gap(2))
        shown = draw_text(surface, message, big, colour, (area.centerx, area.top), "midtop")
        body = theme.font("body")
        space = pygame.Rect(area.left, shown.bottom + theme.gap(0.5), area.width,
                            area.bottom - body.get_linesize() - theme.gap(1) - shown.bottom)
        board = board_rect(space)
        self.radius = max(12, int(RADIUS * board.width))
        self.centres = [(board.left + round(x * board.width), board.top + round(y * board.height))
                        for x, y in logic.points]
        if logic.n_circles:
            pygame.draw.rect(surface, pal.surface, board.inflate(8, 8), border_radius=theme.radius)
        self._draw_trail(surface, logic, now_ms)
        if self.show_focus and logic.phase is Phase.PLAY and self.focus < len(self.centres):
            pygame.draw.circle(surface, pal.focus, self.centres[self.focus],
                               self.radius + theme.gap(0.4), theme.focus_width)
        if logic.n_circles:
            status = f"Part {logic.part}     Joined: {logic.joined} of {logic.n_circles}"
            draw_text(surface, status, body, pal.muted_text, (area.centerx, area.bottom), "midbottom")

    def _draw_trail(self, surface: pygame.Surface, logic: TrailMakingLogic, now_ms: float) -> None:
        pal = self.theme.palette
        joined = self.centres[: logic.joined]
        if len(joined) >= 2:
            pygame.draw.lines(surface, pal.accent, False, joined, max(3, self.radius // 7))
        flash = logic.flashing(now_ms)
        for i, centre in enumerate(self.centres):
            draw_circle(surface, self.theme, centre, self.radius, logic.labels[i],
                        joined=i < logic.joined, flashing=i == flash)

    def _message_font(self, message: str, width: int) -> pygame.font.Font:
        """The largest of the message sizes the message fits in on one line."""
        for role in ("large", "body"):
            font = self.theme.font(role, bold=True)
            if font.size(message)[0] <= width:
                return font
        return self.theme.font("small", bold=True)

    def _message(self, logic: TrailMakingLogic, now_ms: float) -> tuple[str, tuple[int, int, int]]:
        pal = self.theme.palette
        if logic.phase is Phase.FEEDBACK:
            if logic.last_correct:
                return "Well done! The trail is complete.", pal.positive
            if logic.last_completed:
                return "Trail complete! Here comes another one.", pal.positive
            return "Not quite. Here comes another one.", pal.gentle
        if logic.phase is Phase.PLAY:
            if logic.flashing(now_ms) is not None:
                return "Not that one yet. Try another circle.", pal.gentle
            if logic.joined == 0:
                return "Start at 1" if logic.part == "A" else "Start at 1, then A, then 2 ...", pal.accent
            return ("Keep going: numbers in order" if logic.part == "A"
                    else "Keep going: number, letter, number ..."), pal.accent
        return "", pal.text

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: a part B trail with 1, A and 2 already joined."""
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, area, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, area, width=2, border_radius=theme.radius)
        board = board_rect(area.inflate(-area.width // 12, -area.height // 12))
        points = generate_layout(random.Random(3), 6)  # a fixed layout: the same picture every time
        labels = trail_labels("B", 6)
        centres = [(board.left + round(x * board.width), board.top + round(y * board.height)) for x, y in points]
        radius = max(10, int(RADIUS * board.width * 1.3))
        pygame.draw.lines(surface, pal.accent, False, centres[:3], max(3, radius // 6))
        for i, c in enumerate(centres):
            draw_circle(surface, theme, c, radius, labels[i], joined=i < 3)
        pygame.draw.circle(surface, pal.focus, centres[3], radius + 6, theme.focus_width)
