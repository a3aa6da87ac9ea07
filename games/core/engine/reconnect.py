"""When to ask an absent clinic database again whether it answers, and asking off the loop's thread.

Asking costs up to the connection timeout when the network is down, so it never runs on the
thread that draws the screen: a worker thread asks, and the loop looks at the answer on a later
frame. Between asks the wait grows (5 s, 10 s, 20 s, then every 30 s), so a long absence costs
the server and the network almost nothing.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Callable

from games.core.engine.background import in_background

log = logging.getLogger(__name__)

FIRST_WAIT_S = 5.0
LONGEST_WAIT_S = 30.0


class Reconnect:
    """Asks ``answers()`` (True when the server answers now) on a schedule that backs off.

    Times are the app's clock in ms, as given to ``due``; nothing here reads a clock.
    """

    def __init__(self, answers: Callable[[], bool]) -> None:
        self._answers = answers
        self.wait_s = FIRST_WAIT_S
        self.next_ms: float | None = None  # when to ask next; None: not waiting for the server
        self.asking: Future | None = None

    def lost(self, now_ms: float) -> None:
        """The server stopped answering (again): ask after the current wait."""
        if self.next_ms is None:
            self.next_ms = now_ms + self.wait_s * 1000.0

    def back(self) -> None:
        """The server answers and all was written: the next absence starts with a short wait."""
        self.wait_s, self.next_ms, self.asking = FIRST_WAIT_S, None, None

    def answered(self, now_ms: float) -> bool | None:
        """Start asking when due; returns the answer once there is one (True: it answers), else None."""
        if self.next_ms is None:
            return None
        if self.asking is None:
            if now_ms >= self.next_ms:
                self.asking = in_background(self._ask, name="asking the clinic database")
            return None
        if not self.asking.done():
            return None
        answer, self.asking = self.asking.result(), None
        if not answer:
            self.wait_s = min(self.wait_s * 2, LONGEST_WAIT_S)
            self.next_ms = now_ms + self.wait_s * 1000.0
        return answer

    def failed_again(self, now_ms: float) -> None:
        """The server answered the question but not the writes: wait longer before the next try."""
        self.wait_s = min(self.wait_s * 2, LONGEST_WAIT_S)
        self.next_ms = now_ms + self.wait_s * 1000.0

    def _ask(self) -> bool:
        try:
            return bool(self._answers())
        except Exception:  # noqa: BLE001 - any failure to ask means: not now
            log.debug("asking whether the clinic database answers failed", exc_info=True)
            return False
