"""Therapist mode: the home screen behind the PIN, the idle lock, and handing the PC to a client."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import pygame

from games.core.ui.scene import Scene
from games.core.ui.widgets import Button, FocusList, draw_text
from games.launcher.common import FramedScene
from games.launcher.pin import PIN_ACCEPTED, PinScene
from games.launcher.sound_settings import open_sound_settings
from games.launcher.therapist_exports import draw_notice, export_csvs, notice_height, saved_notice
from games.launcher.therapists import ActivityScene, NewTherapistScene, pin_scene_for, sign_out, signed_in
from scores.clinic.pin import IDLE_LOCK_S
from scores.clinic.therapists import Therapist
from scores.store.clients import Client

log = logging.getLogger(__name__)

IDLE_LOCK_MS = IDLE_LOCK_S * 1000.0


@dataclass(frozen=True)
class HandOver:
    """What the start screen does once the therapist screens close: nothing (locked), let
    ``client`` play, or run ``plan`` with ``client``."""

    client: Client | None = None
    plan: Any = None


LOCKED = HandOver()


class IdleLock:
    """Set on the app while therapist mode is open: with no input for IDLE_LOCK_MS on any screen
    (the plan editor, a question, progress...), every screen above the start screen closes.

    Idle time is counted on the app's clock and on the calendar clock, whichever says more: the
    app's clock may stand still while a laptop sleeps, and a therapist who closes the lid must
    not find the client at their screens when it opens.
    """

    def __init__(self, home: Scene) -> None:
        self.home = home

    @staticmethod
    def due_ms(app: Any) -> float:
        return app.last_input_ms + IDLE_LOCK_MS

    def check(self, app: Any, now_ms: float) -> bool:
        """Lock if the idle time is up; returns whether it locked."""
        if now_ms < self.due_ms(app) and app.wall_s() - app.last_input_wall_s < IDLE_LOCK_S:
            return False
        log.info("therapist mode locked after %d s without input", IDLE_LOCK_S)
        close_therapist_screens(app)
        return True


def close_therapist_screens(app: Any, result: HandOver = LOCKED) -> None:
    """Close the therapist home and every screen above it; the start screen receives ``result``.

    The screens above the home are told nothing (as if cancelled), so none acts on ``result``.
    """
    lock = app.watchdog
    app.watchdog = None
    if not isinstance(lock, IdleLock) or lock.home not in list(app.stack):
        return
    sign_out(app.store)
    while app.stack.top is not lock.home:
        app.stack.pop()
    app.stack.pop(result)


def open_therapist_home(app: Any) -> None:
    home = TherapistHomeScene()
    app.stack.push(home)
    app.watchdog = IdleLock(home)


def after_therapist(start: Any, result: Any) -> bool:
    """The start screen's share of therapist mode: act on a PIN accepted or a hand-over.

    Returns:
        True when ``result`` belonged to therapist mode and was dealt with.
    """
    if result is PIN_ACCEPTED:
        start.app.store.record_audit("sign_in", now=start.app.now())
        start.app.end_session()
        start.refresh()
        open_therapist_home(start.app)
        return True
    if not isinstance(result, HandOver):
        return False
    start.refresh()
    if result.client is not None and result.plan is not None:
        from games.launcher.session import SessionScene

        log.info("session %r handed to client %s", result.plan.name, result.client.code)
        start.app.stack.push(SessionScene(result.plan, result.client))
    elif result.client is not None:
        log.info("client mode for %s", result.client.code)
        start.choose(result.client)
    return True


def draw_menu(surface: pygame.Surface, theme: Any, menu: FocusList, active: bool) -> None:
    """Draw ``menu``; only the list the keyboard is in shows a focus frame."""
    if active:
        menu.draw(surface, theme)
        return
    focus, menu.focus = menu.focus, -1
    menu.draw(surface, theme)
    menu.focus = focus


class TherapistHomeScene(FramedScene):
    """The clients on the left, the therapist's actions on the right; Esc or "Lock" locks."""

    title = "Therapist mode"
    corner_label = "Lock"
    hint = "Arrows, Tab: choose  ·  Enter: open  ·  Esc: lock"

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False
        self.clients = FocusList([])
        self.actions = FocusList([])
        self.pane = 0
        self.notice: list[str] = []
        self.first_archived: int | None = None
        self.n_active = self.n_archived = 0

    def on_enter(self) -> None:
        self.refresh()

    def refresh(self, focus_code: str | None = None) -> None:
        who = signed_in(self.app.store)  # by name on a shared store; the name alone if the whole will not fit
        self.title, self.short_title = (f"Therapist mode: {who.name}", who.name) if who else (type(self).title, "")
        everyone = self.app.store.list_clients(include_archived=True)
        shown = [c for c in everyone if not c.archived] + [c for c in everyone if c.archived and self.show_archived]
        n_archived = sum(c.archived for c in everyone)
        self.n_active = len(everyone) - n_archived
        self.first_archived = next((i for i, c in enumerate(shown) if c.archived), None)
        focus = next((i for i, c in enumerate(shown) if c.code == focus_code), self.clients.focus)
        self.clients = FocusList([Button(c.label, lambda c=c: self.open_client(c), detail=self._detail(c))
                                  for c in shown], focus=focus)
        self.n_archived = n_archived
        archived_label = "Hide archived" if self.show_archived else "Show archived"
        self.actions = FocusList([
            Button("Add a client", self.add_client), Button(archived_label, self.toggle_archived),
            Button("Plans", self.open_plans), Button("Export all data", self.export_all),
            Button("Change PIN", self.change_pin), Button("Activity", self.open_activity),
            *([Button("Add a therapist", self.add_therapist)] if self.app.store.is_shared else []),
            Button("Sound", lambda: open_sound_settings(self.app)),
        ], focus=self.actions.focus)
        if not self.clients.buttons:
            self.pane = 1

    @staticmethod
    def _detail(client: Client) -> str:
        detail = f"ID {client.code}" if client.display_name else "No display name"
        return detail + (" · archived" if client.archived else "")

    def subtitle(self) -> str:
        clients = "1 client" if self.n_active == 1 else f"{self.n_active} clients"
        archived = f" ({self.n_archived} archived)" if self.n_archived else ""
        return f"{clients}{archived}  ·  Locks itself after {IDLE_LOCK_S // 60} minutes without input."

    # --- actions -------------------------------------------------------------------------
    def back(self) -> None:
        close_therapist_screens(self.app)

    def open_client(self, client: Client) -> None:
        from games.launcher.therapist_client import ClientPageScene

        self.notice = []
        self.app.stack.push(ClientPageScene(client))

    def add_client(self) -> None:
        from games.launcher.clients import NewClientScene

        self.app.stack.push(NewClientScene())

    def toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.refresh()

    def open_plans(self) -> None:
        from games.launcher.plans import PlanListScene

        self.app.stack.push(PlanListScene())

    def export_all(self) -> None:
        from scores.export.csvfile import ExportError

        try:
            paths = export_csvs(self.app, "all", ("trials", "runs", "sessions", "dictionary"))
        except ExportError as err:
            self.notice = [str(err)]
            return
        self.notice = saved_notice("All clients' data (IDs only, no names)", paths)

    def change_pin(self) -> None:
        who = signed_in(self.app.store)
        self.app.stack.push(PinScene("change") if who is None else pin_scene_for(self.app.store, who, "change"))

    def open_activity(self) -> None:
        self.app.stack.push(ActivityScene())

    def add_therapist(self) -> None:
        self.app.stack.push(NewTherapistScene())

    def on_result(self, result: Any) -> None:
        if isinstance(result, HandOver):
            return  # the therapist screens are closing
        if result is PIN_ACCEPTED:
            self.notice = ["The new PIN is saved."]
        elif isinstance(result, Therapist):
            self.notice = [f"{result.name} can now sign in with their own PIN."]
        elif isinstance(result, Client):  # just added: straight to their page
            self.refresh(result.code)
            self.pane = 0
            self.open_client(result)
            return
        self.refresh()

    # --- input ---------------------------------------------------------------------------
    def _menus(self) -> list[FocusList]:
        return [self.clients, self.actions]

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if self.handle_corner(event):
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.pane = 1 if event.key == pygame.K_RIGHT or not self.clients.buttons else 0
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_TAB:
            self._tab(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif event.type == pygame.KEYDOWN:
            self._menus()[self.pane].handle_event(event)
        elif event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONUP):
            for pane, menu in enumerate(self._menus()):
                if menu.viewport.collidepoint(event.pos):
                    self.pane = pane
                    menu.handle_event(event)
                    break
        elif event.type == pygame.MOUSEWHEEL:
            self.clients.handle_event(event)

    def _tab(self, step: int) -> None:
        """Tab walks through both lists in turn, as if they were one."""
        menu = self._menus()[self.pane]
        edge = len(menu.buttons) - 1 if step > 0 else 0
        if menu.buttons and menu.focus != edge:
            menu.focus += step
            return
        other = self._menus()[1 - self.pane]
        if other.buttons:
            self.pane = 1 - self.pane
            other.focus = 0 if step > 0 else len(other.buttons) - 1
        elif menu.buttons:
            menu.focus = len(menu.buttons) - 1 - edge

    # --- drawing -------------------------------------------------------------------------
    def _heading_height(self, i: int) -> int:
        if i != self.first_archived:
            return 0
        return self.theme.font("body", bold=True).get_linesize() + self.theme.gap(0.5)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        notice_h = notice_height(theme, self.notice, content.width)
        main = content.copy()
        main.height -= notice_h + (theme.gap() if notice_h else 0)
        actions_w = min(max(b.width(theme) for b in self.actions.buttons), main.width // 2)
        actions = pygame.Rect(main.right - actions_w, main.top, actions_w, main.height)
        people = pygame.Rect(main.left, main.top, actions.left - theme.gap(2) - main.left, main.height)
        self.clients.layout(theme, people, header=self._heading_height)
        self.actions.layout(theme, actions)
        if self.clients.buttons:
            draw_menu(surface, theme, self.clients, self.pane == 0)
        else:
            draw_text(surface, "No clients yet.", theme.font("body"), theme.palette.muted_text, people.topleft)
        draw_menu(surface, theme, self.actions, self.pane == 1)
        if self.first_archived is not None:
            button = self.clients.buttons[self.first_archived]
            font = theme.font("body", bold=True)
            top = button.rect.top - self._heading_height(self.first_archived)
            if people.top <= top and top + font.get_linesize() <= self.clients.viewport.bottom:
                draw_text(surface, "Archived", font, theme.palette.text, (people.left, top))
        if notice_h:
            note = pygame.Rect(content.left, content.bottom - notice_h, content.width, notice_h)
            draw_notice(surface, theme, self.notice, note)
