"""tools/new_exercise.py in a copy of the checkout: the scaffold passes the tests every exercise must
pass, the launcher's list shows it, and a bad request is refused without writing anything."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("games", "scores", "assets", "tests", "tools", "docs", "pyproject.toml")
NEW_ID = "quick_look"
# The tests that cover every registered exercise, narrowed with -k to the new one where they are
# parametrized per exercise (those that loop over all of them run whole), then the scaffold's own.
EVERY_EXERCISE = ("tests/games/test_every_exercise.py", "tests/games/test_exercise_contract.py", "tests/games/test_views.py",
                  "tests/games/test_adaptation.py", "tests/games/launcher/test_feedback_moment.py",
                  "tests/games/core/engine/test_duration.py", "tests/scores/export/test_dictionary_doc.py",
                  "tests/tools/test_data_dictionary.py", "tests/test_layers.py")
OWN = tuple(f"tests/games/focus/test_{NEW_ID}_{kind}.py" for kind in ("logic", "view", "adaptation"))


def run(copy, *args, **env):
    return subprocess.run([sys.executable, *args], cwd=copy, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(copy), **env})


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """A copy of the checkout (without .git, .venv or the screenshots) with the new exercise scaffolded."""
    root = tmp_path_factory.mktemp("checkout")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "screenshots", ".pytest_cache")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=ignore)
        else:
            shutil.copy2(source, root / name)
    done = run(root, "tools/new_exercise.py", NEW_ID, "--domain", "focus", "--title", "Quick look")
    assert done.returncode == 0, done.stderr
    return root


def test_the_scaffold_passes_the_tests_of_every_exercise_and_its_own(copy):
    files = EVERY_EXERCISE + OWN
    assert all((copy / f).exists() for f in files), [f for f in files if not (copy / f).exists()]
    done = run(copy, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", *files,
               "-k", f"{NEW_ID} or dictionary or layers or test_duration")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    passed = int(re.search(r"(\d+) passed", done.stdout).group(1))
    assert passed >= 3 + 6 + 2 + 5 + 1 + 2 + 3 + 12  # every exercise's: play, contract, views, adaptation,
    # feedback moment, dictionary, layers; and its own


def test_the_new_exercise_is_registered_listed_and_in_the_dictionary(copy):
    registry = (copy / "games" / "registry.py").read_text(encoding="utf-8")
    line = "from games.focus.quick_look import EXERCISE as QUICK_LOOK\n"
    assert line in registry and ", QUICK_LOOK," in registry
    before = (ROOT / "games" / "registry.py").read_text(encoding="utf-8")
    assert registry.replace(line, "").replace(", QUICK_LOOK,", ",") == before  # nothing else changed
    listed = run(copy, "-m", "games", "exercises", COGSUITE_DATA_DIR=str(copy / "data"))
    assert listed.returncode == 0, listed.stderr
    rows = [row.split(None, 2) for row in listed.stdout.splitlines()]
    assert ["quick_look", "focus", "Quick look"] in rows
    domains = [domain for _, domain, _ in rows]
    at = rows.index(["quick_look", "focus", "Quick look"])
    assert domains[at - 1] == "focus" and "focus" not in domains[at + 1:]  # after the last focus exercise
    dictionary = (copy / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert "| `shortest_right_exposure_ms` |" in dictionary and "flanker, quick_look" in dictionary
    cases = (copy / "tests" / "games" / "adaptation_cases.py").read_text(encoding="utf-8")
    climb, stored = '    "quick_look": Climb(4, None, None, None),', '    "quick_look": (0.7, 11, None),\n'
    assert climb in cases and stored in cases  # how it adapts, said where the shared adaptation test reads it
    before = (ROOT / "tests" / "games" / "adaptation_cases.py").read_text(encoding="utf-8")
    assert re.sub(r' *"quick_look": .*\n', "", cases) == before


@pytest.mark.parametrize("args, says", [
    (["Quick-Look", "--domain", "focus"], "is not a usable id"),
    (["class", "--domain", "focus"], "is not a usable id"),
    (["flanker", "--domain", "focus"], "already registered"),
    (["exercises", "--domain", "focus"], "EXERCISES already names something"),
    (["quick_look", "--domain", "focus"], "already registered"),
    (["colour_match", "--domain", "music"], "There is no domain 'music'"),
    (["half_done", "--domain", "memory"], "games/memory/half_done already exists"),
    (["quoted", "--domain", "memory", "--title", 'A "quote"'], "is not a usable title"),
])
def test_a_bad_request_is_one_line_status_2_and_writes_nothing(copy, args, says):
    (copy / "games" / "memory" / "half_done").mkdir(exist_ok=True)
    watched = [copy / "games" / "registry.py", copy / "docs" / "data-dictionary.md",
               copy / "tests" / "games" / "adaptation_cases.py"]
    before = [path.read_bytes() for path in watched]
    tree_before = sorted(p.relative_to(copy) for p in (copy / "games").rglob("*.py"))
    done = run(copy, "tools/new_exercise.py", *args)
    assert done.returncode == 2 and says in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert [path.read_bytes() for path in watched] == before
    assert sorted(p.relative_to(copy) for p in (copy / "games").rglob("*.py")) == tree_before


def test_a_checkout_without_the_adaptation_settings_is_refused_before_anything_is_written(copy):
    cases = copy / "tests" / "games" / "adaptation_cases.py"
    kept = cases.with_name("adaptation_cases.kept")
    cases.rename(kept)
    try:
        registry_before = (copy / "games" / "registry.py").read_bytes()
        done = run(copy, "tools/new_exercise.py", "late_one", "--domain", "memory")
        assert done.returncode == 2 and "tests/games/adaptation_cases.py cannot be read" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
        assert (copy / "games" / "registry.py").read_bytes() == registry_before
        assert not (copy / "games" / "memory" / "late_one").exists()
    finally:
        kept.rename(cases)
