"""A command imports what it needs when it needs it: `cogsuite --help` runs no exercise or store code."""

import json
import subprocess
import sys

import pytest

from games.cli_args import EXPORT_KINDS

# run `cogsuite ARGS` in a fresh interpreter and print the names of the modules it imported
WRAPPER = """
import json, sys
from games.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def modules_after(*argv: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", WRAPPER, *argv], capture_output=True, text=True, timeout=60, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def exercise_modules(names: set[str]) -> set[str]:
    return {n for n in names if n.startswith(("games.memory", "games.focus", "games.problem_solving"))}


@pytest.mark.parametrize("argv", [["--help"], ["export", "--help"], ["backup", "--help"], ["plan", "list", "--help"]])
def test_help_imports_no_exercise_store_or_pygame(argv):
    names = modules_after(*argv)
    assert "games.registry" not in names
    assert not exercise_modules(names)
    assert not {n for n in names if n.startswith(("scores.", "pygame"))}


def test_exercises_imports_no_store_export_or_pygame():
    names = modules_after("exercises")
    assert "games.registry" in names
    shared_constants = {"scores.domains"}  # the domains, defined once in scores: no store code
    assert not {n for n in names if n.startswith(("scores.", "pygame"))} - shared_constants


def test_export_kinds_of_the_command_line_are_the_ones_the_export_runs():
    from scores.export.tables import EXPORT_KINDS as RUN_KINDS

    assert EXPORT_KINDS == RUN_KINDS


def test_an_error_of_a_module_imported_late_is_still_one_line(tmp_path, capsys):
    from games.cli import main

    # the store's error, raised by a module the command imports only once it runs
    assert main(["export", "--data-dir", str(tmp_path / "none"), "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cogsuite: error:"), err


def test_the_launcher_closes_after_its_first_frame_having_imported_no_exercise_or_numpy(tmp_path):
    """COGSUITE_EXIT_AFTER_FIRST_FRAME=1 (what benchmarks/startup.py times) closes the app after its
    first flip; the first screen needs neither the exercises nor numpy (the tones' synthesis)."""
    import os

    env = dict(os.environ, COGSUITE_EXIT_AFTER_FIRST_FRAME="1", SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    wrapper = WRAPPER.replace("main(sys.argv[1:])", "assert main(sys.argv[1:]) == 0")
    done = subprocess.run([sys.executable, "-c", wrapper, "--data-dir", str(tmp_path / "d")],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    names = set(json.loads(done.stdout.splitlines()[-1]))
    assert "games.app" in names and "games.launcher.clients" in names
    assert "games.registry" not in names and not exercise_modules(names)
    assert "numpy" not in names
    assert (tmp_path / "d" / "cogsuite.sqlite3").exists()
