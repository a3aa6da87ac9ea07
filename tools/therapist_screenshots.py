"""Take the therapist-mode screenshots headless: ``python tools/therapist_screenshots.py [--out DIR]``.

Drives the real launcher with posted events on a fake clock, in a throw-away store holding three
clients and a few recorded runs, and saves the start screen of a PC with a PIN, the PIN entry (and
its lock), the therapist home, a client's page, the exercise settings and the rename form at font
scale 1.0 and 1.5 (and 2.0 with ``--all-scales``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pygame  # noqa: E402

from games.app import App  # noqa: E402
from games.core.engine.clock import FakeClock  # noqa: E402
from games.core.ui.theme import Theme  # noqa: E402
from games.launcher.clients import ClientPickerScene  # noqa: E402
from games.pilot import Pilot  # noqa: E402
from scores.clinic.pin import TherapistLock  # noqa: E402
from scores.store.store import Store  # noqa: E402

PIN = "2580"
START = datetime(2025, 3, 3, 9, 30, tzinfo=timezone.utc)
# (days after START, exercise, start level, end level, accuracy, trials, kind, plan)
RUNS = (
    (0, "digit_span", 3, 4, 0.80, 20, "clinic", "Memory warm-up"),
    (0, "sequence_recall", 2, 3, 0.75, 20, "clinic", "Memory warm-up"),
    (2, "go_no_go", 1, 2, 0.86, 36, "home", None),
    (7, "digit_span", 4, 5, 0.78, 20, "clinic", "Memory warm-up"),
    (7, "tower_of_london", 2, 2, 0.62, 12, "clinic", "Memory warm-up"),
)


def record_history(store: Store, client) -> None:
    """A few finished runs, recorded the way the exercise screens record them."""
    sessions: dict[int, str] = {}
    for days, exercise, start, end, accuracy, n_trials, kind, plan in RUNS:
        at = START + timedelta(days=days, minutes=5 * len(sessions))
        if days not in sessions:
            sessions[days] = store.start_session(client, at, kind=kind, plan_name=plan)
        run_id = store.start_run(session_id=sessions[days], client=client, exercise=exercise, domain="memory",
                                 started_at=at, start_level=start, seed=1, params={}, simulated=False,
                                 app_version="0.1.0")
        for i in range(1, n_trials + 1):
            store.add_trial(run_id, trial_index=i, started_at=at + timedelta(seconds=5 * i), level=start,
                            stimulus="", response="", correct=i <= accuracy * n_trials, rt_ms=900.0,
                            timed_out=False, extra={})
        store.finish_run(run_id, ended_at=at + timedelta(minutes=4), end_level=end, ability=float(end),
                         ability_se=0.4, accuracy=accuracy, median_rt_ms=900.0, n_trials=n_trials,
                         duration_s=240.0, completed=True, measures={})
    for days, session_id in sessions.items():  # each sitting closed, as the launcher closes it
        store.end_session(session_id, START + timedelta(days=days, hours=1))


def take(out: Path, suffix: str, theme: Theme) -> None:
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        alex = store.add_client("C-0001", "Alex", now=START)
        store.add_client("C-0002", "Sam", now=START)
        store.add_client("C-0003", now=START)
        store.set_archived(store.add_client("C-0004", "Robin", now=START), True)
        record_history(store, alex)
        store.set_exercise_settings(alex, "digit_span", target_rate=0.7, locked_level=None)
        store.set_exercise_settings(alex, "n_back", target_rate=None, locked_level=3)
        TherapistLock(store).set_pin(PIN, datetime.now(timezone.utc))
        app = App(store, theme=theme, clock=FakeClock(1000.0))
        app.stack.push(ClientPickerScene())
        pilot = Pilot(app)
        pilot.step()
        shot = lambda name: pilot.screenshot(out / f"{name}{suffix}.png")  # noqa: E731
        shot("1-start-clinic")
        pilot.press(pygame.K_RETURN)
        pilot.type(PIN[:3])
        shot("2-pin-entry")
        pilot.type("9")
        pilot.press(pygame.K_RETURN)
        for _ in range(4):
            pilot.type("0000")
            pilot.press(pygame.K_RETURN)
        pilot.wait(5000, frame_ms=500)
        shot("3-pin-locked")
        pilot.wait(30_000, frame_ms=1000)
        pilot.type(PIN)
        pilot.press(pygame.K_RETURN)
        shot("4-therapist-home")
        pilot.press(pygame.K_RIGHT)
        pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_RETURN)  # show archived
        pilot.press(pygame.K_LEFT)
        shot("5-therapist-home-archived")
        pilot.press(pygame.K_RETURN)  # Alex
        shot("6-client-page")
        for _ in range(4):
            pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_RETURN)  # Exercise settings
        pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_TAB)
        shot("7-exercise-settings")
        pilot.press(pygame.K_ESCAPE)
        for _ in range(5):
            pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_RETURN)  # Rename
        shot("8-rename")
        pilot.press(pygame.K_ESCAPE)
        for _ in range(6):
            pilot.press(pygame.K_UP)
        pilot.press(pygame.K_RETURN)  # Past sessions
        shot("9-past-sessions")
        app.quit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots/therapist"))
    parser.add_argument("--all-scales", action="store_true", help="also take them at font scale 2.0")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for scale in (1.0, 1.5, 2.0) if args.all_scales else (1.0, 1.5):
        take(args.out, f"@{scale}", Theme.create(scale))
    print(f"Saved the therapist screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
