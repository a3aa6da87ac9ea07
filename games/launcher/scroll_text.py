"""Paragraphs that scroll by whole lines when large type does not fit: Up and Down, Page Up and
Page Down, the mouse wheel, or a click on "more below" / "more above"."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.ui.widgets import draw_more_marks, draw_text, wrap

READ_ON = "Down to read on  ·  "  # put before a screen's hint while its text scrolls


def wrapped_lines(paragraphs: list[str], font: pygame.font.Font, width: int, gap: int) -> tuple[list[tuple[int, str]], int]:
    """Each wrapped line with its y from the text's top, and the text's whole height."""
    y, lines = 0, []
    for paragraph in paragraphs:
        for line in wrap(paragraph, font, width):
            lines.append((y, line))
            y += font.get_linesize()
        y += gap
    return lines, max(0, y - gap)


class ScrollText:
    """Draws paragraphs from the scrolled-to line on, only lines that fit whole."""

    def __init__(self) -> None:
        self.top_line, self.last_top_line, self.page_lines, self.marks_y = 0, 0, 1, 0
        self.more_marks: dict[int, tuple[pygame.Rect, pygame.Rect]] = {}

    @property
    def scrolls(self) -> bool:
        return self.last_top_line > 0

    def layout(self, paragraphs: list[str], font: pygame.font.Font, rect: pygame.Rect, gap: int,
               marks_h: int) -> list[tuple[int, str]]:
        """Work out the scroll range for ``rect``, keeping its last ``marks_h`` pixels for the
        "more" marks when the text scrolls; returns the lines to draw, y from ``rect``'s top."""
        lines, height = wrapped_lines(paragraphs, font, rect.width, gap)
        room = rect.height if height <= rect.height else rect.height - marks_h
        self.marks_y = rect.top + room + marks_h // 2
        # the first line from which the rest fits: 0 when all of it does
        self.last_top_line = next((i for i, (y, _) in enumerate(lines) if height - y <= room), max(len(lines) - 1, 0))
        self.scroll_by(0)
        top = lines[self.top_line][0] if lines else 0
        shown = [(y - top, line) for y, line in lines[self.top_line:] if y - top + font.get_linesize() <= room]
        self.page_lines = max(1, len(shown) - 1)
        return shown

    def draw(self, surface: pygame.Surface, shown: list[tuple[int, str]], font: pygame.font.Font, colour,
             rect: pygame.Rect) -> None:
        for y, line in shown:
            draw_text(surface, line, font, colour, (rect.left, rect.top + y))

    def draw_marks(self, surface: pygame.Surface, theme: Any, right: int) -> None:
        """"more above" and "more below" at ``right``, on the line kept for them under the text."""
        self.more_marks = draw_more_marks(surface, theme, right, self.marks_y, above=self.top_line > 0,
                                          below=self.top_line < self.last_top_line)

    def scroll_by(self, lines: int) -> None:
        self.top_line = min(max(self.top_line + lines, 0), self.last_top_line)

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Up, Down, Page Up, Page Down, the wheel and the marks move the text; True when used
        (never while everything fits, so the arrows are the screen's again)."""
        if not self.scrolls:
            return False
        steps = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -self.page_lines, pygame.K_PAGEDOWN: self.page_lines}
        if event.type == pygame.KEYDOWN and event.key in steps:
            self.scroll_by(steps[event.key])
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            hit = [step for step, (_, target) in self.more_marks.items() if target.collidepoint(event.pos)]
            if not hit:
                return False
            self.scroll_by(hit[0] * self.page_lines)
        else:
            return False
        return True


def hint_for(scene: Any, surface: pygame.Surface, scrolls: bool) -> None:
    """Put READ_ON before ``scene``'s own hint while its text scrolls; when the hint changes, the
    frame (drawn already this frame) is drawn again with it."""
    hint = READ_ON + type(scene).hint if scrolls else type(scene).hint
    if hint != scene.hint:
        scene.hint = hint
        surface.fill(scene.theme.palette.background)
        scene.draw_frame(surface)
