"""The calm screen for answers that could not be saved: Try again, or Quit knowing what was kept."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from games.core.ui.scene import Scene
from games.core.ui.widgets import Button, FocusList
from games.launcher.confirm import ChoiceScene

log = logging.getLogger(__name__)

QUESTION = "Your answers could not be saved just now"
CLOSING = "cogsuite will close now"
TRYING = "Trying to save…"
REFUSED = "Nothing was changed, and everything saved before is safe. Try again in a moment, or ask your therapist for help."
RESUME = "resume"  # what the screen below hears once everything is saved (a pause menu's "go on")


def answers(n: int) -> str:
    return "1 answer" if n == 1 else f"{n} answers"


def problem_sentence(n_answers: int, tries: int) -> str:
    """What happened, that what was saved is safe, and what to do, in plain words."""
    again = "It still could not be saved. " if tries else ""
    if n_answers == 0:
        kept = "what you just did is kept here for now"
    elif n_answers == 1:
        kept = "your last answer is kept here for now"
    else:
        kept = f"your last {n_answers} answers are kept here for now"
    return f"{again}Everything saved before is safe, and {kept}. Try again in a moment, or ask your therapist for help."


def closing_sentence(n_answers: int, kept_in: Path | None) -> str:
    """How many answers were not saved, and where they are now."""
    lost = f"{answers(n_answers)} could not be saved" if n_answers else "A few details could not be saved"
    they = "it is" if n_answers == 1 else "they are"
    if kept_in is None:
        return f"{lost}; {they} listed in the log file for your therapist. Everything saved before is safe."
    return (f"{lost}. {they.capitalize()} kept on this computer, and cogsuite saves {'it' if n_answers == 1 else 'them'}"
            " when it next starts. Everything saved before is safe.")


AWAY_QUESTION = "The clinic database is not reachable"
AWAY_DETAIL = ("So this cannot be shown or changed just now. Your play is kept on this PC, and everything saved "
               "before is safe. Try again in a moment.")


def away_notice(below: Scene) -> ChoiceScene:
    """On a clinic's server that did not answer a read or a change outside play: calm words, no error."""
    return ChoiceScene(below, AWAY_QUESTION, AWAY_DETAIL, [("OK", None)], on_escape=None)


def refused_notice(below: Scene) -> ChoiceScene:
    """For a change outside play that the store refused (a new client, a setting): it was not made."""
    return ChoiceScene(below, "That could not be saved just now", REFUSED, [("OK", None)], on_escape=None)


class SaveProblemScene(ChoiceScene):
    """Over the screen the person was on (its timers held): Try again saves the kept writes in order
    and, when all are saved, goes back to that screen; Quit says what was not saved and closes.
    Esc does nothing here: leaving is a choice made on a button."""

    def __init__(self, below: Scene) -> None:
        super().__init__(below, QUESTION, "", [("Try again", RESUME), ("Quit", "quit")], on_escape=None)
        self.tries = 0
        self.trying = False  # "Trying to save…" is on screen; the retry follows that frame

    def on_enter(self) -> None:
        self.detail = problem_sentence(self.app.store.answers_pending(), self.tries)

    def _answer(self, value: Any) -> None:
        if value == RESUME and not self.trying:
            self.trying, self.detail = True, TRYING
        elif value == "quit":
            self._quit()
        elif value == "close":
            self.app.running = False

    def after_flip(self, t_ms: float) -> None:
        """The retry (it may wait seconds on a locked store) comes once "Trying to save…" shows."""
        if self.trying:
            self.trying = False
            self._retry()

    def next_frame_ms(self, now_ms: float) -> float | None:
        return now_ms if self.trying else None

    def _retry(self) -> None:
        if self.app.store.retry():
            log.info("saving works again: back to the screen that was on")
            self.app.stack.pop(RESUME)
            return
        self.tries += 1
        self.detail = problem_sentence(self.app.store.answers_pending(), self.tries)

    def _quit(self) -> None:
        n_answers = self.app.store.answers_pending()
        kept_in = self.app.wind_down()
        log.warning("closing with %d answers not saved, kept in %s", n_answers, kept_in or "the log only")
        self.question, self.detail = CLOSING, closing_sentence(n_answers, kept_in)
        self.below = Scene()  # the screen that was on has closed: its client and session are gone
        self.buttons = FocusList([Button("Close", lambda: self._answer("close"))])
