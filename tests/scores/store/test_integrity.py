"""The store is checked on open (scores/store/integrity.py): a damaged, empty, table-less or too new file is refused unwritten."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from scores.store import integrity
from scores.store.store import MIGRATIONS, Store, StoreDamaged, StoreError

pytestmark = pytest.mark.sqlite_only  # the SQLite file itself: its copies, checks and permissions

TABLES = {
    "schema_version", "clients", "sessions", "runs", "trials", "level_changes", "exercise_settings",
    "plans", "session_items", "mood_checks", "app_settings", "therapists", "therapist_pins", "audit", "assignments",
}


def test_a_damaged_store_is_refused_and_not_written(damaged_store):
    expected = StoreError if damaged_store.kind == "newer-format" else StoreDamaged
    with pytest.raises(expected) as caught:
        Store.open(damaged_store.folder)
    message = str(caught.value)
    assert str(damaged_store.path) in message and "\n" not in message
    assert damaged_store.unchanged()
    assert not (damaged_store.folder / "backups").exists()


def test_a_dropped_table_is_named(make_damaged):
    damaged = make_damaged("dropped-table")
    with pytest.raises(StoreDamaged, match="its trials table is missing"):
        Store.open(damaged.folder)


def test_an_empty_file_is_not_made_into_a_new_store(make_damaged):
    damaged = make_damaged("zero-length")
    with pytest.raises(StoreDamaged, match=r"is empty \(0 bytes\)"):
        Store.open(damaged.folder)
    assert damaged.path.stat().st_size == 0


def test_the_damage_a_checkpoint_would_write_over_is_left_alone(make_damaged, tmp_path, played_store):
    """A damaged store whose -wal still holds a committed write (a crash before the checkpoint)
    is checked on a read-only connection: closing it does not copy the -wal into the file."""
    folder = tmp_path / "crashed"
    folder.mkdir()
    live = tmp_path / "live.sqlite3"
    live.write_bytes(played_store)
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE clients SET display_name = 'after the crash'")
    shutil.copy(f"{live}-wal", folder / "cogsuite.sqlite3-wal")  # the -wal as a crash leaves it
    writer.close()
    damaged = make_damaged("random-bytes-at-middle", folder)
    assert (folder / "cogsuite.sqlite3-wal").stat().st_size > 0
    with pytest.raises(StoreDamaged):
        Store.open(folder)
    assert damaged.unchanged()


def test_the_tables_of_each_schema_version_come_from_its_migrations():
    assert integrity.tables_at(len(MIGRATIONS)) == TABLES
    assert integrity.tables_at(1) == TABLES - {
        "exercise_settings", "plans", "session_items", "mood_checks", "app_settings", "therapists", "therapist_pins", "audit",
        "assignments",
    }
    assert integrity.tables_at(5) == TABLES - {"assignments"}
    assert integrity.tables_at(0) == frozenset()


def test_a_sound_store_checks_out_quickly_and_thoroughly(tmp_path):
    with Store.open(tmp_path) as store:
        store.add_client("C-1")
        assert integrity.find_damage(store.connection) is None
        assert integrity.find_damage(store.connection, thorough=True) is None


def test_damage_is_described_on_one_short_line():
    assert integrity.one_line("*** in database main ***\nPage 5:   btreeInitPage() error") == (
        "*** in database main *** Page 5: btreeInitPage() error")
    assert len(integrity.one_line("x" * 500)) == 120
