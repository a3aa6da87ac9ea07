"""The exercises as picture tiles: suggested today, then by domain; "My progress" and a breathing break on top.

Each tile shows the exercise's instructions picture, its name, about how long a run takes, when
this client last played it and their level.
"""

from __future__ import annotations

from datetime import date

import pygame

from games.core.engine.exercise import Exercise
from games.core.ui.theme import Theme
from games.core.ui.widgets import Button
from games.launcher.common import FramedScene
from games.launcher.played import History, histories, latest_plan, level_words, played_words, suggested_today, \
    time_words
from games.launcher.sound_settings import open_sound_settings
from games.launcher.tiles import PICTURE_SIZE, Tile, TileGrid
from games.registry import EXERCISES, all_plans, by_domain
from scores.domains import DOMAIN_TITLES


class ExercisePictures:
    """Each exercise's instructions picture, drawn once at scale 1 in the theme's colours, then shrunk."""

    def __init__(self, theme: Theme) -> None:
        self.theme = Theme(palette=theme.palette)
        self._drawn: dict[str, pygame.Surface] = {}
        self._sized: dict[tuple[str, tuple[int, int]], pygame.Surface] = {}

    def picture(self, exercise: Exercise, size: tuple[int, int]) -> pygame.Surface:
        if exercise.id not in self._drawn:
            full = pygame.Surface(PICTURE_SIZE)
            full.fill(self.theme.palette.background)
            exercise.make_view(self.theme).draw_picture(full, full.get_rect())
            self._drawn[exercise.id] = full
        if (exercise.id, size) not in self._sized:
            self._sized[(exercise.id, size)] = pygame.transform.smoothscale(self._drawn[exercise.id], size)
        return self._sized[(exercise.id, size)]


class ExerciseListScene(FramedScene):
    """Pick an exercise; Esc or "Change client" goes back to the client list."""

    title, short_title = "Choose an exercise", "Exercises"
    corner_label = "Change client"
    hint = "Arrow keys to choose  ·  Enter to open  ·  Esc to go back"
    for_client = True  # the client's own words and a "Suggested today" row (the plan editor's chooser has none)

    def __init__(self) -> None:
        super().__init__()
        self.pictures: ExercisePictures | None = None
        self.menu: TileGrid | None = None  # type: ignore[assignment]
        self.home_note = ""  # when the client's plan for home is next, if they have one

    def on_enter(self) -> None:
        self.refresh()

    def on_result(self, result) -> None:
        from games.launcher.pin import PIN_ACCEPTED

        if result is PIN_ACCEPTED:  # the start screen opens therapist mode
            self.app.stack.pop(PIN_ACCEPTED)
        else:
            self.refresh()  # a run just played changes its tile (played today, level, time)

    def refresh(self) -> None:
        """Build the tiles from the store, keeping the focus where it was."""
        from games.launcher.todays_plan import next_plan_words

        client, today = self.app.client if self.for_client else None, self.app.today()
        played = histories(self.app.store.played_runs(client)) if client is not None else None
        self.home_note = next_plan_words(self.app, client) if client is not None else ""
        sections = [(DOMAIN_TITLES[d], [self.tile(e, played, today) for e in group]) for d, group in by_domain()]
        if client is not None:
            plan = latest_plan(self.app.store, client, all_plans(self.app.store))
            picks = suggested_today(EXERCISES, played, plan, today)
            sections.insert(0, ("Suggested today", [self.tile(e, played, today) for e in picks]))
            sections += self.home_sections()
        fixed = self.extra_buttons()
        focus = self.menu.focus if self.menu is not None else len(fixed)
        self.menu = TileGrid(fixed, sections, focus)

    def tile(self, exercise: Exercise, played: dict[str, History] | None, today: date) -> Tile:
        """A tile opening ``exercise``: its time; then for a client (``played`` given) when they last
        played it and their level, else its range of levels."""
        history = (played or {}).get(exercise.id)
        parts = [time_words(exercise, history).capitalize()]
        if played is None:
            parts.append(f"Levels {exercise.spec.min_level} to {exercise.spec.max_level}")
        else:
            parts += [played_words(history.last_played if history else None, today), level_words(exercise, history)]
        return Tile(exercise.spec.title, lambda: self.open(exercise), key=exercise.id, parts=tuple(parts),
                    picture=lambda size: self._pictures().picture(exercise, size))

    def home_sections(self) -> list[tuple[str, list[Tile]]]:
        """On a home PC (no therapist PIN), last: sending the practice to the clinic."""
        from games.launcher.pin import pin_is_set

        if pin_is_set(self.app.store):
            return []
        from games.launcher.bundle_common import stick_picture

        send = Tile("Send to the clinic", self.send_practice, key="send-practice", parts=("On a USB stick",),
                    picture=stick_picture(self.theme))
        return [("For your next visit", [send])]

    def send_practice(self) -> None:
        from games.launcher.bundle_export import send_practice

        send_practice(self.app, self.app.client)

    def _pictures(self) -> ExercisePictures:
        if self.pictures is None or self.pictures.theme.palette != self.theme.palette:
            self.pictures = ExercisePictures(self.theme)
        return self.pictures

    def extra_buttons(self) -> list[Button]:
        """Above the tiles, never scrolled away: the client's progress, a breathing break and the sound."""
        return [Button("My progress", self.open_progress), Button("A breathing break", self.open_breathing),
                Button("Sound", lambda: open_sound_settings(self.app))]

    def subtitle(self) -> str:
        return f"Playing as {self.app.client.label}" + (f"  ·  {self.home_note}" if self.home_note else "")

    def back(self) -> None:
        """On a PC with a therapist PIN only the therapist changes client (a client plays as their own)."""
        from games.launcher.pin import pin_is_set
        from games.launcher.therapists import open_therapist_entry

        if pin_is_set(self.app.store):
            open_therapist_entry(self.app)
        else:
            super().back()

    def open(self, exercise: Exercise) -> None:
        from games.launcher.instructions import InstructionsScene

        self.app.stack.push(InstructionsScene(exercise))

    def open_progress(self) -> None:
        from games.launcher.progress import ProgressScene

        self.app.stack.push(ProgressScene(self.app.client))

    def open_breathing(self) -> None:
        from games.launcher.breathing import BreathingScene

        self.app.stack.push(BreathingScene(minutes=2))

    def draw(self, surface: pygame.Surface) -> None:
        content = self.draw_frame(surface)
        self.menu.layout(self.theme, content)
        self.menu.draw(surface, self.theme)
