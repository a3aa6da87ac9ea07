"""Before an exercise: what to do, in a few sentences and a picture, then Start.

When even the text alone does not fit (large type in a small window) it scrolls: Up and Down,
Page Up and Page Down, the mouse wheel or a click on "more below"; Left, Right and Tab still move
between the buttons.
"""

from __future__ import annotations

import pygame

from games.core.exercise import Exercise
from games.core.widgets import Button, FocusList, draw_more_marks, draw_text, wrap
from games.launcher.common import FramedScene

READ_ON = "Up and Down to read more  ·  "  # put before the hint while the text scrolls


class InstructionsScene(FramedScene):
    """Shows the exercise's instructions and picture; Start begins a run."""

    hint = "Enter to start  ·  Esc to go back"

    def __init__(self, exercise: Exercise, n_trials: int | None = None) -> None:
        super().__init__()
        self.exercise, self.n_trials = exercise, n_trials
        self.title = exercise.spec.title
        self.buttons = FocusList([Button("Start", self.start), Button("Back", self.back)])
        self.view = None
        self.top_line, self.last_top_line, self.page_lines = 0, 0, 1  # the text's scroll, in whole lines
        self.more_marks: dict[int, tuple[pygame.Rect, pygame.Rect]] = {}

    def on_enter(self) -> None:
        self.view = self.exercise.make_view(self.theme)

    def start(self) -> None:
        from games.launcher.play import ExerciseScene

        first_time = not self.app.store.has_met(self.app.client, self.exercise.id)
        self.app.stack.push(ExerciseScene(self.exercise, n_trials=self.n_trials, practice=first_time))

    def on_result(self, result) -> None:
        if result == "list":  # the results screen asked to go back to the exercise list
            self.app.stack.pop()
        elif result == "again":
            self.start()

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if self.handle_corner(event) or (self.last_top_line and self._scroll_event(event)):
            return
        self.buttons.handle_event(event)

    def _scroll_event(self, event: pygame.event.Event) -> bool:
        """Up, Down, Page Up, Page Down, the wheel and the "more" marks move the text; True when used."""
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

    def scroll_by(self, lines: int) -> None:
        self.top_line = min(max(self.top_line + lines, 0), self.last_top_line)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        button_h = self.buttons.buttons[0].height(theme)
        area = pygame.Rect(content.left, content.top, content.width, content.height - button_h - theme.gap())
        font, text_rect, picture = self._layout(area)
        self._draw_text(surface, font, text_rect)
        if picture is not None:
            self.view.draw_picture(surface, picture)
        width = max(b.width(theme) for b in self.buttons.buttons)
        for i, button in enumerate(self.buttons.buttons):
            button.rect = pygame.Rect(content.left + i * (width + theme.gap()), content.bottom - button_h, width, button_h)
        self.buttons.viewport = content
        self.buttons.draw(surface, theme, primary=0)
        self.more_marks = draw_more_marks(surface, theme, content.right, content.bottom - button_h // 2,
                                          above=self.top_line > 0, below=self.top_line < self.last_top_line)

    def _draw_text(self, surface: pygame.Surface, font: pygame.font.Font, rect: pygame.Rect) -> None:
        """The lines that fit whole in ``rect`` from the scrolled-to line on; the hint tells of
        Up and Down while the text does not fit."""
        lines, height = self._lines(font, rect.width)
        # the first line from which the rest fits: 0 when all of it does
        last_top = next((i for i, (y, _) in enumerate(lines) if height - y <= rect.height), max(len(lines) - 1, 0))
        if bool(last_top) != bool(self.last_top_line):  # the hint changes: the frame is drawn again
            self.hint = READ_ON + type(self).hint if last_top else type(self).hint
            surface.fill(self.theme.palette.background)
            self.draw_frame(surface)
        self.last_top_line = last_top
        self.scroll_by(0)
        top = lines[self.top_line][0] if lines else 0
        shown = [(y - top, line) for y, line in lines[self.top_line:] if y - top + font.get_linesize() <= rect.height]
        self.page_lines = max(1, len(shown) - 1)
        for y, line in shown:
            draw_text(surface, line, font, self.theme.palette.text, (rect.left, rect.top + y))

    def _paragraphs(self) -> list[str]:
        return list(self.exercise.spec.instructions)

    def _lines(self, font: pygame.font.Font, width: int) -> tuple[list[tuple[int, str]], int]:
        """Each wrapped line with its y from the text's top, and the text's whole height."""
        y, lines, gap = 0, [], self.theme.gap(0.5)
        for paragraph in self._paragraphs():
            for line in wrap(paragraph, font, width):
                lines.append((y, line))
                y += font.get_linesize()
            y += gap
        return lines, max(0, y - gap)

    def _text_height(self, font: pygame.font.Font, width: int) -> int:
        return self._lines(font, width)[1]

    def _layout(self, area: pygame.Rect) -> tuple[pygame.font.Font, pygame.Rect, pygame.Rect | None]:
        """The first that fits: text beside the picture, then the picture under the text, then the
        text alone, each in body then small type; with none fitting, the text alone in body type,
        scrolled."""
        theme = self.theme
        fonts = (theme.font("body"), theme.font("small"))
        text_w = int(area.width * 0.6)
        picture_w = area.width - text_w - theme.gap(2)
        for font in fonts:
            if picture_w >= 260 and self._text_height(font, text_w) <= area.height:
                picture = pygame.Rect(area.right - picture_w, area.top, picture_w, min(area.height, int(picture_w * 0.8)))
                return font, pygame.Rect(area.left, area.top, text_w, area.height), picture
        for font in fonts:
            text_h = self._text_height(font, area.width)
            room = area.height - text_h - theme.gap()
            if room >= 160:
                picture = pygame.Rect(area.left, area.top + text_h + theme.gap(), min(area.width, int(room * 1.25)), room)
                return font, pygame.Rect(area.left, area.top, area.width, text_h), picture
        fitting = [font for font in fonts if self._text_height(font, area.width) <= area.height]
        return (fitting or fonts)[0], area, None
