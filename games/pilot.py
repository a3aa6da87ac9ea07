"""Drive the real app headless: press keys, type, click and let time pass on a fake clock."""

from __future__ import annotations

from concurrent.futures import wait
from pathlib import Path
from typing import Any, Callable

import pygame

from games.app import App
from games.core.engine.clock import FakeClock

FRAME_MS = 16.0
WORK_LIMIT_S = 60.0  # background work (a PIN's hash) that takes longer than this is a failure
FLIP_EVERY = 25  # on the dummy video driver a flip shows nothing yet costs as much as drawing the frame


class Pilot:
    """Posts real pygame events into the app's queue and runs its loop one frame at a time."""

    def __init__(self, app: App, flip_every: int = FLIP_EVERY, draw_every: int = 1) -> None:
        if not isinstance(app.clock, FakeClock):
            raise TypeError("the pilot needs an app built with a FakeClock")
        self.app = app
        self.clock: FakeClock = app.clock
        self.wait_for_work = True  # whether each step waits for the top screen's background work
        # every turn updates and draws the whole frame (and stamps its onsets); only one turn in
        # ``flip_every`` also flips it to the window, the one part a headless test cannot see
        self.flip_every = flip_every
        # with ``draw_every`` > 1 (tests of many random events) a frame is drawn only every so
        # many turns, and always the first time a screen is on top; each turn still handles its
        # events, updates the screen and stamps its onsets
        self.draw_every = draw_every
        self._turns = 0
        self._drawn_top: object = None

    def step(self) -> None:
        """One turn of the loop; then, if the screen on top waits for work off the loop (a PIN's
        hash), wait for that work and take the turn that applies its answer."""
        self._turn()
        if self.wait_for_work:
            self.finish_work()

    def finish_work(self) -> None:
        """Wait for the top screen's background work, and the app's (asking an absent clinic database
        whether it answers), as long as there is some; no clock moves."""
        while (work := self._work()) is not None:
            if wait([work], timeout=WORK_LIMIT_S).not_done:
                raise TimeoutError(f"background work still running after {WORK_LIMIT_S} s")
            self._turn()

    def _work(self) -> Any:
        top = self.app.stack.top
        if top is None:
            return None
        return top.background_work() or self.app.background_work()

    def _turn(self) -> None:
        app = self.app
        app.flips_frames = self._turns % self.flip_every == 0
        app.draws_frames = self._turns % self.draw_every == 0
        self._turns += 1
        try:
            app.step(max_wait_ms=0)
            if app.draws_frames:
                self._drawn_top = app.stack.top
            elif app.stack.top is not None and app.stack.top is not self._drawn_top:
                app.draws_frames = True  # a screen new on top is drawn before any event reaches it
                app.draw_frame()
                self._drawn_top = app.stack.top
        finally:
            app.flips_frames = app.draws_frames = True  # the app's own steps, outside the pilot, as always

    def press(self, key: int, mod: int = 0) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
        self.step()

    def type(self, text: str) -> None:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
        self.step()

    def choose(self, menu: Any, label: str) -> None:
        """Move the keyboard focus of ``menu`` (a FocusList) down onto ``label`` and press Enter."""
        index = [b.label for b in menu.buttons].index(label)
        while menu.focus != index:
            self.press(pygame.K_DOWN)
        self.press(pygame.K_RETURN)

    def click(self, pos: tuple[int, int]) -> None:
        for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            extra = {"rel": (0, 0), "buttons": (0, 0, 0)} if kind == pygame.MOUSEMOTION else {"button": 1}
            pygame.event.post(pygame.event.Event(kind, pos=pos, **extra))
        self.step()

    def wait(self, ms: float, frame_ms: float = FRAME_MS) -> None:
        """Let ``ms`` pass, drawing a frame every ``frame_ms`` as the real loop would."""
        end = self.clock.now_ms() + ms
        while self.clock.now_ms() < end:
            self.clock.advance(min(frame_ms, end - self.clock.now_ms()))
            self.step()

    def wait_until(self, condition: Callable[[], bool], limit_ms: float = 60_000, frame_ms: float = FRAME_MS) -> None:
        """Let time pass frame by frame until ``condition()`` holds; fail after ``limit_ms``."""
        end = self.clock.now_ms() + limit_ms
        while not condition():
            if self.clock.now_ms() >= end:
                raise TimeoutError(f"still waiting after {limit_ms} ms")
            self.clock.advance(frame_ms)
            self.step()

    def play(
        self, player: Any, device: str = "keys", frame_ms: float = FRAME_MS, limit_ms: float = 3_600_000,
        until: Callable[[], bool] | None = None,
    ) -> None:
        """Let a simulated player play the exercise on top through real key presses or clicks.

        Each action the player chooses becomes the event the view maps back to it
        (``view.key_for`` or ``view.click_for``), posted when it is due; returns when the
        exercise scene has left the top of the stack, or when ``until()`` holds.
        """
        scene = self.app.stack.top
        end = self.clock.now_ms() + limit_ms
        while self.app.stack.top is scene and self.clock.now_ms() < end and not (until and until()):
            run_now = scene.run_ms(self.clock.now_ms())
            planned = scene.run.planned_action(player, run_now)
            if planned is not None and planned[0] <= run_now:
                self._act(scene, planned[1], device)
                continue
            # skip the frames in which nothing happens: on to the next frame the scene asks for,
            # or the player's next action, at most ``frame_ms`` ahead
            now = self.clock.now_ms()
            wake = [now + frame_ms, scene.next_frame_ms(now)]
            if planned is not None:
                wake.append(now + planned[0] - run_now)
            self.clock.set(max(now + 0.1, min(t for t in wake if t is not None)))
            self.step()

    def _act(self, scene: Any, action: Any, device: str) -> None:
        if device == "keys":
            key = scene.view.key_for(action, scene.run.logic)
            if key is None:
                raise ValueError(f"no key gives {action!r}")
            self.press(key)
        else:
            pos = scene.view.click_for(action, scene.run.logic)
            if pos is None:
                raise ValueError(f"no click gives {action!r}")
            self.click(pos)

    def screenshot(self, path: Path) -> None:
        self.app.draw_frame()
        pygame.image.save(self.app.screen, str(path))
