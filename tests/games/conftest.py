"""Fixtures shared by the game tests."""

from datetime import timedelta

import pygame
import pytest

from games.app import WINDOW_SIZE, App
from games.core.engine.clock import FakeClock
from games.core.ui.theme import forget_fonts
from scores.store.database import StoreError
from scores.store.store import Store


@pytest.fixture
def store(tmp_path):
    """A fresh store in the test's own folder."""
    with Store.open(tmp_path) as opened:
        yield opened


@pytest.fixture
def make_app(tmp_path):
    """``make_app(theme, size, clock, wall_s)``: an app on a fake clock (unless given one) over the
    store in the test's ``data`` folder; every app made is closed, and its store, after the test."""
    opened = []

    def make(theme=None, size=WINDOW_SIZE, clock=None, wall_s=None) -> App:
        store = Store.open(tmp_path / "data")
        app = App(store, theme=theme, clock=clock or FakeClock(1000.0), size=size, wall_s=wall_s)
        opened.append((app, store))
        return app

    yield make
    for app, store in opened:
        if pygame.display.get_init():
            app.quit()
        store.close()


class FlakyStore:
    """A store whose chosen writes fail as on a full disk, until ``failing`` is emptied."""

    def __init__(self, store: Store, failing=("add_trial",)) -> None:
        self.store, self.failing, self.refused = store, set(failing), 0

    def __getattr__(self, name):
        if name in self.failing:
            return self._refuse
        return getattr(self.store, name)

    def _refuse(self, *args, **kwargs):
        self.refused += 1
        raise StoreError("Could not save to the test's store (database or disk is full).")


@pytest.fixture
def flaky_store():
    """``flaky_store(store, failing)``: ``store`` with the writes named in ``failing`` refused."""
    return FlakyStore


@pytest.fixture
def record_run():
    """``record_run(store, client, exercise, started_at, ...)``: a finished run as a person's play leaves it."""

    def record(store, client, exercise, started_at, end_level=3, duration_s=120.0, completed=True, practice=False,
               simulated=False, session_id=None):
        session_id = session_id or store.start_session(client, started_at)
        run_id = store.start_run(session_id=session_id, client=client, exercise=exercise, domain="memory",
                                 started_at=started_at, start_level=end_level, seed=1, params={},
                                 simulated=simulated, app_version="test", practice=practice)
        store.finish_run(run_id, ended_at=started_at + timedelta(seconds=duration_s), end_level=end_level,
                         ability=None, ability_se=None, accuracy=0.8, median_rt_ms=None, n_trials=10,
                         duration_s=duration_s, completed=completed, measures={})
        return run_id

    return record


@pytest.fixture(scope="session")
def climbs(tmp_path_factory):
    """``climbs(exercise_id)``: its strong and weak simulated runs (tests/games/adaptation_cases.py),
    played once per test process and shared by the adaptation harness and the exercise's own checks."""
    from adaptation_cases import climb_runs

    played = {}
    with Store.open(tmp_path_factory.mktemp("climbs")) as opened:
        def runs(exercise_id):
            if exercise_id not in played:
                played[exercise_id] = climb_runs(opened, exercise_id)
            return played[exercise_id]

        yield runs


@pytest.fixture
def display():
    """pygame initialised for one test, and quit after it (fonts die with pygame.quit())."""
    pygame.init()
    yield
    forget_fonts()
    pygame.quit()
