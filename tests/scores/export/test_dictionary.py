"""Tests for the generated data dictionary: it lists exactly the columns the exports write."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from games.core.engine.exercise import Field
from scores.export.dictionary import DICTIONARY_COLUMNS, dictionary_markdown, dictionary_rows, export_dictionary
from scores.export.tables import export_runs, export_sessions, export_trials

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


def columns_of(specs, table: str) -> set[str]:
    return {row["column"] for row in dictionary_rows(specs) if row["table"] == table}


@pytest.mark.parametrize("include_names", [True, False])
def test_dictionary_lists_every_exported_column(store, specs, record_run, tmp_path, include_names):
    record_run(store.add_client("C-0001", now=T0))
    trials, runs, sessions = tmp_path / "t.csv", tmp_path / "r.csv", tmp_path / "s.csv"
    export_trials(store, specs, trials, include_names=include_names)
    export_runs(store, specs, runs, include_names=include_names)
    export_sessions(store, sessions, include_names=include_names)
    optional = set() if include_names else {"display_name"}
    assert set(header(trials)) == columns_of(specs, "trials") - optional
    assert set(header(runs)) == columns_of(specs, "runs") - optional
    assert set(header(sessions)) == columns_of(specs, "sessions") - optional


def test_rows_say_which_exercises_fill_each_column(specs):
    rows = {(row["table"], row["column"]): row for row in dictionary_rows(specs)}
    assert rows["trials", "span"]["exercises"] == "fake_span, fake_stroop"
    assert rows["trials", "congruent"]["exercises"] == "fake_stroop"
    assert rows["runs", "interference_ms"] == {
        "table": "runs", "column": "interference_ms", "meaning": "Incongruent minus congruent median RT.",
        "unit": "ms", "type": "float", "exercises": "fake_stroop",
    }
    assert rows["trials", "rt_ms"]["exercises"] == "all" and rows["trials", "rt_ms"]["unit"] == "ms"
    types_ = {"int", "float", "str", "bool", "datetime"}
    assert all(row["meaning"] and row["type"] in types_ for row in rows.values())


def test_dictionary_without_exercises_still_has_the_base_columns():
    assert columns_of([], "trials") >= {"client_id", "rt_ms", "timed_out"}
    assert "level_changes" in columns_of([], "runs")


def test_export_dictionary_writes_one_csv_row_per_column(specs, tmp_path):
    path = tmp_path / "dictionary.csv"
    count = export_dictionary(specs, path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert count == len(rows) == len(dictionary_rows(specs))
    assert list(rows[0]) == DICTIONARY_COLUMNS
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_markdown_has_one_table_per_export_with_every_column(specs):
    text = dictionary_markdown(specs)
    assert text.startswith("# Data dictionary\n")
    assert "generated" in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Trials", "## Runs", "## Sessions", "## Items", "## Audit"]
    for row in dictionary_rows(specs):
        assert f"| `{row['column']}` |" in text
    table_lines = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(table_lines) == len(dictionary_rows(specs))


def test_markdown_escapes_pipes_in_descriptions(specs):
    piped = replace(specs[0], run_fields=(Field("ratio", "float", "", "Hits | misses."),))
    text = dictionary_markdown([piped])
    (line,) = [line for line in text.splitlines() if line.startswith("| `ratio`")]
    assert "Hits \\| misses." in line
    assert line.count(" | ") == 4


def test_a_shared_column_names_each_exercises_own_meaning(specs):
    from scores.export.columns import own_columns

    [span] = [c for c in own_columns(specs, "trial") if c.name == "span"]
    assert span.meaning == "[fake_span] Items to recall. [fake_stroop] Items shown."
    assert span.exercises == ("fake_span", "fake_stroop")
