"""Tower of London view: the working board beside the goal picture, keys 1/2/3 (A/S/D) and clicks on pegs."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.actions import Select
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_text
from games.problem_solving.tower_of_london.logic import Phase, TowerOfLondonLogic
from games.problem_solving.tower_of_london.puzzle import CAPACITIES, State

PEG_KEYS = {pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_KP1: 0, pygame.K_KP2: 1, pygame.K_KP3: 2,
            pygame.K_a: 0, pygame.K_s: 1, pygame.K_d: 2}
PEG_NAMES = ("left", "middle", "right")


def ball_colour(theme: Theme, ball: int):
    """Each ball's colour from the theme; its number is always drawn on it too."""
    pal = theme.palette
    return (pal.block_lit, pal.block_tapped, pal.gentle)[ball - 1]


def draw_ball(surface: pygame.Surface, theme: Theme, centre: tuple[int, int], radius: int, ball: int,
              held: bool = False) -> None:
    """A coloured ball with its number on a plain disc, so colour is never the only cue."""
    pal = theme.palette
    pygame.draw.circle(surface, ball_colour(theme, ball), centre, radius)
    pygame.draw.circle(surface, pal.text, centre, radius, max(2, radius // 12))
    pygame.draw.circle(surface, pal.surface, centre, int(radius * 0.55))
    font = theme.font_fitting("huge", int(radius * 0.7), bold=True)
    draw_text(surface, str(ball), font, pal.text, centre, "center")
    if held:
        pygame.draw.circle(surface, pal.focus, centre, radius + max(4, radius // 6), max(3, radius // 8))


def board_geometry(rect: pygame.Rect) -> tuple[int, int, list[int]]:
    """Ball radius, the base's y and the pegs' x inside ``rect`` (room kept above for a lifted ball)."""
    radius = int(min(rect.width / 3 * 0.4, rect.height / 9))  # 3 balls, a lifted one, and the base
    xs = [rect.left + rect.width * k // 6 for k in (1, 3, 5)]
    return radius, rect.bottom - radius // 2, xs


def draw_board(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, state: State,
               held: int | None = None) -> None:
    """Three pegs of heights 3, 2 and 1 on a base, the balls stacked on them; a held ball is lifted."""
    pal = theme.palette
    radius, base_y, xs = board_geometry(rect)
    base = pygame.Rect(rect.left, base_y, rect.width, max(6, radius // 3))
    pygame.draw.rect(surface, pal.border, base, border_radius=4)
    for peg, x in enumerate(xs):
        height = CAPACITIES[peg] * 2 * radius + radius // 2
        pygame.draw.rect(surface, pal.border, (x - max(3, radius // 6), base_y - height, 2 * max(3, radius // 6), height),
                         border_radius=3)
        for h, ball in enumerate(state[peg]):
            lifted = held == peg and h == len(state[peg]) - 1
            y = rect.top + radius + 2 if lifted else base_y - radius - h * 2 * radius
            draw_ball(surface, theme, (x, y), radius - 2, ball, held=lifted)


class TowerOfLondonView:
    """Reads the logic and the theme; keeps only where it drew the pegs."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.peg_rects: list[pygame.Rect] = []

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: TowerOfLondonLogic) -> Any:
        """The domain action a key or click means, or None."""
        if event.type == pygame.KEYDOWN and event.key in PEG_KEYS:
            return Select(PEG_KEYS[event.key])
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.peg_rects):
                if rect.collidepoint(event.pos):
                    return Select(i)
        return None

    def key_for(self, action: Any, logic: TowerOfLondonLogic) -> int | None:
        if isinstance(action, Select) and 0 <= action.index < 3:
            return pygame.K_1 + action.index
        return None

    def click_for(self, action: Any, logic: TowerOfLondonLogic) -> tuple[int, int] | None:
        if isinstance(action, Select) and 0 <= action.index < len(self.peg_rects):
            return self.peg_rects[action.index].center
        return None

    def next_redraw_ms(self, logic: TowerOfLondonLogic, now_ms: float) -> float | None:
        return None  # every change on screen follows an input or a logic timer

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: TowerOfLondonLogic, now_ms: float) -> None:
        theme, pal = self.theme, self.theme.palette
        message, colour = self._message(logic)
        shown = draw_text(surface, message, self._message_font(message, area.width), colour, (area.centerx, area.top), "midtop")
        body = theme.font("body")
        top = shown.bottom + theme.gap()
        bottom = area.bottom - body.get_linesize() - theme.gap()
        gap = theme.gap(2)
        work = pygame.Rect(area.left, top, int((area.width - gap) * 0.62), bottom - top)
        goal = pygame.Rect(work.right + gap, top, area.right - work.right - gap, bottom - top)
        self.peg_rects = self._draw_panel(surface, work, "Your board", logic.state, logic.held, True)
        self._draw_panel(surface, goal, "Goal", logic.goal, None, False)
        if logic.phase is not Phase.IDLE:
            status = f"Moves: {len(logic.moves)}     Fewest possible: {logic.min_moves}"
            draw_text(surface, status, body, pal.muted_text, (area.centerx, area.bottom), "midbottom")

    def _draw_panel(self, surface: pygame.Surface, rect: pygame.Rect, title: str, state: State,
                    held: int | None, labelled: bool, compact: bool = False) -> list[pygame.Rect]:
        """A framed panel with its title, a board, and (on the working board) peg numbers; returns the peg columns."""
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, rect, border_radius=theme.radius)
        pygame.draw.rect(surface, pal.border, rect, width=2, border_radius=theme.radius)
        role = "small" if compact else "body"
        head = theme.font_to_fit(role, title, rect.width - theme.gap(), theme.size(role), bold=True)
        draw_text(surface, title, head, pal.text, (rect.centerx, rect.top + theme.gap(0.5)), "midtop")
        label = theme.font("body" if compact else "large", bold=True)
        label_h = label.get_linesize() if labelled else 0
        inner = pygame.Rect(rect.left + theme.gap(), rect.top + head.get_linesize() + theme.gap(),
                            rect.width - theme.gap(2), rect.height - head.get_linesize() - label_h - theme.gap(2))
        draw_board(surface, theme, inner, state, held)
        columns = [pygame.Rect(rect.left + rect.width * k // 3, rect.top, rect.width // 3, rect.height) for k in range(3)]
        if labelled:
            _, _, xs = board_geometry(inner)
            for peg, x in enumerate(xs):
                draw_text(surface, str(peg + 1), label, pal.text, (x, rect.bottom - theme.gap(0.5)), "midbottom")
        return columns

    def _message_font(self, message: str, width: int) -> pygame.font.Font:
        for role in ("large", "body"):
            font = self.theme.font(role, bold=True)
            if font.size(message)[0] <= width:
                return font
        return self.theme.font("small", bold=True)

    def _message(self, logic: TowerOfLondonLogic) -> tuple[str, tuple[int, int, int]]:
        pal = self.theme.palette
        if logic.phase is Phase.FEEDBACK:
            if logic.last_in_min:
                return "Well done! Solved in the fewest moves.", pal.positive
            if logic.last_solved:
                return "Solved, well done! Here comes another one.", pal.positive
            return "Not quite. Here comes another one.", pal.gentle
        if logic.phase is Phase.PLAY:
            if logic.notice:
                return logic.notice, pal.gentle
            if logic.held is not None:
                ball = logic.state[logic.held][-1]
                return f"Where should ball {ball} go? Choose a peg.", pal.accent
            return "Pick up a ball: press 1, 2 or 3, or click a peg", pal.accent
        return "", pal.text

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: a board with ball 3 lifted, beside its goal."""
        gap = max(8, area.width // 30)
        if area.width < area.height:  # a narrow picture: the goal goes below the board
            work = pygame.Rect(area.left, area.top, area.width, (area.height - gap) * 3 // 5)
            goal = pygame.Rect(area.left, work.bottom + gap, area.width, area.bottom - work.bottom - gap)
        else:
            work = pygame.Rect(area.left, area.top, (area.width - gap) * 3 // 5, area.height)
            goal = pygame.Rect(work.right + gap, area.top, area.right - work.right - gap, area.height)
        self._draw_panel(surface, work, "Your board", ((1, 2), (3,), ()), 1, True, compact=True)
        self._draw_panel(surface, goal, "Goal", ((1,), (2,), (3,)), None, False, compact=True)
