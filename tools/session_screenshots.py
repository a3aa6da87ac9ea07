"""Screenshots of a planned session: ``python tools/session_screenshots.py [--out DIR]``.

Plays the ready "Mixed 15 minutes" plan headless on a fake clock, with simulated players pressing
real keys, and saves a moment of each kind of item, the pause menu and both summaries, at font
scale 1.0 and 1.5 (default folder docs/screenshots/session).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pygame  # noqa: E402

from games.app import App  # noqa: E402
from games.core.engine.clock import FakeClock  # noqa: E402
from games.core.ui.theme import Theme  # noqa: E402
from games.launcher.session import SessionScene  # noqa: E402
from games.pilot import Pilot  # noqa: E402
from games.registry import all_plans  # noqa: E402
from scores.store.store import Store  # noqa: E402


def play_until(pilot: Pilot, scene: SessionScene, until) -> None:
    """Simulated players answer through real keys until ``until()`` holds."""
    while not until():
        if pilot.app.stack.top is not scene:  # the next exercise's instructions: start it
            pilot.press(pygame.K_RETURN)
            continue
        run = scene.runner.run
        if run is None:
            pilot.wait(500)
            continue
        player = run.exercise.make_player(0.75, random.Random(run.seed))
        pilot.play(player, device="keys", frame_ms=100.0, until=lambda: until() or scene.runner.run is not run)


def take(out: Path, scale: float) -> None:
    suffix = f"@{scale:.1f}"
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        client = store.add_client("C-0001", "Alex")
        plan = next(p for p in all_plans(store) if p.name == "Mixed 15 minutes")
        app = App(store, theme=Theme.create(scale), clock=FakeClock(1000.0))
        pilot = Pilot(app)
        scene = SessionScene(plan, client, seed=3)
        app.stack.push(scene)
        pilot.step()
        shot = lambda name: pilot.screenshot(out / f"{name}{suffix}.png")  # noqa: E731
        for key in (pygame.K_3, pygame.K_4):
            pilot.press(key)
        shot("session-1-mood-check")
        pilot.press(pygame.K_3)
        pilot.press(pygame.K_RETURN)
        shot("session-2-next-exercise")
        pilot.press(pygame.K_RETURN)
        play_until(pilot, scene, lambda: scene.runner.run is not None and not scene.runner.run.practice
                   and scene.runner.item_elapsed_ms(pilot.clock.now_ms()) > 75_000)
        shot("session-3-exercise-with-countdown")
        pilot.press(pygame.K_ESCAPE)
        shot("session-4-paused")
        pilot.press(pygame.K_RETURN)
        play_until(pilot, scene, lambda: scene.runner.state.item.kind == "breathing")
        pilot.wait(2_500)
        shot("session-5-breathing-break")
        play_until(pilot, scene, lambda: scene.runner.state is None or scene.runner.state.item.kind == "mood"
                   and scene.runner.state.position > 1)
        for key in (pygame.K_4, pygame.K_4, pygame.K_5, pygame.K_RETURN):
            pilot.press(key)
        shot("session-6-client-summary")
        pilot.press(pygame.K_RIGHT)
        pilot.press(pygame.K_RETURN)
        shot("session-7-therapist-summary")
        app.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots/session"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for scale in (1.0, 1.5):
        take(args.out, scale)
    print(f"Saved to {args.out}")


if __name__ == "__main__":
    main()
