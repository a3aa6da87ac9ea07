"""The therapist PIN screen: type it (or set it on first use, or change it) on keys or a keypad."""

from __future__ import annotations

from concurrent.futures import Future
from functools import partial
from typing import Any, Callable

import pygame

from games.core.engine.background import in_background
from games.core.ui.widgets import Button, draw_text, wrap
from games.launcher.common import FramedScene, fitting_line
from scores.clinic.pin import (
    MAX_DIGITS, MIN_DIGITS, CheckResult, PinError, PinTask, TherapistLock, lock_sentence, validate_pin,
)

KEYPAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "Delete", "0", "OK")
COLUMNS = 3
PURPOSES = ("enter", "set", "change")
PROMPTS = {
    "current": "Type the PIN, then press Enter or OK.",
    "new": f"Choose a PIN of {MIN_DIGITS} to {MAX_DIGITS} digits that clients do not know.",
    "again": "Type the same PIN again to make sure.",
}
TITLES = {"enter": "Therapist PIN", "set": "Choose a therapist PIN", "change": "Change the PIN"}
CHECKING, SAVING = "Checking…", "Saving the PIN…"
ANSWER_POLL_MS = 20.0  # how often a screen waiting for the hash looks for its answer


class _Accepted:
    def __repr__(self) -> str:
        return "PIN_ACCEPTED"


PIN_ACCEPTED: Any = _Accepted()  # what PinScene pops with once the PIN is right (or newly set)


def wake_ms(now_ms: float, working: bool, locked_s: float) -> float | None:
    """When a screen asking a PIN or passphrase draws next: soon while the check runs (``working``),
    when the shown count of seconds changes while locked, else only on an event."""
    if working:
        return now_ms + ANSWER_POLL_MS
    if locked_s <= 0:
        return None
    return now_ms + (locked_s % 1.0 or 1.0) * 1000.0


def pin_is_set(store: Any) -> bool:
    """Whether this PC has a therapist PIN (a clinic PC) or not (a home PC); on a clinic's shared
    store, whether any therapist has been added."""
    from scores.clinic.therapists import has_therapist_pin

    return has_therapist_pin(store)


class PinScene(FramedScene):
    """Digits show as dots; Backspace deletes, Enter confirms, Esc goes back; a keypad for the mouse.

    The hash (about half a second) runs off the loop: the screen shows "Checking…", ignores input
    meanwhile, and applies the answer in ``update``.

    Args:
        purpose: "enter" checks the PIN, "set" chooses the first one (typed twice),
            "change" asks for the current PIN and then a new one twice.
        lock: the PIN lock to use; by default the one in the app's store.
        title: the screen's title, when not the purpose's own (a therapist's name in it).
    """

    corner_label = "Cancel"
    hint = "Type the PIN, then Enter  ·  Esc to cancel"
    # starts a task's slow part and returns its Future (tests may run it their own way)
    start_work: Callable[[Callable[[], Any]], Future] = staticmethod(partial(in_background, name="PIN hash"))

    def __init__(self, purpose: str = "enter", lock: TherapistLock | None = None, title: str | None = None) -> None:
        if purpose not in PURPOSES:
            raise ValueError(f"PIN screen purpose {purpose!r} is not one of {PURPOSES}")
        super().__init__()
        self.purpose, self.lock = purpose, lock
        self.title = title or TITLES[purpose]
        self.steps = {"enter": ["current"], "set": ["new", "again"], "change": ["current", "new", "again"]}[purpose]
        self.step = 0
        self.digits = ""
        self.old_pin = self.new_pin = ""
        self.message = ""
        self.locked_s = 0.0
        self.keys = [Button(label, lambda label=label: self.press_key(label)) for label in KEYPAD]
        self.focus = 0
        # the hash under way: its Future, the task it belongs to, what to do with the answer, and
        # what the screen says meanwhile
        self.pending: tuple[Future, PinTask, Callable[[CheckResult], None], str] | None = None

    def on_enter(self) -> None:
        self.lock = self.lock or TherapistLock(self.app.store)
        self.update(self.app.clock.now_ms())

    def subtitle(self) -> str:
        return PROMPTS[self.steps[self.step]]

    # --- input ---------------------------------------------------------------------------
    def press_key(self, label: str) -> None:
        if label == "Delete":
            self.digits = self.digits[:-1]
        elif label == "OK":
            self.submit()
        elif len(self.digits) < MAX_DIGITS:
            self.digits += label

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if self.pending is not None:
            return  # keys, clicks and Esc wait for the answer: the hash takes a moment
        if self.handle_corner(event):
            return
        if event.type == pygame.TEXTINPUT:
            self._typed(event.text)
        elif event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONUP):
            hit = next((i for i, key in enumerate(self.keys) if key.rect.collidepoint(event.pos)), None)
            if hit is not None:
                self.focus = hit
                if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                    self.keys[hit].on_activate()

    def _typed(self, text: str) -> None:
        for ch in text:
            if ch.isascii() and ch.isdigit():
                self.press_key(ch)
            elif not ch.isspace():  # Space activates the focused key; it is not a typo
                self.message = "A PIN has digits only, 0 to 9."

    def _key(self, event: pygame.event.Event) -> None:
        moves = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1, pygame.K_UP: -COLUMNS, pygame.K_DOWN: COLUMNS}
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.submit()
        elif event.key == pygame.K_BACKSPACE:
            self.press_key("Delete")
        elif event.key == pygame.K_SPACE:
            self.keys[self.focus].on_activate()
        elif event.key == pygame.K_TAB:
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            self.focus = (self.focus + step) % len(self.keys)
        elif event.key in moves:
            self.focus = (self.focus + moves[event.key]) % len(self.keys)

    # --- the steps -----------------------------------------------------------------------
    def submit(self) -> None:
        pin, self.digits = self.digits, ""
        step = self.steps[self.step]
        if step == "current":
            self._begin(self.lock.check_task(pin, self.app.now()), partial(self._checked, pin), CHECKING)
        elif step == "new":
            try:
                self._next(validate_pin(pin))
            except PinError as err:
                self.message = str(err)
        elif pin != self.new_pin:
            self.message = "The two PINs were not the same; please choose the PIN again."
            self._go_to(self.steps.index("new"))
        else:
            self._save()

    def _checked(self, pin: str, result: CheckResult) -> None:
        self.message = result.message
        if result.accepted:
            self._next(pin)

    def _next(self, pin: str) -> None:
        """Keep what the finished step asked for, then go on (or finish when it was the last)."""
        step = self.steps[self.step]
        if step == "current":
            self.old_pin = pin
        elif step == "new":
            self.new_pin = pin
        self.message = ""
        if self.step + 1 < len(self.steps):
            self._go_to(self.step + 1)
        else:
            self.app.stack.pop(PIN_ACCEPTED)

    def _go_to(self, step: int) -> None:
        """A new step asks a new question: the key that answered the last one is no answer to it."""
        self.step = step
        self.app.screen_changed()

    def _save(self) -> None:
        now = self.app.now()
        try:
            if self.purpose == "set":
                task = self.lock.set_task(self.new_pin, now)
            else:
                task = self.lock.change_task(self.old_pin, self.new_pin, now)
        except PinError as err:
            self.message, self.step = str(err), 0
            return
        self._begin(task, self._saved, SAVING)

    def _saved(self, result: CheckResult) -> None:
        if not result.accepted:  # the current PIN was not right after all (or is locked now)
            self.message, self.step = result.message, 0
            return
        self.app.stack.pop(PIN_ACCEPTED)

    # --- the hash, off the loop --------------------------------------------------------------
    def _begin(self, task: PinTask, then: Callable[[CheckResult], None], waiting: str) -> None:
        """Start ``task``'s hashing off the loop; an answer known without it is applied at once."""
        if task.work is None:
            self._conclude(task, then, None)
        else:
            self.pending = (self.start_work(task.work), task, then, waiting)

    def _conclude(self, task: PinTask, then: Callable[[CheckResult], None], done: Future | None) -> None:
        if done is not None:  # the answer is news: a key held through the check is no reply to it
            self.app.screen_changed()
        try:
            result = task.finish(None if done is None else done.result())
        except PinError as err:  # a PIN record that cannot be used
            self.message, self.step = str(err), 0
            return
        then(result)

    def background_work(self) -> Future | None:
        return None if self.pending is None else self.pending[0]

    # --- time ----------------------------------------------------------------------------
    def update(self, now_ms: float) -> None:
        if self.pending is not None and self.pending[0].done():
            done, task, then, _ = self.pending
            self.pending = None
            self._conclude(task, then, done)
        self.locked_s = self.lock.locked_for_s(self.app.now()) if "current" in self.steps else 0.0

    def next_frame_ms(self, now_ms: float) -> float | None:
        return wake_ms(now_ms, self.pending is not None, self.locked_s)

    def shown_message(self) -> str:
        if self.locked_s > 0 and self.steps[self.step] == "current":
            return lock_sentence(self.locked_s)
        return self.message

    # --- drawing -------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        content = self.draw_frame(surface)
        column, pad, key_w = self._layout(content)
        box_h = self.theme.font("body").get_linesize() + self.theme.gap()
        self._draw_dots(surface, pygame.Rect(column.left, column.top, column.width, box_h))
        self._draw_message(surface, pygame.Rect(column.left, column.top + box_h + self.theme.gap(0.5), column.width, 0))
        self._draw_keypad(surface, pad, key_w)

    def _layout(self, content: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect, int]:
        """The dots and message above the keypad; beside it when too tall; "Del" when even that is tight.

        Returns:
            The rectangle for the dots and message, the keypad's rectangle and one key's width.
        """
        theme, bold = self.theme, self.theme.font("body", bold=True)
        pad_h = 4 * self._min_key_h() + 3 * theme.gap(0.5)
        for delete in ("Delete", "Del"):
            self.keys[KEYPAD.index("Delete")].label = delete
            key_w = max(bold.size(key.label)[0] for key in self.keys) + theme.gap(2)
            pad_w = COLUMNS * key_w + (COLUMNS - 1) * theme.gap(0.5)
            column_w, side_w = min(content.width, 2 * pad_w), content.width - pad_w - theme.gap(2)
            if content.height - self._above_height(column_w) >= pad_h:
                column = pygame.Rect(0, content.top, column_w, self._above_height(column_w))
                column.centerx = content.centerx
                pad = pygame.Rect(column.centerx - pad_w // 2, column.bottom, pad_w, content.bottom - column.bottom)
                return column, pad, key_w
            if side_w >= theme.gap(12):
                column = pygame.Rect(content.left, content.top, side_w, self._above_height(side_w))
                return column, pygame.Rect(content.right - pad_w, content.top, pad_w, content.height), key_w
        column = pygame.Rect(content.left, content.top, content.width, self._above_height(content.width))
        return column, pygame.Rect(content.left, column.bottom, pad_w, content.bottom - column.bottom), key_w

    def _message_lines(self, width: int) -> list[str]:
        message = self.shown_message()
        return wrap(message, self.theme.font("body"), width) if message else []

    def _above_height(self, width: int) -> int:
        """The dots and room for the message (two lines at least, so the keypad does not jump)."""
        body = self.theme.font("body")
        lines = max(2, len(self._message_lines(width)))
        return body.get_linesize() + self.theme.gap(1.5) + lines * body.get_linesize() + self.theme.gap()

    def _min_key_h(self) -> int:
        return self.theme.font("body", bold=True).get_linesize() + self.theme.gap(0.5)

    def _draw_dots(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        theme, pal = self.theme, self.theme.palette
        pygame.draw.rect(surface, pal.surface, box, border_radius=theme.radius // 2)
        pygame.draw.rect(surface, pal.border, box, width=2, border_radius=theme.radius // 2)
        if self.pending is not None:
            font, label = fitting_line(theme, "body", self.pending[3], box.width - theme.gap(), bold=True)
            draw_text(surface, label, font, pal.text, box.center, "center")
            return
        if not self.digits:
            small = theme.font("small")
            draw_text(surface, "No digits yet", small, pal.muted_text, box.center, "center")
            return
        radius = max(4, box.height // 6)
        step = min(3 * radius, (box.width - 2 * theme.gap()) // MAX_DIGITS)
        left = box.centerx - step * (len(self.digits) - 1) // 2
        for i in range(len(self.digits)):
            pygame.draw.circle(surface, pal.text, (left + i * step, box.centery), min(radius, step // 2 - 1))

    def _draw_message(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        font = self.theme.font("body")
        for i, line in enumerate(self._message_lines(rect.width)):
            draw_text(surface, line, font, self.theme.palette.gentle, (rect.left, rect.top + i * font.get_linesize()))

    def _draw_keypad(self, surface: pygame.Surface, pad: pygame.Rect, key_w: int) -> None:
        theme, gap = self.theme, self.theme.gap(0.5)
        room_h = (pad.height - 3 * gap) // 4
        key_h = max(self._min_key_h(), min(self.keys[0].height(theme) + theme.gap(0.75), room_h))
        for i, key in enumerate(self.keys):
            row, col = divmod(i, COLUMNS)
            key.rect = pygame.Rect(pad.left + col * (key_w + gap), pad.top + row * (key_h + gap), key_w, key_h)
            key.draw(surface, theme, focused=(i == self.focus and self.pending is None), primary=(key.label == "OK"))
