"""Session plans: an ordered list of timed exercises, breathing breaks and mood checks.

A plan is stored in the store and exchanged as a small JSON file of the same shape::

    {"format": "cogsuite-plan", "version": 1, "name": "Mixed 15",
     "description": "...", "items": [{"kind": "mood"},
     {"kind": "exercise", "exercise": "go_no_go", "minutes": 4, "level": 3},
     {"kind": "breathing", "minutes": 2, "inhale_s": 4, "exhale_s": 6}]}

Everything read from a file is checked before anything is kept; a problem is one sentence that
names the item and the field.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

PLAN_FORMAT = "cogsuite-plan"
PLAN_VERSION = 1
ITEM_KINDS: tuple[str, ...] = ("exercise", "breathing", "mood")
MAX_ITEMS = 40
MIN_ITEM_MINUTES = 0.5  # shorter is no exercise or break at all (and 1e-300 min ends at once)
MAX_ITEM_MINUTES = 120.0
MAX_NAME_CHARS = 80
MAX_FILE_BYTES = 256 * 1024
DEFAULT_INHALE_S = 4.0
DEFAULT_EXHALE_S = 6.0
BREATH_RANGE_S = (2.0, 12.0)


class PlanError(ValueError):
    """A plan or plan file that cannot be used; the message names the problem for a person."""


@dataclass(frozen=True)
class PlanItem:
    """One step of a plan. ``minutes`` is None only for a mood check, which takes what it takes."""

    kind: str
    exercise: str | None = None
    minutes: float | None = None
    level: int | None = None  # a fixed level for this item; None lets the level adapt
    inhale_s: float = DEFAULT_INHALE_S
    exhale_s: float = DEFAULT_EXHALE_S

    @property
    def planned_s(self) -> float | None:
        return None if self.minutes is None else self.minutes * 60.0

    def to_dict(self) -> dict[str, Any]:
        if self.kind == "mood":
            return {"kind": "mood"}
        if self.kind == "breathing":
            return {"kind": "breathing", "minutes": self.minutes, "inhale_s": self.inhale_s,
                    "exhale_s": self.exhale_s}
        out: dict[str, Any] = {"kind": "exercise", "exercise": self.exercise, "minutes": self.minutes}
        if self.level is not None:
            out["level"] = self.level
        return out


@dataclass(frozen=True)
class Plan:
    """A named, ordered list of items."""

    name: str
    items: tuple[PlanItem, ...]
    description: str = ""
    ready: bool = field(default=False, compare=False)  # shipped with the program, not editable

    @property
    def total_minutes(self) -> float:
        return sum(item.minutes or 0.0 for item in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {"format": PLAN_FORMAT, "version": PLAN_VERSION, "name": self.name,
                "description": self.description, "items": [item.to_dict() for item in self.items]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


LevelRanges = Mapping[str, tuple[int, int]]  # exercise id -> (min_level, max_level)


def validate_plan_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise PlanError("A plan needs a name.")
    name = name.strip()
    if len(name) > MAX_NAME_CHARS:
        raise PlanError(f"A plan name can be at most {MAX_NAME_CHARS} characters long.")
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") for ch in name):
        raise PlanError("A plan name cannot contain control characters such as line breaks or tabs.")
    return name


def _number(item: Mapping[str, Any], key: str, where: str, low: float, high: float) -> float:
    """``item[key]`` as a number in ``[low, high]``."""
    value = item.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise PlanError(f"{where}: '{key}' must be a number, not {value!r}.")
    if not low <= value <= high:
        shown = f"{value:g}" if isinstance(value, float) or abs(value) < 10**15 else "a far larger number"
        raise PlanError(f"{where}: '{key}' must be from {low:g} to {high:g}, not {shown}.")
    return float(value)


def _item(raw: Any, position: int, exercises: LevelRanges) -> PlanItem:
    where = f"Item {position}"
    if not isinstance(raw, Mapping):
        raise PlanError(f"{where} is not an object with a 'kind'.")
    kind = raw.get("kind")
    if kind not in ITEM_KINDS:
        raise PlanError(f"{where}: kind {kind!r} is not one of {', '.join(ITEM_KINDS)}.")
    if kind == "mood":
        return PlanItem("mood")
    minutes = _number(raw, "minutes", where, MIN_ITEM_MINUTES, MAX_ITEM_MINUTES)
    if kind == "breathing":
        inhale = _number({"inhale_s": DEFAULT_INHALE_S, **raw}, "inhale_s", where, *BREATH_RANGE_S)
        exhale = _number({"exhale_s": DEFAULT_EXHALE_S, **raw}, "exhale_s", where, *BREATH_RANGE_S)
        return PlanItem("breathing", minutes=minutes, inhale_s=inhale, exhale_s=exhale)
    exercise = raw.get("exercise")
    if not isinstance(exercise, str) or exercise not in exercises:
        raise PlanError(f"{where}: there is no exercise {exercise!r} (see `cogsuite exercises`).")
    level = raw.get("level")
    if level is not None:
        low, high = exercises[exercise]
        if isinstance(level, bool) or not isinstance(level, int) or not low <= level <= high:
            raise PlanError(f"{where}: level {level!r} is not a level of {exercise} ({low} to {high}).")
    return PlanItem("exercise", exercise=exercise, minutes=minutes, level=level)


def plan_from_dict(raw: Any, exercises: LevelRanges, ready: bool = False) -> Plan:
    """Check and build a plan from its JSON shape.

    Args:
        exercises: the exercises this program knows, with their level ranges.

    Raises:
        PlanError: naming the first problem found.
    """
    if not isinstance(raw, Mapping) or raw.get("format") != PLAN_FORMAT:
        raise PlanError(f"This is not a cogsuite plan (it has no \"format\": \"{PLAN_FORMAT}\").")
    if raw.get("version") != PLAN_VERSION:
        raise PlanError(f"This plan has format version {raw.get('version')!r}; this cogsuite reads version {PLAN_VERSION}.")
    name = validate_plan_name(raw.get("name"))
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise PlanError("The plan's 'description' must be text.")
    items = raw.get("items")
    if not isinstance(items, list) or not items:
        raise PlanError("The plan has no items; it needs a list of at least one.")
    if len(items) > MAX_ITEMS:
        raise PlanError(f"The plan has {len(items)} items; at most {MAX_ITEMS} are allowed.")
    built = tuple(_item(item, i, exercises) for i, item in enumerate(items, start=1))
    return Plan(name, built, description.strip()[:500], ready=ready)


def plan_from_json(text: str, exercises: LevelRanges, ready: bool = False) -> Plan:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanError(f"This is not a cogsuite plan (not JSON: {exc.msg} at line {exc.lineno}).") from None
    except (ValueError, RecursionError):  # a number with thousands of digits, or lists nested thousands deep
        raise PlanError("This is not a cogsuite plan (too deeply nested, or a number far too long).") from None
    return plan_from_dict(raw, exercises, ready)


def read_plan_file(path: Path, exercises: LevelRanges) -> Plan:
    """Read and check a plan file.

    Raises:
        PlanError: for a missing, unreadable, oversized or invalid file, naming it.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise PlanError(f"Cannot read the plan file {path} ({exc.strerror or exc}).") from None
    if len(data) > MAX_FILE_BYTES:
        raise PlanError(f"{path} is larger than a plan can be ({MAX_FILE_BYTES // 1024} KB); it is not a plan.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError(f"{path} is not a cogsuite plan (it is not UTF-8 text).") from None
    try:
        return plan_from_json(text, exercises)
    except PlanError as err:
        raise PlanError(f"{path}: {err}") from None


def ready_plans(exercises: LevelRanges) -> list[Plan]:
    """The plans that ship with the program, minus any that name an exercise not installed."""
    plans = []
    folder = resources.files("assets") / "plans"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            try:
                plans.append(plan_from_json(entry.read_text(encoding="utf-8"), exercises, ready=True))
            except PlanError:
                continue  # a ready plan for an exercise this build lacks is simply not offered
    return plans
