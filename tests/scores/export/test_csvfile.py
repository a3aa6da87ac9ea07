"""Tests for the one CSV writer: encoding, quoting, neutralising formulas and atomic writes."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scores.export.csvfile import ExportError, format_cell, write_csv


def read_back(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_file_starts_with_a_bom_and_uses_crlf(tmp_path):
    path = tmp_path / "out.csv"
    count = write_csv(path, ["a", "b"], [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}])
    assert count == 2
    assert path.read_bytes() == b"\xef\xbb\xbfa,b\r\n1,x\r\n2,y\r\n"


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-5", "@cmd", "\tx", "\rx", "=1+1\n=2"])
def test_text_that_looks_like_a_formula_is_neutralised(tmp_path, text):
    path = tmp_path / "out.csv"
    write_csv(path, ["cell"], [{"cell": text}])
    assert read_back(path) == [["cell"], ["'" + text]]


def test_numbers_stay_numbers(tmp_path):
    path = tmp_path / "out.csv"
    row = {"i": -5, "f": -0.5, "z": 0.1 + 0.2, "t": True, "n": None, "s": "-5"}
    write_csv(path, list(row), [row])
    assert read_back(path)[1] == ["-5", "-0.5", "0.3", "true", "", "'-5"]


@pytest.mark.parametrize(
    ("value", "text"),
    [(False, "false"), (512.25, "512.25"), (2 / 3, "0.666667"), (1e20, "1e+20"), (float("nan"), ""),
     (3.0, "3.0"), ({"a": [1, 2]}, '{"a": [1, 2]}'), ("", "")],
)
def test_format_cell(value, text):
    assert format_cell(value) == text


def test_quotes_commas_and_newlines_round_trip(tmp_path):
    tricky = ['say "hi", then go', "line one\nline two", "a\r\nb", "comma,only", 'ends with "', "ünï 🧠"]
    path = tmp_path / "out.csv"
    write_csv(path, ["text"], [{"text": t} for t in tricky])
    assert read_back(path) == [["text"]] + [[t] for t in tricky]
    assert b'"say ""hi"", then go"' in path.read_bytes()


def test_round_trip_through_pandas(tmp_path):
    import pandas as pd

    tricky = ['say "hi", then go', "line one\nline two", "=SUM(A1)"]
    path = tmp_path / "out.csv"
    write_csv(path, ["text", "n"], [{"text": t, "n": i} for i, t in enumerate(tricky)])
    frame = pd.read_csv(path, encoding="utf-8-sig")
    assert list(frame["text"]) == tricky[:2] + ["'=SUM(A1)"]
    assert list(frame["n"]) == [0, 1, 2]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(st.characters(exclude_categories=("Cs",))), min_size=1, max_size=5))
def test_any_text_round_trips_with_only_formula_starts_changed(cells):
    columns = [f"c{i}" for i in range(len(cells))]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.csv"
        write_csv(path, columns, [dict(zip(columns, cells))])
        row = read_back(path)[1]
    assert row == ["'" + c if c[:1] in ("=", "+", "-", "@", "\t", "\r") else c for c in cells]


def test_missing_keys_are_empty_and_extra_keys_ignored(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(path, ["a", "b"], [{"a": 1, "zzz": "secret"}])
    assert read_back(path) == [["a", "b"], ["1", ""]]
    assert b"secret" not in path.read_bytes()


def test_a_missing_folder_raises_export_error_naming_the_path(tmp_path):
    path = tmp_path / "nope" / "t.csv"
    with pytest.raises(ExportError) as caught:
        write_csv(path, ["a"], [{"a": 1}])
    assert str(caught.value) == f"Cannot write {path}: the folder does not exist."
    assert not (tmp_path / "nope").exists()


def test_a_folder_as_the_target_raises_export_error(tmp_path):
    with pytest.raises(ExportError, match="it is a folder"):
        write_csv(tmp_path, ["a"], [{"a": 1}])
    assert list(tmp_path.iterdir()) == []


def test_a_failure_midway_leaves_the_old_file_and_no_partial_file(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old export\n")

    def rows():
        yield {"a": 1}
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError, match="store went away"):
        write_csv(path, ["a"], rows())
    assert path.read_text() == "old export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
