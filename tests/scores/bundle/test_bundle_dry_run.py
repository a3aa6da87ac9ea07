"""A merge's dry run says what the merge would add, change and resolve, and writes nothing,
on SQLite and on a clinic server alike."""

from __future__ import annotations

import time

import pytest

from games.cli import main
from scores.bundle.content import merge, read_client
from scores.store.store import Store

TABLES = ("clients", "sessions", "runs", "trials", "level_changes", "exercise_settings")


def counts(store) -> dict[str, int]:
    return {table: store.select(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


@pytest.fixture
def home(tmp_path):
    data = tmp_path / "home"
    with Store.open(data) as store:
        store.add_client("C-1", "Alex")
    assert main(["simulate", "--exercise", "stroop", "--trials", "6", "--client", "C-1", "--seed", "3",
                 "--data-dir", str(data)]) == 0
    return data


def check_dry_run_then_merge(source, target) -> None:
    bundle = read_client(source, source.get_client("C-1"))
    before = counts(target)
    dry = merge(target, bundle, dry_run=True)
    assert counts(target) == before  # nothing written
    assert dry.added["trials"] == 6 and dry.added["runs"] == 1
    real = merge(target, bundle)
    assert (real.added, real.updated, real.resolved) == (dry.added, dry.updated, dry.resolved)
    assert counts(target)["trials"] == before["trials"] + real.added["trials"]
    again = merge(target, bundle, dry_run=True)
    assert again.total_added == 0 and not any(again.updated.values())


def test_a_dry_run_counts_what_the_merge_then_adds_and_writes_nothing(home, tmp_path):
    with Store.open(home) as source, Store.open(tmp_path / "clinic") as target:
        check_dry_run_then_merge(source, target)


def test_a_dry_run_reports_the_conflicts_the_merge_resolves(home, tmp_path):
    with Store.open(home) as source, Store.open(tmp_path / "clinic") as target:
        merge(target, read_client(source, source.get_client("C-1")))
        target.update_client(target.get_client("C-1"), display_name="Alex B.")
        time.sleep(0.01)
        source.update_client(source.get_client("C-1"), display_name="Alexandra")
        bundle = read_client(source, source.get_client("C-1"), include_names=True)
        dry = merge(target, bundle, dry_run=True)
        assert target.get_client("C-1").display_name == "Alex B."
        assert dry.resolved and "took the bundle's display_name" in dry.resolved[0]
        assert merge(target, bundle).resolved == dry.resolved
        assert target.get_client("C-1").display_name == "Alexandra"


def test_a_dry_run_on_a_clinic_server_writes_nothing(home, tmp_path, pg_url):
    with Store.open(home) as source, Store.open(tmp_path / "pgdata", url=pg_url) as target:
        check_dry_run_then_merge(source, target)
