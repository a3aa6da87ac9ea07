"""Every bad input the command line refuses: exit status 2, one line on stderr, no traceback, and
the data folder (the store's bytes above all) exactly as it was."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from games.cli import main

NOT_UTF8 = os.fsdecode(b"\xff")
LONG_NAME = "é" * 128  # 256 bytes: longer than a file name may be
BACKUP = "backups/cogsuite-20261201-0900.sqlite3"


@pytest.fixture
def data(tmp_path, capsys) -> Path:
    """A data folder whose store holds one simulated run, a backup and a log."""
    folder = tmp_path / "data"
    assert main(["simulate", "--exercise", "sequence_recall", "--trials", "3", "--seed", "1",
                 "--data-dir", str(folder)]) == 0
    (folder / "backups").mkdir(exist_ok=True)  # simulate made the day's backup there
    (folder / BACKUP).write_bytes((folder / "cogsuite.sqlite3").read_bytes())
    capsys.readouterr()
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` but the log, which the refusals append to."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "cogsuite.log"}


def plan_file(folder: Path, **item) -> Path:
    path = folder / "bad-plan.json"
    items = [{"kind": "exercise", "exercise": "flanker", "minutes": 2, **item}]
    path.write_text(json.dumps({"format": "cogsuite-plan", "version": 1, "name": "Bad", "items": items}))
    return path


def read_only(monkeypatch, folder: Path) -> None:
    """Make ``folder`` behave like a read-only disk: creating or removing a file there fails."""
    def refusing(real):
        def call(path, *args, **kwargs):
            if os.fspath(path).startswith(str(folder)):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))
            return real(path, *args, **kwargs)
        return call

    folder.mkdir()
    monkeypatch.setattr(os, "open", refusing(os.open))
    monkeypatch.setattr(os, "unlink", refusing(os.unlink))


def setup(case: str, data: Path, tmp: Path, monkeypatch) -> None:
    """What a case needs besides the data folder."""
    if case == "relative-from-data-folder":
        monkeypatch.chdir(data)
    elif case == "symlink-to-store":
        (tmp / "link.csv").symlink_to(data / "cogsuite.sqlite3")
    elif case.startswith("existing-file"):
        (tmp / "notes.txt").write_text("the therapist's own notes")
    elif case.startswith("empty-store"):
        (tmp / "empty").mkdir()
        (tmp / "empty" / "cogsuite.sqlite3").touch()
    elif case.startswith("plan-exercise-list"):
        plan_file(tmp, exercise=["flanker"])
    elif case.startswith("plan-exercise-object"):
        plan_file(tmp, exercise={"id": "flanker"})
    elif case.startswith("plan-tiny-minutes"):
        plan_file(tmp, minutes=1e-300)
    elif case == "out-read-only-disk":
        read_only(monkeypatch, tmp / "ro")
    elif case == "out-under-a-file":
        (tmp / "x.csv").write_text("a file, not a folder")


MIXED = "Mixed 15 minutes"
CASES = {
    # 1. --out never names the store, its companions, a backup or the log; no silent overwrite
    "out-store": (["export", "--out", "{data}/cogsuite.sqlite3"], ["cogsuite's own data"]),
    "report-out-store": (["report", "--client", "simulated", "--out", "{data}/cogsuite.sqlite3"], ["own data"]),
    "plan-out-store": (["plan", "export", MIXED, "--out", "{data}/cogsuite.sqlite3", "--force"], ["own data"]),
    "dictionary-out-store": (["export", "--kind", "dictionary", "--out", "{data}/cogsuite.sqlite3", "--force"],
                             ["own data"]),
    "out-wal": (["export", "--out", "{data}/cogsuite.sqlite3-wal", "--force"], ["own data"]),
    "out-shm": (["export", "--out", "{data}/cogsuite.sqlite3-shm", "--force"], ["own data"]),
    "out-journal": (["export", "--out", "{data}/cogsuite.sqlite3-journal", "--force"], ["own data"]),
    "out-backup": (["export", "--out", "{data}/" + BACKUP, "--force"], ["own data"]),
    "out-new-file-in-backups": (["report", "--client", "simulated", "--out", "{data}/backups/r.html"], ["own data"]),
    "out-log": (["export", "--out", "{data}/cogsuite.log", "--force"], ["own data"]),
    "relative-from-data-folder": (["export", "--out", "cogsuite.sqlite3", "--force"], ["own data"]),
    "dotdot-and-case": (["export", "--out", "{data}/../data/COGSUITE.SQLITE3", "--force"], ["own data"]),
    "symlink-to-store": (["export", "--out", "{tmp}/link.csv", "--force"], ["own data"]),
    "existing-file-export": (["export", "--out", "{tmp}/notes.txt"], ["notes.txt", "already exists", "--force"]),
    "existing-file-report": (["report", "--client", "simulated", "--out", "{tmp}/notes.txt"], ["already exists"]),
    "existing-file-plan": (["plan", "export", MIXED, "--out", "{tmp}/notes.txt"], ["notes.txt", "already exists"]),
    # 7. read commands never create a store; an empty --data-dir or an empty store file is refused
    "mistyped-data-dir-export": (["export", "--out", "{tmp}/t.csv", "--data-dir", "{tmp}/dta"],
                                 ["no cogsuite data in", "dta"]),
    "mistyped-data-dir-report": (["report", "--client", "simulated", "--out", "{tmp}/r.html", "--data-dir",
                                  "{tmp}/dta"], ["no cogsuite data in"]),
    "mistyped-data-dir-plan-list": (["plan", "list", "--data-dir", "{tmp}/dta"], ["no cogsuite data in"]),
    "mistyped-data-dir-plan-show": (["plan", "show", MIXED, "--data-dir", "{tmp}/dta"], ["no cogsuite data in"]),
    "mistyped-data-dir-plan-export": (["plan", "export", MIXED, "--out", "{tmp}/p.json", "--data-dir", "{tmp}/dta"],
                                      ["no cogsuite data in"]),
    "empty-data-dir-export": (["export", "--out", "{tmp}/t.csv", "--data-dir", ""], ["--data-dir", "empty"]),
    "empty-data-dir-simulate": (["simulate", "--exercise", "flanker", "--data-dir", ""], ["--data-dir", "empty"]),
    "data-dir-name-too-long": (["simulate", "--exercise", "flanker", "--data-dir", "{tmp}/" + LONG_NAME],
                               ["data folder", "too long"]),
    "empty-store-export": (["export", "--out", "{tmp}/t.csv", "--data-dir", "{tmp}/empty"], ["empty", "cogsuite.sqlite3"]),
    "empty-store-simulate": (["simulate", "--exercise", "flanker", "--data-dir", "{tmp}/empty"], ["empty (0 bytes)"]),
    # 8. --since after --until
    "export-since-after-until": (["export", "--out", "{tmp}/t.csv", "--since", "2026-12-02", "--until",
                                  "2026-12-01"], ["after"]),
    # 9. exit status 2 with a sentence, not "unexpected error"
    "huge-seed": (["simulate", "--exercise", "flanker", "--seed", "99999999999999999999"], ["--seed", "whole number"]),
    "word-seed": (["simulate", "--exercise", "flanker", "--seed", "x"], ["--seed must be a whole number"]),
    "not-utf8-client-simulate": (["simulate", "--exercise", "flanker", "--client", NOT_UTF8], ["--client", "UTF-8"]),
    "not-utf8-client-export": (["export", "--out", "{tmp}/t.csv", "--client", NOT_UTF8], ["--client", "UTF-8"]),
    "not-utf8-client-report": (["report", "--out", "{tmp}/r.html", "--client", NOT_UTF8], ["--client"]),
    "not-utf8-client-settings": (["settings", "--exercise", "flanker", "--client", NOT_UTF8], ["--client"]),
    "plan-exercise-list-import": (["plan", "import", "{tmp}/bad-plan.json"], ["no exercise ['flanker']"]),
    "plan-exercise-object-simulate": (["simulate", "--plan", "{tmp}/bad-plan.json"], ["no exercise {'id'"]),
    "plan-tiny-minutes-import": (["plan", "import", "{tmp}/bad-plan.json"], ["'minutes'", "0.5"]),
    "plan-tiny-minutes-simulate": (["simulate", "--plan", "{tmp}/bad-plan.json"], ["'minutes'", "0.5"]),
    "plan-show-long-name": (["plan", "show", LONG_NAME], ["no plan called"]),
    "out-read-only-disk": (["export", "--out", "{tmp}/ro/t.csv"], ["Cannot write", "read-only"]),
    "out-under-a-file": (["export", "--out", "{tmp}/x.csv/y.csv"], ["Cannot write", "not a folder"]),
    "out-name-too-long": (["report", "--client", "simulated", "--out", "{tmp}/" + LONG_NAME + ".html"],
                          ["Cannot write", "too long"]),
    "trials-superscript-two": (["simulate", "--exercise", "flanker", "--trials", "²"], ["--trials", "whole number"]),
    "trials-arabic-indic-digit": (["simulate", "--exercise", "flanker", "--trials", "٣"], ["--trials"]),
    "trials-word": (["simulate", "--exercise", "flanker", "--trials", "x"], ["--trials must be a whole number"]),
    "lock-level-word": (["settings", "--client", "simulated", "--exercise", "flanker", "--lock-level", "x"],
                        ["--lock-level must be a whole number"]),
    "ability-word": (["simulate", "--exercise", "flanker", "--ability", "x"], ["--ability must be a number"]),
}


def run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exit_info:  # argparse's own refusals
        return exit_info.code


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(case, data, tmp_path, monkeypatch, capsys):
    argv, words = CASES[case]
    setup(case, data, tmp_path, monkeypatch)
    argv = [arg.format(data=data, tmp=tmp_path) for arg in argv]
    if "--data-dir" not in argv:
        argv += ["--data-dir", str(data)]
    before, store_hash = snapshot(data), hashlib.sha256((data / "cogsuite.sqlite3").read_bytes()).hexdigest()
    outside = snapshot(tmp_path / "empty") if (tmp_path / "empty").exists() else None
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cogsuite"), err
    assert "Traceback" not in err and "unexpected" not in err and not re.search(r"invalid \w+ value", err), err
    for word in words:
        assert word in err, err
    assert hashlib.sha256((data / "cogsuite.sqlite3").read_bytes()).hexdigest() == store_hash
    assert snapshot(data) == before
    assert not (tmp_path / "dta").exists()
    if outside is not None:
        assert snapshot(tmp_path / "empty") == outside and (tmp_path / "empty" / "cogsuite.sqlite3").stat().st_size == 0
    if case.startswith("existing-file"):
        assert (tmp_path / "notes.txt").read_text() == "the therapist's own notes"
    if case == "symlink-to-store":
        assert (tmp_path / "link.csv").is_symlink()


@pytest.mark.parametrize("argv", [
    ["export", "--out", "{tmp}/notes.txt", "--force"],
    ["export", "--kind", "dictionary", "--out", "{tmp}/notes.txt", "--force"],
    ["report", "--client", "simulated", "--out", "{tmp}/notes.txt", "--force"],
    ["plan", "export", MIXED, "--out", "{tmp}/notes.txt", "--force"],
])
def test_force_replaces_an_unrelated_file(argv, data, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("an old export")
    assert main([arg.format(tmp=tmp_path) for arg in argv] + ["--data-dir", str(data)]) == 0
    assert "notes.txt" in capsys.readouterr().out
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8-sig") != "an old export"


def test_write_commands_still_create_the_store_and_read_commands_then_work(tmp_path, capsys):
    folder = tmp_path / "new"
    assert main(["plan", "import", str(plan_file(tmp_path, minutes=0.5)), "--data-dir", str(folder)]) == 0
    assert (folder / "cogsuite.sqlite3").stat().st_size > 0
    assert main(["plan", "list", "--data-dir", str(folder)]) == 0
    assert "Bad  (saved, 0.5 min, 1 items)" in capsys.readouterr().out
