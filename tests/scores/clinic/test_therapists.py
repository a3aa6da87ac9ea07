"""Therapists by name, each with their own PIN and lock, and the audit, on both kinds of store."""

from __future__ import annotations

import csv
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from scores.clinic.audit import LAUNCHER, Actor
from scores.clinic.pin import PinError, ScryptCost, TherapistLock
from scores.clinic.plans import Plan, PlanItem
from scores.clinic.therapists import NamedTherapistLock, has_therapist_pin
from scores.store import database
from scores.store.clients import ClientNameError
from scores.store.database import MIGRATIONS
from scores.store.store import Store

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
CHEAP = ScryptCost(n=2**4, r=8, p=1)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    """A fresh store: the SQLite file, or a database on the test's PostgreSQL server."""
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    with Store.open(tmp_path / "data", url=url) as opened:
        yield opened


def add(store: Store, name: str, pin: str) -> NamedTherapistLock:
    lock = NamedTherapistLock(store, None, cost=CHEAP, new_name=name)
    lock.set_pin(pin, T0)
    return lock


def test_each_therapist_has_their_own_pin_and_lock(any_store):
    ana, ben = add(any_store, "Ana", "1111"), add(any_store, "Ben", "2222")
    assert [t.name for t in any_store.therapists()] == ["Ana", "Ben"]
    assert ana.check("1111", T0).accepted and not ana.check("2222", T0).accepted
    for _ in range(4):
        ana.check("9999", T0)
    assert ana.check("9999", T0).locked_for_s == 30.0
    assert not ana.check("1111", T0 + timedelta(seconds=10)).accepted  # locked, even the right PIN
    assert ben.locked_for_s(T0) == 0 and ben.check("2222", T0).accepted  # Ben's lock is his own
    again = NamedTherapistLock(any_store, any_store.get_therapist("ana"), cost=CHEAP)  # another PC
    assert again.failed_tries() == 5 and again.locked_for_s(T0 + timedelta(seconds=10)) == 20.0
    assert again.check("1111", T0 + timedelta(seconds=31)).accepted and again.failed_tries() == 0


def test_a_changed_pin_replaces_the_old_one_and_a_name_is_never_taken_twice(any_store):
    ana = add(any_store, "Ana", "1111")
    assert ana.change_pin("1111", "3333", T0).accepted
    assert ana.check("3333", T0).accepted and not ana.check("1111", T0).accepted
    with pytest.raises(PinError, match="already exists"):
        add(any_store, " ana ", "4444")
    with pytest.raises(ClientNameError, match="empty"):
        NamedTherapistLock(any_store, None, new_name="  ")
    assert [t.name for t in any_store.therapists()] == ["Ana"]


def test_removing_a_pin_keeps_the_therapist_who_then_chooses_a_new_one(any_store):
    add(any_store, "Ana", "1111")
    ana = NamedTherapistLock(any_store, any_store.get_therapist("Ana"), cost=CHEAP)
    assert ana.remove() is True
    assert any_store.get_therapist("Ana").has_pin is False and not ana.is_set()
    ana.set_pin("5555", T0)
    assert ana.check("5555", T0).accepted


def test_therapist_mode_asks_for_a_pin_once_there_is_someone_to_ask_for(any_store):
    assert not has_therapist_pin(any_store)
    if any_store.is_shared:
        add(any_store, "Ana", "1111")
    else:
        TherapistLock(any_store, cost=CHEAP).set_pin("1111", T0)
    assert has_therapist_pin(any_store)


def test_every_audited_act_is_recorded_with_who_what_and_which_client(any_store, tmp_path):
    client = any_store.add_client("C-0001", "Sam")
    add(any_store, "Ana", "1111")
    ana = any_store.get_therapist("Ana")
    any_store.act_as(Actor(ana.id, ana.name, "launcher"))
    any_store.set_exercise_settings(client, "digit_span", target_rate=0.85, locked_level=None)
    plan = Plan("Mornings", (PlanItem("breathing", minutes=2.0),))
    any_store.save_plan(plan)
    any_store.delete_plan("Mornings")
    any_store.act_as(LAUNCHER)
    any_store.record_audit("plan_assign", client, detail="'Mornings'")
    entries = any_store.recent_audit()
    assert [(e.who, e.action, e.client) for e in entries] == [
        ("Therapist (this PC's PIN)", "plan_assign", "Sam"),
        ("Ana", "plan_delete", ""), ("Ana", "plan_edit", ""), ("Ana", "settings", "Sam"),
        ("Ana", "therapist_added", ""),
    ]
    assert entries[3].detail == "digit_span: target success rate 0.85, level adapts"
    assert entries[3].what == "changed exercise settings"
    with pytest.raises(ValueError, match="not one of"):
        any_store.record_audit("coffee")


def test_the_audit_export_lists_every_act_oldest_first_and_is_audited_itself(any_store, tmp_path):
    from scores.export.tables import export_kind
    from scores.store.queries import Filters

    sam, kim = any_store.add_client("C-1", "Sam"), any_store.add_client("C-2", "Kim")
    any_store.set_exercise_settings(sam, "stroop", target_rate=None, locked_level=3)
    any_store.set_exercise_settings(kim, "stroop", target_rate=None, locked_level=4)
    out = tmp_path / "audit.csv"
    assert export_kind("audit", any_store, [], out, Filters(client_code="C-1"), include_names=True) == 1
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["audit_id", "at", "who", "therapist", "via", "action", "client_id", "display_name", "detail"]
    assert rows[1][2:] == ["Command line", "", "command line", "settings", "C-1", "Sam",
                           "stroop: target success rate default, level locked at 3"]
    assert datetime.fromisoformat(rows[1][1]).utcoffset() == timedelta(0)
    assert export_kind("audit", any_store, [], tmp_path / "all.csv") == 3  # the first export is in
    last = any_store.recent_audit(limit=1)[0]
    assert (last.action, last.client) == ("export", "")
    assert last.detail == "audit to all.csv: 3 rows"


def test_a_version_3_store_keeps_its_pin_and_lock_after_the_migration(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS[:3])
    with Store.open(tmp_path) as old:
        lock = TherapistLock(old, cost=CHEAP)
        lock.set_pin("24680", T0)
        for _ in range(5):
            lock.check("1357", T0)
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS)
    with Store.open(tmp_path) as store:
        lock = TherapistLock(store, cost=CHEAP)
        assert store.schema_version() == len(MIGRATIONS)
        assert lock.is_set() and lock.failed_tries() == 5
        assert lock.locked_for_s(T0 + timedelta(seconds=10)) == 20.0
        assert lock.check("24680", T0 + timedelta(seconds=31)).accepted
        assert has_therapist_pin(store) and store.therapists() == []
    with sqlite3.connect(tmp_path / "cogsuite.sqlite3") as raw:  # nothing of the PIN went elsewhere
        assert raw.execute("SELECT count(*) FROM therapist_pins").fetchone() == (0,)
