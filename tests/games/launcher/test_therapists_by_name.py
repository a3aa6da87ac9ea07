"""Therapists by name through the real scene stack: on a shared store "Who are you?", each
therapist's own PIN and lock, adding a therapist; and the Activity page on both kinds of store."""

from __future__ import annotations

import functools
from datetime import datetime, timezone

import pygame
import pytest

from games.app import App
from games.core.engine.clock import FakeClock
from games.launcher.clients import ClientPickerScene
from games.launcher.pin import PinScene
from games.launcher.therapist import TherapistHomeScene
from games.launcher.therapists import ActivityScene, NewTherapistScene, WhoAreYouScene, activity_line
from games.pilot import Pilot
from scores.clinic.pin import ScryptCost, TherapistLock
from scores.clinic.therapists import NamedTherapistLock
from scores.store.store import Store

CHEAP = ScryptCost(n=2**4, r=8, p=1)


@pytest.fixture
def shared_pilot(pg_url, tmp_path, monkeypatch):
    """The launcher's start screen over an empty store on the test's PostgreSQL server."""
    monkeypatch.setattr("games.launcher.therapists.NamedTherapistLock", functools.partial(NamedTherapistLock, cost=CHEAP))
    store = Store.open(tmp_path / "data", url=pg_url)
    store.add_client("C-0001", "Alex")
    app = App(store, clock=FakeClock(1000.0))
    app.stack.push(ClientPickerScene())
    pilot = Pilot(app)
    pilot.step()
    yield pilot
    app.quit()
    store.close()


def top(pilot):
    return pilot.app.stack.top


def choose(pilot, label: str) -> None:
    menu = top(pilot).menu
    index = [b.label for b in menu.buttons].index(label)
    while menu.focus != index:
        pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_RETURN)


def pin(pilot, digits: str) -> None:
    pilot.type(digits)
    pilot.press(pygame.K_RETURN)


def add_therapist(pilot, name: str, digits: str) -> None:
    assert isinstance(top(pilot), NewTherapistScene)
    pilot.type(name)
    pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), PinScene) and top(pilot).title == name
    pin(pilot, digits)
    pin(pilot, digits)


def test_the_first_therapist_is_added_then_each_signs_in_by_name_with_their_own_lock(shared_pilot):
    pilot, store = shared_pilot, shared_pilot.app.store
    choose(pilot, "Therapist mode")
    assert isinstance(top(pilot), WhoAreYouScene)
    assert [b.label for b in top(pilot).menu.buttons] == ["Add the first therapist"]
    pilot.press(pygame.K_RETURN)
    add_therapist(pilot, "Ana", "2468")
    home = top(pilot)
    assert isinstance(home, TherapistHomeScene) and home.title == "Therapist mode: Ana"
    pilot.press(pygame.K_RIGHT)
    choose_action(pilot, home, "Add a therapist")
    add_therapist(pilot, "Ben", "1357")
    assert top(pilot) is home and home.notice == ["Ben can now sign in with their own PIN."]
    pilot.press(pygame.K_ESCAPE)  # lock
    assert store.actor.therapist_name is None
    start = top(pilot)
    assert [b.label for b in start.menu.buttons] == ["Therapist"]  # a clinic now: no client listed
    pilot.press(pygame.K_RETURN)
    assert [b.label for b in top(pilot).menu.buttons] == ["Ana", "Ben"]
    choose(pilot, "Ben")
    for _ in range(5):
        pin(pilot, "0000")
    assert "Locked for 30" in top(pilot).shown_message()
    pilot.press(pygame.K_ESCAPE)
    choose(pilot, "Ana")  # Ben's lock is his alone
    assert top(pilot).title == "Ana" and top(pilot).purpose == "enter"
    pin(pilot, "2468")
    assert isinstance(top(pilot), TherapistHomeScene) and store.actor.therapist_name == "Ana"
    assert [(e.who, e.action, e.detail) for e in store.recent_audit()][:4] == [
        ("Ana", "sign_in", ""), ("Ana", "therapist_added", "Ben"), ("Ana", "sign_in", ""),
        ("Ana", "therapist_added", "Ana"),
    ]


def choose_action(pilot, home, label: str) -> None:
    index = [b.label for b in home.actions.buttons].index(label)
    while home.actions.focus != index:
        pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_RETURN)


def test_a_therapist_whose_pin_was_removed_chooses_a_new_one_by_mouse(shared_pilot):
    pilot, store = shared_pilot, shared_pilot.app.store
    NamedTherapistLock(store, None, cost=CHEAP, new_name="Ana").set_pin("2468", datetime.now(timezone.utc))
    NamedTherapistLock(store, store.get_therapist("Ana"), cost=CHEAP).remove()
    top(pilot).refresh()
    pilot.step()
    pilot.click(top(pilot).menu.buttons[0].rect.center)  # the start screen's one button
    who = top(pilot)
    assert isinstance(who, WhoAreYouScene) and who.menu.buttons[0].detail == "Choose a new PIN"
    pilot.click(who.menu.buttons[0].rect.center)
    assert isinstance(top(pilot), PinScene) and top(pilot).purpose == "set"
    for _ in range(2):
        for digit in "9753":  # the keypad, digit by digit, then OK
            pilot.click(next(k for k in top(pilot).keys if k.label == digit).rect.center)
        pilot.click(next(k for k in top(pilot).keys if k.label == "OK").rect.center)
    assert isinstance(top(pilot), TherapistHomeScene)
    assert NamedTherapistLock(store, store.get_therapist("Ana"), cost=CHEAP).check("9753", datetime.now(timezone.utc)).accepted


def test_the_activity_page_lists_who_did_what_for_whom_newest_first(make_app, monkeypatch):
    monkeypatch.setattr("games.launcher.pin.TherapistLock", functools.partial(TherapistLock, cost=CHEAP))
    app = make_app()
    client = app.store.add_client("C-0001", "Alex")
    TherapistLock(app.store, cost=CHEAP).set_pin("2468", datetime.now(timezone.utc))
    app.stack.push(ClientPickerScene())
    pilot = Pilot(app)
    pilot.step()
    pilot.press(pygame.K_RETURN)
    pin(pilot, "2468")
    home = top(pilot)
    app.store.set_exercise_settings(client, "stroop", target_rate=None, locked_level=2)
    pilot.press(pygame.K_RIGHT)
    choose_action(pilot, home, "Activity")
    page = top(pilot)
    assert isinstance(page, ActivityScene)
    assert "Add a therapist" not in [b.label for b in home.actions.buttons]  # one PC, one PIN
    assert page.lines[0].endswith("· Therapist (this PC's PIN) changed exercise settings · client Alex — "
                                  "stroop: target success rate default, level locked at 2")
    assert "Therapist (this PC's PIN) signed in" in page.lines[1]
    assert page.lines == [activity_line(e) for e in app.store.recent_audit()]
    pilot.press(pygame.K_ESCAPE)
    assert top(pilot) is home
