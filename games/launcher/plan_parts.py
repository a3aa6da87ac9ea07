"""What the plan screens share: outlines of plans and items, plan files, and two layout helpers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Collection

import pygame

from games.core.ui.theme import Theme
from games.core.ui.widgets import Button, FocusList, draw_text, wrap
from games.launcher.common import FramedScene, margin
from games.registry import all_plans, get_exercise
from scores.clinic.plans import MAX_NAME_CHARS, Plan, PlanItem
from scores.export.csvfile import write_text_atomically
from scores.store.private import private_folder

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
        OSError: when the folder cannot be made; ExportError: when the file cannot be written.
    """
    folder = private_folder(data_dir / "exports")
    path = folder / ((UNSAFE_FILE_CHARS.sub("-", plan.name).strip(" .-") or "plan") + EXPORT_SUFFIX)
    write_text_atomically(path, plan.to_json())
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
