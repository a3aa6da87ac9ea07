"""`cogsuite export --format xlsx`: one workbook whose sheets hold the CSV exports' values, typed."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (the test extra) reads the workbook back")

from games.cli import main  # noqa: E402
from games.registry import EXERCISES  # noqa: E402
from scores.export import xlsx  # noqa: E402
from scores.export.columns import item_columns, run_columns, session_columns, trial_columns  # noqa: E402

KINDS = ("trials", "runs", "sessions", "items")


@pytest.fixture(scope="module")
def played(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("played")
    for exercise, client, name in (("sequence_recall", "C-1", "Zoë Łukasz"), ("stroop", "=SUM(A1)", "@x")):
        assert main(["simulate", "--exercise", exercise, "--trials", "12", "--client", client,
                     "--data-dir", str(data)]) == 0
    return data


def csv_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def column_types(kind: str) -> dict[str, str]:
    specs = [e.spec for e in EXERCISES]
    columns = {"trials": trial_columns(specs, True), "runs": run_columns(specs, True),
               "sessions": session_columns(True), "items": item_columns(True)}[kind]
    return {c.name: c.type for c in columns}


def expected(text: str, kind: str):
    """What the CSV cell ``text`` of a column of type ``kind`` must be in the workbook."""
    if text == "":
        return None
    if kind == "bool":
        return {"true": True, "false": False}[text]
    if kind in ("int", "float") and text not in ("inf", "-inf"):
        return float(text)
    if kind == "datetime":
        return datetime.fromisoformat(text).astimezone(timezone.utc).replace(tzinfo=None)
    return text


def test_the_workbook_holds_every_kind_with_the_csv_values_typed(played, tmp_path, capsys):
    book_path = tmp_path / "all.xlsx"
    assert main(["export", "--data-dir", str(played), "--out", str(book_path), "--include-names"]) == 0
    assert "Wrote a workbook" in capsys.readouterr().out
    book = openpyxl.load_workbook(book_path)  # not read-only: frozen panes and filters are read too
    assert book.sheetnames == [*KINDS, "dictionary"]
    checked = 0
    for kind in KINDS:
        out = tmp_path / f"{kind}.csv"
        assert main(["export", "--data-dir", str(played), "--kind", kind, "--out", str(out), "--include-names"]) == 0
        want = csv_rows(out)
        sheet = book[kind]
        got = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert got[0] == want[0], kind
        assert len(got) == len(want), kind
        assert len(got) > 1 or kind == "items", kind  # simulated play has no planned sessions
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        types = column_types(kind)
        for want_row, got_row in zip(want[1:], got[1:]):
            for name, text, value in zip(want[0], want_row, got_row):
                wanted = expected(text, types[name])
                if isinstance(wanted, float):
                    assert isinstance(value, (int, float)) and not isinstance(value, bool), (kind, name)
                    assert value == pytest.approx(wanted, rel=1e-12), (kind, name)
                elif isinstance(wanted, datetime):
                    assert isinstance(value, datetime), (kind, name)
                    assert abs((value - wanted).total_seconds()) < 0.001, (kind, name)
                else:
                    assert value == wanted and type(value) is type(wanted), (kind, name, text, value)
                checked += 1
    assert checked > 1000
    names = [row[0].value for row in book["trials"].iter_rows(min_row=2, max_col=1)]
    assert "'=SUM(A1)" in names  # a client id a spreadsheet would run stays text, as in the CSV
    dictionary = [row for row in book["dictionary"].iter_rows(values_only=True)]
    assert dictionary[0] == ("table", "column", "meaning", "unit", "type", "exercises")
    assert ("trials", "rt_ms") in {(r[0], r[1]) for r in dictionary}


def test_one_kind_as_xlsx_holds_that_kind_and_the_dictionary(played, tmp_path):
    out = tmp_path / "runs.data"
    assert main(["export", "--data-dir", str(played), "--format", "xlsx", "--kind", "runs", "--out", str(out)]) == 0
    assert openpyxl.load_workbook(open(out, "rb"), read_only=True).sheetnames == ["runs", "dictionary"]


def test_a_kind_longer_than_a_sheet_goes_on_in_a_second_sheet(played, tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 10)  # a header and 9 rows per sheet
    out = tmp_path / "t.xlsx"
    assert main(["export", "--data-dir", str(played), "--kind", "trials", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    parts = [name for name in book.sheetnames if name.startswith("trials")]
    assert parts[:2] == ["trials", "trials 2"]
    rows = [list(book[name].iter_rows(values_only=True)) for name in parts]
    assert all(len(part) <= 10 and part[0][0] == "client_id" for part in rows)
    assert sum(len(part) - 1 for part in rows) == 24


def test_a_failed_workbook_leaves_nothing_behind(played, tmp_path, capsys):
    out = tmp_path / "missing-folder" / "t.xlsx"
    assert main(["export", "--data-dir", str(played), "--out", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not any(tmp_path.rglob("*.tmp"))


def libreoffice_value(text: str, kind: str):
    """A cell of LibreOffice's CSV of the workbook, as ``expected`` gives the CSV export's."""
    if text == "":
        return None
    if kind == "bool":
        return {"TRUE": True, "FALSE": False}[text]
    if kind in ("int", "float") and text not in ("inf", "-inf"):
        return float(text)
    if kind == "datetime":
        return datetime.fromisoformat(text)
    return text


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed on this machine")
def test_libreoffice_reads_the_workbook_with_the_csv_values(played, tmp_path):
    book = tmp_path / "all.xlsx"
    assert main(["export", "--data-dir", str(played), "--out", str(book), "--include-names"]) == 0
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path / "lo"), str(book)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    for kind in ("trials", "runs", "sessions"):
        out = tmp_path / f"{kind}.csv"
        assert main(["export", "--data-dir", str(played), "--kind", kind, "--out", str(out), "--include-names"]) == 0
        want, got = csv_rows(out), csv_rows(tmp_path / "lo" / f"all-{kind}.csv")
        assert got[0] == want[0] and len(got) == len(want) > 1, kind
        types = column_types(kind)
        for want_row, got_row in zip(want[1:], got[1:]):
            for name, text, shown in zip(want[0], want_row, got_row):
                wanted, value = expected(text, types[name]), libreoffice_value(shown, types[name])
                if isinstance(wanted, float):
                    assert value == pytest.approx(wanted, rel=1e-9), (kind, name)
                elif isinstance(wanted, datetime):
                    assert abs((value - wanted).total_seconds()) < 0.001, (kind, name)
                else:
                    assert value == wanted, (kind, name, text, shown)
