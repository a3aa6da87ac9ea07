"""Therapist mode's exports pick a fresh name each time: a second export never replaces the first."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest

from games.launcher.therapist_exports import export_csvs, fresh_path
from scores.export.csvfile import ExportError


def same_minute() -> datetime:
    return datetime(2026, 12, 1, 9, 0).astimezone()  # the app's calendar, standing still


def test_two_exports_in_the_same_minute_keep_both(store):
    app = SimpleNamespace(store=store, now=same_minute)
    store.add_client("C-1")
    first = export_csvs(app, "all", ("trials", "runs"))
    written = {path: path.read_bytes() for path in first}
    second = export_csvs(app, "all", ("trials", "runs"))
    assert [p.name for p in first] == ["all-trials-20261201-0900.csv", "all-runs-20261201-0900.csv"]
    assert [p.name for p in second] == ["all-trials-20261201-0900-2.csv", "all-runs-20261201-0900-2.csv"]
    assert {path: path.read_bytes() for path in first} == written


def test_a_fresh_path_skips_taken_names_and_never_reaches_the_backups(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "r.html").write_text("taken")
    (exports / "r-2.html").symlink_to(tmp_path / "nowhere")
    assert fresh_path(exports, "r", ".html") == exports / "r-3.html"
    (tmp_path / "backups").mkdir()
    with pytest.raises(ExportError, match="own data"):
        fresh_path(tmp_path / "backups", "r", ".html")
