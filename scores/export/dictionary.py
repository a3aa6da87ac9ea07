"""The data dictionary, generated from the declared columns: CSV rows and a Markdown page."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from scores.export.columns import Column, SpecLike, audit_columns, item_columns, run_columns, session_columns, trial_columns
from scores.export.csvfile import write_csv

DICTIONARY_COLUMNS = ["table", "column", "meaning", "unit", "type", "exercises"]
# The dictionary as an export of its own: every column text (for the workbook's dictionary sheet).
DICTIONARY_TABLE = tuple(Column(name, "str", "", "") for name in DICTIONARY_COLUMNS)
_TABLE_INTROS = {
    "trials": "One row per trial (`cogsuite export --kind trials`).",
    "runs": "One row per exercise run (`cogsuite export --kind runs`).",
    "sessions": "One row per session, a sitting of one client (`cogsuite export --kind sessions`).",
    "items": "One row per item of a planned session: an exercise, a breathing break or a mood check (`cogsuite export --kind items`).",
    "audit": "One row per export, report, settings change, plan edit, PIN removal, added therapist or sign-in, with who, when and which client (`cogsuite export --kind audit`); `client_id` is empty for acts about no one client.",
}


def dictionary_tables(specs: Sequence[SpecLike]) -> list[tuple[str, list[Column]]]:
    """Every export and all the columns it can write, display names included."""
    return [
        ("trials", trial_columns(specs, include_names=True)),
        ("runs", run_columns(specs, include_names=True)),
        ("sessions", session_columns(include_names=True)),
        ("items", item_columns(include_names=True)),
        ("audit", audit_columns(include_names=True)),
    ]


def dictionary_rows(specs: Sequence[SpecLike]) -> list[dict[str, Any]]:
    """One row per exported column, with keys ``DICTIONARY_COLUMNS``; base columns fill ``"all"``."""
    return [
        {
            "table": table,
            "column": column.name,
            "meaning": column.meaning,
            "unit": column.unit,
            "type": column.type,
            "exercises": ", ".join(column.exercises) or "all",
        }
        for table, columns in dictionary_tables(specs)
        for column in columns
    ]


def export_dictionary(specs: Sequence[SpecLike], path: Path) -> int:
    """Write the dictionary as CSV; returns the number of rows."""
    return write_csv(path, DICTIONARY_COLUMNS, dictionary_rows(specs))


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def dictionary_markdown(specs: Sequence[SpecLike]) -> str:
    """The dictionary as a Markdown page: a short introduction, then one table per export."""
    lines = [
        "# Data dictionary",
        "",
        "Every column the CSV exports can write: its meaning, unit, type and which exercises fill it.",
        "This page is generated from the columns the code declares (`python tools/data_dictionary.py`);",
        "do not edit it by hand. `display_name` is written only when an export asks for names.",
        "",
        "Times are ISO 8601 with their UTC offset. `--since` and `--until` are dates on the calendar of",
        "the PC that exports (its local time zone, summer time included): a row is in when its run",
        "(trials, runs) or its session (sessions, items) started on or between them.",
    ]
    by_table: dict[str, list[dict[str, Any]]] = {}
    for row in dictionary_rows(specs):
        by_table.setdefault(row["table"], []).append(row)
    for table, rows in by_table.items():
        lines += ["", f"## {table.capitalize()}", "", _TABLE_INTROS[table], ""]
        lines += ["| Column | Meaning | Unit | Type | Filled by |", "| --- | --- | --- | --- | --- |"]
        lines += [
            "| `{column}` | {meaning} | {unit} | {type} | {exercises} |".format(
                **{key: _md_cell(str(value)) for key, value in row.items()}
            )
            for row in rows
        ]
    return "\n".join(lines) + "\n"
