"""An exercise played alone keeps its time on the app's clock and dates its records by the app's calendar."""

from datetime import datetime, timedelta, timezone

import pygame
import pytest

from games.core.engine.clock import FakeClock
from games.launcher.confirm import ChoiceScene
from games.launcher.play import ExerciseScene
from games.pilot import Pilot
from games.registry import get_exercise

T0 = datetime(2025, 6, 30, 23, 59, 30, tzinfo=timezone.utc)
QUESTION_MS = 45_000.0


def test_the_run_is_dated_by_the_apps_calendar_and_stop_left_open_at_closing_is_no_run_time(make_app):
    clock = FakeClock(1000.0)
    app = make_app(clock=clock, wall_s=lambda: T0.timestamp() + (clock.now_ms() - 1000.0) / 1000.0)
    app.begin_session(app.store.add_client("C-0001"))
    pilot = Pilot(app)
    scene = ExerciseScene(get_exercise("flanker"))
    app.stack.push(scene)
    pilot.wait_until(lambda: len(scene.run.records) >= 1, frame_ms=20)
    played_ms = scene.run_ms(clock.now_ms()) - 1000.0
    pilot.press(pygame.K_ESCAPE)  # "Stop this exercise?", and the window is closed while it is asked
    assert isinstance(app.stack.top, ChoiceScene)
    clock.advance(QUESTION_MS)
    app.wind_down()
    (run,) = app.store.iter_run_rows()
    started, ended = datetime.fromisoformat(run["started_at"]), datetime.fromisoformat(run["ended_at"])
    assert started == T0  # the app's calendar, not the PC's
    assert run["duration_s"] == pytest.approx(played_ms / 1000.0, abs=0.05)  # the question's 45 s left out
    assert ended - started == pytest.approx(timedelta(milliseconds=played_ms + QUESTION_MS), abs=timedelta(milliseconds=50))
