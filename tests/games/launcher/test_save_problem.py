"""Saving that fails in play: the app stays open, the problem screen comes, nothing answered is lost."""

from __future__ import annotations

import sqlite3
import stat

import pygame
import pytest

from games.app import App
from games.core.engine.clock import FakeClock
from games.launcher.clients import ClientPickerScene
from games.launcher.exercises import ExerciseListScene
from games.launcher.play import ExerciseScene
from games.launcher.save_problem import CLOSING, QUESTION, SaveProblemScene
from games.launcher.session import SessionScene
from games.memory.sequence_recall.logic import Phase
from games.pilot import Pilot
from scores.clinic.plans import Plan, PlanItem
from scores.store.connection import SqliteConnection
from scores.store.store import Store


@pytest.fixture
def data(tmp_path):
    """The data folder, its store holding one client."""
    with Store.open(tmp_path / "data") as store:
        store.add_client("C-0001", "Alex")
    return tmp_path / "data"


@pytest.fixture
def store(data):
    with Store.open(data) as opened:
        yield opened


@pytest.fixture
def open_app(store):
    """``open_app(store)``: an app on a fake clock over ``store``, on the start screen; closed after."""
    opened = []

    def make(store) -> Pilot:
        app = App(store, clock=FakeClock(1000.0))
        opened.append(app)
        app.stack.push(ClientPickerScene())
        pilot = Pilot(app)
        pilot.step()
        return pilot

    yield make
    for app in opened:  # before the store closes
        if pygame.display.get_init():
            app.quit()


def top(pilot):
    return pilot.app.stack.top


def trial_indices(store: Store) -> list[int]:
    return [row["trial_index"] for row in store.iter_trial_rows()]


def to_exercise(pilot) -> ExerciseScene:
    """Alex, Sequence Recall, Start: the practice run of three trials."""
    for _ in range(3):
        pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), ExerciseScene)
    return top(pilot)


def answer_trial(pilot, scene: ExerciseScene) -> None:
    pilot.wait_until(lambda: scene.run.logic.phase is Phase.RESPOND and not scene.run.awaiting_onset, frame_ms=50)
    for block in scene.run.logic.sequence:
        pilot.press(pygame.K_1 + block)


def test_a_trial_that_cannot_be_saved_is_kept_and_saved_in_order_on_try_again(data, store, open_app, flaky_store):
    flaky = flaky_store(store, failing=())
    pilot = open_app(flaky)
    scene = to_exercise(pilot)
    answer_trial(pilot, scene)
    flaky.failing.add("add_trial")  # the disk fills up
    answer_trial(pilot, scene)
    problem = top(pilot)
    assert isinstance(problem, SaveProblemScene) and pilot.app.running
    assert problem.question == QUESTION and "your last answer is kept" in problem.detail
    run_ms = scene.run_ms(pilot.clock.now_ms())
    pilot.wait(60_000, frame_ms=1000)  # a minute on the problem screen
    pilot.press(pygame.K_RETURN)  # Try again: still full
    assert top(pilot) is problem and problem.detail.startswith("It still could not be saved.")
    assert trial_indices(store) == [1]
    flaky.failing.clear()  # space again
    pilot.press(pygame.K_RETURN)
    assert top(pilot) is scene and trial_indices(store) == [1, 2]
    assert scene.run_ms(pilot.clock.now_ms()) - run_ms < 100  # the minute did not count
    answer_trial(pilot, scene)
    pilot.wait_until(lambda: top(pilot) is not scene, frame_ms=50)
    assert trial_indices(store) == [1, 2, 3]  # each once, in order
    [practice] = [run for run in store.iter_run_rows() if run["practice"]]
    assert practice["completed"] and practice["n_trials"] == 3


def test_quit_after_a_failure_keeps_the_answers_in_a_file_the_next_start_saves(data, store, open_app, flaky_store):
    flaky = flaky_store(store, failing=())
    pilot = open_app(flaky)
    scene = to_exercise(pilot)
    answer_trial(pilot, scene)
    flaky.failing |= {"add_trial", "finish_run", "end_session"}
    answer_trial(pilot, scene)
    problem = top(pilot)
    pilot.click(problem.buttons.buttons[1].rect.center)  # Quit, by mouse
    assert problem.question == CLOSING and problem.detail.startswith("1 answer could not be saved.")
    [kept] = list(data.glob("unsaved-*.json"))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and "Alex" not in kept.read_text()
    pilot.press(pygame.K_RETURN)  # Close
    assert not pilot.app.running
    pilot.app.quit()
    assert trial_indices(store) == [1]  # the store as it was: every trial before, whole
    assert [r["ended_at"] for r in store.iter_run_rows()] == [None]

    open_app(store)  # the next start saves what was kept
    assert trial_indices(store) == [1, 2] and not list(data.glob("unsaved-*.json"))
    [run] = list(store.iter_run_rows())
    assert run["ended_at"] is not None and run["n_trials"] == 2 and not run["completed"]


def read_only(path) -> Store:
    """The store file opened read-only, as on a share or a disk where it cannot be written."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return Store(SqliteConnection(conn, path), path.parent)


def test_a_read_only_store_shows_the_problem_and_loses_nothing(data, store, open_app):
    ro = read_only(data / "cogsuite.sqlite3")
    try:
        pilot = open_app(ro)
        pilot.press(pygame.K_RETURN)  # Alex: the sitting cannot be recorded
        problem = top(pilot)
        assert isinstance(problem, SaveProblemScene) and isinstance(problem.below, ExerciseListScene)
        assert "what you just did is kept" in problem.detail
        assert "readonly" in str(pilot.app.store.problem)  # the detail, for the log
        pilot.press(pygame.K_RETURN)  # Try again
        assert top(pilot) is problem
        pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_RETURN)  # Quit
        assert problem.detail.startswith("A few details could not be saved. They are kept on this computer")
        pilot.app.quit()
    finally:
        ro.close()
    assert not store.select("SELECT * FROM sessions").fetchall()
    open_app(store)  # a start with the store writable again
    [session] = store.select("SELECT * FROM sessions").fetchall()
    assert session["ended_at"] is not None


def test_a_mood_check_that_cannot_be_saved_waits_with_the_session_paused(data, store, open_app, flaky_store):
    plan = Plan("Short", (PlanItem("mood"), PlanItem("breathing", minutes=1)))
    flaky = flaky_store(store, failing={"add_mood_check"})
    pilot = open_app(flaky)
    scene = SessionScene(plan, store.get_client("C-0001"), seed=3)
    pilot.app.stack.push(scene)
    pilot.step()
    for key in (pygame.K_3, pygame.K_4, pygame.K_2, pygame.K_RETURN):
        pilot.press(key)
    assert isinstance(top(pilot), SaveProblemScene) and scene.runner.paused
    pilot.wait(30_000, frame_ms=1000)
    flaky.failing.clear()
    pilot.press(pygame.K_RETURN)
    assert top(pilot) is scene and not scene.runner.paused
    assert scene.runner.state.item.kind == "breathing" and scene.runner.item_elapsed_ms(pilot.clock.now_ms()) < 100
    [check] = store.mood_checks(scene.runner.session_id)
    assert (check["mood"], check["calm"], check["energy"]) == (3, 4, 2)


def test_a_change_outside_play_that_cannot_be_saved_is_not_made_and_says_so(data, store, open_app):
    from games.launcher.clients import NewClientScene
    from games.launcher.confirm import ChoiceScene

    ro = read_only(data / "cogsuite.sqlite3")
    try:
        pilot = open_app(ro)
        pilot.app.stack.push(NewClientScene())
        pilot.step()
        pilot.type("C-0002")
        pilot.press(pygame.K_RETURN)
        notice = top(pilot)
        assert isinstance(notice, ChoiceScene) and notice.question == "That could not be saved just now"
        assert pilot.app.running and pilot.app.store.problem is None
        pilot.press(pygame.K_RETURN)  # OK
        assert isinstance(top(pilot), NewClientScene)
        pilot.app.quit()
    finally:
        ro.close()
    assert [c.code for c in store.list_clients()] == ["C-0001"]
    assert not list(data.glob("unsaved-*"))
