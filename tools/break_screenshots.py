"""Take the breathing-break and mood-check screenshots headless: ``python tools/break_screenshots.py [--out DIR]``.

Drives the real scenes with posted events on a fake clock, at font scale 1.0, 1.5 and 2.0 and in
high contrast at 1.0: the breathing break during an in-breath and an out-breath, and the mood
check empty and partly answered. Also saves the bare breathing guide in its smallest area.
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
from games.core.ui.scene import Scene  # noqa: E402
from games.core.ui.theme import Theme  # noqa: E402
from games.launcher.breathing import BreathingScene, draw_breathing  # noqa: E402
from games.launcher.mood import MoodCheckScene  # noqa: E402
from games.pilot import Pilot  # noqa: E402
from scores.store.store import Store  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "session"
THEMES = {"@1.0": (1.0, False), "@1.5": (1.5, False), "@2.0": (2.0, False), "@1.0-high-contrast": (1.0, True)}


def shoot(out: Path, suffix: str, theme: Theme, size: tuple[int, int]) -> None:
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        app = App(store, theme=theme, clock=FakeClock(1000.0), size=size)
        app.stack.push(Scene())
        pilot = Pilot(app)
        app.stack.push(BreathingScene(minutes=2))
        pilot.wait(2000, frame_ms=100)  # half way through a 4 s in-breath
        pilot.screenshot(out / f"breathing-in{suffix}.png")
        pilot.wait(5000, frame_ms=100)  # 3 s into a 6 s out-breath
        pilot.screenshot(out / f"breathing-out{suffix}.png")
        pilot.press(pygame.K_ESCAPE)
        app.stack.push(MoodCheckScene())
        pilot.step()
        pilot.screenshot(out / f"mood-empty{suffix}.png")
        pilot.press(pygame.K_4)  # mood: Good, then on to the calm row
        pilot.press(pygame.K_RIGHT)  # calm: one step right of the middle
        pilot.screenshot(out / f"mood-partly{suffix}.png")
        app.quit()


def shoot_small_guide(out: Path) -> None:
    """The bare guide in the smallest area it is made for, at the largest font scale."""
    pygame.init()
    for scale in (1.0, 2.0):
        theme = Theme.create(scale)
        surface = pygame.Surface((400, 250))
        surface.fill(theme.palette.background)
        draw_breathing(surface, surface.get_rect(), theme, 7000, 4, 6)
        pygame.image.save(surface, str(out / f"breathing-guide-400x250@{scale}.png"))
    pygame.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files")
    parser.add_argument("--small", action="store_true", help="use the smallest window (640x480)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    size = (640, 480) if args.small else (1100, 760)
    for suffix, (scale, high_contrast) in THEMES.items():
        shoot(args.out, suffix, Theme.create(scale, high_contrast), size)
    shoot_small_guide(args.out)
    print(f"saved to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
