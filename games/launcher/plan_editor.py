"""The plan editor: a plan's name and its items in order, with each item's minutes, level or breathing pace."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

import pygame

from games.core.exercise import Exercise
from games.core.theme import Theme
from games.core.widgets import ACTIVATE_KEYS, Button, TextField, draw_text, wrap
from games.launcher.common import FramedScene
from games.launcher.confirm import ConfirmScene
from games.launcher.exercises import ExerciseListScene
from games.launcher.plan_parts import (NBSP, LineColumn, TidyList, describe_item, fitting_hint, free_name,
                                       taken_names)
from games.registry import level_ranges
from scores.database import StoreError
from scores.plans import (BREATH_RANGE_S, MAX_ITEMS, MAX_NAME_CHARS, LevelRanges, Plan, PlanError, PlanItem,
                          plan_from_dict, ready_plans)

MINUTES_RANGE = (1, 60)  # whole minutes in the editor; a plan file may hold 0.5 to 120
EXERCISE_MINUTES = 4.0
BREAK_MINUTES = 2.0
PLUS_KEYS = (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS)
MINUS_KEYS = (pygame.K_MINUS, pygame.K_KP_MINUS)


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
    """The exercises grouped by domain; choosing one pops with it, Esc with None."""

    title = "Add an exercise"
    corner_label = "Back"
    hint = "Arrow keys to choose  ·  Enter to add it  ·  Esc to go back"

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


class PlanEditorScene(FramedScene):
    """Edits a plan's name and items; pops with the saved Plan, or with None when left unsaved."""

    def __init__(self, plan: Plan | None, replacing: str | None = None) -> None:
        super().__init__()
        self.start_plan, self.replacing = plan, replacing
        self.title = "Edit plan" if replacing else "New plan"
        self.items: list[PlanItem] = list(plan.items) if plan else []
        self.description = plan.description if plan else ""
        self.name_field = TextField("Plan name", plan.name if plan else "", max_length=MAX_NAME_CHARS)
        self.ranges = level_ranges()
        self.selected = 0
        self.list = ItemList([])
        self.save_button = Button("Save plan", self.save)
        edit = self._edit
        self.steppers = {
            "minutes": (SmallButton("−", lambda: edit(step_minutes, -1)),
                        SmallButton("+", lambda: edit(step_minutes, 1))),
            "level": (SmallButton("−", lambda: edit(step_level, -1, self.ranges)),
                      SmallButton("+", lambda: edit(step_level, 1, self.ranges))),
            "inhale": (SmallButton("−", lambda: edit(step_breath, "inhale_s", -1)),
                       SmallButton("+", lambda: edit(step_breath, "inhale_s", 1))),
            "exhale": (SmallButton("−", lambda: edit(step_breath, "exhale_s", -1)),
                       SmallButton("+", lambda: edit(step_breath, "exhale_s", 1))),
            "move": (SmallButton("Up", lambda: self.move(-1)), SmallButton("Down", lambda: self.move(1))),
        }
        self.remove_button = SmallButton("Remove", self.remove)
        self.focused: str | Button = "name"  # "name", "list", or one of the buttons
        self.panel = LineColumn()
        self.error = ""
        self._asking = ""
        self._start: tuple = ()

    def on_enter(self) -> None:
        if self.start_plan is None:  # a name from the start lets a mouse-only user save too
            self.name_field.text = free_name("New plan", taken_names(self.app.store))
        self._start = self._state()
        self.focused = "name" if self.start_plan is None else "list"
        self._rebuild()

    # --- state ----------------------------------------------------------------------------
    def _state(self) -> tuple:
        return self.name_field.text.strip(), tuple(self.items)

    @property
    def dirty(self) -> bool:
        return self._state() != self._start

    def _rebuild(self, focus: int | None = None) -> None:
        """New list buttons after a change; the keyboard focus stays on something that still exists."""
        buttons: list[Button] = [
            ItemRow(f"{n}. {title}", self._to_panel, detail=detail, selected=n - 1 == self.selected)
            for n, (title, detail) in enumerate(map(describe_item, self.items), start=1)]
        buttons += [Button("Add an exercise", self.add_exercise), Button("Add a breathing break", self.add_break),
                    Button("Add a mood check", lambda: self.add(PlanItem("mood")))]
        scroll = self.list.scroll
        self.list = ItemList(buttons, focus=self.selected if focus is None else focus)
        self.list.scroll = scroll
        if isinstance(self.focused, Button) and self.focused not in self._targets():
            self.focused = "list"

    def _edit(self, change: Callable[..., PlanItem], *args) -> None:
        if self.items:
            self.items[self.selected] = change(self.items[self.selected], *args)
            self.error = ""
            self._rebuild(self.list.focus)

    def add(self, item: PlanItem) -> None:
        if len(self.items) >= MAX_ITEMS:
            self.error = f"A plan can hold at most {MAX_ITEMS} items; remove one first."
            return
        self.items.append(item)
        self.selected, self.focused, self.error = len(self.items) - 1, "list", ""
        self._rebuild()

    def add_exercise(self) -> None:
        if len(self.items) >= MAX_ITEMS:
            self.add(PlanItem("mood"))  # refused, with the sentence saying why
            return
        self._asking = "exercise"
        self.app.stack.push(ExerciseChoiceScene())

    def add_break(self) -> None:
        self.add(PlanItem("breathing", minutes=BREAK_MINUTES))

    def move(self, step: int) -> None:
        target = self.selected + step
        if self.items and 0 <= target < len(self.items):
            items = self.items
            items[self.selected], items[target] = items[target], items[self.selected]
            self.selected, self.error = target, ""
            self._rebuild()

    def remove(self) -> None:
        if self.items:
            del self.items[self.selected]
            self.selected, self.error = max(0, min(self.selected, len(self.items) - 1)), ""
            self._rebuild()

    def save(self) -> None:
        """Check the plan exactly as a plan file is checked, then save it; a problem is shown instead."""
        plan = Plan(self.name_field.text, tuple(self.items), self.description)
        try:
            plan = plan_from_dict(plan.to_dict(), self.ranges)
            self._check_name(plan.name)
            self.app.store.save_plan(plan, replacing=self.replacing)
        except (PlanError, StoreError) as err:
            self.error = str(err)
            return
        self.app.stack.pop(plan)

    def _check_name(self, name: str) -> None:
        if name.casefold() in {plan.name.casefold() for plan in ready_plans(self.ranges)}:
            raise PlanError(f"'{name}' is the name of a ready plan; choose another name.")
        if name.casefold() in taken_names(self.app.store, keep=self.replacing):
            raise PlanError(f"A plan called '{name}' already exists; choose another name.")

    def back(self) -> None:
        if not self.dirty:
            self.app.stack.pop(None)
            return
        self._asking = "leave"
        self.app.stack.push(ConfirmScene(self, "Leave without saving?", "Your changes to this plan will be lost.",
                                         yes="Leave", no="Keep editing"))

    def on_result(self, result) -> None:
        asking, self._asking = self._asking, ""
        if asking == "leave" and result is True:
            self.app.stack.pop(None)
        elif asking == "exercise" and isinstance(result, Exercise):
            self.add(PlanItem("exercise", exercise=result.id, minutes=EXERCISE_MINUTES))

    # --- input ----------------------------------------------------------------------------
    @property
    def hint(self) -> str:
        if self.focused == "name":
            return fitting_hint(self, "Type the plan's name  ·  Tab to move on  ·  Ctrl+S saves  ·  Esc to go back",
                                "Type the name  ·  Tab to move on  ·  Ctrl+S saves", "Tab  ·  Ctrl+S saves")
        if self.focused == "list":
            return fitting_hint(self, "Up/Down choose  ·  + and - minutes  ·  [ and ] level  ·  Shift+Up/Down move"
                                      "  ·  Delete removes  ·  Ctrl+S saves",
                                "Up/Down  ·  +/- minutes  ·  [ ] level  ·  Shift+Up/Down move  ·  Delete",
                                "+/- minutes  ·  [ ] level  ·  Delete")
        return fitting_hint(self, "Tab or arrow keys to move  ·  Enter to press  ·  Ctrl+S saves  ·  Esc to go back",
                            "Tab to move  ·  Enter to press  ·  Ctrl+S saves", "Tab  ·  Enter")

    def _panel_rows(self) -> list[tuple[str, list[Button]]]:
        """What the panel shows for the selected item: labelled − / + pairs, then its actions."""
        if not self.items:
            return [("The plan is empty: add an exercise, a breathing break or a mood check.", [])]
        item, rows = self.items[self.selected], []
        if item.minutes is not None:
            rows.append((f"Minutes: {item.minutes:g}", list(self.steppers["minutes"])))
        if item.kind == "exercise":
            low, high = self.ranges[item.exercise]
            level = "adapts" if item.level is None else f"fixed at{NBSP}{item.level} ({low}{NBSP}to{NBSP}{high})"
            rows.append((f"Level: {level}", list(self.steppers["level"])))
        elif item.kind == "breathing":
            rows.append((f"Breathe in: {item.inhale_s:g}{NBSP}s", list(self.steppers["inhale"])))
            rows.append((f"Breathe out: {item.exhale_s:g}{NBSP}s", list(self.steppers["exhale"])))
        else:
            rows.append(("A mood check takes as long as the client needs.", []))
        return rows + [(f"Place: {self.selected + 1}{NBSP}of{NBSP}{len(self.items)}", list(self.steppers["move"])),
                       ("", [self.remove_button])]

    def _targets(self) -> list[str | Button]:
        return ["name", "list", *(b for _, buttons in self._panel_rows() for b in buttons), self.save_button]

    def _move_focus(self, step: int) -> None:
        targets = self._targets()
        index = targets.index(self.focused) if self.focused in targets else 0
        self.focused = targets[(index + step) % len(targets)]

    def _select(self, index: int) -> None:
        """Make item ``index`` the one the controls change (an add entry leaves the selection as it is)."""
        if index < len(self.items):
            self.selected = index
            for i, row in enumerate(self.list.buttons[: len(self.items)]):
                row.selected = i == index

    def _to_panel(self) -> None:
        """Enter on an item: on to its first control."""
        self.focused = self._targets()[2]

    def on_wheel(self, steps: int) -> None:
        if self.panel.view.collidepoint(pygame.mouse.get_pos()):
            self.panel.scroll_by(-steps * 40)
        else:
            self.list.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=steps))

    def on_text(self, event: pygame.event.Event) -> None:
        if self.focused == "name":
            self.name_field.handle_event(event)
            self.error = ""

    def on_key(self, event: pygame.event.Event) -> None:
        key, shift = event.key, bool(event.mod & pygame.KMOD_SHIFT)
        if key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            self.save()
        elif key == pygame.K_TAB:
            self._move_focus(-1 if shift else 1)
        elif self.focused == "name":
            if key in (pygame.K_DOWN, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_UP):
                self._move_focus(-1 if key == pygame.K_UP else 1)
            elif self.name_field.handle_event(event):
                self.error = ""
        elif self._shortcut(key, shift):
            return
        elif self.focused == "list":
            if key in ACTIVATE_KEYS:
                self.list.buttons[self.list.focus].on_activate()
            elif key in (pygame.K_UP, pygame.K_DOWN, pygame.K_HOME, pygame.K_END):
                self.list.handle_event(event)
                self._select(self.list.focus)
        elif key in ACTIVATE_KEYS:
            self.focused.on_activate()
        elif key in (pygame.K_UP, pygame.K_LEFT, pygame.K_DOWN, pygame.K_RIGHT):
            self._move_focus(-1 if key in (pygame.K_UP, pygame.K_LEFT) else 1)

    def _shortcut(self, key: int, shift: bool) -> bool:
        """The keys that change the selected item wherever the focus is (but the name field)."""
        if key in PLUS_KEYS or key in MINUS_KEYS:
            self._edit(step_minutes, 1 if key in PLUS_KEYS else -1)
        elif key in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
            self._edit(step_level, 1 if key == pygame.K_RIGHTBRACKET else -1, self.ranges)
        elif key == pygame.K_DELETE:
            self.remove()
        elif shift and key in (pygame.K_UP, pygame.K_DOWN):
            self.move(-1 if key == pygame.K_UP else 1)
        else:
            return False
        return True

    def on_click(self, pos: tuple[int, int]) -> None:
        if self.name_field.rect.collidepoint(pos):
            self.focused = "name"
            return
        for i, button in enumerate(self.list.buttons):
            if self.list.viewport.contains(button.rect) and button.rect.collidepoint(pos):
                self.focused, self.list.focus = "list", i
                if i < len(self.items):
                    self._select(i)
                else:
                    button.on_activate()
                return
        for button in self._targets()[2:]:
            if button.rect.collidepoint(pos):
                self.focused = button
                button.on_activate()
                return

    # --- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, pal = self.theme, self.theme.palette
        content = self.draw_frame(surface)
        left = pygame.Rect(content.left, content.top, self._list_width(content.width), content.height)
        right = pygame.Rect(left.right + theme.gap(1.5), content.top, content.right - left.right - theme.gap(1.5),
                            content.height)
        self.name_field.rect = pygame.Rect(left.left, left.top, left.width, self.name_field.height(theme))
        self.name_field.draw(surface, theme, focused=self.focused == "name")
        self._draw_total(surface, right)
        save_h = self.save_button.height(theme)
        self.save_button.rect = pygame.Rect(right.left, self.name_field.rect.bottom - save_h,
                                            min(right.width, self.save_button.width(theme)), save_h)
        self.save_button.draw(surface, theme, focused=self.focused is self.save_button, primary=True)
        y, body = self.name_field.rect.bottom + theme.gap(0.75), theme.font("body")
        for line in wrap(self.error, body, content.width) if self.error else []:
            draw_text(surface, line, body, pal.gentle, (content.left, y))
            y += body.get_linesize()
        y += theme.gap(0.5) if self.error else 0
        self.list.has_focus = self.focused == "list"
        self.list.layout(theme, pygame.Rect(left.left, y, left.width, content.bottom - y))
        self.list.draw(surface, theme)
        self._draw_panel(surface, pygame.Rect(right.left, y, right.width, content.bottom - y))

    def _list_width(self, width: int) -> int:
        """Wide enough for every label in the list if it can be, between 45 and 60 % of ``width``."""
        bold = self.theme.font("body", bold=True)
        needed = max(bold.size(b.label)[0] for b in self.list.buttons) + self.theme.gap(2) + 2
        return max(int(width * 0.45), min(int(width * 0.6), needed))

    def _draw_total(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The plan's length on the line of the name field's label."""
        small, total = self.theme.font("small"), sum(item.minutes or 0.0 for item in self.items)
        count = len(self.items)
        text = f"{count} item{'' if count == 1 else 's'} · {total:g}{NBSP}min in all"
        for candidate in (text, f"{total:g}{NBSP}min in all", f"{total:g}{NBSP}min"):
            if small.size(candidate)[0] <= area.width:
                draw_text(surface, candidate, small, self.theme.palette.text, area.topleft)
                return

    def _draw_panel(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The selected item's controls; they scroll when the panel is too short for them all."""
        theme, column = self.theme, self.panel
        column.begin(area)
        for label, buttons in self._panel_rows():
            column.space(theme.gap(0.5))
            column.labelled(theme, label, buttons, theme.palette.text)
        reveal = self.focused if isinstance(self.focused, Button) else None
        column.draw(surface, theme, self.focused, reveal, note="More: the wheel or Tab scrolls")
