"""Backups: checked private copies made with SQLite's backup API, and the rotation rule."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from scores.store.backup import (
    Backup, BackupError, backup_if_due, backups_to_keep, inspect, list_backups, make_backup, parse_name, prune,
)
from scores.store.store import Store, StoreDamaged

pytestmark = pytest.mark.sqlite_only  # the SQLite file itself: its copies, checks and permissions

NOW = datetime(2026, 3, 31, 17, 45, 2)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def store_path(tmp_path) -> Path:
    """A store with two clients, closed."""
    with Store.open(tmp_path / "data") as store:
        store.add_client("C-1")
        store.add_client("C-2")
        return store.path


def test_a_backup_is_a_checked_private_copy_out_of_wal_mode(store_path):
    backup = make_backup(store_path, NOW)
    assert backup.name == "cogsuite-2026-03-31-174502.sqlite3" and backup.path.parent.name == "backups"
    assert mode(backup.path.parent) == 0o700 and mode(backup.path) == 0o600
    assert backup.path.read_bytes()[18:20] == b"\x01\x01"  # a rollback-journal file: no -wal beside it
    assert inspect(backup.path).counts == {"clients": 2, "runs": 0, "trials": 0}
    assert inspect(backup.path).problem is None
    assert [b.name for b in list_backups(store_path.parent)] == [backup.name]
    assert sorted(p.name for p in backup.path.parent.iterdir()) == [backup.name]  # nothing half made left


def test_backups_in_the_same_second_are_numbered(store_path):
    names = [make_backup(store_path, NOW).name for _ in range(3)]
    assert names == ["cogsuite-2026-03-31-174502.sqlite3", "cogsuite-2026-03-31-174502-2.sqlite3",
                     "cogsuite-2026-03-31-174502-3.sqlite3"]
    assert list_backups(store_path.parent)[0].name == names[-1]  # newest first


@pytest.mark.parametrize("kind", ["random-bytes-at-middle", "dropped-table", "zero-length"])
def test_a_damaged_store_is_not_backed_up_and_the_good_backups_stay(make_damaged, tmp_path, kind):
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.add_client("C-1")
    for days_ago in range(8, 0, -1):
        make_backup(folder / "cogsuite.sqlite3", NOW - timedelta(days=days_ago))
    before = sorted(p.name for p in (folder / "backups").iterdir())
    damaged = make_damaged(kind, folder)
    with pytest.raises(StoreDamaged):
        make_backup(damaged.path, NOW)
    assert sorted(p.name for p in (folder / "backups").iterdir()) == before and len(before) == 7
    assert damaged.unchanged()


def test_there_is_no_backup_of_a_missing_store(tmp_path):
    with pytest.raises(BackupError, match="There is no data file"):
        make_backup(tmp_path / "cogsuite.sqlite3", NOW)


def test_the_days_backup_is_made_once_a_day(store_path):
    assert backup_if_due(store_path, NOW) is not None
    assert backup_if_due(store_path, NOW + timedelta(hours=5)) is None
    assert backup_if_due(store_path, NOW.replace(hour=23, minute=59) + timedelta(minutes=2)) is not None
    assert len(list_backups(store_path.parent)) == 2


def fake_backups(moments: list[datetime]) -> list[Backup]:
    return [Backup(f"cogsuite-{m:%Y-%m-%d-%H%M%S}.sqlite3", Path("unused"), m, 1) for m in moments]


def test_the_rotation_rule_on_thirty_days_keeps_seven_days_and_four_weeks():
    # 1 to 30 March 2026, one backup a day at 18:00; 30 March is a Monday
    days = [datetime(2026, 3, day, 18, 0) for day in range(1, 31)]
    kept = backups_to_keep(fake_backups(days))
    daily = {f"cogsuite-2026-03-{day:02d}-180000.sqlite3" for day in range(24, 31)}
    # the newest of each of the 4 latest weeks: 30 March (this week), Sundays 29, 22 and 15 March
    weekly = {f"cogsuite-2026-03-{day:02d}-180000.sqlite3" for day in (30, 29, 22, 15)}
    assert kept == daily | weekly and len(kept) == 9


def test_the_rotation_rule_keeps_the_newest_of_a_day_and_counts_days_that_have_backups():
    moments = [datetime(2026, 1, 5, 9), datetime(2026, 1, 5, 17), datetime(2026, 2, 2, 9)]  # used twice in a month
    kept = backups_to_keep(fake_backups(moments))
    assert kept == {"cogsuite-2026-01-05-170000.sqlite3", "cogsuite-2026-02-02-090000.sqlite3"}


def test_thirty_days_of_daily_backups_on_disk_leave_seven_daily_and_up_to_four_weekly(store_path):
    start = datetime(2026, 3, 1, 18, 0)
    for day in range(30):
        assert backup_if_due(store_path, start + timedelta(days=day)) is not None
    left = list_backups(store_path.parent)
    latest_days = {(start + timedelta(days=day)).date() for day in range(23, 30)}
    daily = [b for b in left if b.made_at.date() in latest_days]
    weekly = [b for b in left if b.made_at.date() not in latest_days]
    assert len(daily) == 7 and 1 <= len(weekly) <= 4
    assert len({b.made_at.isocalendar()[:2] for b in weekly}) == len(weekly)
    assert all(b.made_at.weekday() == 6 for b in weekly)  # each the newest (Sunday) of its week
    assert all(inspect(b.path).problem is None for b in left)


def test_prune_leaves_files_that_are_not_backups_and_clears_half_made_ones(store_path):
    folder = store_path.parent / "backups"
    make_backup(store_path, NOW)
    (folder / "notes.txt").write_text("mine")
    (folder / "cogsuite-2026-03-01-090000.sqlite3.partial").write_bytes(b"half")
    assert prune(store_path.parent) == []
    assert sorted(p.name for p in folder.iterdir()) == ["cogsuite-2026-03-31-174502.sqlite3", "notes.txt"]


@pytest.mark.parametrize("name", ["cogsuite-2026-02-30-120000.sqlite3", "cogsuite-2026-03-31.sqlite3",
                                  "../cogsuite-2026-03-31-174502.sqlite3", "cogsuite-2026-03-31-174502.sqlite3-wal"])
def test_only_backup_names_parse(name):
    assert parse_name(name) is None
    assert parse_name("cogsuite-2026-03-31-174502-2.sqlite3") == (datetime(2026, 3, 31, 17, 45, 2), 2)


def test_a_damaged_backup_is_listed_as_damaged(store_path):
    backup = make_backup(store_path, NOW)
    data = bytearray(backup.path.read_bytes())
    data[4096:4608] = bytes(512)
    backup.path.write_bytes(bytes(data))
    found = inspect(backup.path)
    assert found.problem and found.counts is None
