"""What the bundle screens share: the words for the therapist and for the client, a marked button
(tick box or one-of-a-group), a file name, and the screen that says what was done."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import pygame

from games.core.ui.marks import draw_mark
from games.core.ui.widgets import Button, FocusList, draw_text, fit, wrap
from games.launcher.common import FramedScene
from scores.bundle.files import SUFFIX, count


class _Done:
    def __repr__(self) -> str:
        return "BUNDLE_DONE"


DONE: Any = _Done()  # what the summary screen pops with: the screens under it close too

THERAPIST_WRONG = "Wrong passphrase or damaged file."
CLIENT_WRONG = "Those words did not open it. Please check your note and try again."


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
    from games.launcher.therapist_exports import file_part, file_stamp

    return f"{file_part(code)}-{file_stamp(when)}"


def new_bundle_path(app: Any, folder: Path, code: str) -> Path:
    """A fresh file name for ``code``'s bundle in ``folder`` (never replacing a file, never in the
    data folder's own files). Raises ExportError."""
    from games.launcher.therapist_exports import fresh_path

    return fresh_path(Path(folder), bundle_stem(code, app.now()), SUFFIX, Path(app.store.data_dir))


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


def stick_picture(theme: Any) -> Callable[[tuple[int, int]], pygame.Surface]:
    """A USB stick with an arrow, for the client's "Send to the clinic" tile (in the theme's colours)."""

    def draw(size: tuple[int, int]) -> pygame.Surface:
        pal, (w, h) = theme.palette, size
        picture = pygame.Surface(size)
        picture.fill(pal.background)
        body = pygame.Rect(w * 0.12, h * 0.32, w * 0.5, h * 0.36)
        plug = pygame.Rect(body.right, h * 0.4, w * 0.16, h * 0.2)
        pygame.draw.rect(picture, pal.accent, body, border_radius=max(2, h // 12))
        pygame.draw.rect(picture, pal.text, plug, width=max(2, h // 24))
        tip, line_w = (w * 0.95, h * 0.5), max(2, h // 20)
        pygame.draw.line(picture, pal.text, (plug.right + w * 0.02, h * 0.5), tip, line_w)
        pygame.draw.polygon(picture, pal.text, [tip, (w * 0.87, h * 0.42), (w * 0.87, h * 0.58)])
        return picture

    return draw


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
        if self.on():  # the tick kept clear of the box's frame
            draw_mark(surface, "tick", mark.inflate(-mark.width // 5, -mark.height // 5), ink, width_px=width + 1)


class BundleDoneScene(FramedScene):
    """What was written or brought in, with one button; pops with DONE, and the screens that led
    here close with it. ``big`` (the passphrase to write down) comes first, in large type, under
    its ``big_label``."""

    hint = "Enter to finish"
    corner_label = ""  # the one button says it; Esc finishes too

    def __init__(self, title: str, lines: list[str], big: str = "", label: str = "Done", big_label: str = "",
                 short_title: str = "") -> None:
        super().__init__()
        self.title, self.lines, self.big, self.big_label = title, lines, big, big_label
        self.short_title = short_title
        self.menu = FocusList([Button(label, self.finish)])

    def back(self) -> None:
        self.finish()

    def finish(self) -> None:
        self.app.stack.pop(DONE)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        button = self.menu.buttons[0]
        width, height = max(button.width(theme), theme.gap(12)), button.height(theme)
        room = pygame.Rect(content.left, content.top, content.width, content.height - height - theme.gap())
        for role in ("body", "small"):  # the lines in smaller type rather than cut off
            blocks = self._blocks(role)
            if self._height(blocks, room.width) <= room.height:
                break
        y = content.top
        for font, colour, text in blocks:
            for part in wrap(text, font, room.width):
                draw_text(surface, part, font, colour, (content.left, y))
                y += font.get_linesize()
            y += theme.gap(0.5) if self.big and text is self.big else 0
        self.menu.layout(theme, pygame.Rect(content.left, min(y + theme.gap(), room.bottom + theme.gap()), width, height))
        self.menu.draw(surface, theme, primary=0)

    def _blocks(self, role: str) -> list[tuple[pygame.font.Font, Any, str]]:
        """(font, colour, text) of each paragraph: the label, the big words, then the lines."""
        theme, pal = self.theme, self.theme.palette
        blocks = [(theme.font("small"), pal.muted_text, self.big_label)] if self.big_label else []
        blocks += [(theme.font("large", bold=True), pal.text, self.big)] if self.big else []
        return blocks + [(theme.font(role), pal.text, line) for line in self.lines]

    def _height(self, blocks: list[tuple[pygame.font.Font, Any, str]], width: int) -> int:
        return sum(len(wrap(text, font, width)) * font.get_linesize() for font, _, text in blocks) + self.theme.gap()
