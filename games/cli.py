"""The ``cogsuite`` command: the launcher and the subcommands (exercises, simulate, plan, settings,
export, report, pin, backup, store)."""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
from datetime import datetime, timezone
from typing import Any, Sequence

from games.cli_args import EXIT_USAGE, EXPORT_KINDS, Parser, local_date, number_between, on_off, utf8_text, whole_number
from games.cli_backup import add_backup_parser, cmd_backup
from games.cli_bundle import add_bundle_parser, cmd_bundle
from games.cli_common import CliError, add_force, check_period, open_store, out_path, store_url
from games.cli_pin import add_pin_parser, cmd_pin
from games.cli_plan import add_plan_parser, cmd_plan, simulate_plan_command
from games.cli_settings import add_settings_parser, cmd_settings
from games.cli_store import add_store_parser, cmd_store
from games.paths import LOG_FILE

log = logging.getLogger(__name__)
MAX_SEED = 10**18 - 1  # room for the per-player offsets within SQLite's 64-bit integers
DATE_HELP = "a date YYYY-MM-DD on this PC's calendar (its local time zone)"


def build_parser() -> argparse.ArgumentParser:
    # Given before the command (`cogsuite --store URL export ...`) or after it, alike: a command's
    # own copy of these options sets them only when given, so it never undoes the first.
    common = argparse.ArgumentParser(add_help=False)
    _add_where(common, argparse.SUPPRESS)
    parser = Parser(prog="cogsuite", description="Calm, adaptive cognitive exercises. With no command, opens the launcher.")
    _add_where(parser, None)
    _add_launcher_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    # the order here is the order `cogsuite --help` lists the commands in
    sub.add_parser("exercises", parents=[common], help="list exercises: id, domain, title")
    _add_simulate_parser(sub, common)
    add_plan_parser(sub, common)
    add_backup_parser(sub, common)
    add_bundle_parser(sub, common)
    add_store_parser(sub, common)
    add_pin_parser(sub, common)
    add_settings_parser(sub, common)
    _add_export_parser(sub, common)
    _add_report_parser(sub, common)
    return parser


def _add_launcher_options(parser: argparse.ArgumentParser) -> None:
    """How the launcher looks and sounds: the window, the text size, the contrast, the sound."""
    parser.add_argument("--fullscreen", action="store_true", help="fill the screen instead of a window")
    parser.add_argument("--font-scale", type=number_between(0.5, 3.0, "--font-scale"), default=1.0, metavar="F", help="text size factor, 0.5 to 3 (default 1)")
    parser.add_argument("--high-contrast", action="store_true", help="white on black, strong colours")
    parser.add_argument("--sound", type=on_off("--sound"), metavar="on|off",
                        help="sound on or off for this run (default: as chosen on this PC; off on a PC with a therapist PIN)")


def _add_simulate_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    sim = sub.add_parser("simulate", parents=[common],
                         help="simulated players play an exercise or a whole plan headless; it is recorded")
    what = sim.add_mutually_exclusive_group(required=True)
    what.add_argument("--exercise", metavar="ID", help="exercise id (see `cogsuite exercises`)")
    what.add_argument("--plan", metavar="NAME_OR_FILE", help="a plan's name (see `cogsuite plan list`) or a plan file")
    sim.add_argument("--ability", type=number_between(0.0, 1.0, "--ability"), default=0.7, metavar="A", help="player ability from 0 to 1 (default 0.7)")
    sim.add_argument("--trials", type=whole_number(1, 100_000, "--trials"), metavar="N", help="trials to play (default: the exercise's run length; not with --plan)")
    sim.add_argument("--client", type=utf8_text("--client"), default="simulated", metavar="C", help="client ID; created if new (default 'simulated')")
    sim.add_argument("--seed", type=whole_number(0, MAX_SEED, "--seed"), metavar="S",
                     help="random seed, a whole number (default: a fresh one, printed)")


def _add_export_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    exp = sub.add_parser("export", parents=[common], help="write results as CSV (UTF-8 with BOM) or an xlsx workbook",
                         description=f"Write results as CSV, or as one xlsx workbook. DATE is {DATE_HELP}.")
    exp.add_argument("--out", required=True, metavar="FILE", help="CSV (or .xlsx) file to write")
    exp.add_argument("--kind", choices=EXPORT_KINDS,
                     help="what to export (default: trials as CSV; every kind, a sheet each, as xlsx)")
    exp.add_argument("--format", choices=("csv", "xlsx"),
                     help="csv (one kind per file), or xlsx (a workbook, the data dictionary its last sheet);"
                          " default xlsx when --out ends in .xlsx, else csv")
    exp.add_argument("--client", type=utf8_text("--client"), metavar="C", help="only this client ID")
    _add_period(exp, "runs started")
    exp.add_argument("--include-names", action="store_true", help="add the clients' display names (they stay out by default)")
    add_force(exp)


def _add_report_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    rep = sub.add_parser("report", parents=[common], help="write a client's progress report as one printable HTML file",
                         description=f"Write a client's progress report as one HTML file. DATE is {DATE_HELP}.")
    rep.add_argument("--client", type=utf8_text("--client"), required=True, metavar="C", help="client ID")
    rep.add_argument("--out", required=True, metavar="FILE.html", help="HTML file to write")
    _add_period(rep, "practice")
    rep.add_argument("--include-names", action="store_true", help="show the client's display name (it stays out by default)")
    add_force(rep)


def _add_where(parser: argparse.ArgumentParser, default: object) -> None:
    """``--data-dir`` and ``--store``: where the data is."""
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="folder holding the store and the log (default: $COGSUITE_DATA_DIR, else the user data folder)")
    parser.add_argument("--store", metavar="URL", default=default,
                        help="a clinic's PostgreSQL database, postgresql://... (default: $COGSUITE_STORE, else the "
                             "data file in the data folder)")


def _add_period(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--since", type=local_date("--since"), metavar="DATE",
                        help=f"only {what} on or after this local date (YYYY-MM-DD)")
    parser.add_argument("--until", type=local_date("--until"), metavar="DATE",
                        help=f"only {what} on or before this local date (YYYY-MM-DD)")


def cmd_exercises(args: argparse.Namespace) -> int:
    from games.registry import EXERCISES

    width = max(len(e.id) for e in EXERCISES)
    for exercise in EXERCISES:
        print(f"{exercise.id:<{width}}  {exercise.spec.domain:<15}  {exercise.spec.title}")
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from games.core.engine.adaptive.policy import plan_from_store
    from games.core.engine.simulate import simulate_session
    from games.registry import get_exercise
    from scores.store.backup import backup_after_use

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    if args.plan is not None:
        if args.trials is not None:
            raise CliError("--trials plays one exercise; a plan's items last their planned minutes.")
        return simulate_plan_command(args, seed)
    exercise = get_exercise(args.exercise)
    with open_store(args) as store:
        client = store.get_client(args.client.strip()) or store.add_client(args.client)
        run = simulate_session(
            exercise, store, client, exercise.make_player(args.ability, random.Random(seed + 1)), seed=seed,
            wall_start=datetime.now(timezone.utc), n_trials=args.trials,
            plan=plan_from_store(store, client, exercise.spec),
        )
    backup_after_use(store.path)
    s = run.summary
    print(f"{exercise.id}: {s.n_trials} trials for client {client.code} (seed {seed}); "
          f"level {s.start_level} ({run.plan.start_rule}) -> {s.end_level}, accuracy {s.accuracy:.0%}, "
          f"ability {s.ability:.2f} ± {s.ability_se or 0:.2f}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from games.registry import EXERCISES
    from scores.export.dictionary import export_dictionary
    from scores.export.tables import WORKBOOK_KINDS, export_kind, export_workbook
    from scores.store.queries import Filters

    check_period(args)
    out = out_path(args)
    specs = [e.spec for e in EXERCISES]
    workbook = (args.format or ("xlsx" if out.suffix.lower() == ".xlsx" else "csv")) == "xlsx"
    kind = args.kind or "trials"
    if kind == "dictionary" and not workbook:
        count = export_dictionary(specs, out)
        print(f"Wrote {count} dictionary rows to {out}")
        return 0
    with open_store(args, create=False) as store:
        if args.client and store.get_client(args.client) is None:
            raise CliError(f"There is no client {args.client!r} in {store.location}.")
        filters = Filters(client_code=args.client, since=args.since, until=args.until)
        if workbook:
            kinds = [args.kind] if args.kind else WORKBOOK_KINDS
            counts = export_workbook(store, specs, out, kinds, filters, include_names=args.include_names)
            sheets = ", ".join(f"{n} {k}" for k, n in counts.items())
            print(f"Wrote a workbook to {out}: {sheets} rows")
            return 0
        count = export_kind(kind, store, specs, out, filters, include_names=args.include_names)
    print(f"Wrote {count} {kind} rows to {out}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from games.registry import exercise_infos
    from scores.report.html import write_report

    exercises = exercise_infos()
    check_period(args)
    out = out_path(args)
    with open_store(args, create=False) as store:
        client = store.get_client(args.client)
        if client is None:
            raise CliError(f"There is no client {args.client!r} in {store.location}.")
        write_report(store, client, out, exercises, since=args.since, until=args.until,
                     include_name=args.include_names)
    print(f"Wrote the progress report of {client.code} to {out}")
    return 0


def cmd_launch(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from games.app import App
    from games.core.ui.theme import Theme
    from games.launcher.clients import ClientPickerScene
    from games.cli_common import data_folder
    from games.launcher.damaged import show_damaged_store
    from games.paths import data_dir
    from scores.store.backup import backup_after_use
    from scores.store.database import StoreDamaged, StoreError

    import pygame

    theme = Theme.create(args.font_scale, args.high_contrast)
    try:
        store, first = open_store(args), ClientPickerScene()
    except StoreDamaged as err:  # a calm screen says so and names the backup; then the line on stderr
        show_damaged_store(err, data_folder(args), data_dir(), theme, args.fullscreen)
        raise
    except StoreError as err:
        store, first = None, _server_away_scene(args, err, ClientPickerScene)
    app = None
    try:
        try:
            app = App(store, theme=theme, fullscreen=args.fullscreen, sound=args.sound)
        except pygame.error as err:
            log.exception("no window")
            raise CliError(f"Cannot open a window ({err}); is a display available?") from None
        log.info("launcher opened on %s", store.location if store else "no store yet")
        app.run(first)
    finally:  # the store opened at start, or the one a later try opened
        opened = app.store.store if app is not None and app.store is not None else store
        if opened is not None:
            opened.close()
    if opened is not None:
        backup_after_use(opened.path)
    return 0


def _server_away_scene(args: argparse.Namespace, err: Exception, first):
    """A clinic database that does not answer at start: a calm screen that tries again; any other
    store problem is the usual one line."""
    from games.cli_common import data_folder
    from games.launcher.server_away import ServerAwayScene
    from games.paths import setup_logging
    from scores.store.postgres import is_server_url

    if not is_server_url(store_url(args)):
        raise err
    setup_logging(data_folder(args))
    log.warning("the launcher opened without its store: %s", err)
    return ServerAwayScene(lambda: open_store(args), first)


COMMANDS = {
    None: cmd_launch, "exercises": cmd_exercises, "simulate": cmd_simulate, "settings": cmd_settings,
    "export": cmd_export, "report": cmd_report, "plan": cmd_plan, "pin": cmd_pin, "backup": cmd_backup,
    "bundle": cmd_bundle, "store": cmd_store,
}


# The errors a person can fix, as (module, class): one line and exit status 2. Named, not imported,
# so that a command imports only what it uses; an error of a module never imported cannot occur.
PERSON_ERRORS = (
    ("games.cli_common", "CliError"), ("scores.store.database", "StoreError"), ("scores.export.csvfile", "ExportError"),
    ("scores.store.clients", "ClientNameError"), ("games.registry", "UnknownExercise"), ("scores.clinic.plans", "PlanError"),
)


def is_person_error(err: BaseException) -> bool:
    """Whether ``err`` is one of :data:`PERSON_ERRORS`."""
    for module_name, class_name in PERSON_ERRORS:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(err, getattr(module, class_name)):
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every foreseeable problem is one line on stderr and exit status 2."""
    logging.getLogger().addHandler(logging.NullHandler())  # the log file, once known, gets the details
    args = build_parser().parse_args(argv)
    try:
        store_url(args)  # a bad --store or $COGSUITE_STORE fails every command alike, even one using no store
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        if is_person_error(err):
            log.warning("%s", err)
            print(f"cogsuite: error: {err}", file=sys.stderr)
            return EXIT_USAGE
        # a bug: one sentence for the person, the traceback for the log
        log.exception("unexpected error")
        print(f"cogsuite: unexpected error ({err}); the details are in {LOG_FILE} in the data folder.", file=sys.stderr)
        return 1
