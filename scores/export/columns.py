"""The exported columns, declared once: the exports write them and the data dictionary describes them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Literal, Protocol, Sequence


class ColumnError(ValueError):
    """Exercise-own columns that cannot share one export (a clash of names, types or units)."""


class _Field(Protocol):
    name: str
    type: str
    unit: str
    description: str


class SpecLike(Protocol):
    """The part of an ``ExerciseSpec`` the exports read."""

    id: str
    trial_fields: Sequence[_Field]
    run_fields: Sequence[_Field]


@dataclass(frozen=True)
class Column:
    """One exported column.

    Attributes:
        source: the key of the store's row that fills it, when it differs from ``name``.
        exercises: ids of the exercises that fill an exercise-own column; empty for base columns,
            which every exercise fills.
    """

    name: str
    type: str
    unit: str
    meaning: str
    source: str = ""
    exercises: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.source or self.name

    @property
    def is_own(self) -> bool:
        return bool(self.exercises)


TIMESTAMP = "ISO 8601 with UTC offset"
CLIENT_ID = Column(
    "client_id", "str", "", "The client's pseudonymous ID as the therapist typed it (e.g. C-0001).",
    source="client_code",
)
DISPLAY_NAME = Column(
    "display_name", "str", "", "The client's display name; present only when names were asked for."
)
SESSION_ID = Column("session_id", "str", "UUID", "The session (one sitting) the row belongs to.")
RUN_ID = Column("run_id", "str", "UUID", "The exercise run (one play of one exercise).")
EXERCISE = Column("exercise", "str", "", "Exercise id.")
DOMAIN = Column("domain", "str", "", "Domain of the exercise: memory, focus or problem_solving.")

TRIAL_BASE: tuple[Column, ...] = (
    CLIENT_ID, SESSION_ID, RUN_ID, EXERCISE, DOMAIN,
    Column("trial_index", "int", "trial", "Position of the trial in its run, from 1."),
    Column("started_at", "datetime", TIMESTAMP, "When the trial started."),
    Column("level", "int", "level", "Difficulty level of the trial; higher is harder."),
    Column("stimulus", "str", "", "What was shown, as text."),
    Column("response", "str", "", "What the client answered, as text."),
    Column("correct", "bool", "", "Whether the response was correct."),
    Column("rt_ms", "float", "ms", "Time from the onset of what the client answers (for a sequence, the prompt to repeat it) to the response (its last tap); empty without a response."),
    Column("timed_out", "bool", "", "Whether time ran out before a response."),
    Column("practice", "bool", "", "True for a practice trial (unscored, with feedback, the first time a client meets an exercise)."),
    Column("run_completed", "bool", "", "True when the trial's run finished normally (also a timed item's run whose time was up, or one the client chose to finish after a trial); false when it was stopped early or never closed (keep only true rows for finished runs, no join needed)."),
)

RUN_BASE: tuple[Column, ...] = (
    RUN_ID, CLIENT_ID, SESSION_ID, EXERCISE, DOMAIN,
    Column("started_at", "datetime", TIMESTAMP, "When the run started."),
    Column("ended_at", "datetime", TIMESTAMP, "When the run ended; empty if it never finished."),
    Column("start_level", "int", "level", "Difficulty level at the start of the run."),
    Column("end_level", "int", "level", "Difficulty level reached at the end of the run."),
    Column("ability", "float", "level", "The level at which the client succeeds at the target rate, as the adaptive engine estimates it."),
    Column("ability_se", "float", "level", "Standard error of the ability estimate."),
    Column("accuracy", "float", "proportion", "Share of trials answered correctly, 0 to 1."),
    Column("median_rt_ms", "float", "ms", "Median rt_ms over the correct trials with a response."),
    Column("n_trials", "int", "trials", "Number of trials played."),
    Column("duration_s", "float", "s", "Time from the start to the end of the run."),
    Column("completed", "bool", "", "True when the run finished normally: all its trials, a timed item's time up, or the client chose to finish after a trial (then n_trials is below the planned count); false when stopped early."),
    Column("simulated", "bool", "", "True when a simulated player played the run (not a person)."),
    Column("practice", "bool", "", "True for a practice run: a few unscored trials with feedback the first time a client meets an exercise; it never moves levels or progress."),
    Column("session_item_id", "str", "UUID", "The planned session's item the run belongs to; empty outside planned sessions."),
    Column("seed", "int", "", "Seed of the run's random generator, to replay it."),
    Column("level_changes", "str", "",
           "Every level change as trial:rule->new level, separated by ';' (trial 0 = at the start)."),
)

MOOD_SCALE_WORDS = {
    "mood": "mood (1 very low to 5 very good)",
    "calm": "calm (1 very anxious to 5 very calm)",
    "energy": "energy (1 exhausted to 5 full of energy)",
}
MOOD_COLUMNS: tuple[Column, ...] = tuple(
    Column(f"mood_{moment}_{scale}", "int", "1-5",
           f"The client's {words} in the mood check {moment} the exercises; empty without one.")
    for moment in ("before", "after") for scale, words in MOOD_SCALE_WORDS.items()
)

SESSION_BASE: tuple[Column, ...] = (
    SESSION_ID, CLIENT_ID,
    Column("kind", "str", "", "Where the session took place: home, clinic or simulated."),
    Column("plan_name", "str", "", "The plan the session followed; empty for free play."),
    Column("assigned", "bool", "", "True when the session followed a home assignment (a plan the therapist gave the client with a schedule)."),
    Column("assignment_id", "str", "UUID", "The home assignment the session followed; empty otherwise."),
    Column("started_at", "datetime", TIMESTAMP, "When the session started."),
    Column("ended_at", "datetime", TIMESTAMP, "When the session ended; empty if it was not closed."),
    Column("end_state", "str", "", "How the session ended: finished, stopped_early (the client or therapist stopped it before its plan's end), or not_closed (the program ended without closing it, as in a crash or power cut, or it was still under way at the export)."),
    Column("stopped_early", "bool", "", "True when the session did not reach its end: stopped before its plan's end, or not_closed."),
    Column("duration_s", "float", "s", "Time from the start to the end of the session, pauses included."),
    Column("active_s", "float", "s", "Time spent in the plan's items, pauses excluded; empty for free play."),
    Column("n_items", "int", "items", "Number of plan items started (exercises, breaks, mood checks)."),
    Column("n_runs", "int", "runs", "Number of scored exercise runs in the session (practice runs excluded)."),
    Column("n_trials", "int", "trials", "Number of trials over the session's scored runs."),
    *MOOD_COLUMNS,
)

ITEM_BASE: tuple[Column, ...] = (
    Column("item_id", "str", "UUID", "The item; the run export's session_item_id refers to it."),
    SESSION_ID, CLIENT_ID,
    Column("plan_name", "str", "", "The plan the session followed."),
    Column("position", "int", "", "Position of the item in the plan, from 1."),
    Column("kind", "str", "", "What the item is: exercise, breathing (a paced-breathing break) or mood (a mood check)."),
    Column("exercise", "str", "", "Exercise id of an exercise item; empty otherwise."),
    Column("planned_s", "float", "s", "The item's planned time; empty for a mood check, which is untimed."),
    Column("active_s", "float", "s", "Time the item actually took, pauses excluded; an exercise item also finishes the trial under way when its time is up."),
    Column("started_at", "datetime", TIMESTAMP, "When the item started."),
    Column("ended_at", "datetime", TIMESTAMP, "When the item ended."),
    Column("outcome", "str", "", "done (played to its end), skipped, stopped (the session was stopped during it), or not_closed (the program ended during it without closing it)."),
    Column("n_trials", "int", "trials", "Scored trials played in the item (practice excluded)."),
    Column("accuracy", "float", "proportion", "Share of the item's scored trials answered correctly, 0 to 1."),
    Column("start_level", "int", "level", "Difficulty level at the start of the item's scored play."),
    Column("end_level", "int", "level", "Difficulty level reached at the end of the item."),
    Column("n_practice_runs", "int", "runs", "Practice runs played in the item (1 the first time a client meets the exercise)."),
)


AUDIT_BASE: tuple[Column, ...] = (
    Column("audit_id", "str", "UUID", "The audit row."),
    Column("at", "datetime", TIMESTAMP, "When it was done (UTC)."),
    Column("who", "str", "", "Who did it: the therapist signed in by name, 'Therapist (this PC's PIN)' on a PC with one PIN, or 'Command line'."),
    Column("therapist", "str", "", "The therapist's name on a shared store; empty when no therapist was signed in."),
    Column("via", "str", "", "Where it was done: launcher or command line."),
    Column("action", "str", "", "What was done: sign_in, export, report, settings, plan_edit, plan_delete, plan_assign, home_assign, home_change, home_end (a plan for home assigned, changed or ended), pin_removed or therapist_added."),
    CLIENT_ID,
    Column("detail", "str", "", "A line of detail: the export's kind, rows and file, the report's file, the settings chosen, the plan's name, whose PIN."),
)


def _with_names(base: Iterable[Column], include_names: bool) -> list[Column]:
    columns = list(base)
    if include_names:
        columns.insert(columns.index(CLIENT_ID) + 1, DISPLAY_NAME)
    return columns


def own_columns(specs: Iterable[SpecLike], kind: Literal["trial", "run"]) -> list[Column]:
    """The exercise-own columns of one export: every spec's fields, in spec order, once each.

    Raises:
        ColumnError: if a field clashes with a base column, or two exercises declare the same
            name with a different type or unit.
    """
    taken = {c.name for c in (TRIAL_BASE if kind == "trial" else RUN_BASE)} | {DISPLAY_NAME.name}
    merged: dict[str, Column] = {}
    for spec in specs:
        for field in getattr(spec, f"{kind}_fields"):
            if field.name in taken:
                raise ColumnError(f"{spec.id}: {kind} field {field.name!r} has the name of a base column")
            seen = merged.get(field.name)
            if seen is None:
                merged[field.name] = Column(
                    field.name, field.type, field.unit, field.description, exercises=(spec.id,)
                )
            elif (seen.type, seen.unit) != (field.type, field.unit):
                raise ColumnError(
                    f"{kind} field {field.name!r} is {seen.type} in {seen.unit or 'no unit'} for"
                    f" {seen.exercises[0]} but {field.type} in {field.unit or 'no unit'} for {spec.id};"
                    " give them one type and unit"
                )
            elif spec.id not in seen.exercises:
                meaning = seen.meaning
                if field.description not in meaning:  # each exercise's own words, each named
                    first = meaning if len(seen.exercises) > 1 else f"[{seen.exercises[0]}] {meaning}"
                    meaning = f"{first} [{spec.id}] {field.description}"
                merged[field.name] = replace(seen, exercises=seen.exercises + (spec.id,), meaning=meaning)
    return list(merged.values())


def trial_columns(specs: Iterable[SpecLike], include_names: bool = False) -> list[Column]:
    """Columns of the trial export: base columns, then the exercises' own trial fields."""
    return _with_names(TRIAL_BASE, include_names) + own_columns(specs, "trial")


def run_columns(specs: Iterable[SpecLike], include_names: bool = False) -> list[Column]:
    """Columns of the run export: base columns, then the exercises' own run measures."""
    return _with_names(RUN_BASE, include_names) + own_columns(specs, "run")


def session_columns(include_names: bool = False) -> list[Column]:
    """Columns of the session export (sessions have no exercise-own columns)."""
    return _with_names(SESSION_BASE, include_names)


def item_columns(include_names: bool = False) -> list[Column]:
    """Columns of the session-item export: one row per item of a planned session."""
    return _with_names(ITEM_BASE, include_names)


def audit_columns(include_names: bool = False) -> list[Column]:
    """Columns of the audit export: one row per act a therapist or the command line did."""
    return _with_names(AUDIT_BASE, include_names)
