"""Importing a plan file: a path typed or pasted, or one of the plan files found nearby."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame

from games.core.ui.widgets import Button, TextField
from games.launcher.common import FramedScene
from games.launcher.plan_parts import EXPORT_SUFFIX, LineColumn, fitting_hint, free_name, taken_names
from games.registry import level_ranges
from scores.clinic.plans import PlanError, read_plan_file
from scores.store.database import StoreError


class ImportPlanScene(FramedScene):
    """A path to type or paste, or a plan file found in the usual folders; pops with the imported plan."""

    title = "Import a plan"

    def __init__(self) -> None:
        super().__init__()
        self.field = TextField(f"Plan file path (ends in {EXPORT_SUFFIX})")
        self.import_button = Button("Import", self.import_typed)
        self.found: list[Button] = []
        self.focus = 0  # 0 the field, 1 the Import button, then the files found
        self.column = LineColumn()  # the button, any problem, then the files found
        self.error = ""

    @property
    def hint(self) -> str:
        return fitting_hint(self, "Type or paste (Ctrl+V) the path, then Enter  ·  Tab to move  ·  Esc to go back",
                            "Type the path, then Enter  ·  Esc to go back", "Enter  ·  Esc")

    def on_enter(self) -> None:
        self.found = [Button(path.name, lambda p=path: self.import_path(p), detail=str(path.parent))
                      for path in self.plan_files()]

    def plan_files(self, limit: int = 8) -> list[Path]:
        """Plan files in the exports folder, Downloads and Desktop, newest first."""
        folders = [self.app.store.data_dir / "exports", Path.home() / "Downloads", Path.home() / "Desktop"]
        files = [p for folder in folders if folder.is_dir() for p in folder.glob(f"*{EXPORT_SUFFIX}") if p.is_file()]
        return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)[:limit]

    def import_typed(self) -> None:
        text = self.field.text.strip().strip("\"'")
        if not text:
            self.error = "Type the path of a plan file first."
            return
        self.import_path(Path(text).expanduser())

    def import_path(self, path: Path) -> None:
        """Check the file, then save it under its name (or a free variant of it); nothing is saved on a problem."""
        try:
            plan = read_plan_file(path, level_ranges())
            plan = replace(plan, name=free_name(plan.name, taken_names(self.app.store)))
            self.app.store.save_plan(plan)
        except (PlanError, StoreError) as err:
            self.error = str(err)
            return
        self.app.stack.pop(plan)

    def _targets(self) -> list:
        return [self.field, self.import_button, *self.found]

    def on_click(self, pos: tuple[int, int]) -> None:
        for i, target in enumerate(self._targets()):
            if target.rect.collidepoint(pos):
                self.focus = i
                if isinstance(target, Button):
                    target.on_activate()
                return

    def on_text(self, event: pygame.event.Event) -> None:
        if self.focus == 0:
            self.field.handle_event(event)
            self.error = ""

    def on_wheel(self, steps: int) -> None:
        self.column.scroll_by(-steps * 40)

    def on_key(self, event: pygame.event.Event) -> None:
        shift, count = bool(event.mod & pygame.KMOD_SHIFT), len(self._targets())
        if event.key == pygame.K_DOWN or (event.key == pygame.K_TAB and not shift):
            self.focus = (self.focus + 1) % count
        elif event.key == pygame.K_UP or (event.key == pygame.K_TAB and shift):
            self.focus = (self.focus - 1) % count
        elif event.key == pygame.K_v and event.mod & pygame.KMOD_CTRL and self.focus == 0:
            self.field.handle_event(pygame.event.Event(pygame.TEXTINPUT, text=_clipboard()))
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focus == 0:
            self.import_typed()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focus > 0:
            self._targets()[self.focus].on_activate()
        elif self.focus == 0:
            self.field.handle_event(event)
            self.error = ""

    def draw(self, surface: pygame.Surface) -> None:
        theme, pal, column = self.theme, self.theme.palette, self.column
        content = self.draw_frame(surface)
        button_w, button_h = self.import_button.width(theme), self.import_button.height(theme)
        self.field.rect = pygame.Rect(content.left, content.top, content.width - button_w - theme.gap(),
                                      self.field.height(theme))
        self.field.draw(surface, theme, focused=self.focus == 0)
        self.import_button.rect = pygame.Rect(content.right - button_w, self.field.rect.bottom - button_h,
                                              button_w, button_h)
        self.import_button.draw(surface, theme, focused=self.focus == 1, primary=True)
        top = self.field.rect.bottom + theme.gap(0.75)
        column.begin(pygame.Rect(content.left, top, content.width, content.bottom - top))
        if self.error:
            column.text(self.error, theme.font("body"), pal.gentle)
            column.space(theme.gap())
        if self.found:
            column.text("Or choose a plan file found on this PC:", theme.font("large", bold=True), pal.text)
            column.space(theme.gap(0.5))
            column.buttons(theme, self.found, stretch=True)
        focused = self._targets()[self.focus]
        column.draw(surface, theme, focused, focused if focused in self.found else None,
                    note="More: Tab or the wheel scrolls")


def _clipboard() -> str:
    """The clipboard's text, or "" where the platform offers none."""
    try:
        return pygame.scrap.get_text() or ""
    except (pygame.error, AttributeError):
        return ""
