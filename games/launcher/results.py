"""After an exercise: how it went, the level reached and the client's best so far, said kindly."""

from __future__ import annotations

import pygame

from games.core.exercise import Exercise
from games.core.run import RunSummary
from games.core.widgets import Button, FocusList, draw_text, wrap
from games.launcher.common import FramedScene


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
    """Shows the results; "Play again" or "Choose another exercise"."""

    hint = "Enter to choose  ·  Esc for the exercise list"
    corner_label = "Exercise list"

    def __init__(self, exercise: Exercise, summary: RunSummary) -> None:
        super().__init__()
        self.exercise, self.summary = exercise, summary
        self.title = exercise.spec.title
        self.lines: list[str] = []
        self.buttons = FocusList([
            Button("Play again", lambda: self.app.stack.pop("again")),
            Button("Choose another exercise", self.back),
        ])

    def subtitle(self) -> str:
        return "Here is how it went."

    def on_enter(self) -> None:
        best = self.app.store.best_run(self.app.client, self.exercise.id)
        self.lines = result_lines(self.exercise, self.summary, best)

    def back(self) -> None:
        self.app.stack.pop("list")

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        self.handle_corner(event) or self.buttons.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        theme, pal = self.theme, self.theme.palette
        content = self.draw_frame(surface)
        font = theme.font("large")
        y = content.top
        for line in self.lines:
            for part in wrap(line, font, content.width):
                draw_text(surface, part, font, pal.text, (content.left, y))
                y += font.get_linesize()
            y += theme.gap(0.5)
        button_h = self.buttons.buttons[0].height(theme)
        x = content.left
        for button in self.buttons.buttons:
            width = button.width(theme)
            button.rect = pygame.Rect(x, max(y + theme.gap(), content.bottom - button_h), width, button_h)
            x += width + theme.gap()
        self.buttons.viewport = surface.get_rect()
        self.buttons.draw(surface, theme, primary=0)
