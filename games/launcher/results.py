"""After an exercise: how it went, the level reached and the client's best so far, said kindly."""

from __future__ import annotations

import pygame

from games.core.exercise import Exercise
from games.core.run import RunSummary
from games.core.widgets import Button, FocusList
from games.launcher.common import FramedScene
from games.launcher.scroll_text import ScrollText, hint_for, wrapped_lines


def result_lines(exercise: Exercise, summary: RunSummary, best: dict | None) -> list[str]:
    """The sentences the results screen shows, from the run's summary and the stored best."""
    spec = exercise.spec
    right = round((summary.accuracy or 0.0) * summary.n_trials)
    lines = [f"You got {right} of {summary.n_trials} right ({(summary.accuracy or 0.0):.0%})."]
    lines.append(f"Level reached: {summary.end_level} ({spec.level(summary.end_level).summary}).")
    lines += [f"{field.description.rstrip('.')}: {summary.measures[field.name]} {field.unit}."
              for field in spec.run_fields[:1] if summary.measures.get(field.name) is not None]
    if best is not None:
        if best["best_level"] <= summary.end_level and best["n_runs"] > 1:
            lines.append("That is your best level so far. Well done!")
        else:
            lines.append(f"Your best level so far: {best['best_level']}.")
    if not summary.completed:
        lines.append("You stopped early; everything you did is saved.")
    return lines


class ResultsScene(FramedScene):
    """Shows the results; "Play again" or "Another exercise"."""

    hint = "Enter to choose  ·  Esc for the exercise list"
    corner_label = "Exercise list"

    def __init__(self, exercise: Exercise, summary: RunSummary) -> None:
        super().__init__()
        self.exercise, self.summary = exercise, summary
        self.title = exercise.spec.title
        self.lines: list[str] = []
        self.text = ScrollText()
        self.buttons = FocusList([
            Button("Play again", lambda: self.app.stack.pop("again")),
            Button("Another exercise", self.back),
        ])

    def subtitle(self) -> str:
        return "Here is how it went."

    def on_enter(self) -> None:
        best = self.app.store.best_run(self.app.client, self.exercise.id)
        self.lines = result_lines(self.exercise, self.summary, best)
        if best is not None and best["n_runs"] > 1 and best["best_level"] <= self.summary.end_level:
            self.app.sound.play("best")  # the warm rising tune, with "That is your best level so far"

    def back(self) -> None:
        self.app.stack.pop("list")

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        self.handle_corner(event) or self.text.handle_event(event) or self.buttons.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        buttons = self._place_buttons(content)
        room = pygame.Rect(content.left, content.top, content.width, buttons.top - theme.gap() - content.top)
        gap = theme.gap(0.5)
        fonts = [theme.font(role) for role in ("large", "body", "small")]
        # the largest type in which every sentence shows above the buttons; else body type, scrolled
        font = next((f for f in fonts if wrapped_lines(self.lines, f, room.width, gap)[1] <= room.height), fonts[1])
        shown = self.text.layout(self.lines, font, room, gap, theme.font("small").get_linesize())
        hint_for(self, surface, self.text.scrolls)
        self.text.draw(surface, shown, font, theme.palette.text, room)
        self.buttons.viewport = surface.get_rect()
        self.buttons.draw(surface, theme, primary=0)
        self.text.draw_marks(surface, theme, content.right)

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
