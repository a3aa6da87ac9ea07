"""Where a bundle goes or comes from: the USB sticks and other removable drives plugged in, the data
folder's ``exports/``, or a folder typed in."""

from __future__ import annotations

import getpass
import os
import string
from pathlib import Path
from typing import Any

import pygame

from games.core.ui.widgets import Button, FocusList, TextField
from games.launcher.bundle_common import draw_places
from games.launcher.common import FramedScene


def removable_drives(user: str | None = None, root: Path = Path("/"), windows: bool | None = None) -> list[Path]:
    """The drives mounted for ``user``: under /media/<user> and /run/media/<user> (Linux), /Volumes
    (macOS; the start disk is a link there and is left out) and drive letters D: to Z: (Windows).

    Args:
        root: where those folders are looked for (tests give a folder of their own).
        windows: whether to look at drive letters; by default on Windows only.
    """
    try:
        user = user or getpass.getuser()
    except (KeyError, OSError):  # no name for this account
        user = ""
    found: list[Path] = []
    for base in ([root / "media" / user, root / "run" / "media" / user] if user else []) + [root / "Volumes"]:
        try:
            found += sorted(p for p in base.iterdir() if p.is_dir() and not p.is_symlink())
        except OSError:
            continue
    if os.name == "nt" if windows is None else windows:
        found += [Path(f"{letter}:\\") for letter in string.ascii_uppercase[3:] if os.path.isdir(f"{letter}:\\")]
    return found


def exports_place(app: Any) -> Path:
    """The data folder's ``exports/`` (created if need be; ExportError when it cannot be)."""
    from games.launcher.therapist_exports import exports_folder

    return exports_folder(app)


class FolderScene(FramedScene):
    """The places a bundle can go or come from, as buttons; "Look again" after plugging a stick in;
    "Type a folder" for any other. Pops with the chosen Path (``chosen`` may do otherwise)."""

    def __init__(self, title: str, subtitle: str, for_client: bool = False, short_title: str = "") -> None:
        super().__init__()
        self.title, self._subtitle, self.for_client = title, subtitle, for_client
        self.short_title = short_title
        self.menu = FocusList([])
        self.notice = ""

    def subtitle(self) -> str:
        return self._subtitle

    def on_enter(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        drive_word = "Your USB stick" if self.for_client else "USB stick or drive"
        buttons = [Button(f"{drive_word}: {path.name or path}", lambda p=path: self.chosen(p), detail=str(path))
                   for path in removable_drives()]
        self.notice = "" if buttons else ("No USB stick found. Put it in, then choose \"Look again\"."
                                          if self.for_client else "No USB stick or removable drive found.")
        buttons.append(Button("Look again", self.refresh, detail="After putting in a USB stick"))
        folder = "This computer's cogsuite folder" if self.for_client else "The data folder's exports"
        buttons.append(Button(folder, self._exports, detail=str(Path(self.app.store.data_dir) / "exports")))
        buttons.append(Button("Type a folder", self._typed, detail="Any other folder on this computer"))
        self.menu = FocusList(buttons, focus=min(self.menu.focus, len(buttons) - 1))

    def _exports(self) -> None:
        from scores.export.csvfile import ExportError

        try:
            self.chosen(exports_place(self.app))
        except ExportError as err:
            self.notice = str(err)

    def _typed(self) -> None:
        self.app.stack.push(TypeFolderScene(self.for_client))

    def chosen(self, folder: Path) -> None:
        """A place was chosen."""
        self.app.stack.pop(folder)

    def on_result(self, result: Any) -> None:
        if isinstance(result, Path):
            self.chosen(result)

    def draw(self, surface: pygame.Surface) -> None:
        draw_places(surface, self.theme, self.menu, self.notice, self.draw_frame(surface))


class TypeFolderScene(FramedScene):
    """A folder typed in full; pops with its Path once it is a folder that exists."""

    title = "Type a folder"
    hint = "Type, then Enter  ·  Esc to go back"

    def __init__(self, for_client: bool = False) -> None:
        super().__init__()
        self.field = TextField("Folder", str(Path.home()), max_length=1000)
        self.button = Button("Use this folder", self.use)
        self.error = ""
        self.for_client = for_client

    def subtitle(self) -> str:
        """The example; a folder that is not there says so here, where large type leaves it room."""
        return self.error or "For example the folder of a USB stick or of a shared drive."

    def use(self) -> None:
        folder = Path(os.path.expanduser(self.field.text.strip()))
        if not self.field.text.strip() or not folder.is_dir():
            self.error = f"There is no folder {folder}. Check its name and try again."
            return
        self.app.stack.pop(folder)

    def on_text(self, event: pygame.event.Event) -> None:
        self.field.handle_event(event)
        self.error = ""

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.use()
        elif self.field.handle_event(event):
            self.error = ""

    def on_click(self, pos: tuple[int, int]) -> None:
        if self.button.rect.collidepoint(pos):
            self.use()

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        width = min(content.width, theme.gap(60))
        self.field.rect = pygame.Rect(content.left, content.top, width, self.field.height(theme))
        self.field.draw(surface, theme, focused=True)
        self.button.rect = pygame.Rect(content.left, self.field.rect.bottom + theme.gap(),
                                       self.button.width(theme), self.button.height(theme))
        self.button.draw(surface, theme, focused=False, primary=True)
