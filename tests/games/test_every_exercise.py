"""Every registered exercise, through the real launcher: keyboard alone, mouse alone, and mashing."""

import random

import pygame
import pytest

from games.app import App
from games.core.engine.clock import FakeClock
from games.launcher.clients import ClientPickerScene
from games.launcher.exercises import ExerciseListScene
from games.launcher.feedback_view import ReadyScene
from games.launcher.instructions import InstructionsScene
from games.launcher.play import ExerciseScene
from games.launcher.results import ResultsScene
from games.pilot import Pilot
from games.registry import EXERCISES
from scores.store.store import Store

IDS = [e.id for e in EXERCISES]
FRAME_MS = 250.0  # the pilot still stops at every frame a scene asks for
DRAW_EVERY = 5  # random events: every one handled, a frame drawn every 5 turns and for each new screen


@pytest.fixture
def pilot(tmp_path):
    store = Store.open(tmp_path / "data")
    store.add_client("C-0001", "Alex")
    app = App(store, clock=FakeClock(1000.0))
    app.stack.push(ClientPickerScene())
    pilot = Pilot(app)
    pilot.step()
    yield pilot
    if pygame.display.get_init():
        app.quit()
    store.close()


def open_exercise_by_keys(pilot, exercise_id):
    pilot.press(pygame.K_RETURN)  # the client
    assert isinstance(pilot.app.stack.top, ExerciseListScene)
    menu, index = pilot.app.stack.top.menu, tile_index(pilot.app.stack.top, exercise_id)
    while menu.focus != index:  # Tab goes through every tile in reading order
        pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_RETURN)
    assert isinstance(pilot.app.stack.top, InstructionsScene)
    pilot.press(pygame.K_RETURN)


def open_exercise_by_mouse(pilot, exercise_id):
    pilot.click(pilot.app.stack.top.menu.buttons[0].rect.center)  # the client
    scene = pilot.app.stack.top
    tile = scene.menu.buttons[tile_index(scene, exercise_id)]
    while not scene.menu.viewport.contains(tile.rect):  # the wheel scrolls the grid down to it
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        pilot.step()
    pilot.click(tile.rect.center)
    pilot.click(pilot.app.stack.top.buttons.buttons[0].rect.center)  # Start


def tile_index(scene, exercise_id):
    """Where the exercise's tile stands among the list's targets (in its domain, not in the suggestions)."""
    return max(i for i, b in enumerate(scene.menu.buttons) if getattr(b, "key", "") == exercise_id)


def check_store(store, completed_runs):
    runs = list(store.iter_run_rows())
    trials = list(store.iter_trial_rows())
    for run in runs:
        own = [t for t in trials if t["run_id"] == run["run_id"]]
        assert [t["trial_index"] for t in own] == list(range(1, len(own) + 1))
        if run["ended_at"]:
            assert run["n_trials"] == len(own)
    assert sum(bool(r["completed"]) for r in runs) >= completed_runs
    return runs, trials


@pytest.mark.parametrize("exercise_id", IDS)
@pytest.mark.parametrize("device", ["keys", "mouse"])
def test_play_a_whole_run_with_one_device(pilot, exercise_id, device):
    exercise = next(e for e in EXERCISES if e.id == exercise_id)
    (open_exercise_by_keys if device == "keys" else open_exercise_by_mouse)(pilot, exercise_id)
    for practice in (True, False):  # a new client practises first, then plays for real
        scene = pilot.app.stack.top
        assert isinstance(scene, ExerciseScene) and scene.exercise is exercise and scene.practice is practice
        pilot.play(exercise.make_player(0.8, random.Random(3)), device=device, frame_ms=FRAME_MS)
        if practice:  # "Now it counts. Ready?" waits for the client, with the same device
            assert isinstance(pilot.app.stack.top, ReadyScene)
            pilot.wait(10_000, frame_ms=FRAME_MS)
            assert isinstance(pilot.app.stack.top, ReadyScene)
            start = pilot.app.stack.top.buttons.buttons[0]
            pilot.press(pygame.K_RETURN) if device == "keys" else pilot.click(start.rect.center)
    assert isinstance(pilot.app.stack.top, ResultsScene)
    runs, trials = check_store(pilot.app.store, completed_runs=2)
    assert [r["practice"] for r in runs] == [True, False]
    scored = [t for t in trials if t["run_id"] == runs[1]["run_id"]]
    assert len(scored) >= exercise.spec.trials_per_run and runs[1]["exercise"] == exercise_id
    assert not runs[1]["simulated"] and runs[1]["accuracy"] > 0


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_thousand_random_events_leave_the_exercise_running(pilot, exercise_id):
    rng = random.Random(hash(exercise_id) % 1000)
    open_exercise_by_keys(pilot, exercise_id)
    pilot.draw_every = DRAW_EVERY
    keys = [pygame.K_RETURN, pygame.K_SPACE, pygame.K_BACKSPACE, pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT,
            pygame.K_UP, pygame.K_DOWN, pygame.K_a, pygame.K_s, pygame.K_l, pygame.K_f, pygame.K_j]
    keys += [pygame.K_0 + d for d in range(10)] + [pygame.K_KP0 + d for d in range(10)]
    width, height = pilot.app.screen.get_size()
    for _ in range(1000):
        if not isinstance(pilot.app.stack.top, ExerciseScene):
            # stopped by a stray click on Stop, or finished: start again as a person would
            while not isinstance(pilot.app.stack.top, ExerciseScene):
                pilot.press(pygame.K_RETURN)
        roll = rng.random()
        if roll < 0.6:
            pilot.press(rng.choice(keys))
        elif roll < 0.9:
            pilot.click((rng.randrange(width), rng.randrange(height)))
        else:
            pilot.wait(rng.choice([100, 1000, 5000]), frame_ms=FRAME_MS)
        assert pilot.app.running  # after every event
    pilot.draw_every = 1
    pilot.step()  # the screen it ended on draws
    assert pilot.app.running
    check_store(pilot.app.store, completed_runs=0)
