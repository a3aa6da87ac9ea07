"""After an exercise: a picture of the run first, then a sentence or two, said kindly.

"Level" and "best" are ``scores.analysis.levels``'s: the level a run ended at, and the highest of those
over the finished scored runs.
"""

from __future__ import annotations

import logging

import pygame

from games.core.engine.exercise import Exercise
from games.core.engine.run import RunSummary
from games.core.ui.theme import Theme
from games.core.ui.widgets import Button, FocusList
from games.launcher.common import FramedScene
from games.launcher.progress_words import plural
from games.launcher.results_picture import ResultsPicture
from games.launcher.scroll_text import ScrollText, hint_for, wrapped_lines
from scores.analysis.levels import RunLevels, newest_run
from scores.analysis.progress import days_in_a_row
from scores.store.database import StoreError

log = logging.getLogger(__name__)

PICTURE_LINES = (3, 5.5, 11)  # the picture's smallest, least and most height, in lines of its small type
PICTURE_SHRINK = 0.65  # the picture's words may be this much smaller than the screen's, never below scale 1


def best_words(level: int, best_before: int | None) -> str:
    """What follows "level N" on every client screen: how it stands against the best before it."""
    if best_before is None:
        return ". That is your best so far."
    if level > best_before:
        return ", a new best!"
    if level == best_before:
        return ", as high as your best."
    return f". Your best: level {best_before}."


def level_sentence(summary: RunSummary, levels: RunLevels | None) -> str:
    """The run's level and the client's best, in one sentence that never contradicts the picture."""
    level = summary.end_level
    if not summary.completed:  # a run stopped early is never a best
        best = levels.best if levels is not None else None
        start = f"You stopped at level {level}, and everything you did is saved."
        return start + (f" Your best: level {best}." if best is not None else "")
    if levels is None:
        return f"You ended at level {level}."
    return f"You ended at level {level}{best_words(level, levels.best_before)}"


def _most_in_a_row(right: tuple[bool, ...]) -> int:
    most = run = 0
    for is_right in right:
        run = run + 1 if is_right else 0
        most = max(most, run)
    return most


def kind_sentence(summary: RunSummary, levels: RunLevels | None, streak_days: int) -> str:
    """Something that went well, and is true: a climb, days in a row, answers in a row, effort."""
    right = levels.right if levels is not None else ()
    climbed = summary.end_level - summary.start_level
    if climbed > 0:
        return f"You moved up {plural(climbed, 'level')} while you played."
    if streak_days >= 2:
        return f"You have practised {streak_days} days in a row. Well done!"
    if _most_in_a_row(right) >= 3:
        return f"You got {_most_in_a_row(right)} right in a row."
    if summary.completed:
        return "You kept going right to the end. Well done!"
    if any(right):
        return f"You got {sum(right)} right."
    return "You gave it a go, and every go helps."


def result_lines(summary: RunSummary, levels: RunLevels | None, streak_days: int = 0) -> list[str]:
    """The sentences under the picture: a new best first; else what went well comes first, so that
    it shows even when large type leaves room for one sentence only."""
    lines = [level_sentence(summary, levels), kind_sentence(summary, levels, streak_days)]
    return lines if levels is not None and levels.new_best else lines[::-1]


class ResultsScene(FramedScene):
    """Shows the results; "Play again" or "Another exercise"."""

    hint = "Enter to choose  ·  Esc for the exercise list"
    corner_label = "Exercise list"

    def __init__(self, exercise: Exercise, summary: RunSummary) -> None:
        super().__init__()
        self.exercise, self.summary = exercise, summary
        self.title = exercise.spec.title
        self.lines: list[str] = []
        self.levels: RunLevels | None = None
        self.drawn_texts: list[tuple[str, pygame.Rect]] = []  # the picture's words, for checks
        self.text = ScrollText()
        self.buttons = FocusList([
            Button("Play again", lambda: self.app.stack.pop("again")),
            Button("Another exercise", self.back),
        ])

    def on_enter(self) -> None:
        try:
            self.levels = newest_run(self.app.store, self.app.client, self.exercise.id)
            streak = days_in_a_row(self.app.store, self.app.client, self.levels.day) if self.levels else 0
        except StoreError as err:  # a clinic's database away: the run alone, as the band explains
            log.info("results without the client's history: %s", err)
            self.levels, streak = None, 0
        self.lines = result_lines(self.summary, self.levels, streak)
        if self.levels is not None and self.levels.new_best:
            self.app.sound.play("best")  # the warm rising tune, with "a new best!"

    def back(self) -> None:
        self.app.stack.pop("list")

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        self.handle_corner(event) or self.text.handle_event(event) or self.buttons.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        buttons = self._place_buttons(content)
        room = pygame.Rect(content.left, content.top, content.width, buttons.top - theme.gap() - content.top)
        font, picture = self._layout(room)
        text_room = pygame.Rect(room.left, picture.bottom + theme.gap(), room.width,
                                max(1, room.bottom - picture.bottom - theme.gap()))
        shown = self.text.layout(self.lines, font, text_room, theme.gap(0.5), theme.font("small").get_linesize())
        hint_for(self, surface, self.text.scrolls)  # may draw the frame anew: the picture comes after
        self._draw_picture(surface, picture, self._picture_theme())
        self.text.draw(surface, shown, font, theme.palette.text, text_room)
        self.buttons.viewport = surface.get_rect()
        self.buttons.draw(surface, theme, primary=0)
        self.text.draw_marks(surface, theme, content.right)

    def _picture_theme(self) -> Theme:
        return self.theme.with_scale(max(1.0, self.theme.font_scale * PICTURE_SHRINK))

    def _layout(self, room: pygame.Rect) -> tuple[pygame.font.Font, pygame.Rect]:
        """The sentences' type and the picture's rectangle: every sentence in the largest type that
        leaves the picture its least height; else body type, the picture smaller (down to its
        smallest) so that the first sentence still shows, the rest scrolled."""
        theme, gap = self.theme, self.theme.gap(0.5)
        line = self._picture_theme().font("small").get_linesize()
        smallest, least, most = (round(n * line) for n in PICTURE_LINES)
        for role in ("large", "body"):
            font = theme.font(role)
            need = wrapped_lines(self.lines, font, room.width, gap)[1]
            if room.height - need - theme.gap() >= least:
                break
        else:  # the first sentence and the "more below" line
            need = wrapped_lines(self.lines[:1], font, room.width, gap)[1] + theme.font("small").get_linesize()
        height = max(smallest, min(most, room.height - need - theme.gap()))
        return font, pygame.Rect(room.left, room.top, room.width, min(height, room.height))

    def _draw_picture(self, surface: pygame.Surface, rect: pygame.Rect, theme: Theme) -> None:
        levels, summary = self.levels, self.summary
        path = levels.trial_levels if levels is not None and levels.trial_levels else (summary.start_level,)
        earlier = levels.earlier if levels is not None else ()
        new_best = levels is not None and levels.new_best
        self.drawn_texts = ResultsPicture(surface, theme).draw(rect, path, earlier, summary.end_level, new_best)

    def _place_buttons(self, content: pygame.Rect) -> pygame.Rect:
        """The buttons side by side at the bottom, or one above the other when the row is too
        wide (large type); returns the rectangle they take."""
        theme, buttons = self.theme, self.buttons.buttons
        height, gap = buttons[0].height(theme), theme.gap()
        widths = [b.width(theme) for b in buttons]
        in_row = sum(widths) + gap * (len(buttons) - 1) <= content.width
        x, y = content.left, content.bottom - (height if in_row else len(buttons) * (height + gap) - gap)
        top = y
        for button, width in zip(buttons, widths):
            button.rect = pygame.Rect(x, y, min(width, content.width), height)
            x, y = (x + width + gap, y) if in_row else (x, y + height + gap)
        return pygame.Rect(content.left, top, content.width, content.bottom - top)
