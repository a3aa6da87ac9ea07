"""check_out_path: an export never lands on the store, its companions, a backup or the log, and
replaces an existing file only when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from games.paths import check_out_path
from scores.export.csvfile import ExportError


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    (folder / "backups").mkdir(parents=True)
    (folder / "exports").mkdir()
    (folder / "cogsuite.sqlite3").write_bytes(b"store")
    return folder


@pytest.mark.parametrize("name", [
    "cogsuite.sqlite3", "cogsuite.sqlite3-wal", "cogsuite.sqlite3-shm", "cogsuite.sqlite3-journal",
    "cogsuite.log", "cogsuite.log.1", "COGSUITE.SQLite3", "backups/any.csv", "backups/deep/er.csv",
    "Backups/x.csv", "exports/../cogsuite.sqlite3", "./cogsuite.sqlite3-wal",
    "set-aside/cogsuite-before-restore-2026-03-31-174502.sqlite3", "unsaved-20261204T170000Z-1a2b3c4d.json",
    "claimed-1796457600-0a1b2c3d-unsaved-20261204T170000Z-1a2b3c4d.json",
])
def test_the_data_folders_own_files_are_refused_even_with_force(data, name):
    with pytest.raises(ExportError, match="own data"):
        check_out_path(data / name, data, force=True)


def test_relative_paths_and_symlinks_are_followed(data, tmp_path, monkeypatch):
    (tmp_path / "link.csv").symlink_to(data / "cogsuite.sqlite3")
    (tmp_path / "data-link").symlink_to(data, target_is_directory=True)
    for out in (tmp_path / "link.csv", tmp_path / "data-link" / "cogsuite.sqlite3"):
        with pytest.raises(ExportError, match="own data"):
            check_out_path(out, data, force=True)
    with pytest.raises(ExportError, match="own data"):
        check_out_path(data / "cogsuite.sqlite3", tmp_path / "data-link", force=True)
    monkeypatch.chdir(data / "exports")
    with pytest.raises(ExportError, match="own data"):
        check_out_path(Path("../cogsuite.sqlite3"), data, force=True)


def test_new_files_anywhere_else_are_fine_and_existing_ones_need_force(data, tmp_path):
    for out in (data / "exports" / "t.csv", data / "notes.csv", tmp_path / "cogsuite.sqlite3"):
        assert check_out_path(out, data) == out
    old = data / "exports" / "old.csv"
    old.write_text("x")
    with pytest.raises(ExportError, match=r"old\.csv already exists; add --force"):
        check_out_path(old, data)
    assert check_out_path(old, data, force=True) == old
    with pytest.raises(ExportError, match="it is a folder"):
        check_out_path(data / "exports", data, force=True)
