"""The plan editor's items: the steps that change one, its row, its controls and the exercise chooser."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pygame

from games.core.engine.exercise import Exercise
from games.core.ui.theme import Theme
from games.core.ui.widgets import Button, draw_text
from games.launcher.exercises import ExerciseListScene
from games.launcher.plan_parts import NBSP, TidyList
from scores.clinic.plans import BREATH_RANGE_S, LevelRanges, PlanItem

MINUTES_RANGE = (1, 60)  # whole minutes in the editor; a plan file may hold 0.5 to 120
EXERCISE_MINUTES = 4.0
BREAK_MINUTES = 2.0


def step_minutes(item: PlanItem, step: int) -> PlanItem:
    """A minute more (``step`` > 0) or less, within MINUTES_RANGE; a value outside it only moves toward it."""
    low, high = MINUTES_RANGE
    if item.minutes is None or (step > 0 and item.minutes >= high) or (step < 0 and item.minutes <= low):
        return item
    minutes = min(high, math.floor(item.minutes) + 1) if step > 0 else max(low, math.ceil(item.minutes) - 1)
    return replace(item, minutes=float(minutes))


def step_level(item: PlanItem, step: int, ranges: LevelRanges) -> PlanItem:
    """Through "adapts", then the exercise's lowest level up to its highest, and back."""
    if item.kind != "exercise":
        return item
    low, high = ranges[item.exercise]
    if item.level is None:
        return replace(item, level=low) if step > 0 else item
    level = item.level + step
    return replace(item, level=None if level < low else min(level, high))


def step_breath(item: PlanItem, field: str, step: int) -> PlanItem:
    """A second more or less for ``inhale_s`` or ``exhale_s``, within BREATH_RANGE_S."""
    low, high = BREATH_RANGE_S
    return replace(item, **{field: max(low, min(high, getattr(item, field) + step))})


class ExerciseChoiceScene(ExerciseListScene):
    """The exercises' tiles by domain, with their times and levels; choosing one pops with it, Esc with None."""

    title = "Add an exercise"
    corner_label = "Back"
    hint = "Arrow keys to choose  ·  Enter to add it  ·  Esc to go back"
    for_client = False

    def subtitle(self) -> str:
        return f"It goes at the end of the plan, for {EXERCISE_MINUTES:g} minutes."

    def open(self, exercise: Exercise) -> None:
        self.app.stack.pop(exercise)

    def extra_buttons(self) -> list:
        return []  # exercises only

    def back(self) -> None:
        self.app.stack.pop(None)  # not the exercise list's "Change client"


@dataclass(eq=False)
class ItemRow(Button):
    """A plan item in the list: its detail beside the title when both fit; a bar marks the selected one."""

    selected: bool = False

    def _one_line(self, theme: Theme, width: int | None) -> bool:
        needed = theme.font("body", bold=True).size(self.label)[0] + theme.font("small").size(self.detail)[0]
        return width is not None and needed + theme.gap(4) <= width

    def height(self, theme: Theme, width: int | None = None) -> int:
        if self._one_line(theme, width):
            return theme.font("body", bold=True).get_linesize() + theme.gap(1.25)
        return super().height(theme, width)

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, primary: bool = False) -> None:
        pal = theme.palette
        ink = pal.accent_text if self.selected else pal.text
        if not self._one_line(theme, self.rect.width):
            super().draw(surface, theme, focused, primary=self.selected)
        else:
            fill = pal.accent if self.selected else pal.surface
            pygame.draw.rect(surface, fill, self.rect, border_radius=theme.radius)
            border = (pal.focus, theme.focus_width) if focused else (pal.border, 2)
            pygame.draw.rect(surface, border[0], self.rect, width=border[1], border_radius=theme.radius)
            inner = self.rect.inflate(-2 * theme.gap(), 0)
            draw_text(surface, self.label, theme.font("body", bold=True), ink, inner.midleft, "midleft")
            draw_text(surface, self.detail, theme.font("small"), ink if self.selected else pal.muted_text,
                      inner.midright, "midright")
        if self.selected:  # a shape as well as a colour says which item the controls change
            bar = pygame.Rect(self.rect.left + theme.gap(0.3), self.rect.top + theme.gap(0.4),
                              max(3, theme.gap(0.3)), self.rect.height - theme.gap(0.8))
            pygame.draw.rect(surface, ink, bar, border_radius=bar.width // 2)


@dataclass(eq=False)
class SmallButton(Button):
    """A button a little less tall, so the selected item's controls fit beside the list."""

    def height(self, theme: Theme, width: int | None = None) -> int:
        return theme.font("body", bold=True).get_linesize() + theme.gap(0.5)

    def width(self, theme: Theme) -> int:
        """A sign (− or +) gets a narrow, near-square button; a word gets the usual margins."""
        margins = theme.gap(2) + 2 if len(self.label) == 1 else theme.gap(3)
        return max(self.height(theme), theme.font("body", bold=True).size(self.label)[0] + margins)


class ItemList(TidyList):
    """The plan's items, then the entries that add one; shows the keyboard focus only while it has it."""

    has_focus = True

    def draw(self, surface: pygame.Surface, theme: Theme, primary: int | None = None) -> None:
        """The buttons shown, each item marking itself when selected (so ``primary`` is not needed)."""
        for i, button in enumerate(self.buttons):
            if self._shown(button):
                button.draw(surface, theme, focused=self.has_focus and i == self.focus)
        above = any(b.rect.top < self.viewport.top for b in self.buttons)
        below = any(b.rect.bottom > self.viewport.bottom for b in self.buttons)
        if above or below:
            self._draw_more(surface, theme, above, below)


def panel_rows(items: list[PlanItem], selected: int, ranges: LevelRanges, steppers: dict[str, tuple[Button, Button]],
               remove_button: Button) -> list[tuple[str, list[Button]]]:
    """What the panel shows for item ``selected``: labelled − / + pairs, then its actions."""
    if not items:
        return [("The plan is empty: add an exercise, a breathing break or a mood check.", [])]
    item, rows = items[selected], []
    if item.minutes is not None:
        rows.append((f"Minutes: {item.minutes:g}", list(steppers["minutes"])))
    if item.kind == "exercise":
        low, high = ranges[item.exercise]
        level = "adapts" if item.level is None else f"fixed at{NBSP}{item.level} ({low}{NBSP}to{NBSP}{high})"
        rows.append((f"Level: {level}", list(steppers["level"])))
    elif item.kind == "breathing":
        rows.append((f"Breathe in: {item.inhale_s:g}{NBSP}s", list(steppers["inhale"])))
        rows.append((f"Breathe out: {item.exhale_s:g}{NBSP}s", list(steppers["exhale"])))
    else:
        rows.append(("A mood check takes as long as the client needs.", []))
    return rows + [(f"Place: {selected + 1}{NBSP}of{NBSP}{len(items)}", list(steppers["move"])),
                   ("", [remove_button])]
