"""The bundle screens' screenshots, taken headless by ``python tools/screenshots.py --bundles``: the
therapist's "Prepare for home" and "Bring in home practice", and on a home PC the client's "Send to
the clinic" and "Bring in from the clinic", in a throw-away store with a pretend USB stick."""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pygame

from games.app import App
from games.core.engine.clock import FakeClock
from games.core.ui.theme import Theme
from games.launcher import bundle_export, bundle_import, bundle_places
from games.launcher.clients import ClientPickerScene
from games.pilot import Pilot
from scores.bundle import sealed as bundle_file
from scores.bundle.content import keep_passphrase, read_client
from scores.bundle.files import write_bundle
from scores.clinic.pin import TherapistLock
from scores.store.store import Store
from tools.therapist_screenshots import record_history

PIN = "2580"
WORDS = "river lemon oak tulip"


def _pretend_stick(folder: Path) -> Path:
    """A folder that the screens take for the only USB stick plugged in."""
    stick = folder / "media" / "alex" / "USB STICK"
    stick.mkdir(parents=True)
    for module in (bundle_places, bundle_export, bundle_import):
        module.removable_drives = lambda: [stick]
    bundle_export.memorable_passphrase = lambda: WORDS  # the same words in every picture
    bundle_file.KDF = {"name": "scrypt", "n": 2 ** 10, "r": 8, "p": 1}
    return stick


def _home_bundle(folder: Path, stick: Path, client_id: str, passphrase: str) -> None:
    """A home PC's practice of C-0001 (the clinic's client id), as a file on the stick."""
    with Store.open(folder / "home") as home:
        alex = home.add_client("C-0001", "Alex")
        home.select("UPDATE clients SET id = ? WHERE id = ?", (client_id, alex.id))
        alex = home.get_client("C-0001")
        record_history(home, alex)
        write_bundle(home, read_client(home, alex), stick / "C-0001-20250310-1830.cogsuite", passphrase)


def _pilot(store: Store, theme: Theme) -> Pilot:
    app = App(store, theme=theme, clock=FakeClock(1000.0))
    app.stack.push(ClientPickerScene())
    pilot = Pilot(app)
    pilot.step()
    return pilot


def _choose(pilot: Pilot, menu, label: str) -> None:
    index = [b.label for b in menu.buttons].index(label)
    while menu.focus != index:
        pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_RETURN)


def take_therapist(out: Path, suffix: str, theme: Theme) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "clinic") as store:
        stick = _pretend_stick(Path(folder))
        alex = store.add_client("C-0001", "Alex")
        store.add_client("C-0002", "Sam")
        record_history(store, alex)
        TherapistLock(store).set_pin(PIN, datetime.now(timezone.utc))
        _home_bundle(Path(folder), stick, alex.id, "apple cedar brook lamp")
        pilot = _pilot(store, theme)
        shot: Callable[[str], None] = lambda name: pilot.screenshot(out / f"{name}{suffix}.png")  # noqa: E731
        pilot.press(pygame.K_RETURN)
        pilot.type(PIN)
        pilot.press(pygame.K_RETURN)
        _choose(pilot, pilot.app.stack.top.clients, "Alex")
        page = pilot.app.stack.top
        _choose(pilot, page.menu, "Prepare for home")
        shot("prepare-1-new-passphrase")
        _choose(pilot, pilot.app.stack.top.menu, "Folder")
        shot("prepare-2-folder")
        _choose(pilot, pilot.app.stack.top.menu, "Type a folder")
        shot("prepare-3-type-a-folder")
        pilot.press(pygame.K_ESCAPE)
        pilot.press(pygame.K_ESCAPE)
        _choose(pilot, pilot.app.stack.top.menu, "Type a passphrase")
        pilot.type("my own words here")
        shot("prepare-4-typed-passphrase")
        _choose(pilot, pilot.app.stack.top.menu, "New passphrase")
        _choose(pilot, pilot.app.stack.top.menu, "Include the client's name")
        _choose(pilot, pilot.app.stack.top.menu, "Next")
        shot("prepare-5-confirm")
        pilot.press(pygame.K_RIGHT)
        pilot.press(pygame.K_RETURN)
        shot("prepare-6-ready")
        pilot.press(pygame.K_RETURN)
        _take_bring_in(pilot, page, shot)
        pilot.app.quit()


def _take_bring_in(pilot: Pilot, page, shot: Callable[[str], None]) -> None:
    _choose(pilot, page.menu, "Bring in home practice")
    pilot.press(pygame.K_DOWN)  # the home PC's file, under the one just written
    shot("bring-in-1-files")
    pilot.press(pygame.K_RETURN)
    pilot.type("apple cedar brook")
    shot("bring-in-2-passphrase")
    pilot.press(pygame.K_RETURN)
    shot("bring-in-3-wrong")
    for _ in range(4):
        pilot.type("wrong words again")
        pilot.press(pygame.K_RETURN)
    pilot.wait(3000, frame_ms=500)
    shot("bring-in-4-locked")
    pilot.wait(30_000, frame_ms=1000)
    pilot.type("apple cedar brook lamp")
    pilot.press(pygame.K_RETURN)
    shot("bring-in-5-what-it-adds")
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_RETURN)
    shot("bring-in-6-done")


def take_client(out: Path, suffix: str, theme: Theme) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "home-pc") as store:
        stick = _pretend_stick(Path(folder))
        _home_bundle(Path(folder), stick, "5b1c7f2e-0000-4000-8000-000000000001", WORDS)
        sam = store.add_client("C-0002", "Sam")
        pilot = _pilot(store, theme)
        shot: Callable[[str], None] = lambda name: pilot.screenshot(out / f"{name}{suffix}.png")  # noqa: E731
        shot("client-1-start")
        _choose(pilot, pilot.app.stack.top.menu, "Bring in from the clinic")
        pilot.press(pygame.K_RETURN)
        pilot.type("river lemon")
        pilot.press(pygame.K_RETURN)
        shot("client-2-wrong-words")
        pilot.type(WORDS)
        pilot.press(pygame.K_RETURN)
        shot("client-3-bring-this-in")
        pilot.press(pygame.K_RIGHT)
        pilot.press(pygame.K_RETURN)
        shot("client-4-brought-in")
        pilot.press(pygame.K_RETURN)
        _choose(pilot, pilot.app.stack.top.menu, "C-0001")  # the clinic's file carried no name
        pilot.press(pygame.K_END)
        shot("client-5-send-tile")
        pilot.press(pygame.K_RETURN)
        shot("client-6-where")
        pilot.press(pygame.K_RETURN)
        shot("client-7-ready")
        pilot.press(pygame.K_RETURN)
        pilot.press(pygame.K_ESCAPE)
        _choose(pilot, pilot.app.stack.top.menu, "Sam")
        pilot.press(pygame.K_END)
        pilot.press(pygame.K_RETURN)
        shot("client-8-not-ready")
        keep_passphrase(store, sam.id, WORDS)  # (not shown: only so the store closes tidily)
        pilot.app.quit()


def take_bundles(out: Path, suffix: str, theme: Theme) -> None:
    out.mkdir(parents=True, exist_ok=True)
    take_therapist(out, suffix, theme)
    take_client(out, suffix, theme)
