"""Therapists by name on a clinic's shared store: "Who are you?", adding a therapist, and the
Activity page (the audit: who exported, reported or changed what, and when)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import pygame

from games.core.ui.widgets import Button, FocusList, TextField
from games.launcher.clients import NewClientScene
from games.launcher.common import FramedScene
from games.launcher.pin import PIN_ACCEPTED, PinScene
from games.launcher.scroll_text import ScrollText, hint_for
from scores.clinic.audit import LAUNCHER, VIA_LAUNCHER, Actor, AuditEntry
from scores.clinic.therapists import NamedTherapistLock, Therapist, validate_therapist_name
from scores.store.clients import ClientNameError

log = logging.getLogger(__name__)

ACTIVITY_ROWS = 200  # the newest acts the Activity page lists; the audit export has them all


def open_therapist_entry(app: Any) -> None:
    """Therapist mode's door: "Who are you?" on a shared store, else this PC's one PIN."""
    if app.store.is_shared:
        app.stack.push(WhoAreYouScene())
    else:
        from games.launcher.pin import pin_is_set

        app.stack.push(PinScene("enter" if pin_is_set(app.store) else "set"))


def signed_in(store: Any) -> Therapist | None:
    """The therapist signed in on this PC's launcher, if any (shared stores only)."""
    name = store.actor.therapist_name
    return store.get_therapist(name) if name else None


def sign_out(store: Any) -> None:
    store.act_as(LAUNCHER)


def pin_scene_for(store: Any, therapist: Therapist, purpose: str | None = None) -> PinScene:
    """The PIN screen for ``therapist``: their PIN, or a new one when theirs was removed."""
    purpose = purpose or ("enter" if therapist.has_pin else "set")
    return PinScene(purpose, NamedTherapistLock(store, therapist), title=therapist.name)  # the prompt says the rest


class WhoAreYouScene(FramedScene):
    """The therapists' names; choosing one asks for their PIN. With none yet, the first is added."""

    title = "Who are you?"
    hint = "Arrow keys to choose  ·  Enter to go on  ·  Esc to go back"

    def __init__(self) -> None:
        super().__init__()
        self.menu = FocusList([])
        self.none_yet = False
        self.chosen: PinScene | None = None

    def on_enter(self) -> None:
        therapists = self.app.store.therapists()  # read here, never while drawing (the server may go)
        self.none_yet = not therapists
        self.menu = FocusList([
            Button(t.name, lambda t=t: self.choose(t), detail="Type your PIN" if t.has_pin else "Choose a new PIN")
            for t in therapists
        ] or [Button("Add the first therapist", self.add_first, detail="Your name, then a PIN")])

    def subtitle(self) -> str:
        if self.none_yet:
            return "No therapist has been added to the clinic's database yet."
        return "Choose your name; then type your PIN."

    def choose(self, therapist: Therapist) -> None:
        self.chosen = pin_scene_for(self.app.store, therapist)
        self.app.stack.push(self.chosen)

    def add_first(self) -> None:
        self.app.stack.push(NewTherapistScene())

    def on_result(self, result: Any) -> None:
        therapist = result if isinstance(result, Therapist) else None
        if result is PIN_ACCEPTED and self.chosen is not None:
            therapist = self.chosen.lock.therapist
        if therapist is None:
            self.on_enter()  # cancelled: the names may have changed on another PC meanwhile
            return
        self.app.store.act_as(Actor(therapist.id, therapist.name, VIA_LAUNCHER))
        log.info("therapist signed in by name")
        self.app.stack.pop(PIN_ACCEPTED)

    def draw(self, surface: pygame.Surface) -> None:
        content = self.draw_frame(surface)
        self.menu.layout(self.theme, content)
        self.menu.draw(surface, self.theme)


class NewTherapistScene(NewClientScene):
    """A therapist's name, then their PIN twice; pops with the new Therapist (added with the PIN)."""

    title = "Add a therapist"

    def __init__(self) -> None:
        super().__init__()
        self.create_button = Button("Next", self.create)
        self.pin_scene: PinScene | None = None

    def on_enter(self) -> None:
        if not self.fields:
            self.fields = [TextField("Name, as colleagues know them (e.g. Ana R.)")]
            self.focus = 0

    def subtitle(self) -> str:
        if self.error and self._error_hidden:
            return self.error
        return "Type the therapist's name; then they choose a PIN that only they know."

    def create(self) -> None:
        try:
            name = validate_therapist_name(self.fields[0].text)
            if self.app.store.get_therapist(name) is not None:
                raise ClientNameError(f"A therapist called '{name}' already exists; choose another name.")
        except ClientNameError as err:
            self.error = str(err)
            return
        lock = NamedTherapistLock(self.app.store, None, new_name=name)
        self.pin_scene = PinScene("set", lock, title=name)
        self.app.stack.push(self.pin_scene)

    def on_result(self, result: Any) -> None:
        if result is PIN_ACCEPTED and self.pin_scene is not None and self.pin_scene.lock.therapist is not None:
            self.app.stack.pop(self.pin_scene.lock.therapist)


def when_text(at: str) -> str:
    """An audit time on this PC's calendar: 'Thu 5 Dec 2026, 09:12'."""
    moment = datetime.fromisoformat(at).astimezone()
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def activity_line(entry: AuditEntry) -> str:
    """One act as the Activity page lists it: when, who, what, which client, then the detail."""
    client = f" · client {entry.client}" if entry.client else ""
    detail = f" — {entry.detail}" if entry.detail else ""
    return f"{when_text(entry.at)} · {entry.who} {entry.what}{client}{detail}"


class ActivityScene(FramedScene):
    """The newest audit rows, newest first; they scroll by line when they do not fit."""

    title = "Activity"
    hint = "Esc to go back"

    def __init__(self) -> None:
        super().__init__()
        self.text = ScrollText()
        self.lines: list[str] = []

    def on_enter(self) -> None:
        entries = self.app.store.recent_audit(ACTIVITY_ROWS)
        self.lines = [activity_line(entry) for entry in entries] or ["Nothing yet."]

    def subtitle(self) -> str:
        return f"The newest {ACTIVITY_ROWS}, newest first. The audit export has them all."

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        self.handle_corner(event) or self.text.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        font = theme.font("body")
        shown = self.text.layout(self.lines, font, content, theme.gap(0.5), theme.font("small").get_linesize())
        hint_for(self, surface, self.text.scrolls)
        self.text.draw(surface, shown, font, theme.palette.text, content)
        self.text.draw_marks(surface, theme, content.right)
