"""The screen the launcher opens instead of the clients when the clinic database does not answer at
start: nothing was changed, what to check, Try again (which opens the clients once it answers) or
Quit. Reaching the server runs off the loop, so the window never freezes while it is tried."""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Any, Callable

from games.core.engine.background import in_background
from games.core.ui.scene import Scene
from games.core.ui.widgets import Button, FocusList
from games.launcher.damaged import DamagedStoreScene
from games.launcher.scroll_text import ScrollText

log = logging.getLogger(__name__)

NOT_REACHED = ("cogsuite could not reach the clinic database, so it cannot show who is playing just yet. "
               "Nothing was changed on this PC.")
WHAT_TO_DO = ("Check that this computer is connected to the clinic's network, then choose Try again. If it still "
              "cannot be reached, please ask the person who looks after the clinic's computers.")
STILL = "It still could not be reached. Nothing was changed on this PC."
TRYING = "Trying to reach the clinic database…"


class ServerAwayScene(DamagedStoreScene):
    """Try again opens the store off the loop; once it opens, the app uses it and ``first()`` takes
    this screen's place. Quit or Esc closes cogsuite."""

    title = "The clinic database is not reachable"
    short_title = "Database not reachable"
    hint = "Enter to choose  ·  Esc to quit"

    def __init__(self, opener: Callable[[], Any], first: Callable[[], Scene]) -> None:
        super().__init__([NOT_REACHED, WHAT_TO_DO])
        self.opener, self.first = opener, first
        self.buttons = FocusList([Button("Try again", self.try_again), Button("Quit", self.back)])
        self.text = ScrollText()
        self.tries = 0
        self.opening: Future | None = None

    def back(self) -> None:
        self.app.running = False

    def try_again(self) -> None:
        if self.opening is None:
            self.paragraphs = [TRYING]
            self.opening = in_background(self.opener, name="opening the clinic database")

    def background_work(self) -> Future | None:
        return self.opening

    def next_frame_ms(self, now_ms: float) -> float | None:
        return now_ms + 100.0 if self.opening is not None else None

    def update(self, now_ms: float) -> None:
        if self.opening is None or not self.opening.done():
            return
        opening, self.opening = self.opening, None
        try:
            store = opening.result()
        except Exception as err:  # noqa: BLE001 - whatever kept it away, the person reads the same words
            log.warning("the clinic database is still not reachable: %s", err)
            self.tries += 1
            self.paragraphs = [STILL, WHAT_TO_DO]
            return
        log.info("the clinic database answers: %s", store.location)
        self.app.use_store(store)
        self.app.stack.replace(self.first())
