"""What the bundle screens share: the words for the therapist and for the client, a marked button
(tick box or one-of-a-group), a file name, and the screen that says what was done."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import pygame

from games.core.widgets import Button, FocusList, draw_text, fit, wrap
from games.launcher.common import FramedScene
from scores.bundle_io import SUFFIX, count


class _Done:
    def __repr__(self) -> str:
        return "BUNDLE_DONE"


DONE: Any = _Done()  # what the summary screen pops with: the screens under it close too

THERAPIST_WRONG = "Wrong passphrase or damaged file."
CLIENT_WRONG = "Those words did not open the file. Please check them against your note and try again."


def client_wait(seconds: float) -> str:
    """The lock, as a client reads it."""
    whole = max(1, math.ceil(seconds))
    if whole < 120:
        return f"Please wait {whole} second{'s' if whole != 1 else ''}, then try again."
    return f"Please wait {math.ceil(whole / 60)} minutes, then try again."


def sittings_words(counts: dict[str, int]) -> str:
    """"3 sittings, 5 runs, 120 trials" (the therapist's words)."""
    return ", ".join((count(counts, "sessions", "sittings"), count(counts, "runs"), count(counts, "trials")))


def bundle_stem(code: str, when: datetime) -> str:
    from games.launcher.therapist_exports import file_part

    return f"{file_part(code)}-{when:%Y%m%d-%H%M}"


def new_bundle_path(app: Any, folder: Path, code: str) -> Path:
    """A fresh file name for ``code``'s bundle in ``folder`` (never replacing a file, never in the
    data folder's own files). Raises ExportError."""
    from games.launcher.therapist_exports import fresh_path

    return fresh_path(Path(folder), bundle_stem(code, datetime.now()), SUFFIX, Path(app.store.data_dir))


def draw_notice_above(surface: pygame.Surface, theme: Any, notice: str, content: pygame.Rect) -> pygame.Rect:
    """A calm line or three at the top of ``content`` (a problem, or that nothing was found); returns
    the rectangle left under it."""
    if not notice:
        return content
    body = theme.font("body")
    y = content.top
    for line in wrap(notice, body, content.width)[:3]:
        draw_text(surface, line, body, theme.palette.gentle, (content.left, y))
        y += body.get_linesize()
    y += theme.gap(0.5)
    return pygame.Rect(content.left, y, content.width, content.bottom - y)


def draw_places(surface: pygame.Surface, theme: Any, menu: FocusList, notice: str, content: pygame.Rect) -> None:
    """A notice, then a column of buttons as wide as its widest label needs."""
    content = draw_notice_above(surface, theme, notice, content)
    width = min(content.width, max(theme.gap(45), max(b.width(theme) for b in menu.buttons)))
    menu.layout(theme, pygame.Rect(content.left, content.top, width, content.height))
    menu.draw(surface, theme)


class MarkButton(Button):
    """A button with a mark before its label: a tick box (``kind="tick"``) or a round one-of-a-group
    mark (``kind="one"``); filled when ``on`` says so. The mark is a shape, not only a colour."""

    def __init__(self, label: str, on_activate: Callable[[], None], on: Callable[[], bool], kind: str = "tick",
                 detail: str = "") -> None:
        super().__init__(label, on_activate, detail)
        self.on, self.kind = on, kind

    def width(self, theme: Any) -> int:
        return super().width(theme) + self._mark_size(theme) + theme.gap()

    @staticmethod
    def _mark_size(theme: Any) -> int:
        return theme.font("body", bold=True).get_height() * 3 // 4

    def draw(self, surface: pygame.Surface, theme: Any, focused: bool, primary: bool = False) -> None:
        pal, size = theme.palette, self._mark_size(theme)
        label, detail = self.label, self.detail
        self.label = self.detail = ""
        super().draw(surface, theme, focused, primary)
        self.label, self.detail = label, detail
        left = self.rect.left + theme.gap()
        title, small = theme.font("body", bold=True), theme.font("small")
        lines = wrap(detail, small, max(1, self.rect.width - 3 * theme.gap() - size)) if detail else []
        top = self.rect.centery - (title.get_linesize() + len(lines) * small.get_linesize()) // 2
        mark = pygame.Rect(left, top + (title.get_linesize() - size) // 2, size, size)
        self._draw_mark(surface, theme, mark)
        x = mark.right + theme.gap()
        draw_text(surface, fit(label, title, self.rect.right - theme.gap() - x), title, pal.text, (x, top))
        y = top + title.get_linesize()
        for line in lines:
            draw_text(surface, line, small, pal.muted_text, (x, y))
            y += small.get_linesize()

    def _draw_mark(self, surface: pygame.Surface, theme: Any, mark: pygame.Rect) -> None:
        ink, width = theme.palette.text, max(2, mark.width // 8)
        if self.kind == "one":
            pygame.draw.circle(surface, ink, mark.center, mark.width // 2, width)
            if self.on():
                pygame.draw.circle(surface, ink, mark.center, mark.width // 4)
            return
        pygame.draw.rect(surface, ink, mark, width)
        if self.on():
            points = [(mark.left + mark.width * 0.22, mark.top + mark.height * 0.52),
                      (mark.left + mark.width * 0.42, mark.top + mark.height * 0.74),
                      (mark.left + mark.width * 0.8, mark.top + mark.height * 0.28)]
            pygame.draw.lines(surface, ink, False, points, width + 1)


class BundleDoneScene(FramedScene):
    """What was written or brought in, with one button; pops with DONE, and the screens that led
    here close with it."""

    hint = "Enter to finish"

    def __init__(self, title: str, lines: list[str], big: str = "", label: str = "Done") -> None:
        super().__init__()
        self.title, self.lines, self.big = title, lines, big
        self.menu = FocusList([Button(label, self.finish)])

    def back(self) -> None:
        self.finish()

    def finish(self) -> None:
        self.app.stack.pop(DONE)

    def draw(self, surface: pygame.Surface) -> None:
        theme, pal = self.theme, self.theme.palette
        content = self.draw_frame(surface)
        body, large = theme.font("body"), theme.font("large", bold=True)
        button = self.menu.buttons[0]
        button_h = button.height(theme)
        bottom = content.bottom - button_h - theme.gap()
        y = content.top
        for line in self.lines:
            for part in wrap(line, body, content.width):
                if y + body.get_linesize() <= bottom:
                    draw_text(surface, part, body, pal.text, (content.left, y))
                y += body.get_linesize()
        if self.big:
            y += theme.gap(0.5)
            for part in wrap(self.big, large, content.width):
                if y + large.get_linesize() <= bottom:
                    draw_text(surface, part, large, pal.text, (content.left, y))
                y += large.get_linesize()
        width = max(button.width(theme), theme.gap(12))
        top = min(y + theme.gap(), bottom + theme.gap())
        self.menu.layout(theme, pygame.Rect(content.left, top, width, button_h))
        self.menu.draw(surface, theme, primary=0)
