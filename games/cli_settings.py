"""``cogsuite settings``: a client's target success rate and level lock for one exercise, shown or set."""

from __future__ import annotations

import argparse
from typing import Any

from games.cli_args import utf8_text, whole_number
from games.cli_common import CliError, open_store


def add_settings_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    st = sub.add_parser("settings", parents=[common],
                        help="show or set a client's target success rate and level lock for an exercise")
    st.add_argument("--client", type=utf8_text("--client"), required=True, metavar="C", help="client ID")
    st.add_argument("--exercise", required=True, metavar="ID", help="exercise id")
    st.add_argument("--target", metavar="R", help="target success rate, e.g. 0.85, or 'default'")
    lock = st.add_mutually_exclusive_group()
    lock.add_argument("--lock-level", type=whole_number(0, 999, "--lock-level"), metavar="N", help="hold the level at N")
    lock.add_argument("--unlock", action="store_true", help="let the level adapt again")


def cmd_settings(args: argparse.Namespace) -> int:
    from games.registry import get_exercise

    spec = get_exercise(args.exercise).spec
    with open_store(args) as store:
        client = store.get_client(args.client)
        if client is None:
            raise CliError(f"There is no client {args.client!r} in {store.location}.")
        current = store.exercise_settings(client, spec.id)
        target, locked = current.target_rate, current.locked_level
        if args.target is not None:
            target = None if args.target == "default" else _target_rate(args.target, spec)
        if args.lock_level is not None:
            if not spec.min_level <= args.lock_level <= spec.max_level:
                raise CliError(f"{spec.title} has levels {spec.min_level} to {spec.max_level}, not {args.lock_level}.")
            locked = args.lock_level
        if args.unlock:
            locked = None
        if (target, locked) != (current.target_rate, current.locked_level):
            store.set_exercise_settings(client, spec.id, target_rate=target, locked_level=locked)
        shown_target = f"{target:.0%}" if target is not None else f"{spec.target_rate:.0%} (the exercise's default)"
        print(f"{client.code} / {spec.id}: target success rate {shown_target}; "
              f"level {'locked at ' + str(locked) if locked is not None else 'adapts'}")
    return 0


def _target_rate(text: str, spec) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not spec.chance_rate < value < 1.0:
        raise CliError(f"The target success rate must be a number between {spec.chance_rate:g} and 1, not {text!r}.")
    return value
