"""``cogsuite plan ...`` and ``cogsuite simulate --plan``: session plans from the command line."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from games.cli_common import CliError, add_force, open_store, out_path, user_path


def add_plan_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """``cogsuite plan list | show | import | export | delete``."""
    plan = sub.add_parser("plan", parents=[common], help="list, show, import or export session plans")
    plan_sub = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True, parser_class=type(plan))
    plan_sub.add_parser("list", parents=[common], help="the ready plans and the plans saved in the store")
    show = plan_sub.add_parser("show", parents=[common], help="a plan's items")
    show.add_argument("name", metavar="NAME")
    imp = plan_sub.add_parser("import", parents=[common], help="check a plan file and save it in the store")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--replace", action="store_true", help="overwrite a saved plan of the same name")
    pexp = plan_sub.add_parser("export", parents=[common], help="write a plan to a file")
    pexp.add_argument("name", metavar="NAME")
    pexp.add_argument("--out", required=True, metavar="FILE", help="the plan file to write (.json)")
    add_force(pexp)
    delete = plan_sub.add_parser("delete", parents=[common], help="remove a saved plan (ready plans stay)")
    delete.add_argument("name", metavar="NAME")


def simulate_plan_command(args: argparse.Namespace, seed: int) -> int:
    from games.core.engine.simulate import simulate_plan
    from games.registry import get_exercise
    from scores.store.backup import backup_after_use
    from scores.analysis.summary import session_summary

    with open_store(args) as store:
        plan = find_plan(store, args.plan)
        client = store.get_client(args.client.strip()) or store.add_client(args.client)
        runner = simulate_plan(plan, store, client, get_exercise, ability=args.ability, seed=seed,
                               wall_start=datetime.now(timezone.utc))
        summary = session_summary(store, runner.session_id)
    backup_after_use(store.path)
    print(f"Plan '{plan.name}' for client {client.code} (seed {seed}), session {summary.session_id}:")
    moods = iter([summary.mood_before, summary.mood_after])
    for item in summary.items:
        if item.kind == "mood":
            answers = next(moods) or {}
            detail = ", ".join(f"{scale} {value}" for scale, value in answers.items())
            print(f"  {item.position:>2}. mood check: {detail}")
            continue
        label = item.exercise or "breathing break"
        line = f"  {item.position:>2}. {label:<16} {(item.active_s or 0) / 60:4.1f} of {(item.planned_s or 0) / 60:g} min"
        if item.kind == "exercise":
            line += (f", {item.n_trials} trials, accuracy {item.accuracy or 0:.0%}, "
                     f"level {item.start_level} -> {item.end_level}")
        print(line)
    return 0


def find_plan(store, name_or_file: str):
    """A ready or saved plan by name (case aside), else a plan file; CliError naming both tries."""
    from games.registry import all_plans, level_ranges
    from scores.clinic.plans import read_plan_file

    wanted = name_or_file.strip().casefold()
    for plan in all_plans(store):
        if plan.name.casefold() == wanted:
            return plan
    path = _existing_file(name_or_file)
    if path is not None:
        return read_plan_file(path, level_ranges())
    raise CliError(f"There is no plan called {name_or_file!r} (see `cogsuite plan list`) and no such file.")


def _existing_file(text: str) -> Path | None:
    """``text`` as the path of an existing file, else None (also for a plan name longer than a
    file name may be, or one starting with ~ and a user this PC does not have)."""
    try:
        path = Path(text).expanduser()
        return path if path.is_file() else None
    except (OSError, RuntimeError):
        return None


def cmd_plan(args: argparse.Namespace) -> int:
    from games.registry import all_plans, level_ranges
    from scores.export.csvfile import write_text_atomically
    from scores.clinic.plans import PlanError, read_plan_file

    with open_store(args, create=args.plan_command == "import") as store:
        if args.plan_command == "list":
            for plan in all_plans(store):
                source = "ready" if plan.ready else "saved"
                print(f"{plan.name}  ({source}, {plan.total_minutes:g} min, {len(plan.items)} items)")
        elif args.plan_command == "show":
            plan = find_plan(store, args.name)
            print(f"{plan.name}: {plan.total_minutes:g} min. {plan.description}".rstrip())
            for i, item in enumerate(plan.items, start=1):
                print(f"  {i:>2}. {describe_item(item)}")
        elif args.plan_command == "import":
            plan = read_plan_file(user_path(args.file, "The plan file"), level_ranges())
            existing = {p.name.casefold(): p for p in all_plans(store)}
            clash = existing.get(plan.name.casefold())
            if clash is not None and (clash.ready or not args.replace):
                what = "a ready plan" if clash.ready else "a saved plan (add --replace to overwrite it)"
                raise PlanError(f"'{plan.name}' is already the name of {what}; rename the plan in the file.")
            store.save_plan(plan, replacing=clash.name if clash is not None else None)
            print(f"Imported '{plan.name}' ({plan.total_minutes:g} min, {len(plan.items)} items)")
        elif args.plan_command == "export":
            plan = find_plan(store, args.name)
            out = out_path(args)
            write_text_atomically(out, plan.to_json())
            print(f"Wrote '{plan.name}' to {out}")
        else:
            plan = find_plan(store, args.name)
            if plan.ready:
                raise CliError(f"'{plan.name}' is a ready plan; it ships with cogsuite and cannot be deleted.")
            store.delete_plan(plan.name)
            print(f"Deleted '{plan.name}'")
    return 0


def describe_item(item) -> str:
    if item.kind == "mood":
        return "mood check"
    if item.kind == "breathing":
        return f"breathing break, {item.minutes:g} min (in {item.inhale_s:g} s, out {item.exhale_s:g} s)"
    level = f", level {item.level}" if item.level is not None else ""
    return f"{item.exercise}, {item.minutes:g} min{level}"
