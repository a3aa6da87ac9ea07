"""``cogsuite backup``, the day's backup after a run, and every command refusing a damaged store."""

from __future__ import annotations

import random
import re
import shutil
from datetime import datetime, timedelta

import pygame
import pytest

from games.app import App
from games.cli import main
from scores.store.backup import list_backups, make_backup

PAGE = 4096


def fails_with_one_line(capsys, argv, *words):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cogsuite"), err
    for word in words:
        assert word in err, err
    return err


def damage_middle(path) -> None:
    """512 random bytes over the page in the middle of the store (as a failing disk might)."""
    data = bytearray(path.read_bytes())
    offset = len(data) // 2 // PAGE * PAGE
    data[offset:offset + 512] = random.Random(5).randbytes(512)
    path.write_bytes(bytes(data))


def add_good_backup(folder, played_store, days_ago: int = 1) -> str:
    """A backup of the played store in ``folder``'s backups; returns its name."""
    good = folder.parent / f"good-{days_ago}"
    good.mkdir()
    (good / "cogsuite.sqlite3").write_bytes(played_store)
    backup = make_backup(good / "cogsuite.sqlite3", datetime.now() - timedelta(days=days_ago))
    (folder / "backups").mkdir(exist_ok=True)
    shutil.move(backup.path, folder / "backups" / backup.name)
    return backup.name


def test_a_backup_restores_the_trials_exported_before_the_damage(tmp_path, capsys):
    data = tmp_path / "d"
    for exercise in ("sequence_recall", "stroop"):
        assert main(["simulate", "--exercise", exercise, "--trials", "60", "--seed", "4", "--data-dir", str(data)]) == 0
    assert main(["backup", "now", "--data-dir", str(data)]) == 0
    assert main(["export", "--data-dir", str(data), "--out", str(tmp_path / "before.csv")]) == 0
    damage_middle(data / "cogsuite.sqlite3")
    fails_with_one_line(capsys, ["export", "--data-dir", str(data), "--out", str(tmp_path / "x.csv")], "damaged")
    assert main(["backup", "list", "--data-dir", str(data)]) == 0
    name = list_backups(data)[0].name
    assert name in capsys.readouterr().out
    assert main(["backup", "restore", name, "--data-dir", str(data)]) == 0
    assert "checks out" in capsys.readouterr().out
    assert main(["export", "--data-dir", str(data), "--out", str(tmp_path / "after.csv")]) == 0
    assert (tmp_path / "after.csv").read_bytes() == (tmp_path / "before.csv").read_bytes()
    assert len((tmp_path / "after.csv").read_text(encoding="utf-8-sig").splitlines()) == 121
    assert len(list((data / "set-aside").iterdir())) >= 1


def test_simulate_and_pin_do_not_write_into_a_store_with_random_bytes_in_its_middle(tmp_path, played_store, capsys):
    data = tmp_path / "d"
    data.mkdir()
    (data / "cogsuite.sqlite3").write_bytes(played_store)
    damage_middle(data / "cogsuite.sqlite3")
    before = (data / "cogsuite.sqlite3").read_bytes()
    fails_with_one_line(capsys, ["simulate", "--exercise", "sequence_recall", "--data-dir", str(data)], "damaged")
    fails_with_one_line(capsys, ["pin", "--remove", "--data-dir", str(data)], "damaged")
    assert (data / "cogsuite.sqlite3").read_bytes() == before


def test_simulate_refuses_every_damaged_store_unwritten(damaged_store, capsys):
    words = ("newer cogsuite",) if damaged_store.kind == "newer-format" else ("There is no good backup",)
    fails_with_one_line(capsys, ["simulate", "--exercise", "sequence_recall", "--trials", "3",
                                 "--data-dir", str(damaged_store.folder)], *words)
    assert damaged_store.unchanged()


COMMANDS = [
    ["simulate", "--exercise", "stroop"],
    ["simulate", "--plan", "Mixed 15 minutes"],
    ["settings", "--client", "C-stroop", "--exercise", "stroop", "--lock-level", "3"],
    ["pin", "--remove"],
    ["plan", "import", "plan.json"],
    ["plan", "delete", "Mine"],
    ["plan", "list"],
    ["export", "--out", "out.csv"],
    ["report", "--client", "C-stroop", "--out", "out.html"],
    ["backup", "now"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv[:2]))
def test_every_command_refuses_a_damaged_store_and_names_the_backup(make_damaged, played_store, tmp_path, capsys,
                                                                   monkeypatch, argv):
    damaged = make_damaged("random-bytes-at-quarter")
    name = add_good_backup(damaged.folder, played_store)
    backups_before = sorted(p.name for p in (damaged.folder / "backups").iterdir())
    monkeypatch.chdir(tmp_path)
    fails_with_one_line(capsys, argv + ["--data-dir", str(damaged.folder)], "damaged",
                        f"`cogsuite backup restore {name}`")
    assert damaged.unchanged()
    assert sorted(p.name for p in (damaged.folder / "backups").iterdir()) == backups_before
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.html").exists()


def test_backup_list_shows_what_each_backup_holds_and_whether_it_checks_out(make_damaged, played_store, capsys):
    damaged = make_damaged("dropped-table")
    good = add_good_backup(damaged.folder, played_store, days_ago=2)
    bad = add_good_backup(damaged.folder, played_store, days_ago=1)
    (damaged.folder / "backups" / bad).write_bytes(b"\0" * 8192)
    assert main(["backup", "list", "--data-dir", str(damaged.folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(bad) and "DAMAGED" in lines[0]
    assert lines[1].startswith(good) and re.search(r"3 clients, 3 runs, 4\d\d trials +checks out$", lines[1])
    fails_with_one_line(capsys, ["backup", "restore", bad, "--data-dir", str(damaged.folder)], "damaged", bad)
    assert damaged.unchanged()
    assert main(["backup", "restore", good, "--data-dir", str(damaged.folder)]) == 0
    assert re.search(r"3 clients, 3 runs, 4\d\d trials", capsys.readouterr().out)
    assert main(["simulate", "--exercise", "stroop", "--trials", "2", "--data-dir", str(damaged.folder)]) == 0


@pytest.mark.parametrize("name", ["../cogsuite.sqlite3", "/etc/passwd", "nothing-here"])
def test_restore_refuses_a_name_that_is_not_a_backup(tmp_path, capsys, name):
    data = str(tmp_path / "d")
    assert main(["simulate", "--exercise", "stroop", "--trials", "2", "--data-dir", data]) == 0
    fails_with_one_line(capsys, ["backup", "restore", name, "--data-dir", data], "There is no backup called")


def test_a_run_makes_the_days_backup_once(tmp_path, capsys):
    data = tmp_path / "d"
    assert main(["backup", "list", "--data-dir", str(tmp_path)]) == 0
    assert "There are no backups" in capsys.readouterr().out
    for _ in range(2):
        assert main(["simulate", "--exercise", "stroop", "--trials", "2", "--data-dir", str(data)]) == 0
    assert len(list_backups(data)) == 1
    assert main(["backup", "now", "--data-dir", str(data)]) == 0
    assert len(list((data / "backups").iterdir())) == 1  # the newer one of the day stays
    fails_with_one_line(capsys, ["backup", "list", "--data-dir", str(tmp_path / "nowhere")], "no data folder")


def test_the_launcher_opens_a_calm_screen_for_a_damaged_store(make_damaged, played_store, monkeypatch, capsys):
    damaged = make_damaged("truncated-to-half")
    name = add_good_backup(damaged.folder, played_store)
    shown = []

    def run(app, first):
        app.stack.push(first)
        app.step(max_wait_ms=0)
        shown.append(first)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0))
        app.step(max_wait_ms=0)
        shown.append(app.stack.top)
        app.quit()

    monkeypatch.setattr(App, "run", run)
    fails_with_one_line(capsys, ["--data-dir", str(damaged.folder)], "damaged", name)
    screen, after_escape = shown
    assert type(screen).__name__ == "DamagedStoreScene" and after_escape is None
    assert f"cogsuite backup restore {name} --data-dir {damaged.folder}" in screen.paragraphs
    assert damaged.unchanged()


def test_a_clients_sitting_in_the_launcher_ends_with_the_days_backup_once(make_app, tmp_path):
    """A launcher left open for days still backs up: the day's backup comes when a sitting ends."""
    app = make_app()
    client = app.store.add_client("C-1")
    app.begin_session(client)
    assert list_backups(tmp_path / "data") == []
    app.end_session()
    (made,) = list_backups(tmp_path / "data")
    app.begin_session(client)
    app.end_session()
    assert [b.name for b in list_backups(tmp_path / "data")] == [made.name]  # one a day
