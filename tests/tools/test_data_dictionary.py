"""The data dictionary tool writes the page the registered exercises' declared columns generate."""

import subprocess
import sys
from pathlib import Path

from games.registry import EXERCISES
from scores.export.dictionary import dictionary_markdown

TOOL = Path(__file__).resolve().parents[2] / "tools" / "data_dictionary.py"


def run_tool(*args):
    return subprocess.run([sys.executable, str(TOOL), *args], capture_output=True, text=True, timeout=60)


def test_writes_the_markdown_of_the_registered_exercises(tmp_path):
    out = tmp_path / "data-dictionary.md"
    assert run_tool(str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == dictionary_markdown([e.spec for e in EXERCISES])


def test_an_unwritable_place_is_one_line_and_status_2(tmp_path):
    done = run_tool(str(tmp_path / "missing" / "x.md"))
    assert done.returncode == 2
    assert done.stderr.startswith("Cannot write") and len(done.stderr.strip().splitlines()) == 1
