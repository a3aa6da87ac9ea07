"""The passphrase that opens a bundle: typed (keyboard, or the mouse for the button), or the one this
PC keeps. Opening takes a moment (scrypt), so it runs off the loop; wrong passphrases are counted by
the same lock as the therapist's PIN (``scores.clinic.lockout``) and slow down alike."""

from __future__ import annotations

from concurrent.futures import Future
from functools import partial
from typing import Any, Callable

import pygame

from games.core.engine.background import in_background
from games.core.ui.widgets import Button, TextField, draw_text, wrap
from games.launcher.bundle_common import CLIENT_WRONG, THERAPIST_WRONG, client_wait
from games.launcher.common import FramedScene
from games.launcher.pin import wake_ms
from scores.bundle.content import Bundle, open_bundle
from scores.bundle.files import PASSPHRASE_LOCKOUT, BundleFile
from scores.bundle.sealed import BundleError, check_passphrase
from scores.clinic.lockout import Lockout, lock_sentence

OPENING = "Opening…"


class PassphraseScene(FramedScene):
    """Pops with ``(bundle, passphrase)`` once ``found`` opens; Esc or Cancel pops with None.

    Args:
        found: the bundle file to open.
        kept: the passphrase this PC keeps for it: tried at once, nothing typed.
        for_client: the client's words instead of the therapist's.
    """

    corner_label = "Cancel"
    hint = "Type the passphrase, then Enter  ·  Esc to cancel"
    start_work: Callable[[Callable[[], Any]], Future] = staticmethod(partial(in_background, name="bundle passphrase"))

    def __init__(self, found: BundleFile, kept: str | None = None, for_client: bool = False) -> None:
        super().__init__()
        self.found, self.kept, self.for_client = found, kept, for_client
        self.title = "Your file from the clinic" if for_client else "The file's passphrase"
        self.short_title = "Your file" if for_client else "Passphrase"
        if for_client:
            self.hint = "Type the words, then Enter  ·  Esc to go back"
        label = "The words on your note" if for_client else "Passphrase"
        self.field = TextField(label, max_length=200)
        self.button = Button("Open", self.submit)
        self.message = ""
        self.locked_s = 0.0
        self.pending: tuple[Future, str, bool] | None = None  # the opening under way, its passphrase, typed?
        self.lockout: Lockout | None = None

    def subtitle(self) -> str:
        if self.for_client:
            return "Type the words your therapist wrote down."
        return f"{self.found.path.name} was sealed with a passphrase this PC does not know."

    def on_enter(self) -> None:
        self.lockout = Lockout.in_setting(self.app.store, PASSPHRASE_LOCKOUT)
        if self.kept and self.pending is None:
            self._open(self.kept, typed=False)
        self.update(self.app.clock.now_ms())

    # --- input ---------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if self.pending is not None:
            return  # opening takes a moment: keys and clicks wait for the answer
        super().handle_event(event, t_ms)

    def on_text(self, event: pygame.event.Event) -> None:
        self.field.handle_event(event)

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.submit()
        else:
            self.field.handle_event(event)

    def on_click(self, pos: tuple[int, int]) -> None:
        if self.button.rect.collidepoint(pos):
            self.submit()

    def submit(self) -> None:
        if self.locked_s > 0:
            return
        try:
            passphrase = check_passphrase(self.field.text)
        except BundleError as err:  # too short to be one: costs no try
            self.message = CLIENT_WRONG if self.for_client else str(err)
            return
        self._open(passphrase, typed=True)

    # --- opening, off the loop ---------------------------------------------------------------
    def _open(self, passphrase: str, typed: bool) -> None:
        work = partial(open_bundle, self.found.data, passphrase, self.found.path.name)
        self.pending = (self.start_work(work), passphrase, typed)

    def _opened(self, done: Future, passphrase: str, typed: bool) -> None:
        self.app.screen_changed()
        try:
            bundle: Bundle = done.result()
        except BundleError:
            self.field.text = ""
            if typed:
                self.locked_s, _left = self.lockout.wrong_try(self.app.now())
            self.message = CLIENT_WRONG if self.for_client else THERAPIST_WRONG
            return
        if typed:
            self.lockout.reset()
        self.app.stack.pop((bundle, passphrase))

    def background_work(self) -> Future | None:
        return None if self.pending is None else self.pending[0]

    def update(self, now_ms: float) -> None:
        if self.pending is not None and self.pending[0].done():
            done, passphrase, typed = self.pending
            self.pending = None
            self._opened(done, passphrase, typed)
        if self.lockout is not None:
            self.locked_s = self.lockout.locked_for_s(self.app.now())

    def next_frame_ms(self, now_ms: float) -> float | None:
        return wake_ms(now_ms, self.pending is not None, self.locked_s)

    def shown_message(self) -> str:
        if self.pending is not None:
            return OPENING
        if self.locked_s > 0:
            wait = client_wait(self.locked_s) if self.for_client else lock_sentence(self.locked_s)
            return f"{self.message} {wait}".strip()
        return self.message

    # --- drawing -------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """The field, the Open button under it (beside it when the message would not fit), the message."""
        theme, body = self.theme, self.theme.font("body")
        content = self.draw_frame(surface)
        width = min(content.width, theme.gap(50))
        message = self.shown_message()
        lines = wrap(message, body, width) if message else []
        button_w, button_h = max(self.button.width(theme), theme.gap(10)), self.button.height(theme)
        self.field.rect = pygame.Rect(content.left, content.top, width, self.field.height(theme))
        self.button.rect = pygame.Rect(content.left, self.field.rect.bottom + theme.gap(), button_w, button_h)
        needed = max(2, len(lines)) * body.get_linesize() + theme.gap()
        if self.button.rect.bottom + needed > content.bottom:  # large type: the button beside the field
            self.field.rect.width = width - button_w - theme.gap()
            self.button.rect.bottomleft = (self.field.rect.right + theme.gap(), self.field.rect.bottom)
        ready = self.pending is None and self.locked_s <= 0
        self.field.draw(surface, theme, focused=ready)
        self.button.draw(surface, theme, focused=False, primary=ready)
        y = max(self.button.rect.bottom, self.field.rect.bottom) + theme.gap()
        for line in lines:
            draw_text(surface, line, body, theme.palette.gentle, (content.left, y))
            y += body.get_linesize()
