"""Errands Planner view: the town map, the errand list and the plan; maps keys and clicks to actions."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.engine.actions import Respond, Select, Undo
from games.core.ui.theme import Theme
from games.core.ui.widgets import draw_answer_button, draw_text, wrap
from games.problem_solving.errands_planner.logic import ErrandsPlannerLogic, Phase
from games.problem_solving.errands_planner.town import Errand, Town, clock_text, street_path

DONE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)


def errand_line(town: Town, i: int) -> str:
    """One line of the errand list, e.g. ``"B  Pharmacy: medicine £12, open until 9:40"``."""
    e: Errand = town.errands[i]
    task = "frozen food, last stop before home" if town.frozen_last and e.name == "Supermarket" else e.task
    notes = [(f"£{e.cost} for " if town.wallet is not None and e.cost else "") + task]
    if e.closes_min is not None:
        notes.append(f"open until {clock_text(e.closes_min)}")
    return f"{town.letter(i)}  {e.name}: " + ", ".join(notes)


class ErrandsPlannerView:
    """Reads the logic and the theme; keeps only where it drew the places and buttons."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.place_rects: list[pygame.Rect] = []
        self.done_rect = pygame.Rect(0, 0, 0, 0)
        self.undo_rect = pygame.Rect(0, 0, 0, 0)

    # -- input -------------------------------------------------------------------------------
    def action_for(self, event: pygame.event.Event, logic: ErrandsPlannerLogic) -> Any:
        n = logic.n_places
        if event.type == pygame.KEYDOWN:
            if pygame.K_a <= event.key < pygame.K_a + n:
                return Select(event.key - pygame.K_a)
            if event.key == pygame.K_BACKSPACE:
                return Undo()
            if event.key in DONE_KEYS:
                return Respond("done")
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.place_rects[:n]):
                if rect.collidepoint(event.pos):
                    return Select(i)
            if self.done_rect.collidepoint(event.pos):
                return Respond("done")
            if self.undo_rect.collidepoint(event.pos):
                return Undo()
        return None

    def key_for(self, action: Any, logic: ErrandsPlannerLogic) -> int | None:
        if isinstance(action, Select) and 0 <= action.index < logic.n_places:
            return pygame.K_a + action.index
        if isinstance(action, Undo):
            return pygame.K_BACKSPACE
        if action == Respond("done"):
            return pygame.K_RETURN
        return None

    def click_for(self, action: Any, logic: ErrandsPlannerLogic) -> tuple[int, int] | None:
        if isinstance(action, Select) and 0 <= action.index < len(self.place_rects):
            return self.place_rects[action.index].center
        if isinstance(action, Undo) and self.undo_rect.width:
            return self.undo_rect.center
        if action == Respond("done") and self.done_rect.width:
            return self.done_rect.center
        return None

    def next_redraw_ms(self, logic: ErrandsPlannerLogic, now_ms: float) -> float | None:
        return None  # every change on screen follows an input or a logic timer

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: ErrandsPlannerLogic, now_ms: float) -> None:
        theme = self.theme
        if logic.town is None or logic.phase is Phase.IDLE:
            self.place_rects, self.done_rect, self.undo_rect = [], pygame.Rect(0, 0, 0, 0), pygame.Rect(0, 0, 0, 0)
            return
        message, colour = self._message(logic)
        font = theme.font_to_fit("large", message, area.width, theme.size("large"), bold=True)
        shown = draw_text(surface, message, font, colour, (area.centerx, area.top), "midtop")
        body = pygame.Rect(area.left, shown.bottom + theme.gap(), area.width, area.bottom - shown.bottom - theme.gap())
        map_rect = pygame.Rect(body.left, body.top, int(body.width * 0.56), body.height)
        panel = pygame.Rect(map_rect.right + theme.gap(), body.top, body.right - map_rect.right - theme.gap(), body.height)
        self._draw_map(surface, map_rect, logic.town, logic.plan, logic.phase is Phase.FEEDBACK)
        self._draw_panel(surface, panel, logic)

    def _draw_map(self, surface: pygame.Surface, rect: pygame.Rect, town: Town, plan: list[int], closed: bool) -> None:
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, rect, border_radius=theme.radius)
        cell = min(rect.width / town.cols, rect.height / town.rows)
        left = rect.centerx - cell * (town.cols - 1) / 2
        top = rect.centery - cell * (town.rows - 1) / 2

        def at(p: tuple[int, int]) -> tuple[int, int]:
            return round(left + p[0] * cell), round(top + p[1] * cell)

        for c in range(town.cols):
            pygame.draw.line(surface, pal.border, at((c, 0)), at((c, town.rows - 1)), max(3, int(cell * 0.08)))
        for r in range(town.rows):
            pygame.draw.line(surface, pal.border, at((0, r)), at((town.cols - 1, r)), max(3, int(cell * 0.08)))
        stops = [town.home] + [town.errands[i].at for i in plan] + ([town.home] if closed else [])
        for a, b in zip(stops, stops[1:]):
            points = [at(p) for p in street_path(a, b)]
            pygame.draw.lines(surface, pal.accent, False, points, max(4, int(cell * 0.1)))
        self._draw_home(surface, at(town.home), int(cell * 0.42))
        size = (int(cell * 0.92), int(cell * 0.7))
        self.place_rects = []
        for i, e in enumerate(town.errands):
            box = pygame.Rect(0, 0, *size)
            box.center = at(e.at)
            self.place_rects.append(box)
            order = plan.index(i) + 1 if i in plan else None
            self._draw_place(surface, box, town.letter(i), e.name, order)

    def _draw_home(self, surface: pygame.Surface, centre: tuple[int, int], r: int) -> None:
        pal = self.theme.palette
        x, y = centre
        house = [(x, y - r), (x + r, y - r // 4), (x + r * 3 // 4, y - r // 4), (x + r * 3 // 4, y + r * 3 // 4),
                 (x - r * 3 // 4, y + r * 3 // 4), (x - r * 3 // 4, y - r // 4), (x - r, y - r // 4)]
        pygame.draw.polygon(surface, pal.block_lit, house)
        pygame.draw.polygon(surface, pal.text, house, 2)
        font = self.theme.font_to_fit("small", "Home", int(r * 1.4), int(r * 0.5), bold=True)
        draw_text(surface, "Home", font, pal.block_lit_text, (x, y + r // 4), "center")

    def _draw_place(self, surface: pygame.Surface, box: pygame.Rect, letter: str, name: str, order: int | None) -> None:
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.block, box, border_radius=theme.radius // 2)
        pygame.draw.rect(surface, pal.text if order else pal.border, box, width=3 if order else 1,
                         border_radius=theme.radius // 2)
        big = theme.font_to_fit("large", letter, box.width, int(box.height * 0.38), bold=True)
        small = theme.font_to_fit("small", name, box.width - 6, int(box.height * 0.2))
        draw_text(surface, letter, big, pal.block_text, (box.centerx, box.top + box.height * 0.36), "center")
        draw_text(surface, name, small, pal.block_text, (box.centerx, box.bottom - 3), "midbottom")
        if order:  # a numbered badge: the order is shown by a number, not by colour alone
            r = max(9, box.height // 5)
            centre = (box.right - r // 2, box.top + r // 2)
            pygame.draw.circle(surface, pal.accent, centre, r)
            pygame.draw.circle(surface, pal.text, centre, r, 2)
            font = theme.font_to_fit("small", str(order), r * 2 - 4, r, bold=True)
            draw_text(surface, str(order), font, pal.accent_text, centre, "center")

    def _draw_panel(self, surface: pygame.Surface, rect: pygame.Rect, logic: ErrandsPlannerLogic) -> None:
        theme, pal, town = self.theme, self.theme.palette, logic.town
        button_h = theme.font("body", bold=True).get_linesize() + theme.font("small").get_linesize() + theme.gap()
        buttons = pygame.Rect(rect.left, rect.bottom - button_h, rect.width, button_h)
        half = (rect.width - theme.gap()) // 2
        self.undo_rect = pygame.Rect(buttons.left, buttons.top, half, button_h)
        self.done_rect = pygame.Rect(buttons.right - half, buttons.top, half, button_h)
        draw_answer_button(surface, theme, self.undo_rect, "Undo", "Backspace", False)
        draw_answer_button(surface, theme, self.done_rect, "Done", "Enter", False)
        score = logic.plan_score()
        plan = " > ".join(["Home"] + [town.letter(i) for i in logic.plan]
                          + (["Home"] if logic.phase is Phase.FEEDBACK else []))
        lines = [(errand_line(town, i), pal.text) for i in range(logic.n_places)]
        lines.append((f"Leave home at {clock_text(town.start_min)}. One block takes {town.minutes_per_block} min, "
                      f"each errand {town.stop_minutes} min.", pal.muted_text))
        if town.wallet is not None:
            lines.append((f"Wallet: £{town.wallet}. Visit the bank before spending more.", pal.muted_text))
        lines.append((f"Your plan: {plan}  ({score.blocks} blocks)", pal.accent if logic.plan else pal.muted_text))
        self._draw_lines(surface, pygame.Rect(rect.left, rect.top, rect.width, buttons.top - rect.top - theme.gap()), lines)

    def _draw_lines(self, surface: pygame.Surface, rect: pygame.Rect, lines: list[tuple[str, Any]]) -> None:
        """Wrapped lines in ``rect``, in the body size if they fit, else smaller until they do."""
        size = self.theme.size("body")
        while True:
            font = self.theme.font_fitting("body", int(size * 0.75))
            wrapped = [(wrap(text, font, rect.width), colour) for text, colour in lines]
            height = sum(len(w) for w, _ in wrapped) * font.get_linesize() + len(lines) * self.theme.gap(0.3)
            if height <= rect.height or size <= 10:
                break
            size -= 1
        y = rect.top
        for parts, colour in wrapped:
            for part in parts:
                draw_text(surface, part, font, colour, (rect.left, y))
                y += font.get_linesize()
            y += self.theme.gap(0.3)

    def _message(self, logic: ErrandsPlannerLogic) -> tuple[str, Any]:
        pal = self.theme.palette
        if logic.phase is Phase.FEEDBACK and logic.result is not None:
            best = logic.best_blocks
            if logic.last_correct:
                return f"Well done! {logic.result.blocks} blocks (shortest: {best}).", pal.positive
            if logic.result.missing:
                return "Not quite: an errand was left out. Here comes another one.", pal.gentle
            if logic.result.broken:
                return "Not quite: a rule was missed. Here comes another one.", pal.gentle
            return f"Not quite: {logic.result.blocks} blocks, the shortest is {best}. Another one.", pal.gentle
        if not logic.plan:
            return "Plan your round: choose the first place", pal.accent
        if len(logic.plan) < logic.n_places:
            return "Choose the next place", pal.accent
        return "All places chosen. Press Done, or change the order.", pal.accent

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The instructions' picture: a small town with a round of three errands planned."""
        from games.problem_solving.errands_planner.town import Errand as E
        town = Town(4, 3, (0, 2), (E("Bakery", "bread", (1, 0)), E("Post office", "a parcel", (3, 0)),
                                   E("Pharmacy", "medicine", (3, 2))))
        self._draw_map(surface, area, town, [0, 1, 2], True)
        self.place_rects = []
