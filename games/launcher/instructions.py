"""Before an exercise: what to do, in a few sentences and a picture, then Start."""

from __future__ import annotations

import pygame

from games.core.exercise import Exercise
from games.core.widgets import Button, FocusList, draw_paragraphs
from games.launcher.common import FramedScene


class InstructionsScene(FramedScene):
    """Shows the exercise's instructions and picture; Start begins a run."""

    hint = "Enter to start  ·  Esc to go back"

    def __init__(self, exercise: Exercise, n_trials: int | None = None) -> None:
        super().__init__()
        self.exercise, self.n_trials = exercise, n_trials
        self.title = exercise.spec.title
        self.buttons = FocusList([Button("Start", self.start), Button("Back", self.back)])
        self.view = None

    def on_enter(self) -> None:
        self.view = self.exercise.make_view(self.theme)

    def subtitle(self) -> str:
        return self.exercise.spec.description

    def start(self) -> None:
        from games.launcher.play import ExerciseScene

        self.app.stack.push(ExerciseScene(self.exercise, n_trials=self.n_trials))

    def on_result(self, result) -> None:
        if result == "list":  # the results screen asked to go back to the exercise list
            self.app.stack.pop()
        elif result == "again":
            self.start()

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.buttons.focus = 1 - self.buttons.focus
        else:
            self.handle_corner(event) or self.buttons.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        button_h = self.buttons.buttons[0].height(theme)
        text_area = content.copy()
        text_area.height -= button_h + theme.gap()
        wide = content.width >= theme.gap(50)
        if wide:
            text_area.width = int(content.width * 0.55)
            picture = pygame.Rect(text_area.right + theme.gap(2), text_area.top, content.right - text_area.right - theme.gap(2), 0)
            picture.height = min(text_area.height, int(picture.width * 0.8))
            self.view.draw_picture(surface, picture)
        draw_paragraphs(surface, list(self.exercise.spec.instructions), theme.font("body"), theme.palette.text, text_area, gap=theme.gap(0.5))
        width = theme.gap(12)
        for i, button in enumerate(self.buttons.buttons):
            button.rect = pygame.Rect(content.left + i * (width + theme.gap()), content.bottom - button_h, width, button_h)
        self.buttons.viewport = content
        self.buttons.draw(surface, theme, primary=0)
