"""Choose who is playing, or add a new client (a pseudonymous ID and an optional name)."""

from __future__ import annotations

import logging

import pygame

from games.core.ui.widgets import ACTIVATE_KEYS, Button, FocusList, TextField, draw_text, wrap
from games.launcher.common import FramedScene
from games.launcher.confirm import ConfirmScene
from scores.store.clients import Client

log = logging.getLogger(__name__)


class ClientPickerScene(FramedScene):
    """The first screen: the clients on this PC, then "Add a new client"; only "Therapist" once a PIN is set."""

    title = "Who is playing today?"
    corner_label = "Close"
    hint = "Arrow keys to choose  ·  Enter to start  ·  Esc to close cogsuite"

    def __init__(self) -> None:
        super().__init__()
        self.menu = FocusList([])
        self.clinic = False  # a PIN is set: the clients are not listed here

    def on_enter(self) -> None:
        self.refresh()

    def refresh(self, focus_code: str | None = None) -> None:
        from games.launcher.pin import pin_is_set

        self.clinic = pin_is_set(self.app.store)
        if self.clinic:  # one client must not see the others: the therapist hands the PC over
            self.title = "Welcome to cogsuite"
            self.menu = FocusList([Button("Therapist", self.open_therapist, detail="Type the PIN")])
            return
        self.title = type(self).title
        clients = self.app.store.list_clients()
        buttons = [Button(c.label, lambda c=c: self.choose(c), detail=self._detail(c)) for c in clients]
        buttons.append(Button("Therapist mode", self.open_therapist, detail="Set a PIN on first use"))
        buttons.append(Button("Bring in from the clinic", self.bring_in, detail="A file from your therapist"))
        buttons.append(Button("Add a new client", self.add_client, detail="Create a pseudonymous ID"))
        focus = next((i for i, c in enumerate(clients) if c.code == focus_code), 0 if clients else len(buttons) - 1)
        self.menu = FocusList(buttons, focus=focus)

    def open_therapist(self) -> None:
        from games.launcher.therapists import open_therapist_entry

        open_therapist_entry(self.app)

    @staticmethod
    def _detail(client) -> str:
        return f"ID {client.code}" if client.display_name else "No display name"

    def subtitle(self) -> str:
        if self.clinic:
            return "Your therapist starts your exercises for you."
        return "Choose your name from the list." if len(self.menu.buttons) > 3 else "Add a client to begin."

    def choose(self, client) -> None:
        """Start the client's sitting at the exercises, with today's plan first when one is due."""
        from games.launcher.exercises import ExerciseListScene
        from games.launcher.todays_plan import TodaysPlanScene, client_week

        self.app.begin_session(client)
        self.app.stack.push(ExerciseListScene())
        due, plan, marks = client_week(self.app, client)
        if due is not None and plan is not None:
            self.app.stack.push(TodaysPlanScene(client, due, plan, marks))

    def add_client(self) -> None:
        self.app.stack.push(NewClientScene())

    def bring_in(self) -> None:
        from games.launcher.bundle_import import BringInScene

        self.app.stack.push(BringInScene(for_client=True))

    def back(self) -> None:
        self.app.stack.push(ConfirmScene(self, "Close cogsuite?", "Everything you did is saved.", yes="Close"))

    def on_result(self, result) -> None:
        from games.launcher.bundle_common import DONE
        from games.launcher.therapist import after_therapist

        if result is DONE:  # a file from the clinic brought in: its client is in the list now
            self.refresh()
        elif result is True:  # the answer to "Close cogsuite?"
            self.app.running = False
        elif result is False or after_therapist(self, result):
            return
        elif isinstance(result, Client):  # a client just created plays at once
            self.refresh(result.code)
            self.choose(result)
        else:  # back from the exercise list
            code = getattr(self.app.client, "code", None)
            self.app.end_session()
            self.refresh(code)

    def draw(self, surface: pygame.Surface) -> None:
        content = self.draw_frame(surface)
        self.menu.layout(self.theme, content)
        self.menu.draw(surface, self.theme)


class NewClientScene(FramedScene):
    """Two fields and a Create button; the suggested ID lets a mouse-only user create a client too."""

    title = "Add a new client"
    hint = "Type, then Enter  ·  Tab or arrow keys to move  ·  Esc to go back"

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[TextField] = []
        self.create_button = Button("Create", self.create)
        self.focus = 0
        self.error = ""
        self._error_hidden = False  # the last frame had no room for the error under the button

    def on_enter(self) -> None:
        self.fields = [
            TextField("Client ID (a pseudonym, not a real name)", self.app.store.suggest_client_code()),
            TextField("Display name shown on screen (optional)"),
        ]
        self.focus = 1

    def subtitle(self) -> str:
        if self.error and self._error_hidden:  # no room under the button: the problem shows up here
            return self.error
        return "The ID is what exports show. The display name stays on this PC."

    def create(self) -> None:
        from scores.store.clients import ClientNameError

        try:
            client = self.app.store.add_client(self.fields[0].text, self.fields[1].text or None)
        except ClientNameError as err:
            self.error = str(err)
            return
        log.info("client %s created", client.code)
        self.app.stack.pop(client)

    def _targets(self) -> list:
        return [*self.fields, self.create_button]

    def on_click(self, pos: tuple[int, int]) -> None:
        for i, target in enumerate(self._targets()):
            if target.rect.collidepoint(pos):
                self.focus = i
                if target is self.create_button:
                    self.create()

    def on_text(self, event: pygame.event.Event) -> None:
        if self.focus < len(self.fields):
            self.fields[self.focus].handle_event(event)
            self.error = ""

    def on_key(self, event: pygame.event.Event) -> None:
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        count = len(self._targets())
        if event.key == pygame.K_DOWN or (event.key == pygame.K_TAB and not shift):
            self.focus = (self.focus + 1) % count
        elif event.key == pygame.K_UP or (event.key == pygame.K_TAB and shift):
            self.focus = (self.focus - 1) % count
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) or (
            event.key in ACTIVATE_KEYS and self.focus == len(self.fields)
        ):
            self.create()
        elif self.focus < len(self.fields):
            self.fields[self.focus].handle_event(event)
            self.error = ""

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        width = min(content.width, theme.gap(50))
        button = self.create_button
        button_w, button_h = max(button.width(theme), min(width, theme.gap(14))), button.height(theme)
        y = content.top
        for i, field in enumerate(self.fields):
            field.rect = pygame.Rect(content.left, y, width, field.height(theme))
            y = field.rect.bottom + theme.gap()
        button.rect = pygame.Rect(content.left, y, button_w, button_h)
        if button.rect.bottom > content.bottom:  # large text: the button goes beside the last field
            last = self.fields[-1].rect
            last.width = width - button_w - theme.gap()
            button.rect.bottomleft = (last.right + theme.gap(), last.bottom)
        for i, field in enumerate(self.fields):
            field.draw(surface, theme, focused=(self.focus == i))
        button.draw(surface, theme, focused=(self.focus == len(self.fields)), primary=True)
        y = max(button.rect.bottom, self.fields[-1].rect.bottom) + theme.gap()
        font = theme.font("body")
        lines = wrap(self.error, font, width) if self.error else []
        room = max(0, (content.bottom - y) // font.get_linesize())
        self._error_hidden = len(lines) > room
        for line in lines[:room]:
            draw_text(surface, line, font, theme.palette.gentle, (content.left, y))
            y += font.get_linesize()
