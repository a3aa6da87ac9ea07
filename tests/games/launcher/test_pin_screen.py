"""The PIN screen's Enter: one screen's answer only, the hash off the loop with "Checking…" meanwhile."""

from __future__ import annotations

import functools
import threading
from concurrent.futures import Future
from datetime import datetime, timezone

import pygame
import pytest

from games.launcher.clients import ClientPickerScene
from games.launcher.pin import CHECKING, SAVING, PinScene
from games.launcher.therapist import TherapistHomeScene
from games.pilot import Pilot
from scores.clinic.pin import PIN_SETTING, ScryptCost, TherapistLock, verify_pin

CHEAP = ScryptCost(n=2**4, r=8, p=1)
PIN = "97531864"


@pytest.fixture
def make_pilot(make_app, monkeypatch):
    """A pilot on the start screen of a PC with two clients, its PIN set (or not yet)."""
    monkeypatch.setattr("games.launcher.pin.TherapistLock", functools.partial(TherapistLock, cost=CHEAP))

    def make(pin: str | None = PIN) -> Pilot:
        app = make_app()
        for code, name in (("C-0001", "Alex"), ("C-0002", "Sam")):
            app.store.add_client(code, name)
        if pin:
            TherapistLock(app.store, cost=CHEAP).set_pin(pin, datetime.now(timezone.utc))
        app.stack.push(ClientPickerScene())
        pilot = Pilot(app)
        pilot.step()
        return pilot

    return make


def scenes(pilot) -> list[str]:
    return [type(scene).__name__ for scene in pilot.app.stack]


def recorded(pilot) -> dict[str, int]:
    """How many sessions, runs and trials the store holds."""
    store = pilot.app.store
    return {table: store.select(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("sessions", "runs", "trials")}


def post_enter(times: int, text: bool) -> None:
    """Enter going down ``times`` times without coming up, as pygame repeats a held key (each with
    its "\\r" when ``text``)."""
    for _ in range(times):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=40))
        if text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="\r"))


def hold_enter(pilot, during: int = 4, after: int = 6, text: bool = True) -> None:
    """Press Enter and hold it: ``during`` repeats come while the PIN is checked, ``after`` more once
    its answer is on screen, then the key comes up."""
    post_enter(1 + during, text)
    pilot.app.step(max_wait_ms=0)
    pilot.finish_work()
    post_enter(after, text)
    pilot.app.step(max_wait_ms=0)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=40))
    pilot.step()


@pytest.mark.parametrize("during, after, text", [(0, 0, False), (4, 0, True), (0, 6, True), (3, 8, False)])
def test_enter_held_on_the_unlock_screen_opens_therapist_mode_and_nothing_more(make_pilot, during, after, text):
    pilot = make_pilot()
    pilot.press(pygame.K_RETURN)  # "Therapist"
    assert isinstance(pilot.app.stack.top, PinScene)
    pilot.type(PIN)
    hold_enter(pilot, during, after, text)
    assert scenes(pilot) == ["ClientPickerScene", "TherapistHomeScene"]
    assert recorded(pilot) == {"sessions": 0, "runs": 0, "trials": 0}
    pilot.press(pygame.K_RETURN)  # a new press is an answer again: the first client's page
    assert scenes(pilot)[-1] == "ClientPageScene"


def test_enter_held_on_the_unlock_screen_in_client_mode_leaves_the_client_no_run(make_pilot):
    pilot = make_pilot()
    pilot.press(pygame.K_RETURN)
    pilot.type(PIN)
    pilot.press(pygame.K_RETURN)
    home = pilot.app.stack.top
    pilot.press(pygame.K_RETURN)  # Alex's page
    pilot.press(pygame.K_RETURN)  # "Let this client play"
    assert scenes(pilot) == ["ClientPickerScene", "ExerciseListScene"]
    pilot.press(pygame.K_ESCAPE)  # "Change client" asks for the PIN
    pilot.type(PIN)
    hold_enter(pilot)
    assert scenes(pilot) == ["ClientPickerScene", "TherapistHomeScene"] and pilot.app.stack.top is not home
    assert recorded(pilot) == {"sessions": 1, "runs": 0, "trials": 0}  # Alex's sitting, closed, and no run
    assert pilot.app.session_id is None


def test_enter_held_when_choosing_and_confirming_a_pin(make_pilot):
    pilot = make_pilot(pin=None)
    pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_RETURN)  # "Therapist mode": choose a PIN
    pad = pilot.app.stack.top
    assert isinstance(pad, PinScene) and pad.purpose == "set"
    pilot.type("1357")
    hold_enter(pilot, during=0, after=6)  # no hash yet: the repeats come to the next question
    assert pad.steps[pad.step] == "again" and pad.message == "" and pad.digits == ""
    pilot.type("1357")
    hold_enter(pilot)
    assert scenes(pilot) == ["ClientPickerScene", "TherapistHomeScene"]
    assert verify_pin("1357", pilot.app.store.app_setting(PIN_SETTING))
    assert recorded(pilot) == {"sessions": 0, "runs": 0, "trials": 0}


def test_enter_held_when_changing_the_pin(make_pilot):
    pilot = make_pilot()
    pilot.press(pygame.K_RETURN)
    pilot.type(PIN)
    pilot.press(pygame.K_RETURN)
    home = pilot.app.stack.top
    home.change_pin()
    pad = pilot.app.stack.top
    for typed, step_after in ((PIN, "new"), ("2468", "again")):
        pilot.type(typed)
        hold_enter(pilot)
        assert pilot.app.stack.top is pad and pad.steps[pad.step] == step_after and pad.message == ""
    pilot.type("2468")
    hold_enter(pilot)
    assert pilot.app.stack.top is home and home.notice == ["The new PIN is saved."]
    assert verify_pin("2468", pilot.app.store.app_setting(PIN_SETTING))
    assert recorded(pilot) == {"sessions": 0, "runs": 0, "trials": 0}


class HeldWork:
    """Runs a PIN screen's work only when the test says so, so the "Checking…" state can be seen."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Future, object]] = []

    def start(self, work) -> Future:
        future: Future = Future()
        self.jobs.append((future, work))
        return future

    def finish(self) -> None:
        for future, work in self.jobs:
            future.set_result(work())
        self.jobs.clear()


@pytest.mark.parametrize("purpose", ["enter", "set"])
def test_while_the_hash_runs_the_screen_says_so_and_ignores_input(make_pilot, monkeypatch, purpose):
    pilot = make_pilot(pin=PIN if purpose == "enter" else None)
    held = HeldWork()
    monkeypatch.setattr(PinScene, "start_work", staticmethod(held.start))
    pilot.wait_for_work = False
    pilot.app.stack.push(PinScene(purpose))
    pad = pilot.app.stack.top
    typed = PIN if purpose == "enter" else "1357"
    for _ in range(1 if purpose == "enter" else 2):
        pilot.type(typed)
        pilot.press(pygame.K_RETURN)
    assert pad.pending is not None and pad.pending[3] == (CHECKING if purpose == "enter" else SAVING)
    assert pad.next_frame_ms(5000.0) is not None  # it looks for the answer without waiting for input
    pilot.type("12")
    pilot.press(pygame.K_ESCAPE)
    pilot.click(pad.keys[0].rect.center)
    pilot.wait(2000)
    assert pilot.app.stack.top is pad and pad.digits == "" and pad.pending is not None
    held.finish()
    pilot.step()
    assert isinstance(pilot.app.stack.top, TherapistHomeScene)


def test_the_hash_runs_off_the_loop(make_pilot, monkeypatch):
    pilot = make_pilot()
    release, threads = threading.Event(), []
    real = TherapistLock._verify

    def slow_verify(self, *args):
        threads.append(threading.current_thread())
        assert release.wait(timeout=30)
        return real(self, *args)

    monkeypatch.setattr(TherapistLock, "_verify", slow_verify)
    pilot.press(pygame.K_RETURN)
    pilot.type(PIN)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=40))
    for _ in range(5):  # the loop goes on turning and drawing while the hash is held up
        pilot.app.step(max_wait_ms=0)
    assert isinstance(pilot.app.stack.top, PinScene) and pilot.app.stack.top.pending is not None
    release.set()
    pilot.finish_work()
    assert threads and threads[0] is not threading.main_thread()
    assert isinstance(pilot.app.stack.top, TherapistHomeScene)


def test_enter_held_on_a_wrong_pin_costs_one_try_and_keeps_its_message(make_pilot):
    pilot = make_pilot()
    pilot.press(pygame.K_RETURN)
    pad = pilot.app.stack.top
    pilot.type("1111")
    hold_enter(pilot)
    assert pilot.app.stack.top is pad
    assert pad.shown_message() == "That PIN is not right; 4 tries left before it locks."
    assert TherapistLock(pilot.app.store).failed_tries() == 1
