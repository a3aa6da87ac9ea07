"""A computer that sleeps mid-exercise: the exercise or the session waits, paused, for the client,
and the key that woke the computer answers nothing."""

from datetime import datetime, timezone

import pygame
import pytest

from games.app import App
from games.core.clock import FakeClock
from games.core.pilot import Pilot
from games.core.response_window import Phase
from games.launcher.confirm import ChoiceScene, ConfirmScene
from games.launcher.play import ExerciseScene
from games.launcher.session import SessionScene
from games.registry import get_exercise
from scores.plans import Plan, PlanItem
from scores.store import Store

LID_CLOSED_S = 20 * 60


@pytest.fixture
def sleepy(tmp_path):
    """A pilot whose calendar clock follows the app's, plus ``asleep[0]`` seconds the app never saw."""
    store = Store.open(tmp_path / "data")
    clock, asleep = FakeClock(1000.0), [0.0]
    app = App(store, clock=clock, wall_s=lambda: clock.now_ms() / 1000.0 + asleep[0])
    app.begin_session(store.add_client("C-0001", "Sam"))
    yield Pilot(app), asleep
    if pygame.display.get_init():
        app.quit()
    store.close()


def test_ordinary_time_is_no_sleep(sleepy):
    pilot, _ = sleepy
    scene = ExerciseScene(get_exercise("flanker"))
    pilot.app.stack.push(scene)
    pilot.wait(60_000, frame_ms=5_000)  # long frames, but both clocks moved together
    assert pilot.app.stack.top is scene


def test_a_sleep_mid_exercise_pauses_it_and_the_waking_key_is_no_answer(sleepy):
    pilot, asleep = sleepy
    scene = ExerciseScene(get_exercise("flanker"))
    pilot.app.stack.push(scene)
    pilot.wait_until(lambda: scene.run.logic.phase is Phase.STIMULUS and not scene.run.awaiting_onset, frame_ms=5)
    answered, run_ms = len(scene.run.records), scene.run_ms(pilot.clock.now_ms())
    asleep[0] += LID_CLOSED_S
    pilot.press(pygame.K_LEFT)  # the key that wakes the laptop is also a Flanker answer key
    assert isinstance(pilot.app.stack.top, ConfirmScene)  # "Stop this exercise?": Keep going / Stop
    assert len(scene.run.records) == answered and scene.run.logic.phase is Phase.STIMULUS
    pilot.wait(30_000, frame_ms=1_000)
    pilot.press(pygame.K_ESCAPE)  # Keep going
    assert pilot.app.stack.top is scene
    assert scene.run_ms(pilot.clock.now_ms()) == pytest.approx(run_ms, abs=50)  # the 30 s asked: no run time
    # the trial under way goes on; its calendar time, and every later one's, counts the sleep and the question
    pilot.wait_until(lambda: len(scene.run.records) >= answered + 2, limit_ms=60_000, frame_ms=50)
    starts = [datetime.fromisoformat(row["started_at"]) for row in pilot.app.store.iter_trial_rows()]
    gaps_s = [(b - a).total_seconds() for a, b in zip(starts, starts[1:])]
    assert [gap >= LID_CLOSED_S + 30 for gap in gaps_s].count(True) == 1
    assert all(gap < 10 for gap in gaps_s if gap < LID_CLOSED_S)


def test_a_sleep_mid_session_opens_the_pause_menu(sleepy):
    pilot, asleep = sleepy
    before = datetime.now(timezone.utc)
    scene = SessionScene(Plan("Short", (PlanItem("mood"), PlanItem("exercise", exercise="flanker", minutes=1))),
                         pilot.app.client, seed=3)
    pilot.app.stack.push(scene)
    pilot.step()
    asleep[0] += LID_CLOSED_S
    pilot.press(pygame.K_3)  # would answer the mood question
    assert isinstance(pilot.app.stack.top, ChoiceScene) and scene.runner.paused
    assert scene.mood_form.answers["mood"] is None
    pilot.press(pygame.K_ESCAPE)  # Keep going
    for key in (pygame.K_3, pygame.K_3, pygame.K_3, pygame.K_RETURN):
        pilot.press(key)
    (check,) = pilot.app.store.mood_checks(scene.runner.session_id)
    assert check["mood"] == 3 and (datetime.fromisoformat(check["at"]) - before).total_seconds() > LID_CLOSED_S - 1
