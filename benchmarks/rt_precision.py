"""How precisely a key press is time-stamped: the app's blocking wait versus polling once per frame.

A helper thread posts key events at random moments and notes the true time of each post
(``time.perf_counter``). The main thread runs a loop that stamps each event as it handles it.
The stamping error is the stamp minus the true post time, in ms; it adds directly to every
reaction time. Two loops are measured, both drawing a frame every 1/60 s:

(a) the real ``games.app.App`` loop, driven by ``App.step()`` with a minimal scene that records
    the ``t_ms`` of each KEYDOWN it is handed: between frames it blocks in
    ``pygame.event.wait(timeout)`` and stamps each event with the real clock when dequeued;
(b) a naive game loop: ``pygame.time.Clock().tick(60)``, then ``pygame.event.get()``, every
    event stamped with the time its frame started.

The script prints the median and 95th percentile of the error for each loop, and the ratio of
the two 95th percentiles. It runs headless (SDL_VIDEODRIVER=dummy unless set) in well under a
minute with the default 200 events per loop. From the repository root:

    python benchmarks/rt_precision.py [--trials N] [--seed S]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
from pathlib import Path
from typing import Callable

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's games package

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from games.app import App  # noqa: E402
from games.core.ui.scene import Scene  # noqa: E402

FRAME_MS = 1000.0 / 60.0
MIN_GAP_MS, MAX_GAP_MS = 40.0, 110.0  # between two posts: spans several frames, so every phase occurs
LOOP_DEADLINE_S = 120.0


def now_ms() -> float:
    return time.perf_counter() * 1000.0


class Poster(threading.Thread):
    """Posts ``n`` numbered KEYDOWN events at random gaps, noting the true time of each post.

    It only sleeps between posts, never spins: a spinning thread holds the GIL, which would hold
    back a loop waking up for its frame until just after the post, and hide that loop's error.
    """

    def __init__(self, n: int, rng: random.Random) -> None:
        super().__init__(daemon=True)
        self.gaps_ms = [rng.uniform(MIN_GAP_MS, MAX_GAP_MS) for _ in range(n)]
        self.post_ms: list[float] = []

    def run(self) -> None:
        for seq, gap_ms in enumerate(self.gaps_ms):
            time.sleep(gap_ms / 1000.0)
            self.post_ms.append(now_ms())
            key = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0, seq=seq)
            pygame.event.post(key)


class StampRecorder(Scene):
    """Asks the app for a frame every 1/60 s and keeps the stamp of each numbered key."""

    def __init__(self) -> None:
        self.stamps: dict[int, float] = {}
        self._last_flip_ms: float | None = None

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if event.type == pygame.KEYDOWN and hasattr(event, "seq"):
            self.stamps[event.seq] = t_ms

    def after_flip(self, t_ms: float) -> None:
        self._last_flip_ms = t_ms

    def next_frame_ms(self, now_ms: float) -> float | None:
        return now_ms if self._last_flip_ms is None else self._last_flip_ms + FRAME_MS


def measure(loop: Callable[[dict[int, float], Callable[[], bool]], None], n: int, seed: int) -> np.ndarray:
    """Run ``loop`` while ``n`` keys are posted; return stamp minus post time per key, in ms."""
    pygame.event.clear()
    stamps: dict[int, float] = {}
    poster = Poster(n, random.Random(seed))
    deadline = time.perf_counter() + LOOP_DEADLINE_S

    def done() -> bool:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"only {len(stamps)} of {n} key events arrived")
        return not poster.is_alive() and len(stamps) >= n

    poster.start()
    loop(stamps, done)
    poster.join()
    return np.array([stamps[i] - poster.post_ms[i] for i in range(n)])


def app_loop(app: App) -> Callable[[dict[int, float], Callable[[], bool]], None]:
    """(a) The real App loop: block in event.wait between frames, stamp each event when dequeued."""

    def loop(stamps: dict[int, float], done: Callable[[], bool]) -> None:
        scene = StampRecorder()
        scene.stamps = stamps
        app.stack.push(scene)
        while not done():
            app.step()
        app.stack.pop()

    return loop


def polling_loop(screen: pygame.Surface) -> Callable[[dict[int, float], Callable[[], bool]], None]:
    """(b) A naive game loop: tick(60), then get() every queued event, stamped at frame start."""

    def loop(stamps: dict[int, float], done: Callable[[], bool]) -> None:
        clock = pygame.time.Clock()
        while not done():
            clock.tick(60)
            frame_ms = now_ms()
            for event in pygame.event.get():
                if event.type == pygame.KEYDOWN and hasattr(event, "seq"):
                    stamps[event.seq] = frame_ms
            screen.fill((30, 30, 30))
            pygame.display.flip()

    return loop


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200, help="key events posted per loop (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random gaps between posts")
    args = parser.parse_args(argv)
    if args.trials < 1:
        parser.error("--trials must be at least 1")
    app = App(store=None)
    try:
        results = {
            "(a) App loop: event.wait, stamp on dequeue": measure(app_loop(app), args.trials, args.seed),
            "(b) 60 Hz poll: tick(60), stamp at frame": measure(polling_loop(app.screen), args.trials, args.seed),
        }
    finally:
        app.quit()
    print(f"Stamping error, stamp minus true post time, over {args.trials} key events per loop (ms)")
    print(f"{'loop':<44}{'median':>8}{'p95':>8}{'max':>8}")
    p95 = {}
    for name, errors in results.items():
        p95[name] = float(np.percentile(errors, 95))
        print(f"{name:<44}{np.median(errors):>8.2f}{p95[name]:>8.2f}{errors.max():>8.2f}")
    a, b = p95.values()
    print(f"p95 ratio (b)/(a): {b / a:.1f}x" if a > 0 else "p95 ratio (b)/(a): undefined, (a) is 0")


if __name__ == "__main__":
    main()
