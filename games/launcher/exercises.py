"""The exercise list, grouped by domain, with each exercise's title and one-line description."""

from __future__ import annotations

import pygame

from games.core.exercise import DOMAIN_TITLES, Exercise
from games.core.widgets import Button, FocusList, draw_text
from games.launcher.common import FramedScene
from games.launcher.sound_settings import open_sound_settings
from games.registry import by_domain


class ExerciseListScene(FramedScene):
    """Pick an exercise; Esc or "Change client" goes back to the client list."""

    title, short_title = "Choose an exercise", "Exercises"
    corner_label = "Change client"

    def __init__(self) -> None:
        super().__init__()
        self.groups = by_domain()
        self.buttons: list[Button] = []
        self.first_of_group: dict[int, str] = {}
        for domain, exercises in self.groups:
            self.first_of_group[len(self.buttons)] = DOMAIN_TITLES[domain]
            self.buttons += [Button(e.spec.title, lambda e=e: self.open(e), detail=e.spec.description) for e in exercises]
        extras = self.extra_buttons()
        if extras:
            self.first_of_group[len(self.buttons)] = "More for you"
            self.buttons += extras
        self.menu = FocusList(self.buttons)

    def extra_buttons(self) -> list[Button]:
        """What follows the exercises: the client's progress and a breathing break."""
        return [
            Button("My progress", self.open_progress, detail="Your levels, your bests and your days in a row"),
            Button("A breathing break", self.open_breathing, detail="Two calm minutes of slow breathing"),
            Button("Sound", lambda: open_sound_settings(self.app), detail="Sound on or off, louder or quieter"),
        ]

    def subtitle(self) -> str:
        return f"Playing as {self.app.client.label}"

    def back(self) -> None:
        """On a PC with a therapist PIN only the therapist changes client (a client plays as their own)."""
        from games.launcher.pin import PinScene, pin_is_set

        if pin_is_set(self.app.store):
            self.app.stack.push(PinScene("enter"))
        else:
            super().back()

    def on_result(self, result) -> None:
        from games.launcher.pin import PIN_ACCEPTED

        if result is PIN_ACCEPTED:  # the start screen opens therapist mode
            self.app.stack.pop(PIN_ACCEPTED)

    def open(self, exercise: Exercise) -> None:
        from games.launcher.instructions import InstructionsScene

        self.app.stack.push(InstructionsScene(exercise))

    def open_progress(self) -> None:
        from games.launcher.progress import ProgressScene

        self.app.stack.push(ProgressScene(self.app.client))

    def open_breathing(self) -> None:
        from games.launcher.breathing import BreathingScene

        self.app.stack.push(BreathingScene(minutes=2))

    def _heading_height(self, i: int) -> int:
        if i not in self.first_of_group:
            return 0
        return self.theme.font("large", bold=True).get_linesize() + self.theme.gap(0.5)

    def draw(self, surface: pygame.Surface) -> None:
        content = self.draw_frame(surface)
        self.menu.layout(self.theme, content, header=self._heading_height)
        self.menu.draw(surface, self.theme)
        font = self.theme.font("large", bold=True)
        for i, heading in self.first_of_group.items():
            top = self.buttons[i].rect.top - self._heading_height(i)
            if self.menu.viewport.top <= top and top + font.get_linesize() <= self.menu.viewport.bottom:
                draw_text(surface, heading, font, self.theme.palette.text, (content.left, top))
