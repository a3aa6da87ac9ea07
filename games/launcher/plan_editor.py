"""The plan editor: a plan's name and its items in order, with each item's minutes, level or breathing pace."""

from __future__ import annotations

from typing import Callable

import pygame

from games.core.engine.exercise import Exercise
from games.core.ui.widgets import ACTIVATE_KEYS, Button, TextField, draw_text, wrap
from games.launcher.common import FramedScene
from games.launcher.confirm import ConfirmScene
from games.launcher.plan_items import (BREAK_MINUTES, EXERCISE_MINUTES, ExerciseChoiceScene, ItemList, ItemRow,
                                       SmallButton, panel_rows, step_breath, step_level, step_minutes)
from games.launcher.plan_parts import NBSP, LineColumn, describe_item, fitting_hint, free_name, taken_names
from games.registry import level_ranges
from scores.clinic.plans import MAX_ITEMS, MAX_NAME_CHARS, Plan, PlanError, PlanItem, plan_from_dict, ready_plans
from scores.store.database import StoreError

PLUS_KEYS = (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS)
MINUS_KEYS = (pygame.K_MINUS, pygame.K_KP_MINUS)


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
        return panel_rows(self.items, self.selected, self.ranges, self.steppers, self.remove_button)

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
