"""Take the plan screens' screenshots headless: ``python tools/plan_screenshots.py [--out DIR]``.

Drives the real plan list and editor with posted events on a fake clock, at font scale 1.0 and
1.5 (plus 2.0 with ``--all-scales``), and saves them to ``docs/screenshots/plans/``.
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
from games.launcher.plan_parts import export_plan  # noqa: E402
from games.launcher.plans import PlanListScene  # noqa: E402
from games.pilot import Pilot  # noqa: E402
from scores.clinic.plans import Plan, PlanItem  # noqa: E402
from scores.store.store import Store  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "plans"

TUESDAY = Plan("Tuesday group", (
    PlanItem("mood"),
    PlanItem("exercise", exercise="sequence_recall", minutes=4.0),
    PlanItem("exercise", exercise="stroop_counting", minutes=5.0, level=3),
    PlanItem("breathing", minutes=2.0, inhale_s=4.0, exhale_s=7.0),
    PlanItem("exercise", exercise="tower_of_london", minutes=6.0),
    PlanItem("exercise", exercise="errands_planner", minutes=4.0, level=2),
    PlanItem("mood"),
), "Warm-up, two focus tasks and planning, with a calm break in the middle.")
SHORT = Plan("Quick check-in", (PlanItem("mood"), PlanItem("exercise", exercise="flanker", minutes=3.0)))


def take(out: Path, scale: float) -> None:
    suffix = f"@{scale:.1f}"
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        os.environ["HOME"] = data  # the import screen lists plan files found in ~/Downloads
        export_plan(SHORT, Path(data))
        store.save_plan(TUESDAY)
        store.save_plan(SHORT)
        app = App(store, theme=Theme.create(scale), clock=FakeClock(1000.0))
        app.stack.push(Scene())
        app.stack.push(PlanListScene())
        pilot = Pilot(app)
        pilot.step()
        shot = lambda name: pilot.screenshot(out / f"{name}{suffix}.png")  # noqa: E731
        shot("1-plan-list")
        _editor_shots(pilot, shot)
        pilot.press(pygame.K_ESCAPE)
        pilot.press(pygame.K_ESCAPE)
        pilot.press(pygame.K_HOME)
        pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_RETURN)  # Import a plan file
        pilot.type("/no/such/folder/plan.cogsuite-plan.json")
        pilot.press(pygame.K_RETURN)
        shot("7-import-refused")
        app.quit()


def _editor_shots(pilot: Pilot, shot) -> None:
    """From the plan list: a saved plan's page, then its editor with items and controls selected."""
    menu = pilot.app.stack.top.menu
    tuesday = next(i for i, b in enumerate(menu.buttons) if b.label == TUESDAY.name)
    for _ in range(tuesday):
        pilot.press(pygame.K_DOWN)
    shot("2-plan-list-scrolled")
    pilot.press(pygame.K_RETURN)
    shot("3-plan-page")
    pilot.press(pygame.K_RETURN)  # Edit
    for _ in range(2):
        pilot.press(pygame.K_DOWN)  # the third item, with a fixed level
    shot("4-plan-editor")
    for _ in range(3):
        pilot.press(pygame.K_TAB)  # into the selected item's controls
    shot("5-plan-editor-controls")
    for _ in range(3):
        pilot.press(pygame.K_TAB, pygame.KMOD_SHIFT)
    pilot.press(pygame.K_DOWN)
    shot("6-plan-editor-break")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--all-scales", action="store_true", help="also take them at font scale 2.0")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for scale in (1.0, 1.5, 2.0) if args.all_scales else (1.0, 1.5):
        take(args.out, scale)
    print(f"screenshots saved in {args.out}")


if __name__ == "__main__":
    main()
