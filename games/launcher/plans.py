"""Session plans: the list of ready and saved plans, each plan's page, and importing a plan file."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Callable, Collection

import pygame

from games.core.theme import Theme
from games.core.widgets import Button, FocusList, TextField, draw_text, wrap
from games.launcher.common import FramedScene, margin
from games.launcher.confirm import ConfirmScene
from games.registry import all_plans, get_exercise, level_ranges
from scores.database import StoreError
from scores.plans import MAX_NAME_CHARS, Plan, PlanError, PlanItem, read_plan_file, ready_plans

EXPORT_SUFFIX = ".cogsuite-plan.json"
NBSP = "\u00a0"  # between a number and its unit, so that a wrapped line never splits them
UNSAFE_FILE_CHARS = re.compile(r'[<>:"/\\|?*]+')  # not allowed in file names on some systems


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def outline(plan: Plan) -> str:
    """A plan in short, e.g. "3 exercises, 1 break, 2 mood checks · 15 min"."""
    kinds = [item.kind for item in plan.items]
    parts = [_count(kinds.count(kind), word) for kind, word in
             (("exercise", "exercise"), ("breathing", "break"), ("mood", "mood check")) if kind in kinds]
    return f"{', '.join(parts)} · {plan.total_minutes:g}{NBSP}min"


def describe_item(item: PlanItem) -> tuple[str, str]:
    """An item's title and its one-line detail, as the plan screens show them."""
    if item.kind == "mood":
        return "Mood check", "How the client feels; no time limit"
    if item.kind == "breathing":
        pace = f"in {item.inhale_s:g}{NBSP}s, out {item.exhale_s:g}{NBSP}s"
        return "Breathing break", f"{item.minutes:g}{NBSP}min · {pace}"
    level = "level adapts" if item.level is None else f"fixed level {item.level}"
    return get_exercise(item.exercise).spec.title, f"{item.minutes:g}{NBSP}min · {level}"


def free_name(base: str, taken: Collection[str]) -> str:
    """``base``, else ``base (2)``, ``base (3)``…: the first name not in ``taken`` (casefolded names)."""
    base = base.strip()[:MAX_NAME_CHARS]
    number, name = 1, base
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[: MAX_NAME_CHARS - len(suffix)].rstrip() + suffix
    return name


def taken_names(store, keep: str | None = None) -> set[str]:
    """Every ready and saved plan's name, casefolded, except ``keep`` (the plan being edited)."""
    names = {plan.name.casefold() for plan in all_plans(store)}
    names.discard(keep.casefold() if keep else None)
    return names


def export_plan(plan: Plan, data_dir: Path) -> Path:
    """Write ``plan`` to ``<data_dir>/exports/<name>.cogsuite-plan.json``; returns the file's path.

    Raises:
        OSError: when the folder or file cannot be written.
    """
    folder = data_dir / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ((UNSAFE_FILE_CHARS.sub("-", plan.name).strip(" .-") or "plan") + EXPORT_SUFFIX)
    path.write_text(plan.to_json(), encoding="utf-8")
    return path


def fitting_hint(scene: FramedScene, *candidates: str) -> str:
    """The first hint that fits on the hint line at the current font size, else the last one."""
    screen = scene.app.screen
    width = screen.get_width() - 2 * margin(scene.theme, screen)
    small = scene.theme.font("small")
    return next((hint for hint in candidates if small.size(hint)[0] <= width), candidates[-1])


def flow(buttons: list[Button], theme: Theme, left: int, top: int, width: int) -> int:
    """Place ``buttons`` left to right, wrapping into rows; returns the y below the last row."""
    x, y, row_h = left, top, 0
    for button in buttons:
        w = min(width, max(button.width(theme), button.height(theme)))
        h = button.height(theme, w)
        if x > left and x + w > left + width:
            x, y, row_h = left, y + row_h + theme.gap(0.5), 0
        button.rect = pygame.Rect(x, y, w, h)
        x, row_h = x + w + theme.gap(0.5), max(row_h, h)
    return y + row_h


class LineColumn:
    """Lines of text and rows of buttons in a column that scrolls when it is taller than its area.

    Only whole lines are drawn; a button on a hidden line gets an empty rect, so it cannot be clicked.
    """

    def __init__(self) -> None:
        self.lines: list[tuple[int, int, list, list[Button]]] = []  # top, bottom, texts, buttons; unscrolled
        self.area = self.view = pygame.Rect(0, 0, 0, 0)
        self.scroll = 0
        self.y = 0

    def begin(self, area: pygame.Rect) -> None:
        self.lines, self.area, self.y = [], area, area.top

    def space(self, height_px: int) -> None:
        self.y += height_px if self.lines else 0

    def text(self, text: str, font: pygame.font.Font, colour) -> None:
        for line in wrap(text, font, self.area.width):
            texts = [(line, font, colour, (self.area.left, self.y))]
            self.lines.append((self.y, self.y + font.get_linesize(), texts, []))
            self.y += font.get_linesize()

    def buttons(self, theme: Theme, buttons: list[Button], stretch: bool = False) -> None:
        """``buttons`` left to right, in as many rows as they need; ``stretch``ed, one a row, full width."""
        rows: list[list[Button]] = []
        x = self.area.width + 1
        for button in buttons:
            width = min(self.area.width, max(button.width(theme), button.height(theme)))
            if stretch or x + width > self.area.width:
                rows.append([])
                x = 0
            rows[-1].append(button)
            x += width + theme.gap(0.5)
        for i, row in enumerate(rows):
            top = self.y + (theme.gap(0.5) if i else 0)
            if stretch:
                row[0].rect = pygame.Rect(self.area.left, top, self.area.width, row[0].height(theme, self.area.width))
                bottom = row[0].rect.bottom
            else:
                bottom = flow(row, theme, self.area.left, top, self.area.width)
            self.lines.append((self.y, bottom, [], row))
            self.y = bottom

    def labelled(self, theme: Theme, label: str, buttons: list[Button], colour) -> None:
        """A label with its buttons at its right if that fits (two lines of label at most), else above them."""
        body = theme.font("body")
        height = buttons[0].height(theme) if buttons else 0
        needed = sum(max(b.width(theme), height) for b in buttons) + theme.gap(0.5) * (len(buttons) - 1)
        room = self.area.width - needed - theme.gap()
        lines = wrap(label, body, room) if label and buttons and room > 0 else []
        if not lines or len(lines) > 2 or max(body.size(word)[0] for word in label.split(" ")) > room:
            if label:
                self.text(label, body, colour)
                self.space(theme.gap(0.25))
            self.buttons(theme, buttons)
            return
        row_h = max(height, len(lines) * body.get_linesize())
        text_y = self.y + (row_h - len(lines) * body.get_linesize()) // 2
        texts = [(line, body, colour, (self.area.left, text_y + i * body.get_linesize()))
                 for i, line in enumerate(lines)]
        flow(buttons, theme, self.area.right - needed, self.y + (row_h - height) // 2, needed)
        self.lines.append((self.y, self.y + row_h, texts, buttons))
        self.y += row_h

    def scroll_by(self, step_px: int) -> None:
        self.scroll = max(0, self.scroll + step_px)

    def draw(self, surface: pygame.Surface, theme: Theme, focused: object, reveal: Button | None = None,
             note: str = "More") -> None:
        """Draw the lines in view, scrolled so that ``reveal``'s line shows; ``note`` says when some are hidden."""
        small = theme.font("small")
        self.view = self.area.copy()
        if self.y > self.area.bottom:  # the last line of the area says there is more
            self.view.height -= small.get_linesize()
        scroll = max(0, min(self.scroll, self.y - self.view.bottom))
        for top, bottom, _, buttons in self.lines:
            if reveal is not None and reveal in buttons:
                scroll = min(max(scroll, bottom - self.view.bottom), top - self.view.top)
        self.scroll = scroll = max(0, scroll)
        for top, bottom, texts, buttons in self.lines:
            shown = self.view.top <= top - scroll and bottom - scroll <= self.view.bottom
            for text, font, colour, (x, y) in texts if shown else []:
                draw_text(surface, text, font, colour, (x, y - scroll))
            for button in buttons:
                button.rect = button.rect.move(0, -scroll) if shown else pygame.Rect(0, 0, 0, 0)
                if shown:
                    button.draw(surface, theme, focused=button is focused)
        if self.view.height < self.area.height:
            shown_note = note if small.size(note)[0] <= self.view.width else "More"
            draw_text(surface, shown_note, small, theme.palette.muted_text, self.view.bottomleft)


class TidyList(FocusList):
    """A FocusList that, scrolled, starts with a whole button (and its heading) rather than a gap."""

    def layout(self, theme: Theme, viewport: pygame.Rect, header: Callable[[int], int] | None = None) -> None:
        super().layout(theme, viewport, header)
        shown = [i for i, b in enumerate(self.buttons) if b.rect.bottom > self.viewport.top]
        top = lambda i: self.buttons[i].rect.top - (header(i) if header else 0)  # noqa: E731
        if not shown or top(shown[0]) >= self.viewport.top:
            return
        focused = self.buttons[self.focus].rect
        for first in shown[:2]:
            delta = self.viewport.top - top(first)
            if self.viewport.top <= focused.top + delta and focused.bottom + delta <= self.viewport.bottom:
                for button in self.buttons:
                    button.rect.move_ip(0, delta)
                self.scroll -= delta
                return


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

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        self.handle_corner(event) or self.menu.handle_event(event)

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
            path = export_plan(self.plan, self.app.store.path.parent)
        except OSError as exc:
            self.status, self.status_is_error = f"The file could not be written ({exc.strerror or exc}).", True
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
        folders = [self.app.store.path.parent / "exports", Path.home() / "Downloads", Path.home() / "Desktop"]
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
