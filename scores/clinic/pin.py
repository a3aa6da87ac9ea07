"""The therapist's PIN: a salted scrypt hash in the store, and a lock that grows with wrong tries.

The store holds only the hash and its parameters (app setting ``therapist_pin``), never the PIN.
Wrong tries are counted by ``scores.clinic.lockout`` (app setting ``therapist_lockout``): five wrong
tries in a row lock the PIN for 30 seconds, each further wrong try doubles the lock, and the
right PIN resets the count.
A record made with weaker parameters than the lock's (an older recommendation) is hashed again
with the lock's the next time the right PIN is typed.
Each operation also comes as a ``PinTask`` whose slow part (scrypt, about half a second) touches
no store, so a screen can run it off its loop and apply the answer when it is ready.
Time always comes in as an argument; nothing here reads a clock.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, Callable

from scores.clinic.lockout import FREE_TRIES, Lockout, lock_sentence, tries_words
from scores.store.database import iso

log = logging.getLogger(__name__)

PIN_SETTING = "therapist_pin"
LOCKOUT_SETTING = "therapist_lockout"
MIN_DIGITS, MAX_DIGITS = 4, 12
IDLE_LOCK_S = 5 * 60  # therapist screens close after this long without input
SALT_BYTES, KEY_BYTES = 16, 32
MAX_SCRYPT_MEMORY_BYTES = 1 << 30  # a tampered record must not make us allocate without limit


class PinError(ValueError):
    """A PIN that cannot be used, or a PIN record that cannot be read; the message is for the person."""


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's work factors: CPU/memory cost ``n``, block size ``r``, parallelism ``p``."""

    n: int
    r: int
    p: int


# OWASP Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1 (128 MiB, about half a second)
OWASP_SCRYPT = ScryptCost(n=2**17, r=8, p=1)


@dataclass(frozen=True)
class CheckResult:
    """The answer to one PIN try.

    Attributes:
        accepted: the PIN was right and the lock was open.
        message: one sentence for the screen; empty when accepted.
        locked_for_s: how long the PIN stays locked from now (0 when open).
        tries_left: wrong tries left before the next lock.
    """

    accepted: bool
    message: str = ""
    locked_for_s: float = 0.0
    tries_left: int = FREE_TRIES


@dataclass(frozen=True)
class PinTask:
    """A PIN operation in two parts: ``work()``, the scrypt hashing, reads and writes no store and
    may run on another thread; ``finish(what work returned)`` reads and writes the store and gives
    the answer. ``work`` is None when the answer needs no hashing (a lock, a PIN of the wrong shape).
    ``finish`` raises PinError for a record that cannot be used.
    """

    work: Callable[[], Any] | None
    finish: Callable[[Any], CheckResult]

    def run(self) -> CheckResult:
        """Both parts, one after the other, on this thread."""
        return self.finish(None if self.work is None else self.work())


def _answer(result: CheckResult) -> PinTask:
    """A task that needs no hashing: its answer is known already."""
    return PinTask(None, lambda _: result)


def validate_pin(pin: str) -> str:
    """Return ``pin`` if it is 4 to 12 digits; otherwise raise PinError with the reason."""
    if not pin:
        raise PinError(f"Type a PIN of {MIN_DIGITS} to {MAX_DIGITS} digits.")
    if not (pin.isascii() and pin.isdigit()):
        raise PinError("A PIN has digits only, 0 to 9.")
    if len(pin) < MIN_DIGITS:
        raise PinError(f"A PIN needs at least {MIN_DIGITS} digits.")
    if len(pin) > MAX_DIGITS:
        raise PinError(f"A PIN has at most {MAX_DIGITS} digits.")
    return pin


def _scrypt(pin: str, salt: bytes, cost: ScryptCost, key_bytes: int) -> bytes:
    memory = 2 * 128 * cost.r * cost.n * cost.p  # scrypt needs 128·r·n·p bytes; allow twice that
    try:
        return hashlib.scrypt(
            pin.encode("ascii"), salt=salt, n=cost.n, r=cost.r, p=cost.p,
            maxmem=min(memory, MAX_SCRYPT_MEMORY_BYTES), dklen=key_bytes,
        )
    except (ValueError, OverflowError) as exc:
        raise PinError("The stored PIN record asks for impossible hash settings; it cannot be used.") from exc


def hash_pin(pin: str, now: datetime, cost: ScryptCost = OWASP_SCRYPT) -> dict[str, Any]:
    """The record the store keeps for ``pin``: scrypt parameters, a fresh random salt and the hash."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = _scrypt(validate_pin(pin), salt, cost, KEY_BYTES)
    return {
        "algorithm": "scrypt", "n": cost.n, "r": cost.r, "p": cost.p,
        "salt": salt.hex(), "hash": key.hex(), "set_at": iso(now),
    }


def verify_pin(pin: str, record: dict[str, Any]) -> bool:
    """Whether ``pin`` matches ``record``, hashed with the parameters the record holds."""
    try:
        if record["algorithm"] != "scrypt":
            raise ValueError(record["algorithm"])
        cost = ScryptCost(int(record["n"]), int(record["r"]), int(record["p"]))
        salt, expected = bytes.fromhex(record["salt"]), bytes.fromhex(record["hash"])
    except (KeyError, TypeError, ValueError) as exc:
        raise PinError("The stored PIN record cannot be read.") from exc
    if not expected:
        raise PinError("The stored PIN record cannot be read.")
    return hmac.compare_digest(_scrypt(pin, salt, cost, len(expected)), expected)


class TherapistLock:
    """The PIN that guards therapist mode, kept in ``store``'s app settings.

    Args:
        store: anything with ``app_setting(key)`` and ``set_app_setting(key, value)``.
        cost: scrypt parameters for PINs set from now on; tests pass cheaper ones explicitly.
    """

    def __init__(self, store: Any, cost: ScryptCost = OWASP_SCRYPT) -> None:
        self.store = store
        self.cost = cost
        self.lockout = Lockout(self._raw_state, self._put_state)  # where a subclass keeps it

    def is_set(self) -> bool:
        return self._record() is not None

    # --- where the record and the lock are kept (the named lock of scores.clinic.therapists keeps them
    # in the therapists' tables) ---------------------------------------------------------------
    def _record(self) -> dict[str, Any] | None:
        return self.store.app_setting(PIN_SETTING)

    def _put_record(self, record: dict[str, Any] | None) -> None:
        self.store.set_app_setting(PIN_SETTING, record)

    def _raw_state(self) -> Any:
        return self.store.app_setting(LOCKOUT_SETTING)

    def _put_state(self, value: dict[str, Any]) -> None:
        self.store.set_app_setting(LOCKOUT_SETTING, value)

    def set_pin(self, pin: str, now: datetime) -> None:
        """Set the first PIN. Raises PinError for a bad PIN or when one is already set."""
        self.set_task(pin, now).run()

    def set_task(self, pin: str, now: datetime) -> PinTask:
        """``set_pin`` as a task; PinError at once for a bad PIN or when one is already set."""
        validate_pin(pin)
        self._refuse_second_pin()
        return PinTask(partial(hash_pin, pin, now, self.cost), self._set_record)

    def _refuse_second_pin(self) -> None:
        if self.is_set():
            raise PinError("A PIN is already set; change it by typing the old one first.")

    def _set_record(self, record: dict[str, Any]) -> CheckResult:
        self._refuse_second_pin()
        self._store_record(record)
        return CheckResult(True)

    def change_pin(self, old: str, new: str, now: datetime) -> CheckResult:
        """Replace the PIN if ``old`` is right (a wrong ``old`` counts as a wrong try).

        Raises:
            PinError: if ``new`` is not a valid PIN (checked first, so no try is spent).
        """
        return self.change_task(old, new, now).run()

    def change_task(self, old: str, new: str, now: datetime) -> PinTask:
        """``change_pin`` as a task: its work checks ``old`` and, if right, hashes ``new``."""
        validate_pin(new)
        check = self.check_task(old, now)
        if check.work is None:
            return check

        def work() -> tuple[Any, dict[str, Any] | None]:
            outcome = check.work()
            return outcome, (hash_pin(new, now, self.cost) if outcome[0] else None)

        def finish(done: tuple[Any, dict[str, Any] | None]) -> CheckResult:
            result = check.finish(done[0])
            if result.accepted:
                self._store_record(done[1])
            return result

        return PinTask(work, finish)

    def remove(self) -> bool:
        """Forget the PIN and any lock (a forgotten PIN; or a clinic PC that goes home). Returns
        whether there was one. The data stays; the next therapist mode asks for a new PIN."""
        had = self.is_set()
        self._put_record(None)
        self.lockout.reset()
        return had

    def _store_record(self, record: dict[str, Any]) -> None:
        self._put_record(record)
        self.lockout.reset()

    def _rehashed(self, pin: str, record: dict[str, Any], now: datetime) -> dict[str, Any] | None:
        """The right ``pin`` hashed again if ``record``'s parameters are weaker than the lock's (the
        PIN keeps the date it was set); None when they are not, or when hashing fails."""
        held = (int(record["n"]), int(record["r"]), int(record["p"]), len(bytes.fromhex(record["hash"])))
        if all(h >= w for h, w in zip(held, (self.cost.n, self.cost.r, self.cost.p, KEY_BYTES))):
            return None
        try:
            fresh = hash_pin(pin, now, self.cost)
        except (PinError, MemoryError) as err:  # the old record still works
            log.warning("the PIN record was not hashed again with stronger parameters: %s", err)
            return None
        fresh["set_at"] = record.get("set_at", fresh["set_at"])
        return fresh

    # --- the lock ------------------------------------------------------------------------
    def locked_for_s(self, now: datetime) -> float:
        """Seconds until a PIN may be tried again; 0 when open."""
        return self.lockout.locked_for_s(now)

    def failed_tries(self) -> int:
        return self.lockout.failed_tries()

    def check(self, pin: str, now: datetime) -> CheckResult:
        """Try ``pin`` at ``now``: refused unasked while locked; a wrong PIN counts towards a lock."""
        return self.check_task(pin, now).run()

    def check_task(self, pin: str, now: datetime) -> PinTask:
        """``check`` as a task: its work verifies ``pin`` (and hashes it again if the record is weak)."""
        record = self._record()
        if record is None:
            return _answer(CheckResult(False, "No PIN has been set on this PC yet."))
        failed = self.failed_tries()
        waiting_s = self.locked_for_s(now)
        if waiting_s > 0:
            return _answer(CheckResult(False, lock_sentence(waiting_s), waiting_s, 0))
        try:
            validate_pin(pin)
        except PinError as err:  # cannot be the PIN, so it costs no try
            return _answer(CheckResult(False, str(err), 0.0, max(0, FREE_TRIES - failed)))
        return PinTask(partial(self._verify, pin, record, now), partial(self._checked, failed, now))

    def _verify(self, pin: str, record: dict[str, Any], now: datetime) -> tuple[bool, dict[str, Any] | None]:
        """Whether ``pin`` is right, and its stronger record if one is due; touches no store."""
        if not verify_pin(pin, record):
            return False, None
        return True, self._rehashed(pin, record, now)

    def _checked(self, failed: int, now: datetime, outcome: tuple[bool, dict[str, Any] | None]) -> CheckResult:
        right, fresh = outcome
        if not right:
            return self._wrong_try(failed + 1, now)
        if failed:
            self.lockout.reset()
        if fresh is not None:
            self._put_record(fresh)
            log.info("the PIN record was hashed again with n=%d r=%d p=%d", self.cost.n, self.cost.r, self.cost.p)
        return CheckResult(True)

    def _wrong_try(self, failed: int, now: datetime) -> CheckResult:
        lock_s, left = self.lockout.wrong_try(now, failed)
        if not lock_s:
            return CheckResult(False, f"That PIN is not right; {tries_words(left)} left before it locks.", 0.0, left)
        return CheckResult(False, f"That PIN is not right. {lock_sentence(lock_s)}", lock_s, 0)
