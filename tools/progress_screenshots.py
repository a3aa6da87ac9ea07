"""Take the progress screen's screenshots headless: ``python tools/progress_screenshots.py [--out DIR]``.

A simulated client plays four exercises two or three times a week for about ten weeks (the last
days in a row, so the streak shows); the real screen is then opened on a fake clock and its pages
saved: the client's view at font scale 1.0, 1.5 and 2.0 and in high contrast, the therapist's view
at 1.0 with a domain page (the client sees exercises only), the highlights, a client with no runs
yet, and the smallest window.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pygame  # noqa: E402

from games.app import MIN_WINDOW_SIZE, App  # noqa: E402
from games.core.engine.adaptive.policy import plan_from_store  # noqa: E402
from games.core.engine.clock import FakeClock  # noqa: E402
from games.core.engine.simulate import simulate_session  # noqa: E402
from games.core.ui.theme import Theme  # noqa: E402
from games.launcher.clients import ClientPickerScene  # noqa: E402
from games.launcher.progress import ProgressScene  # noqa: E402
from games.pilot import Pilot  # noqa: E402
from games.registry import get_exercise  # noqa: E402
from scores.store.store import Store  # noqa: E402

WEEKS = 10
# exercise: the simulated player's ability at the start and at the end of the ten weeks
PLAYED = {"sequence_recall": (0.3, 0.8), "digit_span": (0.45, 0.7), "stroop": (0.6, 0.6), "tower_of_london": (0.7, 0.4)}


def practice_days(today: datetime) -> list[datetime]:
    """Two or three evenings a week, then the last four days in a row."""
    rng = random.Random(11)
    start = today - timedelta(days=7 * WEEKS)
    days = [start + timedelta(days=d) for d in range(0, 7 * WEEKS - 4) if rng.random() < 0.38]
    return days + [today - timedelta(days=d) for d in (3, 2, 1, 0)]


def fill(store: Store, client, today: datetime) -> None:
    """Every practice day the client plays two or three of the exercises, each from its latest estimates."""
    rng = random.Random(5)
    days = practice_days(today)
    for i, day in enumerate(days):
        progress = i / (len(days) - 1)
        for k, exercise_id in enumerate(rng.sample(sorted(PLAYED), rng.choice((2, 3)))):
            exercise, (first, final) = get_exercise(exercise_id), PLAYED[exercise_id]
            ability = first + (final - first) * progress
            simulate_session(exercise, store, client, exercise.make_player(ability, random.Random(i * 10 + k)),
                             seed=i * 10 + k, wall_start=day + timedelta(minutes=12 * k),
                             plan=plan_from_store(store, client, exercise.spec))


def open_screen(store: Store, code: str, theme: Theme, therapist: bool, size=(1100, 760)) -> tuple[Pilot, ProgressScene]:
    app = App(store, theme=theme, clock=FakeClock(1000.0), size=size)
    app.stack.push(ClientPickerScene())
    scene = ProgressScene(store.get_client(code), therapist=therapist)
    app.stack.push(scene)
    pilot = Pilot(app)
    pilot.step()
    return pilot, scene


def shoot(pilot: Pilot, scene: ProgressScene, path: Path, place: str, show: str = "") -> None:
    """Save the page titled ``place`` (the first page if there are none), scrolled until ``show`` is drawn."""
    pages = [i for i, page in enumerate(scene.pages) if page.place == place]
    if scene.pages and not pages:
        print(f"{path.name}: no page {place!r} to show")
        return
    scene.go_to(pages[0] if pages else 0)
    pilot.step()
    while show and 1 in scene.more_rects and not any(text.startswith(show) for text, _ in scene.drawn_texts):
        pilot.press(pygame.K_DOWN)
    pilot.screenshot(path)
    print(path)


def take(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    today = datetime.combine(datetime.now().date(), time(18, 0)).astimezone()
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        client = store.add_client("C-0001", "Alex")
        store.add_client("C-0002", "Sam")
        fill(store, client, today)
        words, size, one, two = "You have played it", (1100, 760), Theme.create(1.0), Theme.create(2.0)
        shots = [  # file, theme, therapist, page, a text to scroll to, window size
            ("highlights@1.0", one, False, "Highlights", "", size),
            ("client@1.0", one, False, "Sequence Recall", "", size),
            ("client@1.0-high-contrast", Theme.create(1.0, high_contrast=True), False, "Sequence Recall", "", size),
            ("client@2.0", two, False, "Sequence Recall", "", size),
            ("client@2.0-words", two, False, "Sequence Recall", words, size),
            ("client@1.5", Theme.create(1.5), False, "Digit Span", "", size),
            ("client@1.0-smallest-window", one, False, "Tower of London", "", MIN_WINDOW_SIZE),
            ("client@2.0-smallest-window", two, False, "Digit Span", words, MIN_WINDOW_SIZE),
            ("therapist@1.0", one, True, "Tower of London", "", size),
            ("therapist-domain@1.0", one, True, "Focus overall", "", size),
            ("therapist-highlights@1.0", one, True, "Highlights", "", size),
        ]
        for name, theme, therapist, place, show, window in shots:
            pilot, scene = open_screen(store, "C-0001", theme, therapist, window)
            shoot(pilot, scene, out / f"{name}.png", place, show)
            pilot.app.quit()
        pilot, scene = open_screen(store, "C-0002", Theme.create(1.0), False)
        shoot(pilot, scene, out / "no-runs-yet@1.0.png", "")
        pilot.app.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "docs/screenshots/progress")
    take(parser.parse_args().out)


if __name__ == "__main__":
    main()
