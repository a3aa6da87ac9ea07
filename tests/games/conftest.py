"""Fixtures shared by the game tests."""

import pygame
import pytest

from games.app import WINDOW_SIZE, App
from games.core.clock import FakeClock
from scores.database import StoreError
from scores.store import Store


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
