"""Restoring a backup: refused for a damaged or unknown one, the current files set aside, checked after."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from contextlib import closing
from datetime import datetime, timedelta

import pytest

from scores.store.backup import BackupError, list_backups, make_backup
from scores.store.restore import restore_backup
from scores.store.store import Store, StoreDamaged

pytestmark = pytest.mark.sqlite_only  # the SQLite file itself: its copies, checks and permissions

NOW = datetime(2026, 3, 31, 17, 45, 2)


@pytest.fixture
def folder(tmp_path):
    """A data folder whose store has two clients and a backup of them, then a third client."""
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.add_client("C-1")
        store.add_client("C-2")
        make_backup(store.path, NOW - timedelta(days=1))
        store.add_client("C-3")
    return data


def codes(folder) -> list[str]:
    with Store.open(folder) as store:
        return [c.code for c in store.list_clients()]


def test_restore_puts_the_backup_in_place_and_sets_the_store_aside(folder):
    name = list_backups(folder)[0].name
    done = restore_backup(folder, name, NOW)
    assert done.counts == {"clients": 2, "runs": 0, "trials": 0}
    assert codes(folder) == ["C-1", "C-2"]
    assert [p.name for p in done.set_aside] == ["cogsuite-before-restore-2026-03-31-174502.sqlite3"]
    assert stat.S_IMODE(done.set_aside[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(done.set_aside[0].parent.stat().st_mode) == 0o700
    with closing(sqlite3.connect(done.set_aside[0])) as aside:  # nothing was lost: the replaced file reads
        assert aside.execute("SELECT count(*) FROM clients").fetchone() == (3,)
    assert stat.S_IMODE((folder / "cogsuite.sqlite3").stat().st_mode) == 0o600
    assert not (folder / "cogsuite.sqlite3.restoring").exists()


def test_restore_works_on_every_kind_of_damaged_store(damaged_store):
    with Store.open(damaged_store.folder.parent / "elsewhere") as other:
        other.add_client("C-9")
        backup = make_backup(other.path, NOW - timedelta(days=1))
    (damaged_store.folder / "backups").mkdir()
    backup.path.rename(damaged_store.folder / "backups" / backup.name)
    done = restore_backup(damaged_store.folder, backup.name, NOW)
    assert codes(damaged_store.folder) == ["C-9"]
    assert hashlib.sha256(done.set_aside[0].read_bytes()).hexdigest() == damaged_store.sha256


def test_restore_works_when_the_store_is_missing(folder):
    (folder / "cogsuite.sqlite3").unlink()
    done = restore_backup(folder, list_backups(folder)[0].name, NOW)
    assert done.set_aside == [] and codes(folder) == ["C-1", "C-2"]


def test_a_stale_wal_of_the_replaced_store_goes_aside_with_it(folder):
    (folder / "cogsuite.sqlite3-wal").write_bytes(b"\0" * 100)
    (folder / "cogsuite.sqlite3-shm").write_bytes(b"\0" * 100)
    done = restore_backup(folder, list_backups(folder)[0].name, NOW)
    assert sorted(p.name.rsplit(".", 1)[-1] for p in done.set_aside) == ["sqlite3", "sqlite3-shm", "sqlite3-wal"]
    assert codes(folder) == ["C-1", "C-2"]


@pytest.mark.parametrize("name", ["", "cogsuite.sqlite3", "../cogsuite.sqlite3", "/etc/passwd",
                                  "backups/cogsuite-2026-03-30-174502.sqlite3", "cogsuite-2026-03-29-174502.sqlite3"])
def test_a_name_not_in_the_listing_is_refused_and_nothing_changes(folder, name):
    before = (folder / "cogsuite.sqlite3").read_bytes()
    with pytest.raises(BackupError, match="There is no backup called"):
        restore_backup(folder, name, NOW)
    assert (folder / "cogsuite.sqlite3").read_bytes() == before and not (folder / "set-aside").exists()


def test_a_damaged_backup_is_refused_and_nothing_changes(folder):
    backup = list_backups(folder)[0]
    data = bytearray(backup.path.read_bytes())
    data[4096:4608] = bytes(range(256)) * 2
    backup.path.write_bytes(bytes(data))
    before = (folder / "cogsuite.sqlite3").read_bytes()
    with pytest.raises(BackupError, match=f"The backup {backup.name} is damaged"):
        restore_backup(folder, backup.name, NOW)
    assert (folder / "cogsuite.sqlite3").read_bytes() == before and not (folder / "set-aside").exists()


def test_opening_a_damaged_store_names_the_newest_good_backup(folder, make_damaged):
    with Store.open(folder) as store:
        make_backup(store.path, NOW)
    newest, older = list_backups(folder)
    newest.path.write_bytes(b"not a database" * 400)
    make_damaged("random-bytes-at-middle", folder)
    with pytest.raises(StoreDamaged) as caught:
        Store.open(folder)
    assert caught.value.backup == older.name
    assert str(caught.value).endswith(f"Restore the newest good backup with `cogsuite backup restore {older.name}`.")


def test_with_no_good_backup_the_message_says_so(make_damaged):
    damaged = make_damaged("dropped-table")
    with pytest.raises(StoreDamaged, match="There is no good backup to restore") as caught:
        Store.open(damaged.folder)
    assert caught.value.backup is None
