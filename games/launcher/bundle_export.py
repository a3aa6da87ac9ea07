"""Writing a client's bundle from the launcher: the therapist's "Prepare for home" (folder, name or
not, passphrase; what will be written is shown before it is) and the client's "Send my practice
to the clinic" (sealed with the passphrase this PC keeps for them: they never type it)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pygame

from games.core.ui.widgets import Button, FocusList, TextField, draw_text, wrap
from games.launcher.bundle_common import (
    DONE, BundleDoneScene, MarkButton, draw_notice_above, new_bundle_path, sittings_words,
)
from games.launcher.bundle_places import FolderScene, exports_place, removable_drives
from games.launcher.common import FramedScene
from games.launcher.confirm import ChoiceScene
from scores.bundle.content import kept_passphrase, read_client
from scores.bundle.files import write_bundle
from scores.bundle.sealed import BundleError, check_passphrase, memorable_passphrase
from scores.export.csvfile import ExportError
from scores.store.clients import Client
from scores.store.database import StoreError

log = logging.getLogger(__name__)

KEPT, NEW, TYPED = "kept", "new", "typed"


class PrepareForHomeScene(FramedScene):
    """The choices on the left; the passphrase to write down (or the field to type one) on the right."""

    title, short_title = "Prepare for home", "For home"
    hint = "Arrow keys to choose  ·  Enter to change  ·  Esc to go back"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.folder: Path | None = None
        self.include_name = False
        self.kept: tuple[str, str] | None = None
        self.mode, self.drawn = NEW, ""
        self.field = TextField("Passphrase (four words are easy to write down)")
        self.notice = ""
        self.menu = FocusList([])
        self.pending: tuple[Any, Path, str, str | None] | None = None  # bundle, path, passphrase, key id

    def subtitle(self) -> str:
        """One line, or none in large type (the choices need the room)."""
        from games.launcher.common import margin

        text = f"{self.client.code}'s practice and settings, for their home PC."
        room = self.app.screen.get_width() - 2 * margin(self.theme, self.app.screen)
        return text if self.theme.font("body").size(text)[0] <= room else ""

    def on_enter(self) -> None:
        if self.folder is None:
            self.kept = kept_passphrase(self.app.store, client_id=self.client.id)
            self.mode = KEPT if self.kept else NEW
            self.drawn = memorable_passphrase()
            drives = removable_drives()
            try:
                self.folder = drives[0] if drives else exports_place(self.app)
            except ExportError as err:
                self.notice = str(err)
        self.refresh()

    def refresh(self) -> None:
        one = lambda mode: (lambda: self.mode == mode)  # noqa: E731
        buttons = [Button("Folder", self.choose_folder, detail=str(self.folder or "(none yet)")),
                   MarkButton("Include the client's name", self.toggle_name, lambda: self.include_name,
                              detail="On: the display name goes too" if self.include_name else "Off: the ID only")]
        if self.kept:
            buttons.append(MarkButton("This PC's passphrase", lambda: self.set_mode(KEPT), one(KEPT), "one",
                                      detail="The one the client already has"))
        buttons += [MarkButton("New passphrase", lambda: self.set_mode(NEW), one(NEW), "one",
                               detail="Four words; again for other words"),
                    MarkButton("Type a passphrase", lambda: self.set_mode(TYPED), one(TYPED), "one"),
                    Button("Next", self.next)]
        self.menu = FocusList(buttons, focus=self.menu.focus)

    # --- choices -------------------------------------------------------------------------
    def choose_folder(self) -> None:
        self.app.stack.push(FolderScene("Where should the file go?", "A USB stick, or a folder on this PC.",
                                        short_title="Where to?"))

    def toggle_name(self) -> None:
        self.include_name = not self.include_name
        self.refresh()

    def set_mode(self, mode: str) -> None:
        if mode == NEW and self.mode == NEW:
            self.drawn = memorable_passphrase()  # chosen again: other words
        self.mode, self.notice = mode, ""
        self.refresh()

    def passphrase(self) -> tuple[str, str | None]:
        """``(passphrase, key id when it is the kept one)``; BundleError for a typed one too short."""
        if self.mode == KEPT and self.kept:
            return self.kept[1], self.kept[0]
        if self.mode == NEW:
            return self.drawn, None
        return check_passphrase(self.field.text), None

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        """Typed text goes to the passphrase field while "Type a passphrase" is chosen."""
        typing = self.mode == TYPED
        if typing and (event.type == pygame.TEXTINPUT or (event.type == pygame.KEYDOWN and
                                                           event.key == pygame.K_BACKSPACE)):
            self.field.handle_event(event)
            self.notice = ""
        elif typing and event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE:
            return  # a space between typed words, not a press of the focused button
        else:
            super().handle_event(event, t_ms)

    # --- confirming and writing ------------------------------------------------------------
    def next(self) -> None:
        """Show what will be written; nothing is written before "Write it"."""
        try:
            passphrase, key_id = self.passphrase()
            if self.folder is None:
                raise ExportError("Choose a folder first.")
            path = new_bundle_path(self.app, self.folder, self.client.code)
            bundle = read_client(self.app.store, self.client, include_names=self.include_name)
        except (BundleError, ExportError, StoreError) as err:
            self.notice = str(err)
            return
        self.pending = (bundle, path, passphrase, key_id)
        name = "with the display name" if self.include_name else "without the display name (ID only)"
        detail = "\n".join([f"File: {path.name}", f"In: {path.parent}",
                            f"{sittings_words(bundle.manifest['counts'])}, {name}.", f"Passphrase: {passphrase}"])
        self.app.stack.push(ChoiceScene(self, "Write this file?", detail, [("Cancel", False), ("Write it", True)],
                                        on_escape=False, primary=1))

    def write(self) -> None:
        bundle, path, passphrase, key_id = self.pending
        try:
            write_bundle(self.app.store, bundle, path, passphrase, key_id)
        except (BundleError, ExportError, StoreError, OSError) as err:
            self.notice = f"The file was not written: {err}"
            return
        log.info("bundle of %s written to %s", self.client.code, path)
        name = "with the display name" if bundle.includes_name else "without the display name"
        lines = [f"File: {path.name}", f"In: {path.parent}", f"{sittings_words(bundle.manifest['counts'])}, {name}."]
        self.app.stack.push(BundleDoneScene("Ready for home", lines, big=passphrase,
                                            big_label="The passphrase, to write down for the client:"))

    def on_result(self, result: Any) -> None:
        if isinstance(result, Path):
            self.folder, self.notice = result, ""
        elif result is True:
            self.write()
        elif result is DONE:
            self.app.stack.pop(DONE)
            return
        self.pending = None if result is not True else self.pending
        self.refresh()

    # --- drawing -------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """The choices beside the passphrase; in large type in a small window the passphrase on top
        (its words on as few lines as fit) and the choices, scrolling, under it."""
        theme = self.theme
        content = draw_notice_above(surface, theme, self.notice, self.draw_frame(surface))
        menu_w = max(max(b.width(theme) for b in self.menu.buttons), content.width * 40 // 100)
        if menu_w <= content.width * 60 // 100:
            self.menu.layout(theme, pygame.Rect(content.left, content.top, menu_w, content.height))
            side = pygame.Rect(content.left + menu_w + theme.gap(2), content.top, 0, content.height)
            side.width = content.right - side.left
            self._draw_passphrase(surface, side, one_word_a_line=True)
        else:
            used = self._draw_passphrase(surface, content, one_word_a_line=False)
            top = content.top + used + theme.gap()
            self.menu.layout(theme, pygame.Rect(content.left, top, content.width, content.bottom - top))
        self.menu.draw(surface, theme, primary=len(self.menu.buttons) - 1)

    def _draw_passphrase(self, surface: pygame.Surface, area: pygame.Rect, one_word_a_line: bool) -> int:
        """The passphrase to write down (or the field to type one) at the top of ``area``; its height."""
        theme, pal = self.theme, self.theme.palette
        if self.mode == TYPED:
            self.field.rect = pygame.Rect(area.left, area.top, area.width, self.field.height(theme))
            self.field.draw(surface, theme, focused=True)
            return self.field.rect.height
        small = theme.font("small")
        large = theme.font("title" if one_word_a_line else "large", bold=True)
        label = "The passphrase this PC keeps:" if self.mode == KEPT else "New passphrase, to write down:"
        words = self.kept[1] if self.mode == KEPT and self.kept else self.drawn
        # one word a line where there is room: nothing to misread when writing it down
        lines = words.split() if one_word_a_line else wrap(words, large, area.width)
        y = area.top
        for line in wrap(label, small, area.width):
            draw_text(surface, line, small, pal.muted_text, (area.left, y))
            y += small.get_linesize()
        for line in lines:
            draw_text(surface, line, large, pal.text, (area.left, y))
            y += large.get_linesize()
        return y - area.top


def send_practice(app: Any, client: Client) -> None:
    """The client's "Send my practice to the clinic": the places to put it, or, on a PC that keeps
    no passphrase for them, a kind word to ask the therapist."""
    if kept_passphrase(app.store, client_id=client.id) is None:
        app.stack.push(BundleDoneScene(
            "Not ready yet", ["This computer is not set up to send your practice yet.",
                              "Please ask your therapist to set it up at your next visit. "
                              "Your practice is safe here in the meantime."], label="Back"))
    else:
        app.stack.push(SendPracticeScene(client))


class SendPracticeScene(FolderScene):
    """The client's places for the file; choosing one writes it at once, sealed with the passphrase
    this PC keeps for them. Without one, a kind word to ask the therapist."""

    def __init__(self, client: Client) -> None:
        super().__init__("Send my practice to the clinic", "Choose where to put it, for example your USB stick.",
                         for_client=True, short_title="Send my practice")
        self.client = client

    def chosen(self, folder: Path) -> None:
        key_id, passphrase = kept_passphrase(self.app.store, client_id=self.client.id)
        try:
            path = new_bundle_path(self.app, folder, self.client.code)
            bundle = read_client(self.app.store, self.client, include_names=False)
            write_bundle(self.app.store, bundle, path, passphrase, key_id)
        except (BundleError, ExportError, StoreError, OSError) as err:
            log.warning("practice of %s not written to %s: %s", self.client.code, folder, err)
            self.notice = "The file could not be saved there. Please try another place, or your USB stick again."
            return
        log.info("practice of %s written to %s", self.client.code, path)
        self.app.stack.push(BundleDoneScene("Your practice is ready to take to the clinic",
                                            [f"It is saved on {folder.name or folder} as {path.name}.",
                                             "Bring it with you to your next visit."],
                                            short_title="Ready for the clinic"))

    def on_result(self, result: Any) -> None:
        if result is DONE:
            self.app.stack.pop(DONE)
        else:
            super().on_result(result)
