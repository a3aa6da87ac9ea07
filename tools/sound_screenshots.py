"""Take the sound screenshots headless: ``python tools/sound_screenshots.py [--out DIR]``.

Drives the real launcher with posted keys on a fake clock in a throw-away store and saves the
sound screen (on, and off) and the exercise list with its "Sound" button in focus, at font scale
1.0 and 2.0 and in high contrast, and therapist home with its "Sound" button at 1.0.
"""

from __future__ import annotations

import argparse
import os
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
from games.launcher.exercises import ExerciseListScene  # noqa: E402
from games.launcher.therapist import TherapistHomeScene  # noqa: E402
from games.pilot import Pilot  # noqa: E402
from scores.store.store import Store  # noqa: E402

THEMES = (("@1.0", Theme.create(1.0)), ("@2.0", Theme.create(2.0)),
          ("@1.0-high-contrast", Theme.create(1.0, high_contrast=True)))


def shoot(out: Path, data: Path, suffix: str, theme: Theme) -> None:
    with Store.open(data) as store:
        app = App(store, theme=theme, clock=FakeClock(1000.0), sound=True)
        pilot = Pilot(app)
        app.begin_session(store.add_client("C-0001", "Alex"))
        app.stack.push(ExerciseListScene())
        for key in (pygame.K_HOME, pygame.K_RIGHT, pygame.K_RIGHT):  # "Sound", in the row on top
            pilot.press(key)
        pilot.screenshot(out / f"exercise-list-sound{suffix}.png")
        pilot.press(pygame.K_RETURN)
        pilot.screenshot(out / f"sound-on{suffix}.png")
        pilot.press(pygame.K_RETURN)  # Turn sound off
        pilot.screenshot(out / f"sound-off{suffix}.png")
        pilot.press(pygame.K_RETURN)  # and on again: the choice is saved for this PC
        if suffix == "@1.0":
            app.stack.push(TherapistHomeScene())
            pilot.press(pygame.K_RIGHT)
            pilot.press(pygame.K_END)
            pilot.screenshot(out / f"therapist-home-sound{suffix}.png")
        app.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots/sound"))
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for suffix, theme in THEMES:
            shoot(out, Path(folder) / suffix, suffix, theme)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
