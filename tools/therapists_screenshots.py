"""The screenshots of therapists by name (``python tools/screenshots.py --therapists``): "Who are you?"
before and after the first therapist, adding one, a therapist's PIN, the therapist home signed in
and the Activity page, into ``docs/screenshots/therapists/``.

The screens read the same tables on a PostgreSQL server as in the SQLite file, so a throw-away
SQLite store, told it is shared, stands in for the clinic's server: no server is needed.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pygame

from games.app import App
from games.core.engine.clock import FakeClock
from games.core.ui.theme import Theme
from games.launcher.clients import ClientPickerScene
from games.pilot import Pilot
from scores.clinic.audit import COMMAND_LINE, Actor
from scores.clinic.therapists import NamedTherapistLock
from scores.store.store import Store

START = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


def fill_activity(store: Store) -> None:
    """A week of a clinic's audited acts, as the launcher and the command line record them."""
    alex, sam = store.get_client("C-0001"), store.get_client("C-0002")
    ana, ben = store.get_therapist("Ana Ruiz"), store.get_therapist("Ben Okafor")
    acts = [
        (ana, "sign_in", None, ""), (ana, "settings", alex, "digit_span: target success rate 0.85, level adapts"),
        (ana, "plan_assign", alex, "'Memory warm-up'"), (ben, "sign_in", None, ""),
        (ben, "report", sam, "C-0002-report-20260303-1015.html"),
        (ben, "export", sam, "runs to C-0002-runs-20260303-1016.csv: 24 rows"),
        (None, "export", None, "trials to clinic-trials.csv: 18,204 rows, from 2026-01-01 to 2026-02-28"),
        (ana, "plan_edit", None, "'Calm start' (was 'Calm start, short')"),
        (None, "pin_removed", None, "Ben Okafor's PIN"),
    ]
    for hours, (who, action, client, detail) in enumerate(acts):
        actor = COMMAND_LINE if who is None else Actor(who.id, who.name, "launcher")
        store.record_audit(action, client, detail, now=START + timedelta(hours=5 * hours), actor=actor)


def take_therapists(out: Path, suffix: str, theme: Theme) -> None:
    out.mkdir(parents=True, exist_ok=True)
    take_first(out, suffix, theme)
    take_signed_in(out, suffix, theme)


def take_first(out: Path, suffix: str, theme: Theme) -> None:
    """An empty clinic database: "Who are you?" offers to add the first therapist."""
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        store.is_shared = True  # the clinic's screens, on a stand-in store (see the module's note)
        store.add_client("C-0001", "Alex", now=START)
        store.add_client("C-0002", "Sam", now=START)
        app = App(store, theme=theme, clock=FakeClock(1000.0))
        app.stack.push(ClientPickerScene())
        pilot = Pilot(app)
        pilot.step()
        shot = lambda name: pilot.screenshot(out / f"{name}{suffix}.png")  # noqa: E731
        pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_RETURN)  # "Therapist mode" on an empty clinic database
        shot("who-are-you-first")
        pilot.press(pygame.K_RETURN)
        pilot.type("Ana Ruiz")
        shot("add-a-therapist")
        pilot.press(pygame.K_RETURN)
        pilot.type("2580")
        shot("choose-a-pin")
        app.quit()


def take_signed_in(out: Path, suffix: str, theme: Theme) -> None:
    """Three therapists and a week of activity: the names, a PIN, the home and the Activity page."""
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        store.is_shared = True
        for code, name in (("C-0001", "Alex"), ("C-0002", "Sam"), ("C-0003", None)):
            store.add_client(code, name, now=START)
        for name in ("Ana Ruiz", "Ben Okafor", "Dr. Christina Montgomery-Oyelaran"):
            NamedTherapistLock(store, None, new_name=name).set_pin("2580", START)
        fill_activity(store)
        app = App(store, theme=theme, clock=FakeClock(1000.0))
        app.stack.push(ClientPickerScene())
        pilot = Pilot(app)
        pilot.step()
        pilot.press(pygame.K_RETURN)  # "Therapist"
        shot = lambda name: pilot.screenshot(out / f"{name}{suffix}.png")  # noqa: E731
        shot("who-are-you")
        for _ in range(2):
            pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_RETURN)  # the longest name, where it could least fit
        pilot.type("25")
        shot("pin")
        pilot.type("80")
        pilot.press(pygame.K_RETURN)
        home = app.stack.top
        pilot.press(pygame.K_RIGHT)
        shot("therapist-home-signed-in")
        labels = [b.label for b in home.actions.buttons]
        while home.actions.focus != labels.index("Activity"):
            pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_RETURN)
        shot("activity")
        app.quit()


THERAPIST_THEMES = (("@1.0", Theme.create(1.0)), ("@2.0", Theme.create(2.0)),
                    ("@1.0-high-contrast", Theme.create(1.0, high_contrast=True)))


def take_all(out: Path) -> None:
    for suffix, theme in THERAPIST_THEMES:
        take_therapists(out / "therapists", suffix, theme)
