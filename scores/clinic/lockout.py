"""A lock that grows with wrong tries, kept in the store's app settings so closing the program does
not reset it: the therapist's PIN and a bundle's passphrase share it.

Five wrong tries in a row lock for 30 seconds, each further wrong try doubles the lock (60 s,
120 s, ... at most an hour), and a right try resets the count. Time always comes in as an
argument; nothing here reads a clock.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any, Callable

from scores.store.database import iso

FREE_TRIES = 5  # wrong tries in a row before the first lock
FIRST_LOCK_S = 30.0
MAX_LOCK_S = 3600.0


def lock_sentence(seconds: float) -> str:
    """'Locked for 25 more seconds.'; minutes once the wait is two minutes or more."""
    whole = max(1, math.ceil(seconds))
    if whole < 120:
        return f"Locked for {whole} more second{'s' if whole != 1 else ''}."
    return f"Locked for {math.ceil(whole / 60)} more minutes."


def tries_words(left: int) -> str:
    """'1 try' or '3 tries'."""
    return "1 try" if left == 1 else f"{left} tries"


class Lockout:
    """Wrong tries counted in a value that ``read`` gives and ``write`` keeps (an app setting of this
    PC, or a therapist's row on a shared store).

    Args:
        read: gives the kept value (None when there is none).
        write: keeps a new value.
    """

    def __init__(self, read: Callable[[], Any], write: Callable[[dict[str, Any]], None]) -> None:
        self.read = read
        self.write = write

    @classmethod
    def in_setting(cls, store: Any, setting: str) -> Lockout:
        """The count kept in the app setting ``setting`` of ``store``."""
        return cls(lambda: store.app_setting(setting), lambda value: store.set_app_setting(setting, value))

    def state(self) -> tuple[int, datetime | None, float]:
        """(wrong tries in a row, locked until, length of that lock in s); a damaged value counts as none."""
        raw = self.read() or {}
        try:
            failed = int(raw.get("failed_tries", 0))
            until = raw.get("locked_until")
            return failed, datetime.fromisoformat(until) if until else None, float(raw.get("lock_s", 0.0))
        except (AttributeError, TypeError, ValueError):
            return 0, None, 0.0

    def save(self, failed: int, until: datetime | None, lock_s: float) -> None:
        self.write({"failed_tries": failed, "locked_until": iso(until) if until else None, "lock_s": lock_s})

    def reset(self) -> None:
        """A right try: the count starts again."""
        self.save(0, None, 0.0)

    def locked_for_s(self, now: datetime) -> float:
        """Seconds until a try may be made again; 0 when open.

        The wait never exceeds the lock's own length, so a clock set back cannot stretch it.
        """
        _, until, lock_s = self.state()
        if until is None:
            return 0.0
        return max(0.0, min((until - now).total_seconds(), lock_s))

    def failed_tries(self) -> int:
        return self.state()[0]

    def wrong_try(self, now: datetime, failed: int | None = None) -> tuple[float, int]:
        """Count a wrong try at ``now`` (the ``failed``-th in a row, by default one more than
        counted); returns ``(seconds locked from now, tries left before the next lock)``."""
        failed = self.failed_tries() + 1 if failed is None else failed
        if failed < FREE_TRIES:
            self.save(failed, None, 0.0)
            return 0.0, FREE_TRIES - failed
        lock_s = min(FIRST_LOCK_S * 2 ** (failed - FREE_TRIES), MAX_LOCK_S)
        self.save(failed, now + timedelta(seconds=lock_s), lock_s)
        return lock_s, 0
