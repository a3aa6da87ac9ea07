"""Bring in a bundle: choose a folder, pick a ``.cogsuite`` file there (by name and date: nothing
else is readable before the passphrase), open it, see what it would add and change, then bring it
in or cancel; a summary after. The therapist's "Bring in home practice", and the client's first
"Bring in my plan from the clinic" on a home PC (which makes the PC keep the passphrase)."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import pygame

from games.core.ui.widgets import Button, FocusList
from games.launcher.bundle_common import DONE, BundleDoneScene, draw_places, sittings_words
from games.launcher.bundle_places import FolderScene, exports_place, removable_drives
from games.launcher.common import FramedScene
from games.launcher.confirm import ChoiceScene
from scores.bundle.content import Bundle, ImportSummary
from scores.bundle.files import SUFFIX, BundleFile, bring_in, client_code, look_at
from scores.bundle.sealed import BundleError
from scores.export.csvfile import ExportError
from scores.store.database import StoreError

log = logging.getLogger(__name__)

MAX_FILES = 50
MAX_RESOLVED_SHOWN = 4


def bundle_files(folder: Path) -> list[Path]:
    """The ``.cogsuite`` files in ``folder``, newest first (at most MAX_FILES)."""
    try:
        files = [p for p in Path(folder).iterdir() if p.suffix.lower() == SUFFIX and p.is_file()]
    except OSError:
        return []
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)[:MAX_FILES]


def file_date(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%a %d %b %Y, %H:%M")


def what_it_adds(bundle: Bundle, summary: ImportSummary, done: bool) -> list[str]:
    """The merge in the therapist's words: for which client, what is new, what changes, conflicts."""
    code, added = client_code(bundle), summary.added
    lines = [f"Client {code}" + ("" if bundle.includes_name else " (the file has no display name)") + "."]
    updated = sum(summary.updated.values())
    if not summary.total_added and not updated:
        return lines + ["Nothing new: this PC already holds everything in the file."]
    moods = f", {added['mood_checks']} mood checks" if added.get("mood_checks") else ""
    lines.append(f"{'Added' if done else 'New'}: {sittings_words(added)}{moods}.")
    if updated:
        lines.append(f"{'Updated' if done else 'To update'}: {updated} record{'s' if updated != 1 else ''} "
                     "(sittings closed, settings, plans).")
    if summary.resolved:
        lines.append(f"{'Resolved' if done else 'Conflicts to resolve'} (the later change wins):")
        lines += [f"  {line}" for line in summary.resolved[:MAX_RESOLVED_SHOWN]]
        more = len(summary.resolved) - MAX_RESOLVED_SHOWN
        lines += [f"  and {more} more"] if more > 0 else []
    return lines


class BringInScene(FramedScene):
    """The files in the chosen folder; picking one leads on to its passphrase and what it adds."""

    def __init__(self, for_client: bool = False) -> None:
        super().__init__()
        self.for_client = for_client
        self.title = "Bring in my plan from the clinic" if for_client else "Bring in home practice"
        self.short_title = "From the clinic" if for_client else "Bring in"
        self.folder: Path | None = None
        self.menu = FocusList([])
        self.notice = ""
        self.found: BundleFile | None = None
        self.opened: tuple[Bundle, str] | None = None

    def subtitle(self) -> str:
        if self.for_client:
            return "Choose the file your therapist gave you."
        return "Choose a .cogsuite file. Its content shows once its passphrase opens it."

    def on_enter(self) -> None:
        if self.folder is None:
            drives = removable_drives()
            try:
                self.folder = drives[0] if drives else exports_place(self.app)
            except ExportError as err:
                self.notice, self.folder = str(err), Path.home()
        self.refresh()

    def refresh(self) -> None:
        files = bundle_files(self.folder)
        buttons = [Button("Choose another folder", self.choose_folder, detail=f"Now: {self.folder}")]
        buttons += [Button(path.name, lambda p=path: self.pick(p), detail=file_date(path)) for path in files]
        if not files and not self.notice:
            self.notice = "There is no file from cogsuite in this folder." if self.for_client else \
                f"No {SUFFIX} files in this folder."
        self.menu = FocusList(buttons, focus=1 if files else 0)

    def choose_folder(self) -> None:
        title = "Where is the file?" if self.for_client else "Choose a folder"
        self.app.stack.push(FolderScene(title, "A USB stick, or a folder on this computer.", self.for_client,
                                        short_title="Where is it?" if self.for_client else "A folder"))

    def pick(self, path: Path) -> None:
        from games.launcher.bundle_passphrase import PassphraseScene

        try:
            self.found = look_at(path)
        except BundleError as err:
            self.notice = "This file cannot be opened here. Please ask your therapist." if self.for_client \
                else str(err)
            return
        self.app.stack.push(PassphraseScene(self.found, self.found.kept(self.app.store), self.for_client))

    def on_result(self, result: Any) -> None:
        if isinstance(result, Path):
            self.folder, self.notice = result, ""
            self.refresh()
        elif isinstance(result, tuple):
            self.opened = result
            self.preview()
        elif result is True:
            self.bring_in()
        elif result is DONE:
            self.app.stack.pop(DONE)

    def preview(self) -> None:
        """What the merge would do, computed in a transaction rolled back; then "Bring it in"."""
        bundle, passphrase = self.opened
        try:
            summary = bring_in(self.app.store, bundle, passphrase, self.found.key_id, kept=True, dry_run=True)
        except StoreError as err:
            self.refused(err)
            return
        if self.for_client:
            question, detail = "Bring this in?", "Your plan and practice from the clinic go onto this computer."
        else:
            question = "Bring in this file?"
            detail = "\n".join([f"File: {self.found.path.name}", *what_it_adds(bundle, summary, False)])
        self.app.stack.push(ChoiceScene(self, question, detail, [("Cancel", False), ("Bring it in", True)],
                                        on_escape=False, primary=1))

    def bring_in(self) -> None:
        bundle, passphrase = self.opened
        kept = self.found.kept(self.app.store) == passphrase
        try:
            summary = bring_in(self.app.store, bundle, passphrase, self.found.key_id, kept=kept)
        except StoreError as err:
            self.refused(err)
            return
        log.info("bundle %s of client %s brought in: %s", self.found.path, client_code(bundle), summary.added)
        if self.for_client:
            done = BundleDoneScene("All done", ["Your plan from the clinic is on this computer now.",
                                                "Choose your name to begin."])
        else:
            done = BundleDoneScene("Home practice brought in", what_it_adds(bundle, summary, True))
        self.app.stack.push(done)

    def refused(self, err: StoreError) -> None:
        """The file cannot be merged here (another client has its ID; the store refused): nothing was
        written; the therapist reads why, the client a kind word."""
        log.warning("bundle %s not brought in: %s", self.found.path, err)
        self.notice = "This file cannot be brought in here. Please ask your therapist." if self.for_client \
            else str(err)

    def draw(self, surface: pygame.Surface) -> None:
        draw_places(surface, self.theme, self.menu, self.notice, self.draw_frame(surface))
