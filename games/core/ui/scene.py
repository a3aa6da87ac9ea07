"""Scenes and the scene stack: push a screen, pop it with a result handed to the screen below."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from games.app import App


class Scene:
    """One screen. Subclasses override what they need; the defaults do nothing."""

    app: "App"
    key_repeat = True  # whether a held key repeats while this scene is on top

    def on_enter(self) -> None:
        """Called once when pushed, after ``app`` is set."""

    def on_result(self, result: Any) -> None:
        """Called when the scene above was popped with ``result``."""

    def on_quit(self, now_ms: float) -> None:
        """Called when the program closes while this scene is on the stack: save what needs saving."""

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        """An input event, stamped with the clock when it was dequeued."""

    def on_hold(self, now_ms: float) -> None:
        """A screen came over this one unasked (saving failed): stop the timers until the next
        ``on_result``, which is when this screen is back on top."""

    def on_wake(self, slept_s: float, on_top: bool) -> None:
        """The computer slept for about ``slept_s`` seconds while this scene was on the stack (on
        top, or under others); the app's clock, which times everything, stood still meanwhile."""

    def update(self, now_ms: float) -> None:
        """Time passed; called once before every frame."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the whole screen from the scene's state; change nothing."""

    def after_flip(self, t_ms: float) -> None:
        """The frame just drawn is on screen since ``t_ms`` (stimulus onsets are stamped here)."""

    def next_frame_ms(self, now_ms: float) -> float | None:
        """When the scene must be drawn again by itself; None means only after input."""
        return None

    def background_work(self) -> Future | None:
        """Work under way off the loop whose answer the scene waits for (the pilot waits too)."""
        return None


class SceneStack:
    """Screens stacked on top of each other; only the top one gets input and is drawn."""

    def __init__(self, app: "App") -> None:
        self._app = app
        self._scenes: list[Scene] = []

    def __len__(self) -> int:
        return len(self._scenes)

    def __iter__(self):
        return iter(list(self._scenes))

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    def push(self, scene: Scene) -> None:
        """Put ``scene`` on top; one whose ``on_enter`` fails (its store could not be read) is taken
        off again, so no half-made screen is ever shown."""
        scene.app = self._app
        self._scenes.append(scene)
        try:
            scene.on_enter()
        except BaseException:
            if self._scenes and self._scenes[-1] is scene:
                self._scenes.pop()
            raise

    def pop(self, result: Any = None) -> Scene:
        scene = self._scenes.pop()
        if self._scenes:
            self._scenes[-1].on_result(result)
        return scene

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for ``scene`` without telling the one below."""
        self._scenes.pop()
        self.push(scene)
