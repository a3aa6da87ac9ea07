"""Before an exercise: what to do, in a few sentences and a picture, then Start.

When even the text alone does not fit (large type in a small window) it scrolls by whole lines
(``ScrollText``); Left, Right and Tab still move between the buttons.
"""

from __future__ import annotations

import pygame

from games.core.engine.exercise import Exercise
from games.core.ui.widgets import Button, FocusList, draw_text
from games.launcher.common import FramedScene
from games.launcher.played import histories, time_words
from games.launcher.scroll_text import ScrollText, hint_for, wrapped_lines


class InstructionsScene(FramedScene):
    """Shows the exercise's instructions and picture; Start begins a run."""

    hint = "Enter to start  ·  Esc to go back"

    def __init__(self, exercise: Exercise, n_trials: int | None = None) -> None:
        super().__init__()
        self.exercise, self.n_trials = exercise, n_trials
        self.title = exercise.spec.title
        self.buttons = FocusList([Button("Start", self.start), Button("Back", self.back)])
        self.view = None
        self.text = ScrollText()
        self.time_line = ""
        self._time_font: pygame.font.Font | None = None  # the time's type beside the buttons; None: in the text

    def on_enter(self) -> None:
        self.view = self.exercise.make_view(self.theme)
        self.time_line = self.about_time()

    def about_time(self) -> str:
        """About how long a run takes this client (their own runs, else the spec's); "" says nothing."""
        client = self.app.client
        played = histories(self.app.store.played_runs(client)) if client is not None else {}
        return f"It takes {time_words(self.exercise, played.get(self.exercise.id))}"

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
        self.handle_corner(event) or self.text.handle_event(event) or self.buttons.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        button_h = self.buttons.buttons[0].height(theme)
        width = max(b.width(theme) for b in self.buttons.buttons)
        buttons_w = len(self.buttons.buttons) * (width + theme.gap())
        self._time_font = self._beside_font(content.width - buttons_w)
        area = pygame.Rect(content.left, content.top, content.width, content.height - button_h - theme.gap())
        font, text_rect, picture = self._layout(area)
        shown = self.text.layout(self._paragraphs(), font, text_rect, theme.gap(0.5), theme.font("small").get_linesize())
        hint_for(self, surface, self.text.scrolls)
        self.text.draw(surface, shown, font, theme.palette.text, text_rect)
        if picture is not None:
            self.view.theme = theme
            self.view.draw_picture(surface, picture)
        for i, button in enumerate(self.buttons.buttons):
            button.rect = pygame.Rect(content.left + i * (width + theme.gap()), content.bottom - button_h, width, button_h)
        self.buttons.viewport = content
        self.buttons.draw(surface, theme, primary=0)
        self.text.draw_marks(surface, theme, content.right)
        if self._time_font is not None:
            self._draw_time(surface, (content.left + buttons_w, content.bottom - button_h // 2))

    def _beside_font(self, room: int) -> pygame.font.Font | None:
        """The type in which the time fits beside the buttons, with its clock; None when it does not."""
        for font in (self.theme.font("body"), self.theme.font("small")):
            if self.time_line and font.size(self.time_line)[0] + font.get_height() * 3 // 2 <= room:
                return font
        return None

    def _draw_time(self, surface: pygame.Surface, midleft: tuple[int, int]) -> None:
        """A small clock, then the time: a picture before the number."""
        font, ink = self._time_font, self.theme.palette.muted_text
        radius = font.get_height() // 3
        centre = (midleft[0] + radius, midleft[1])
        pygame.draw.circle(surface, ink, centre, radius, max(2, radius // 5))
        pygame.draw.line(surface, ink, centre, (centre[0], centre[1] - radius * 3 // 5), max(2, radius // 5))
        pygame.draw.line(surface, ink, centre, (centre[0] + radius // 2, centre[1]), max(2, radius // 5))
        draw_text(surface, self.time_line, font, ink, (centre[0] + radius + radius, midleft[1]), "midleft")

    def _paragraphs(self) -> list[str]:
        """The instructions; first the time when it does not fit beside the buttons."""
        time = [self.time_line] if self.time_line and self._time_font is None else []
        return time + list(self.exercise.spec.instructions)

    def _text_height(self, font: pygame.font.Font, width: int) -> int:
        return wrapped_lines(self._paragraphs(), font, width, self.theme.gap(0.5))[1]

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
