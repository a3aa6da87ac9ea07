"""Therapists by name on a clinic's shared store: each with their own PIN and lock.

One PC's own store keeps its single PIN in its settings (``scores.clinic.pin.TherapistLock``); a shared
store, where several therapists work, keeps a row per therapist in ``therapists`` and their PIN
records in ``therapist_pins``. A new PIN is a new row (the newest counts), so the PCs add rows and
change the lock's counts, but removing a PIN deletes rows: the right the clinic's role for the PCs
lacks (docs/clinic-role.sql), which keeps ``cogsuite pin --remove`` to the database's own logins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from scores.clinic.audit import Actor
from scores.clinic.pin import OWASP_SCRYPT, PinError, ScryptCost, TherapistLock
from scores.store.clients import ClientNameError, _check_text
from scores.store.connection import Connection
from scores.store.database import IntegrityError, iso, new_id

MAX_THERAPIST_NAME_CHARS = 60
PIN_FIELDS: tuple[str, ...] = ("algorithm", "n", "r", "p", "salt", "hash", "set_at")
LOCK_FIELDS: tuple[str, ...] = ("failed_tries", "locked_until", "lock_s")


@dataclass(frozen=True)
class Therapist:
    """One therapist of a shared store; ``has_pin`` is false after their PIN was removed."""

    id: str
    name: str
    created_at: str
    has_pin: bool = True


def validate_therapist_name(name: str) -> str:
    """The name as it will be stored (surrounding spaces removed).

    Raises:
        ClientNameError: if it is empty, too long or holds control characters.
    """
    name = (name or "").strip()
    if not name:
        raise ClientNameError("A therapist's name cannot be empty.")
    if len(name) > MAX_THERAPIST_NAME_CHARS:
        raise ClientNameError(f"A therapist's name can be at most {MAX_THERAPIST_NAME_CHARS} characters long.")
    return _check_text(name, "therapist's name")


def has_therapist_pin(store: Any) -> bool:
    """Whether therapist mode asks for a PIN: on a shared store once any therapist exists (their
    screens are never open to all), on one PC's store once its PIN is set."""
    if getattr(store, "is_shared", False):
        return bool(store.therapists())
    return TherapistLock(store).is_set()


class TherapistRecords:
    """Therapists of a shared store (mixed into Store)."""

    _conn: Connection
    _write: Callable[..., int]
    record_audit: Callable[..., str]

    def therapists(self) -> list[Therapist]:
        """Every therapist, by name (case aside)."""
        rows = self._conn.execute(
            "SELECT t.id, t.name, t.created_at, EXISTS (SELECT 1 FROM therapist_pins p WHERE p.therapist_id = t.id)"
            " AS has_pin FROM therapists t ORDER BY lower(t.name), t.name"
        )
        return [Therapist(row["id"], row["name"], row["created_at"], bool(row["has_pin"])) for row in rows]

    def get_therapist(self, name: str) -> Therapist | None:
        """The therapist called ``name`` (exactly, or else the one name equal case aside)."""
        wanted = name.strip()
        found = [t for t in self.therapists() if t.name.casefold() == wanted.casefold()]
        return next((t for t in found if t.name == wanted), found[0] if len(found) == 1 else None)

    def add_therapist(self, name: str, pin_record: dict[str, Any], now: datetime | None = None) -> Therapist:
        """Add a therapist together with their PIN record (one transaction: never one without a PIN).

        Raises:
            ClientNameError: for a bad name, or one another therapist has.
        """
        name = validate_therapist_name(name)
        therapist = Therapist(new_id(), name, iso(now or datetime.now(timezone.utc)))
        clash = ClientNameError(f"A therapist called '{name}' already exists; choose another name.")
        if self.get_therapist(name) is not None:
            raise clash
        try:
            with self._conn.transaction() as conn:
                conn.execute("INSERT INTO therapists (id, name, created_at) VALUES (?, ?, ?)",
                             (therapist.id, therapist.name, therapist.created_at))
                conn.execute(PIN_INSERT, pin_row(therapist.id, pin_record))
        except IntegrityError as exc:
            raise clash from exc
        # the first therapist, adding themselves, is the one who added
        actor = self.actor if self.actor.therapist_id else Actor(therapist.id, name, self.actor.via)
        self.record_audit("therapist_added", detail=name, now=now, actor=actor)
        return therapist

    # --- one therapist's PIN and lock (NamedTherapistLock's storage) ---------------------------
    def therapist_pin(self, therapist_id: str) -> dict[str, Any] | None:
        """The therapist's newest PIN record, or None."""
        row = self._conn.execute(
            "SELECT algorithm, n, r, p, salt, hash, set_at FROM therapist_pins WHERE therapist_id = ?"
            " ORDER BY rowid DESC LIMIT 1", (therapist_id,),
        ).fetchone()
        return None if row is None else {field: row[field] for field in PIN_FIELDS}

    def add_therapist_pin(self, therapist_id: str, record: dict[str, Any]) -> None:
        self._write(PIN_INSERT, pin_row(therapist_id, record))

    def remove_therapist_pins(self, therapist_id: str) -> None:
        """Delete the therapist's PIN records: the database's owner's right, not the PCs' role's
        (a PermissionRefused for it)."""
        self._write("DELETE FROM therapist_pins WHERE therapist_id = ?", (therapist_id,))

    def therapist_lock_state(self, therapist_id: str) -> dict[str, Any] | None:
        row = self._conn.execute(
            "SELECT failed_tries, locked_until, lock_s FROM therapists WHERE id = ?", (therapist_id,),
        ).fetchone()
        return None if row is None else dict(zip(LOCK_FIELDS, row))

    def set_therapist_lock_state(self, therapist_id: str, value: dict[str, Any]) -> None:
        self._write("UPDATE therapists SET failed_tries = ?, locked_until = ?, lock_s = ? WHERE id = ?",
                    (*(value[field] for field in LOCK_FIELDS), therapist_id))


PIN_INSERT = ("INSERT INTO therapist_pins (id, therapist_id, algorithm, n, r, p, salt, hash, set_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def pin_row(therapist_id: str, record: dict[str, Any]) -> tuple[Any, ...]:
    """The parameters of PIN_INSERT adding ``record`` as the therapist's newest PIN record."""
    return (new_id(), therapist_id, *(record[field] for field in PIN_FIELDS))


class NamedTherapistLock(TherapistLock):
    """One therapist's PIN and lock on a shared store, with the lock's rules unchanged.

    Args:
        store: the shared store.
        therapist: whose PIN; None for a therapist not yet added, called ``new_name``, whom
            setting the PIN adds (so no therapist is ever without one).
    """

    def __init__(self, store: Any, therapist: Therapist | None, cost: ScryptCost = OWASP_SCRYPT,
                 new_name: str = "") -> None:
        super().__init__(store, cost)
        self.therapist = therapist
        self.new_name = validate_therapist_name(new_name) if therapist is None else therapist.name

    @property
    def name(self) -> str:
        return self.new_name

    def _record(self) -> dict[str, Any] | None:
        return None if self.therapist is None else self.store.therapist_pin(self.therapist.id)

    def _put_record(self, record: dict[str, Any] | None) -> None:
        if record is None:
            self.store.remove_therapist_pins(self.therapist.id)
        else:
            self.store.add_therapist_pin(self.therapist.id, record)

    def _store_record(self, record: dict[str, Any]) -> None:
        if self.therapist is None:
            try:
                # the moment the PIN was set (the time comes in as an argument, never read here)
                set_at = datetime.fromisoformat(record["set_at"])
                self.therapist = self.store.add_therapist(self.new_name, record, now=set_at)
            except ClientNameError as err:
                raise PinError(str(err)) from None
            return
        super()._store_record(record)

    def _raw_state(self) -> Any:
        return None if self.therapist is None else self.store.therapist_lock_state(self.therapist.id)

    def _put_state(self, value: dict[str, Any]) -> None:
        if self.therapist is not None:
            self.store.set_therapist_lock_state(self.therapist.id, value)
