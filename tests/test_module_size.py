"""The house's sizes, kept: no module of the program or its tools over 350 lines, no function over 55."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("games", "scores", "tools")
MAX_MODULE_LINES = 350
MAX_FUNCTION_LINES = 55


def oversize(root: Path = ROOT) -> list[str]:
    """Every module and function over the limits, one line each, naming it and its length."""
    found = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            source, name = path.read_text(encoding="utf-8"), path.relative_to(root).as_posix()
            if (lines := source.count("\n")) > MAX_MODULE_LINES:
                found.append(f"{name}: {lines} lines (at most {MAX_MODULE_LINES})")
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    length = node.end_lineno - node.lineno + 1
                    if length > MAX_FUNCTION_LINES:
                        found.append(f"{name}:{node.lineno} {node.name}: {length} lines (at most {MAX_FUNCTION_LINES})")
    return found


def test_no_module_or_function_is_over_the_house_sizes():
    problems = oversize()
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_long_module_and_a_long_function(tmp_path):
    (tmp_path / "games").mkdir()
    (tmp_path / "games" / "long.py").write_text("def f():\n" + "    x = 1\n" * 60 + "\n" * 300, encoding="utf-8")
    (tmp_path / "games" / "short.py").write_text("def g():\n    return 1\n", encoding="utf-8")
    assert oversize(tmp_path) == ["games/long.py: 361 lines (at most 350)", "games/long.py:1 f: 61 lines (at most 55)"]
