"""Session plans: the list of ready and saved plans, and each plan's page."""

from __future__ import annotations

from dataclasses import replace

import pygame

from games.core.ui.widgets import Button, FocusList, draw_text
from games.launcher.common import FramedScene
from games.launcher.confirm import ConfirmScene
from games.launcher.plan_import import ImportPlanScene
from games.launcher.plan_parts import (LineColumn, TidyList, describe_item, export_plan, fitting_hint, free_name,
                                       outline, taken_names)
from games.registry import level_ranges
from scores.clinic.plans import Plan, ready_plans
from scores.export.csvfile import ExportError


class PlanListScene(FramedScene):
    """Ready plans (to view and copy) and saved plans (to open); with ``choose`` a plan is the result."""

    def __init__(self, choose: bool = False) -> None:
        super().__init__()
        self.choose = choose
        self.title = "Choose a plan" if choose else "Session plans"
        self.menu = TidyList([])
        self.headings: dict[int, str] = {}
        self.plan_at: dict[int, Plan] = {}
        self.status = ""
        self._done_word = "Saved"  # what the status says of a plan a screen above returns

    @property
    def hint(self) -> str:
        action = "Enter to start with it" if self.choose else "Enter to open"
        return fitting_hint(self, f"Arrow keys to choose  ·  {action}  ·  Esc to go back", f"Arrows  ·  {action}")

    def on_enter(self) -> None:
        self.refresh()

    def refresh(self, focus_name: str | None = None) -> None:
        ranges = level_ranges()
        actions = [Button("New plan", self.new_plan, detail="Build a plan step by step"),
                   Button("Import a plan file", self.import_file, detail="Add a plan someone sent you")]
        groups = [("Ready plans", ready_plans(ranges)), ("Saved plans", self.app.store.saved_plans(ranges))]
        groups = [(heading, plans) for heading, plans in groups if plans]
        groups = groups + [("", actions)] if self.choose else [("", actions)] + groups
        buttons: list[Button] = []
        self.headings, self.plan_at = {}, {}
        for heading, entries in groups:
            if heading:
                self.headings[len(buttons)] = heading
            for entry in entries:
                if isinstance(entry, Plan):
                    self.plan_at[len(buttons)] = entry
                    entry = self._plan_button(entry)
                buttons.append(entry)
        focus = next((i for i, plan in self.plan_at.items() if plan.name == focus_name), 0)
        self.menu = TidyList(buttons, focus=focus)

    def _plan_button(self, plan: Plan) -> Button:
        detail = f"Ready plan · {outline(plan)}" if plan.ready else outline(plan)
        return Button(plan.name, lambda: self.open(plan), detail=detail)

    def subtitle(self) -> str:
        if self.status:
            return self.status
        if self.choose:
            return "The session runs the plan's items in order."
        return "Ready plans come with cogsuite: copy one to change it."

    def open(self, plan: Plan) -> None:
        if self.choose:
            self.app.stack.pop(plan)
        else:
            self.app.stack.push(PlanPageScene(plan))

    def new_plan(self) -> None:
        from games.launcher.plan_editor import PlanEditorScene

        self.app.stack.push(PlanEditorScene(None, None))

    def import_file(self) -> None:
        self._done_word = "Imported"
        self.app.stack.push(ImportPlanScene())

    def on_result(self, result) -> None:
        self.status = f"{self._done_word} the plan '{result.name}'." if isinstance(result, Plan) else ""
        self._done_word = "Saved"
        self.refresh(result.name if isinstance(result, Plan) else None)

    def _heading_height(self, i: int) -> int:
        return self.theme.font("large", bold=True).get_linesize() + self.theme.gap(0.5) if i in self.headings else 0

    def draw(self, surface: pygame.Surface) -> None:
        content = self.draw_frame(surface)
        self.menu.layout(self.theme, content, header=self._heading_height)
        self.menu.draw(surface, self.theme)
        font = self.theme.font("large", bold=True)
        for i, heading in self.headings.items():
            top = self.menu.buttons[i].rect.top - self._heading_height(i)
            if self.menu.viewport.top <= top and self.menu.viewport.contains(self.menu.buttons[i].rect):
                draw_text(surface, heading, font, self.theme.palette.text, (content.left, top))


class PlanPageScene(FramedScene):
    """One plan: its items, and what can be done with it (a ready plan can only be copied)."""

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        self.column = LineColumn()  # actions, then the description and items; Up and Down scroll it
        self._reveal = False  # scroll back to the focused action (after Tab, Left or Right)
        self.status, self.status_is_error = "", False
        self.actions = FocusList([])
        self._asking = False
        self._make_actions()

    @property
    def title(self) -> str:
        return self.plan.name

    @property
    def hint(self) -> str:
        return fitting_hint(self, "Tab or Left and Right to choose  ·  Enter to use  ·  Up and Down scroll the items"
                                  "  ·  Esc to go back",
                            "Tab to choose  ·  Enter to use  ·  Esc to go back", "Tab  ·  Enter")

    def subtitle(self) -> str:
        return f"Ready plan · {outline(self.plan)}" if self.plan.ready else outline(self.plan)

    def _make_actions(self) -> None:
        if self.plan.ready:
            buttons = [Button("Copy to edit", self.copy)]
        else:
            buttons = [Button("Edit", self.edit), Button("Copy", self.copy),
                       Button("Export to a file", self.export), Button("Delete", self.delete)]
        self.actions = FocusList(buttons)

    def edit(self) -> None:
        from games.launcher.plan_editor import PlanEditorScene

        self.app.stack.push(PlanEditorScene(self.plan, self.plan.name))

    def copy(self) -> None:
        from games.launcher.plan_editor import PlanEditorScene

        name = free_name(f"{self.plan.name} (copy)", taken_names(self.app.store))
        self.app.stack.push(PlanEditorScene(replace(self.plan, name=name, ready=False), None))

    def export(self) -> None:
        try:
            path = export_plan(self.plan, self.app.store.data_dir)
        except OSError as exc:
            self.status, self.status_is_error = f"The file could not be written ({exc.strerror or exc}).", True
            return
        except ExportError as exc:
            self.status, self.status_is_error = str(exc), True
            return
        self.status, self.status_is_error = f"Exported to {path}", False
        self.column.scroll = 0

    def delete(self) -> None:
        self._asking = True
        self.app.stack.push(ConfirmScene(self, f"Delete the plan '{self.plan.name}'?",
                                         "Sessions already run with it keep their records.", yes="Delete"))

    def on_result(self, result) -> None:
        if self._asking:
            self._asking = False
            if result is True:
                self.app.store.delete_plan(self.plan.name)
                self.app.stack.pop(None)
        elif isinstance(result, Plan):  # saved from the editor: an edit, or a copy now saved
            self.plan, self.column.scroll = result, 0
            self.status, self.status_is_error = "Saved.", False
            self._make_actions()

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if self.handle_corner(event):
            return
        line_px = self.theme.font("body").get_linesize()
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            self.column.scroll_by(line_px if event.key == pygame.K_DOWN else -line_px)
        elif event.type == pygame.MOUSEWHEEL:
            self.column.scroll_by(-event.y * line_px)
        else:
            self._reveal = self.actions.handle_event(event) and event.type == pygame.KEYDOWN

    def draw(self, surface: pygame.Surface) -> None:
        theme, pal = self.theme, self.theme.palette
        body, column = theme.font("body"), self.column
        column.begin(self.draw_frame(surface))
        column.buttons(theme, self.actions.buttons)
        if self.status:
            column.space(theme.gap(0.5))
            column.text(self.status, body, pal.gentle if self.status_is_error else pal.text)
        if self.plan.description:
            column.space(theme.gap(0.75))
            column.text(self.plan.description, body, pal.muted_text)
        column.space(theme.gap(0.75))
        for n, item in enumerate(self.plan.items, start=1):
            title, detail = describe_item(item)
            column.text(f"{n}. {title} · {detail}", body, pal.text)
        focused = self.actions.buttons[self.actions.focus]
        column.draw(surface, theme, focused, focused if self._reveal else None,
                    note="More: scroll with Up and Down or the wheel")
        self.actions.viewport = column.view  # clicks reach only the buttons shown
