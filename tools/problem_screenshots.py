"""The save-problem and PIN-checking screenshots, for ``python tools/screenshots.py --problems``."""

from __future__ import annotations

import tempfile
from concurrent.futures import Future
from datetime import datetime, timezone
from pathlib import Path

import pygame

from games.app import App
from games.core.engine.clock import FakeClock
from games.core.ui.theme import Theme
from games.launcher.clients import ClientPickerScene
from games.launcher.pin import PinScene
from games.pilot import Pilot
from scores.clinic.pin import TherapistLock
from scores.store.database import StoreError
from scores.store.store import Store
from screenshots import answer


class FullDisk:
    """The store, refusing to save once ``full`` is set, as on a full disk."""

    def __init__(self, store: Store) -> None:
        self.store, self.full = store, False

    def __getattr__(self, name: str):
        if self.full and name in ("add_trial", "finish_run", "end_session"):
            raise StoreError(f"Could not save to {self.store.path} (database or disk is full).")
        return getattr(self.store, name)


def take_problems(out: Path, suffix: str, theme: Theme) -> None:
    """A trial that cannot be saved: the problem, Try again failing, then Quit; and "Checking…"."""
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        store.add_client("C-0001", "Alex")
        disk = FullDisk(store)
        app = App(disk, theme=theme, clock=FakeClock(1000.0))
        app.stack.push(ClientPickerScene())
        pilot = Pilot(app)
        pilot.step()
        for _ in range(3):  # Alex, Sequence Recall, Start
            pilot.press(pygame.K_RETURN)
        answer(pilot, right=True)
        disk.full = True
        answer(pilot, right=True)
        pilot.screenshot(out / f"save-problem{suffix}.png")
        pilot.press(pygame.K_RETURN)
        pilot.screenshot(out / f"save-problem-still{suffix}.png")
        pilot.press(pygame.K_RIGHT)
        pilot.press(pygame.K_RETURN)
        pilot.screenshot(out / f"save-problem-closing{suffix}.png")
        app.quit()
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        TherapistLock(store).set_pin("2580", datetime.now(timezone.utc))
        app = App(store, theme=theme, clock=FakeClock(1000.0))
        app.stack.push(PinScene("enter"))
        pilot = Pilot(app)
        pilot.wait_for_work = False
        pilot.step()
        app.stack.top.start_work = lambda work: Future()  # an answer that has not come yet
        pilot.type("2580")
        pilot.press(pygame.K_RETURN)
        pilot.screenshot(out / f"pin-checking{suffix}.png")
        app.quit()
