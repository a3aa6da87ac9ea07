"""A computer that sleeps mid-exercise: the exercise or the session waits, paused, for the client,
and the key that woke the computer answers nothing."""

from datetime import datetime

import pygame
import pytest

from games.core.engine.clock import FakeClock
from games.core.engine.trials.timed_response import Phase
from games.launcher.confirm import ChoiceScene
from games.launcher.play import ExerciseScene
from games.launcher.session import SessionScene
from games.pilot import Pilot
from games.registry import get_exercise
from scores.clinic.plans import Plan, PlanItem

LID_CLOSED_S = 20 * 60


@pytest.fixture
def sleepy(make_app):
    """A pilot whose calendar clock follows the app's, plus ``asleep[0]`` seconds the app never saw."""
    clock, asleep = FakeClock(1000.0), [0.0]
    app = make_app(clock=clock, wall_s=lambda: clock.now_ms() / 1000.0 + asleep[0])
    app.begin_session(app.store.add_client("C-0001", "Sam"))
    return Pilot(app), asleep


def test_ordinary_time_is_no_sleep(sleepy):
    pilot, asleep = sleepy
    scene = ExerciseScene(get_exercise("flanker"))
    pilot.app.stack.push(scene)
    for _ in range(12):  # long frames, and the calendar clock a few seconds ahead each time (scheduling)
        asleep[0] += 5.0
        pilot.wait(5_000, frame_ms=5_000)
    assert pilot.app.stack.top is scene


def trial_gaps_s(pilot) -> list[float]:
    starts = [datetime.fromisoformat(row["started_at"]) for row in pilot.app.store.iter_trial_rows()]
    return [(b - a).total_seconds() for a, b in zip(starts, starts[1:])]


def test_a_sleep_mid_exercise_pauses_it_and_the_waking_key_is_no_answer(sleepy):
    pilot, asleep = sleepy
    scene = ExerciseScene(get_exercise("flanker"))
    pilot.app.stack.push(scene)
    pilot.wait_until(lambda: scene.run.logic.phase is Phase.STIMULUS and not scene.run.awaiting_onset, frame_ms=5)
    answered, run_ms = len(scene.run.records), scene.run_ms(pilot.clock.now_ms())
    asleep[0] += LID_CLOSED_S
    pilot.press(pygame.K_LEFT)  # the key that wakes the laptop is also a Flanker answer key
    assert isinstance(pilot.app.stack.top, ChoiceScene)  # "Stop this exercise?": Keep going / ... / Stop now
    assert len(scene.run.records) == answered and scene.run.logic.phase is Phase.STIMULUS
    pilot.wait(30_000, frame_ms=1_000)
    pilot.press(pygame.K_ESCAPE)  # Keep going
    assert pilot.app.stack.top is scene
    assert scene.run_ms(pilot.clock.now_ms()) == pytest.approx(run_ms, abs=50)  # the 30 s asked: no run time
    # the trial under way goes on; its calendar time, and every later one's, counts the sleep and the question
    pilot.wait_until(lambda: len(scene.run.records) >= answered + 2, limit_ms=60_000, frame_ms=50)
    gaps_s = trial_gaps_s(pilot)
    assert [gap >= LID_CLOSED_S + 30 for gap in gaps_s].count(True) == 1
    assert all(gap < 10 for gap in gaps_s if gap < LID_CLOSED_S)


def test_a_sleep_mid_session_opens_the_pause_menu(sleepy):
    pilot, asleep = sleepy
    before = pilot.app.now()  # the calendar the app dates the mood check by
    scene = SessionScene(Plan("Short", (PlanItem("mood"), PlanItem("exercise", exercise="flanker", minutes=1))),
                         pilot.app.client, seed=3)
    pilot.app.stack.push(scene)
    pilot.step()
    asleep[0] += LID_CLOSED_S
    pilot.press(pygame.K_3)  # would answer the mood question
    assert isinstance(pilot.app.stack.top, ChoiceScene) and scene.runner.paused
    assert scene.mood_form.answers["mood"] is None
    pilot.wait(2_000, frame_ms=500)  # keys this soon after waking are taken for the waking
    pilot.press(pygame.K_ESCAPE)  # Keep going
    for key in (pygame.K_3, pygame.K_3, pygame.K_3, pygame.K_RETURN):
        pilot.press(key)
    (check,) = pilot.app.store.mood_checks(scene.runner.session_id)
    assert check["mood"] == 3 and (datetime.fromisoformat(check["at"]) - before).total_seconds() > LID_CLOSED_S - 1


def test_a_sleep_while_stop_is_asked_still_moves_the_calendar_on(sleepy):
    pilot, asleep = sleepy
    scene = ExerciseScene(get_exercise("flanker"))
    pilot.app.stack.push(scene)
    pilot.wait_until(lambda: len(scene.run.records) >= 1, frame_ms=20)
    pilot.press(pygame.K_ESCAPE)  # "Stop this exercise?"
    asleep[0] += LID_CLOSED_S
    pilot.wait(3_000, frame_ms=500)  # no key: the computer woke by itself
    assert isinstance(pilot.app.stack.top, ChoiceScene)
    pilot.press(pygame.K_ESCAPE)  # Keep going
    pilot.wait_until(lambda: len(scene.run.records) >= 3, limit_ms=60_000, frame_ms=50)
    assert max(trial_gaps_s(pilot)) >= LID_CLOSED_S


def test_the_click_that_wakes_the_computer_does_not_answer_the_question_it_opens(sleepy):
    pilot, asleep = sleepy
    scene = ExerciseScene(get_exercise("flanker"))
    pilot.app.stack.push(scene)
    pilot.wait(2_000, frame_ms=50)
    asleep[0] += LID_CLOSED_S
    pilot.step()  # the computer is awake: "Stop this exercise?" with Keep going and Stop now
    question = pilot.app.stack.top
    stop = next(button for button in question.buttons.buttons if button.label == "Stop now")
    pilot.clock.advance(300)
    pilot.click(stop.rect.center)  # the hand still on the mouse from waking it
    assert pilot.app.stack.top is question and not scene.run.finished
    pilot.wait(1_500, frame_ms=100)
    pilot.click(stop.rect.center)  # now a choice
    assert scene.run.finished


def test_a_sleep_in_the_pause_menu_still_moves_the_calendar_on(sleepy):
    pilot, asleep = sleepy
    before = pilot.app.now()  # the calendar the app dates the mood check by
    scene = SessionScene(Plan("Short", (PlanItem("mood"),)), pilot.app.client, seed=3)
    pilot.app.stack.push(scene)
    pilot.step()
    pilot.press(pygame.K_ESCAPE)  # Paused
    asleep[0] += LID_CLOSED_S
    pilot.wait(3_000, frame_ms=500)
    pilot.press(pygame.K_ESCAPE)  # Keep going
    for key in (pygame.K_4, pygame.K_4, pygame.K_4, pygame.K_RETURN):
        pilot.press(key)
    (check,) = pilot.app.store.mood_checks(scene.runner.session_id)
    assert check["mood"] == 4 and (datetime.fromisoformat(check["at"]) - before).total_seconds() > LID_CLOSED_S - 1
