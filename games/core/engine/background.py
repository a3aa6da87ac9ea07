"""Slow work off the app's loop: a daemon thread per job, its answer collected through a Future."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any, Callable


def in_background(work: Callable[[], Any], name: str = "background work") -> Future:
    """Start ``work()`` on a thread of its own; the Future holds its result or its exception.

    The thread is a daemon: closing the program does not wait for it, and whatever it returns
    then is never applied.
    """
    future: Future = Future()

    def target() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(work())
        except BaseException as exc:  # handed to whoever reads the result, on the loop's thread
            future.set_exception(exc)

    threading.Thread(target=target, name=name, daemon=True).start()
    return future
