"""Take the screenshots in docs/ headless: ``python tools/screenshots.py [--exercise ID] [--out DIR]``.

Drives the real launcher with posted events on a fake clock (the same pilot the smoke tests use).
Without ``--exercise`` it saves every launcher screen, with Sequence Recall, at font scale 1.0 and
1.5, plus a high-contrast set at 1.0 (the exercise list also at 1.0 in a 640 x 480 window, for
a client with some runs behind them; ``--tiles`` takes only those). With ``--exercise ID`` it saves that exercise's instructions
and two moments of play (its simulated player answering through real key presses), at both scales
and in high contrast. With ``--problems`` it saves the screens for a save that failed (the problem,
a try that failed again, quitting) and the PIN screen checking a PIN (``tools/problem_screenshots.py``),
at 1.0, 1.5, 2.0 and in high contrast. With ``--results`` it saves the results screen after a run that is a new best and after a
low run, each with earlier runs behind it, at the same four. With ``--feedback`` it saves feedback
moments, the screen between practice and scored play, and finishing after this one, at 1.0, 2.0
and in high contrast. With ``--away`` it saves the screens of play kept on this PC while a clinic's
database is away (``tools/away_screenshots.py``), in docs/screenshots/away/, at the same three.
With ``--bundles`` it saves the bundle screens (``tools/bundle_screenshots.py``: prepare for home,
bring in home practice, and the client's send and bring in) in ``bundles/``, at the same three.
With ``--home`` it saves the home assignment screens (Today's plan, and the therapist's)
(``tools/home_screenshots.py``), in docs/screenshots/home/, at the same three.
"""

from __future__ import annotations

import argparse
import os
import random
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
from games.memory.sequence_recall.logic import Phase  # noqa: E402
from games.pilot import Pilot  # noqa: E402
from scores.store.store import Store  # noqa: E402


def in_phase(pilot: Pilot, phase: Phase) -> bool:
    run = getattr(pilot.app.stack.top, "run", None)
    return run is not None and run.logic.phase is phase and not run.awaiting_onset


def answer(pilot: Pilot, right: bool) -> None:
    pilot.wait_until(lambda: in_phase(pilot, Phase.RESPOND) or not hasattr(pilot.app.stack.top, "run"), frame_ms=50)
    logic = pilot.app.stack.top.run.logic
    blocks = list(logic.sequence) if right else list(reversed(logic.sequence))
    for block in blocks:
        pilot.press(pygame.K_1 + block)


def take(out: Path, suffix: str, theme: Theme) -> None:
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        store.add_client("C-0001", "Alex")
        store.add_client("C-0002", "Sam")
        app = App(store, theme=theme, clock=FakeClock(1000.0))
        app.stack.push(ClientPickerScene())
        pilot = Pilot(app)
        pilot.step()
        shot = lambda name: pilot.screenshot(out / f"{name}{suffix}.png")  # noqa: E731
        shot("1-client-picker")
        pilot.press(pygame.K_END)
        pilot.press(pygame.K_RETURN)
        pilot.type("Robin")
        shot("2-new-client")
        pilot.press(pygame.K_ESCAPE)
        pilot.press(pygame.K_HOME)
        pilot.press(pygame.K_RETURN)  # the exercise list (see take_tiles), on Sequence Recall
        pilot.press(pygame.K_RETURN)
        pilot.press(pygame.K_RETURN)
        pilot.wait_until(lambda: in_phase(pilot, Phase.PRESENT))
        pilot.wait(200)
        shot("5-exercise-watch")
        pilot.wait_until(lambda: in_phase(pilot, Phase.RESPOND))
        pilot.press(pygame.K_1 + pilot.app.stack.top.run.logic.sequence[0])
        shot("6-exercise-your-turn")
        pilot.press(pygame.K_1 + pilot.app.stack.top.run.logic.sequence[1])
        shot("7-exercise-well-done")
        pilot.press(pygame.K_ESCAPE)
        shot("8-stop-question")
        pilot.press(pygame.K_RETURN)  # keep going
        practice = pilot.app.stack.top  # a new client's first three trials are practice
        for _ in range(1, practice.run.n_trials):
            answer(pilot, right=True)
        pilot.wait_until(lambda: pilot.app.stack.top is not practice, frame_ms=50)
        pilot.wait(300)
        shot("9-practice-done")
        pilot.press(pygame.K_RETURN)  # "Now it counts. Ready?": Start
        for i in range(pilot.app.stack.top.run.n_trials):
            answer(pilot, right=(i % 5 != 4))
        pilot.wait_until(lambda: not hasattr(pilot.app.stack.top, "run"), frame_ms=50)
        shot("10-results")
        app.quit()


PLAYED = (  # Alex's runs for the exercise list: exercise, days ago, level reached, minutes taken
    ("sequence_recall", 1, 5, 2.5), ("digit_span", 3, 4, 2.2), ("card_pairs", 16, 3, 5.5),
    ("go_no_go", 0, 6, 2.0), ("stroop", 9, 3, 1.8), ("tower_of_london", 5, 4, 3.4),
)


def take_tiles(out: Path, suffix: str, theme: Theme, size: tuple[int, int] = (1100, 760)) -> None:
    """The exercise list of a client with some runs behind them, then Sequence Recall's instructions."""
    from datetime import timedelta

    from games.registry import get_exercise

    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        client = store.add_client("C-0001", "Alex")
        now = datetime.now(timezone.utc)
        session = store.start_session(client, now - timedelta(days=20))
        for exercise_id, days, level, minutes in PLAYED:
            started = now - timedelta(days=days, minutes=30)
            run = store.start_run(session_id=session, client=client, exercise=exercise_id, domain="",
                                  started_at=started, start_level=level - 1, seed=1, params={}, simulated=False,
                                  app_version="screenshots")
            store.finish_run(run, ended_at=started + timedelta(minutes=minutes), end_level=level, ability=None,
                             ability_se=None, accuracy=0.8, median_rt_ms=None, n_trials=10,
                             duration_s=minutes * 60, completed=True, measures={})
        app = App(store, theme=theme, clock=FakeClock(1000.0), size=size)
        app.stack.push(ClientPickerScene())
        pilot = Pilot(app)
        pilot.step()
        pilot.press(pygame.K_RETURN)
        pilot.screenshot(out / f"3-exercise-list{suffix}.png")
        app.stack.top.open(get_exercise("sequence_recall"))  # the exercise the other screenshots show
        pilot.step()
        pilot.screenshot(out / f"4-instructions{suffix}.png")
        app.quit()


def take_exercise(out: Path, suffix: str, theme: Theme, exercise_id: str) -> None:
    """Instructions, then the first stimulus onset after two finished trials, and a moment later."""
    from games.launcher.instructions import InstructionsScene
    from games.registry import get_exercise

    exercise = get_exercise(exercise_id)
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        app = App(store, theme=theme, clock=FakeClock(1000.0))
        app.begin_session(store.add_client("C-0001", "Alex"))
        app.stack.push(InstructionsScene(exercise))
        pilot = Pilot(app)
        pilot.step()
        pilot.screenshot(out / f"{exercise_id}-instructions{suffix}.png")
        pilot.press(pygame.K_RETURN)
        scene = app.stack.top
        player = exercise.make_player(0.8, random.Random(5))
        pilot.play(player, until=lambda: len(scene.run.records) >= 2)
        onsets = scene.run.onsets
        pilot.play(player, until=lambda: scene.run.onsets > onsets, frame_ms=5)
        pilot.screenshot(out / f"{exercise_id}-play-a{suffix}.png")
        pilot.play(player, until=lambda end=app.clock.now_ms() + 700: app.clock.now_ms() >= end)
        pilot.screenshot(out / f"{exercise_id}-play-b{suffix}.png")
        app.quit()


def take_results(out: Path, suffix: str, theme: Theme) -> None:
    """The results screen after a run with history behind it: a good run that is a new best, and a
    low run after good ones (Sequence Recall, simulated players on earlier days)."""
    from games.core.engine.adaptive.policy import plan_from_store
    from games.core.engine.simulate import simulate_session
    from games.launcher.results import ResultsScene
    from games.registry import get_exercise

    exercise = get_exercise("sequence_recall")
    for name, abilities in (("results-new-best", (0.5, 0.6, 0.6, 0.7, 0.9)), ("results-low", (0.7, 0.8, 0.75, 0.2))):
        with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
            client = store.add_client("C-0001", "Alex")
            today = datetime.now(timezone.utc).replace(hour=17, minute=0)
            for i, ability in enumerate(abilities):
                run = simulate_session(exercise, store, client, exercise.make_player(ability, random.Random(i)), seed=i,
                                       wall_start=today - timedelta(days=len(abilities) - 1 - i),
                                       plan=plan_from_store(store, client, exercise.spec))
            app = App(store, theme=theme, clock=FakeClock(1000.0))
            app.begin_session(client)
            app.stack.push(ResultsScene(exercise, run.summary))
            pilot = Pilot(app)
            pilot.step()
            pilot.screenshot(out / f"{name}{suffix}.png")
            app.quit()


def take_feedback(out: Path, suffix: str, theme: Theme) -> None:
    """Feedback moments (right, not quite with Sequence Recall's replay, Go/No-Go's square), the
    screen between practice and scored play, and finishing after this one."""
    from games.core.engine.simulate import simulate_session
    from games.focus.go_no_go.spec import NOGO
    from games.launcher.play import ExerciseScene
    from games.registry import get_exercise

    shot = lambda name: pilot.screenshot(out / f"{name}{suffix}.png")  # noqa: E731
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        app = App(store, theme=theme, clock=FakeClock(1000.0))
        app.begin_session(store.add_client("C-0001", "Alex"))
        app.stack.push(ExerciseScene(get_exercise("sequence_recall"), practice=True))
        pilot = Pilot(app)
        pilot.step()
        answer(pilot, right=True)
        pilot.wait(100)
        shot("feedback-right")
        answer(pilot, right=False)
        pilot.wait(700 * 1 + 300)  # the second block of the right order lit again
        shot("feedback-not-quite")
        answer(pilot, right=True)
        pilot.wait_until(lambda: not hasattr(app.stack.top, "run"), frame_ms=50)
        shot("practice-to-scored")
        pilot.press(pygame.K_RETURN)
        pilot.wait_until(lambda: in_phase(pilot, Phase.PRESENT))
        pilot.wait(200)
        shot("finish-after-this-one")
        pilot.press(pygame.K_END)
        shot("finishing-after-this-one")
        answer(pilot, right=True)
        pilot.wait(300)
        shot("good-place-to-stop")
        exercise = get_exercise("go_no_go")
        simulate_session(exercise, store, app.client, exercise.make_player(0.7, random.Random(1)),
                         seed=1, wall_start=datetime.now(timezone.utc), n_trials=1)
        app.stack.replace(ExerciseScene(exercise))
        scene = app.stack.top
        pilot.step()
        pilot.wait_until(lambda: scene.run.logic.shown == NOGO, frame_ms=20)
        pilot.wait(200)
        pilot.press(pygame.K_SPACE)
        pilot.wait_until(lambda: scene.run.feedback is not None, frame_ms=20)
        pilot.wait(100)
        shot("go-no-go-square")
        app.quit()


THEMES = (("@1.0", Theme.create(1.0)), ("@1.5", Theme.create(1.5)), ("@1.0-high-contrast", Theme.create(1.0, high_contrast=True)))
LARGEST = (("@2.0", Theme.create(2.0)),)  # the main flow also in the largest type the default window holds
FEEDBACK_THEMES = (THEMES[0], LARGEST[0], THEMES[2])


def main() -> None:
    args = _parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if _take_a_set_of_its_own(args):
        return
    _take_launcher_sets(args)
    print(f"screenshots written to {args.out}")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", metavar="ID", help="one exercise's instructions and play")
    parser.add_argument("--problems", action="store_true", help="the save problem screens and PIN checking")
    parser.add_argument("--tiles", action="store_true", help="only the exercise list and an instructions screen")
    parser.add_argument("--results", action="store_true", help="the results screen after a new best and a low run")
    parser.add_argument("--feedback", action="store_true",
                        help="feedback moments, the screen before scored play, finishing after this one")
    parser.add_argument("--away", action="store_true",
                        help="play kept on this PC while a clinic's database is away: the band and its screens")
    parser.add_argument("--therapists", action="store_true",
                        help="therapists by name (a clinic's shared store) and the Activity page, at 1.0, 2.0, high contrast")
    parser.add_argument("--bundles", action="store_true",
                        help="prepare for home, bring in home practice, and the client's send and bring in")
    parser.add_argument("--home", action="store_true",
                        help="home assignments: Today's plan, its week strip, the therapist's screens")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "docs" / "screenshots")
    return parser.parse_args()


def _take_a_set_of_its_own(args: argparse.Namespace) -> bool:
    """The sets taken alone, each in its own themes (most in their own folder); whether one was asked for."""
    if args.home:
        from home_screenshots import take_home

        for suffix, theme in FEEDBACK_THEMES:
            take_home(args.out / "home", suffix, theme)
        print(f"screenshots written to {args.out / 'home'}")
    elif args.away:
        from away_screenshots import take_away

        take_away(args.out)
        print(f"screenshots written to {args.out / 'away'}")
    elif args.therapists:
        from therapists_screenshots import take_all

        take_all(args.out)
        print(f"screenshots written to {args.out / 'therapists'}")
    elif args.bundles:
        from tools.bundle_screenshots import take_bundles

        for suffix, theme in FEEDBACK_THEMES:
            take_bundles(args.out / "bundles", suffix, theme)
        print(f"screenshots written to {args.out / 'bundles'}")
    elif args.feedback:
        for suffix, theme in FEEDBACK_THEMES:
            take_feedback(args.out, suffix, theme)
        print(f"screenshots written to {args.out}")
    else:
        return False
    return True


def _take_launcher_sets(args: argparse.Namespace) -> None:
    """The launcher's screens, one exercise's, the problems or the results, at every scale and in high contrast."""
    if args.problems:
        from problem_screenshots import take_problems
    for suffix, theme in THEMES if args.exercise else THEMES + LARGEST:  # the problems at every scale too
        if args.problems:
            take_problems(args.out, suffix, theme)
        elif args.results:
            take_results(args.out, suffix, theme)
        elif args.exercise:
            take_exercise(args.out, suffix, theme, args.exercise)
        else:
            if not args.tiles:
                take(args.out, suffix, theme)
            take_tiles(args.out, suffix, theme)
    if not (args.problems or args.results or args.exercise):  # the list in a small window: fewer columns, scrolling
        take_tiles(args.out, "@1.0-640x480", Theme.create(1.0), size=(640, 480))


if __name__ == "__main__":
    main()
