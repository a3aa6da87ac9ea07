"""The layers of docs/architecture.md, kept: every module's imports, read with ``ast``, obey its rules."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("games", "scores")
EXERCISE_PURE = ("logic", "spec", "player")  # the parts of an exercise that must run without pygame
DOMAIN_PACKAGES = ("games.memory", "games.focus", "games.problem_solving")
ENGINE_MUST_NOT = ("pygame", "games.core.ui", "games.launcher", "games.app", "games.pilot")
UI_MUST_NOT = ("games.launcher", "games.app")
# scores' sub-packages, lowest first: each imports only its own layer and those under it
SCORES_LAYERS = (("store", "clinic"), ("analysis", "export"), ("report", "bundle"))


class Module(NamedTuple):
    """A module's source as the checker sees it."""

    source: str
    is_package: bool  # an __init__.py: its relative imports start from itself


class Import(NamedTuple):
    target: str  # the module, or module.name for ``from module import name``
    line: int


def read_tree(root: Path = ROOT) -> dict[str, Module]:
    """Every module of the project's packages, by dotted name."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            name = ".".join(parts[:-1] if is_package else parts)
            modules[name] = Module(path.read_text(encoding="utf-8"), is_package)
    return modules


def is_type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None) if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def run_time_nodes(tree: ast.AST) -> Iterable[ast.AST]:
    """Every node but those under ``if TYPE_CHECKING:``, which never run: such an import only
    names a type for the type checker (a scene's ``app: App``) and is no dependency at run time."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if is_type_checking_block(node):
            stack += node.orelse
        else:
            stack += ast.iter_child_nodes(node)


def imports_of(name: str, module: Module) -> list[Import]:
    """All import statements that run, at the top or inside functions, with relative ones resolved."""
    found = []
    for node in run_time_nodes(ast.parse(module.source)):
        if isinstance(node, ast.Import):
            found += [Import(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if module.is_package else name.split(".")[:-1]
                anchor = package[: len(package) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.append(Import(base, node.lineno))
            found += [Import(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return found


def is_under(target: str, prefix: str) -> bool:
    return target == prefix or target.startswith(prefix + ".")


def with_parents(target: str, modules: Mapping[str, Module]) -> list[str]:
    """The project modules an import runs: the target's packages, outermost first, then itself."""
    parts = target.split(".")
    return [m for m in (".".join(parts[:k]) for k in range(1, len(parts) + 1)) if m in modules]


def pygame_path(start: str, modules: Mapping[str, Module]) -> list[str] | None:
    """The chain of project imports from ``start`` to a module importing pygame, or None."""
    seen, stack = {start}, [[start]]
    while stack:
        chain = stack.pop()
        for imported in imports_of(chain[-1], modules[chain[-1]]):
            if is_under(imported.target, "pygame"):
                return chain + [f"pygame (line {imported.line})"]
            for step in with_parents(imported.target, modules):
                if step not in seen:
                    seen.add(step)
                    stack.append(chain + [step])
    return None


def direct_violations(name: str, module: Module, forbidden: Iterable[str], layer: str) -> list[str]:
    return [f"{name} (line {imp.line}) imports {imp.target}: {layer} must not import {prefix}"
            for imp in imports_of(name, module) for prefix in forbidden if is_under(imp.target, prefix)]


def scores_layer(name: str) -> int | None:
    """The layer of a ``scores`` sub-package's module (0 lowest), or None outside them."""
    parts = name.split(".")
    if len(parts) < 2 or parts[0] != "scores":
        return None
    return next((n for n, layer in enumerate(SCORES_LAYERS) if parts[1] in layer), None)


def scores_violations(name: str, module: Module) -> list[str]:
    layer = scores_layer(name)
    if layer is None:
        return []
    above = [f"scores.{package}" for upper in SCORES_LAYERS[layer + 1:] for package in upper]
    return direct_violations(name, module, above, f"scores.{name.split('.')[1]}")


def is_exercise_pure(name: str) -> bool:
    parts = name.split(".")
    return len(parts) == 4 and ".".join(parts[:2]) in DOMAIN_PACKAGES and parts[3] in EXERCISE_PURE


def layer_violations(modules: Mapping[str, Module]) -> list[str]:
    """Every broken rule, one line each, naming the module and the import."""
    problems = []
    for name, module in modules.items():
        if is_exercise_pure(name) and (chain := pygame_path(name, modules)):
            problems.append(f"{name} reaches pygame: {' -> '.join(chain)}")
        if is_under(name, "games.core.engine"):
            problems += direct_violations(name, module, ENGINE_MUST_NOT, "games.core.engine")
        if is_under(name, "games.core.ui"):
            problems += direct_violations(name, module, UI_MUST_NOT, "games.core.ui")
        if is_under(name, "scores"):
            problems += direct_violations(name, module, ("games",), "scores")
            problems += scores_violations(name, module)
    return problems


def test_the_tree_keeps_its_layers():
    problems = layer_violations(read_tree())
    assert not problems, "\n".join(problems)


def test_the_checker_reads_the_whole_tree():
    modules = read_tree()
    pure = [name for name in modules if is_exercise_pure(name)]
    assert "games.focus.flanker.logic" in pure and "games.memory.n_back.player" in pure
    assert len(pure) >= 3 * 13  # every exercise's logic, spec and player
    assert pygame_path("games.focus.flanker.view", modules)  # a view draws with pygame, and is found to


def test_the_checker_catches_each_kind_of_violation():
    modules = dict(read_tree())
    modules["games.focus.fake"] = Module("", True)
    modules["games.focus.fake.logic"] = Module("def f():\n    from .helpers import shade\n", False)
    modules["games.focus.fake.helpers"] = Module("import pygame.draw\n", False)
    modules["games.core.engine.fake"] = Module("from ..ui import theme\n", False)
    type_only = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from games.launcher import play\n"
    modules["games.core.ui.fake"] = Module(type_only + "from games import app\n", False)
    modules["scores.fake"] = Module("import os\n\n\ndef version():\n    import games\n", False)
    modules["scores.store.fake"] = Module("from scores.analysis import progress\nfrom scores.clinic import pin\n", False)
    problems = layer_violations(modules)
    assert problems == [
        "games.focus.fake.logic reaches pygame: games.focus.fake.logic -> games.focus.fake.helpers -> pygame (line 1)",
        "games.core.engine.fake (line 1) imports games.core.ui: games.core.engine must not import games.core.ui",
        "games.core.engine.fake (line 1) imports games.core.ui.theme: games.core.engine must not import games.core.ui",
        "games.core.ui.fake (line 4) imports games.app: games.core.ui must not import games.app",
        "scores.fake (line 5) imports games: scores must not import games",
        "scores.store.fake (line 1) imports scores.analysis: scores.store must not import scores.analysis",
        "scores.store.fake (line 1) imports scores.analysis.progress: scores.store must not import scores.analysis",
    ]
