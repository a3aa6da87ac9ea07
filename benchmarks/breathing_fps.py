"""How smoothly the breathing break's circle moves: frames a second, frame intervals, frames dropped.

The real ``games.app.App`` loop runs the real ``BreathingScene`` on the real clock for a few
seconds, and every ``pygame.display.flip`` is timed with ``time.perf_counter``. It runs twice:
with frames anchored to the break's start (frame k due at start + k/30 s, what the program does)
and with each frame scheduled 33 ms after "now" (what it did before). For each it prints the
median frame interval, the frames a second achieved and the share of the 30 a second that were
never drawn. Headless (SDL_VIDEODRIVER and SDL_AUDIODRIVER dummy unless set); from the
repository root:

    python benchmarks/breathing_fps.py [--seconds S]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's games package

import pygame  # noqa: E402

from games.app import App  # noqa: E402
from games.core.engine.breathing import FRAME_MS  # noqa: E402
from games.launcher.breathing import BreathingScene  # noqa: E402
from scores.store.store import Store  # noqa: E402

OLD_FRAME_MS = 33.0  # the interval the break used to add to "now"


class FromNowBreathing(BreathingScene):
    """The break as it was: each frame due a fixed time after the moment it is asked for."""

    def next_frame_ms(self, now_ms: float) -> float | None:
        return now_ms + OLD_FRAME_MS


def measure(scene: BreathingScene, seconds: float, data_dir: Path) -> list[float]:
    """The times (s) of every flip while ``scene`` runs for ``seconds`` in a real app."""
    flips: list[float] = []
    real_flip = pygame.display.flip

    def timed_flip() -> None:
        real_flip()
        flips.append(time.perf_counter())

    with Store.open(data_dir) as store:
        app = App(store, sound=False)
        pygame.display.flip = timed_flip
        try:
            app.stack.push(scene)
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                app.step()
        finally:
            pygame.display.flip = real_flip
            app.quit()
    return flips


def report(name: str, flips: list[float]) -> None:
    intervals_ms = [(b - a) * 1000.0 for a, b in zip(flips, flips[1:])]
    span_s = flips[-1] - flips[0]
    fps = len(intervals_ms) / span_s
    expected = span_s * 1000.0 / FRAME_MS
    dropped = max(0.0, 1.0 - len(intervals_ms) / expected)
    print(f"{name:<28} median interval {statistics.median(intervals_ms):5.1f} ms  "
          f"{fps:5.1f} frames/s  dropped {dropped:5.1%}  ({len(flips)} frames in {span_s:.1f} s)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each loop runs (default 10)")
    args = parser.parse_args(argv)
    print(f"video driver {os.environ['SDL_VIDEODRIVER']}; target {1000.0 / FRAME_MS:.0f} frames/s")
    with tempfile.TemporaryDirectory() as folder:
        for name, scene in (("anchored to the start", BreathingScene(minutes=5)),
                            ("scheduled from now (before)", FromNowBreathing(minutes=5))):
            report(name, measure(scene, args.seconds, Path(folder)))


if __name__ == "__main__":
    main()
