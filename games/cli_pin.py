"""``cogsuite pin --remove [--therapist NAME]``: forgetting a therapist PIN that nobody remembers."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from games.cli_args import utf8_text
from games.cli_common import CliError, open_store

log = logging.getLogger(__name__)

REFUSED_PIN_REMOVAL = ("the clinic database's user may not remove PINs; ask the database's administrator "
                       "to run this with their own login")


def add_pin_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    pin = sub.add_parser("pin", parents=[common], help="remove a forgotten therapist PIN")
    pin.add_argument("--remove", action="store_true", required=True,
                     help="forget the therapist PIN of this data folder; the next therapist mode sets a new one")
    pin.add_argument("--therapist", type=utf8_text("--therapist"), metavar="NAME",
                     help="on a clinic's shared store: whose PIN (needs the database's own login, not the PCs')")


def cmd_pin(args: argparse.Namespace) -> int:
    from scores.clinic.pin import TherapistLock

    with open_store(args, create=False) as store:
        if store.is_shared:
            return _remove_named_pin(store, args.therapist)
        if args.therapist is not None:
            raise CliError("This PC's store has one therapist PIN, not one per therapist; leave out --therapist.")
        had = TherapistLock(store).remove()
        if had:
            store.record_audit("pin_removed", detail="this PC's therapist PIN")
    print("The therapist PIN is removed; therapist mode will ask for a new one." if had
          else "There was no therapist PIN to remove.")
    return 0


def _remove_named_pin(store, name: str | None) -> int:
    """Remove one therapist's PIN on a shared store: only a login with the right to delete PINs may."""
    from scores.store.postgres import PermissionRefused
    from scores.clinic.therapists import NamedTherapistLock

    names = ", ".join(t.name for t in store.therapists()) or "none yet"
    if name is None:
        raise CliError(f"Say whose PIN to remove: --therapist NAME (the therapists: {names}).")
    therapist = store.get_therapist(name)
    if therapist is None:
        raise CliError(f"There is no therapist called {name!r} in {store.location} (the therapists: {names}).")
    try:
        had = NamedTherapistLock(store, therapist).remove()
    except PermissionRefused as err:
        log.warning("PIN removal refused: %s", err)
        raise CliError(REFUSED_PIN_REMOVAL) from None
    if had:
        store.record_audit("pin_removed", detail=f"{therapist.name}'s PIN")
    print(f"{therapist.name}'s PIN is removed; they choose a new one when they next sign in." if had
          else f"{therapist.name} had no PIN to remove.")
    return 0
