"""Scaffold a new exercise: ``python tools/new_exercise.py ID --domain D [--title T]``.

Writes ``games/D/ID/`` (spec, logic, view, player and the package's ``EXERCISE``) from the
templates in ``tools/exercise_template/``: a small working exercise (an arrow shows for a moment,
the client says which way it pointed) to change into the new one. It also writes the exercise's
logic, view and adaptation tests in ``tests/games/D/``, adds it to ``games/registry.py`` and its
adaptation settings to ``tests/games/adaptation_cases.py``, and regenerates ``docs/data-dictionary.md``. It never overwrites a file: a bad id, an id already
registered, an unknown domain or an existing folder is refused with one line and exit status 2.
Walk-through: docs/adding-an-exercise.md.
"""

from __future__ import annotations

import argparse
import keyword
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scores.domains import DOMAINS  # noqa: E402  (after the path: run from a checkout)

TEMPLATES = Path(__file__).resolve().parent / "exercise_template"
# template -> where it goes, relative to the checkout, with ID and DOMAIN filled in
PACKAGE_FILES = ("__init__", "spec", "logic", "view", "player")
TEST_FILES = {"test_logic": "test_{id}_logic", "test_view": "test_{id}_view", "test_adaptation": "test_{id}_adaptation"}
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
LINE_WIDTH = 110  # the registry's list is wrapped at the width the code keeps


class Refused(Exception):
    """A request the tool will not carry out; its message is the one line the user sees."""


def check_request(root: Path, exercise_id: str, domain: str, title: str) -> None:
    """Refuse, before anything is written, what cannot make a new exercise."""
    if not ID_PATTERN.fullmatch(exercise_id) or keyword.iskeyword(exercise_id):
        raise Refused(f"{exercise_id!r} is not a usable id: use lowercase letters, digits and _, "
                      "starting with a letter.")
    if domain not in DOMAINS:
        raise Refused(f"There is no domain {domain!r}; the domains are: {', '.join(DOMAINS)}.")
    if not title.strip() or any(c in title for c in '"\\\n'):
        raise Refused(f"{title!r} is not a usable title: give some words, without quotes or backslashes.")
    if exercise_id in registered_ids(root):
        raise Refused(f"An exercise {exercise_id!r} is already registered; choose another id.")
    registry = (root / "games" / "registry.py").read_text(encoding="utf-8")
    if re.search(rf"\b{exercise_id.upper()}\b", registry):
        raise Refused(f"{exercise_id.upper()} already names something in games/registry.py; choose another id.")
    package = root / "games" / domain / exercise_id
    for path in (package, *planned_paths(root, exercise_id, domain).values()):
        if path.exists():
            raise Refused(f"{path.relative_to(root).as_posix()} already exists; nothing was written.")


def registered_ids(root: Path) -> set[str]:
    """The ids the checkout's registry holds (read in a fresh interpreter, from ``root``)."""
    code = "from games.registry import EXERCISES; print(' '.join(e.id for e in EXERCISES))"
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                          env=checkout_env(root))
    if done.returncode != 0:
        raise Refused(f"The registry of {root} cannot be read: {done.stderr.strip().splitlines()[-1:]}")
    return set(done.stdout.split())


def checkout_env(root: Path) -> dict[str, str]:
    """The environment of a fresh interpreter that imports the checkout at ``root``."""
    return {**os.environ, "PYTHONPATH": str(root)}


def planned_paths(root: Path, exercise_id: str, domain: str) -> dict[str, Path]:
    """Each template's destination."""
    package = root / "games" / domain / exercise_id
    paths = {name: package / f"{name}.py" for name in PACKAGE_FILES}
    tests = root / "tests" / "games" / domain
    paths.update({name: tests / f"{stem.format(id=exercise_id)}.py" for name, stem in TEST_FILES.items()})
    return paths


def class_prefix(exercise_id: str) -> str:
    """``quick_look`` -> ``QuickLook``, the start of the exercise's class names."""
    return "".join(part.capitalize() for part in exercise_id.split("_") if part)


def fill(template: str, exercise_id: str, domain: str, title: str) -> str:
    replacements = {"__ID__": exercise_id, "__DOMAIN__": domain, "__CLASS__": class_prefix(exercise_id),
                    "__TITLE_REPR__": repr(title), "__TITLE__": title}
    for token, value in replacements.items():
        template = template.replace(token, value)
    return template


def write_files(root: Path, exercise_id: str, domain: str, title: str) -> list[Path]:
    """Write the package and the tests; ``x`` mode, so an existing file is never replaced."""
    written = []
    for name, path in planned_paths(root, exercise_id, domain).items():
        text = fill((TEMPLATES / f"{name}.py.tmpl").read_text(encoding="utf-8"), exercise_id, domain, title)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written


IMPORT_LINE = re.compile(r"^from games\.(\w+)\.(\w+) import \w+ as (\w+)\n", flags=re.M)
LISTED = re.compile(r"^EXERCISES: tuple\[Exercise, \.\.\.\] = \(\n(.*?)\n\)\n", flags=re.M | re.S)


def registry_with(source: str, exercise_id: str, domain: str) -> str:
    """The registry's source with the exercise imported (in module order) and listed after the last
    exercise of its domain (at the end when it is the domain's first)."""
    constant = exercise_id.upper()
    imports = list(IMPORT_LINE.finditer(source))
    later = [m for m in imports if (m.group(1), m.group(2)) > (domain, exercise_id)]
    at = later[0].start() if later else imports[-1].end()
    source = source[:at] + f"from games.{domain}.{exercise_id} import EXERCISE as {constant}\n" + source[at:]
    domain_of = {m.group(3): m.group(1) for m in imports} | {constant: domain}
    listed = LISTED.search(source)
    names = [n.strip() for n in listed.group(1).replace("\n", " ").split(",") if n.strip()]
    same = [k for k, n in enumerate(names) if domain_of.get(n) == domain]
    names.insert(same[-1] + 1 if same else len(names), constant)
    body = "\n".join(f"    {row}," for row in wrapped_rows(names, domain_of))
    return source[:listed.start(1)] + body + source[listed.end(1):]


def wrapped_rows(names: Sequence[str], domain_of: dict[str, str]) -> list[str]:
    """One row per run of a domain's exercises, as the registry lays them out, wrapped at LINE_WIDTH."""
    rows: list[list[str]] = []
    for name in names:
        row = rows[-1] if rows else None
        fits = row is not None and len("    " + ", ".join(row + [name]) + ",") <= LINE_WIDTH
        if row is not None and domain_of.get(row[-1]) == domain_of.get(name) and fits:
            row.append(name)
        else:
            rows.append([name])
    return [", ".join(row) for row in rows]


CASES_DICT = r"^{name} = \{{\n.*?(?=^\}}\n)"


def cases_with(source: str, exercise_id: str) -> str:
    """``tests/games/adaptation_cases.py`` with the exercise's adaptation settings added: the shared
    adaptation test refuses a registered exercise that has none, so each new one says how it adapts."""
    entries = {"CLIMBS": f'    "{exercise_id}": Climb(4, None, None, None),  # to tune: seeds, trials, strong >=, weak <=\n',
               "STORED": f'    "{exercise_id}": (0.7, 11, None),\n'}
    for name, entry in entries.items():
        found = re.search(CASES_DICT.format(name=name), source, flags=re.M | re.S)
        if found is None:
            raise Refused(f"{name} was not found in tests/games/adaptation_cases.py; nothing was written.")
        source = source[:found.end()] + entry + source[found.end():]
    return source


def read(path: Path) -> str:
    """A file of the checkout the tool edits; one that cannot be read refuses the whole request."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise Refused(f"{path.relative_to(ROOT).as_posix()} cannot be read ({exc.strerror}); nothing was written.")


def regenerate_dictionary(root: Path) -> None:
    """The data dictionary page, now with the new exercise's columns (in a fresh interpreter: the
    registry just changed)."""
    tool = Path(__file__).resolve().parent / "data_dictionary.py"
    subprocess.run([sys.executable, str(tool), str(root / "docs" / "data-dictionary.md")],
                   cwd=root, env=checkout_env(root), check=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Scaffold a new exercise; see the module's docstring."""
    parser = argparse.ArgumentParser(prog="python tools/new_exercise.py", description=main.__doc__)
    parser.add_argument("id", help="the exercise's id: lowercase letters, digits and _, e.g. quick_look")
    parser.add_argument("--domain", required=True, help=f"one of: {', '.join(DOMAINS)}")
    parser.add_argument("--title", help="the name the client sees (default: the id in words)")
    args = parser.parse_args(argv)
    title = args.title if args.title is not None else args.id.replace("_", " ").capitalize()
    registry, cases = ROOT / "games" / "registry.py", ROOT / "tests" / "games" / "adaptation_cases.py"
    try:  # everything checked and both edits made before anything is written
        check_request(ROOT, args.id, args.domain, title)
        new_registry = registry_with(read(registry), args.id, args.domain)
        new_cases = cases_with(read(cases), args.id)
    except Refused as refused:
        print(refused, file=sys.stderr)
        return 2
    written = write_files(ROOT, args.id, args.domain, title)
    registry.write_text(new_registry, encoding="utf-8", newline="\n")
    cases.write_text(new_cases, encoding="utf-8", newline="\n")
    regenerate_dictionary(ROOT)
    for path in written + [registry, cases, ROOT / "docs" / "data-dictionary.md"]:
        print(path.relative_to(ROOT))
    print("Next: make it yours, then run the tests (see docs/adding-an-exercise.md).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
