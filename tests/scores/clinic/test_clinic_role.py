"""The clinic's role for the PCs (docs/clinic-role.sql, the file the README gives) on a real server:
play, plans, settings, therapists and every export work; removing a PIN, changing the audit or
the tables is refused; the database's owner may remove a PIN."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from games import cli, cli_pin
from scores.clinic.audit import Actor
from scores.clinic.pin import ScryptCost
from scores.clinic.plans import Plan, PlanItem
from scores.clinic.therapists import NamedTherapistLock
from scores.export.tables import EXPORT_KINDS, export_kind
from scores.store.postgres import PermissionRefused
from scores.store.store import Store

ROLE_SQL = Path(__file__).resolve().parents[3] / "docs" / "clinic-role.sql"
T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
CHEAP = ScryptCost(n=2**4, r=8, p=1)
PG_READY_KINDS = [kind for kind in EXPORT_KINDS if kind != "sessions"]  # its CASE on 0/1 is SQLite's alone yet


@pytest.fixture
def clinic(pg_server, pg_url, tmp_path):
    """(owner's URL, the PCs' role's URL): the schema made by the owner, the role given the file's rights."""
    database = urlsplit(pg_url).path.lstrip("/")
    role = f"pcs_{uuid.uuid4().hex[:10]}"
    with Store.open(tmp_path / "owner", url=pg_url) as owner:
        NamedTherapistLock(owner, None, cost=CHEAP, new_name="Ana").set_pin("1111", T0)
    pg_server.psql(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    sql = re.sub(r"\bcogsuite(?=;)", role, ROLE_SQL.read_text(encoding="utf-8"))
    assert sql.count(role) >= 8  # every grant went to the test's role
    pg_server.psql(sql, database)
    return pg_url, pg_server.url(database, user=role)


def play(store: Store) -> None:
    """A client's sitting as the launcher records it, with a planned item and mood checks."""
    client = store.add_client("C-0001", "Sam")
    session = store.start_session(client, T0, kind="clinic", plan_name="Mornings")
    item = store.start_session_item(session, position=1, kind="exercise", exercise="digit_span", planned_s=60,
                                    started_at=T0)
    store.add_mood_check(session, moment="before", answers={"mood": 3, "calm": 4, "energy": 2}, at=T0)
    run = store.start_run(session_id=session, client=client, exercise="digit_span", domain="memory", started_at=T0,
                          start_level=2, seed=7, params={}, simulated=False, app_version="test", session_item_id=item)
    store.add_level_change(run, trial_index=0, from_level=None, to_level=2, rule="start", at=T0)
    store.add_trial(run, trial_index=1, started_at=T0, level=2, stimulus="3 8", response="3 8", correct=True,
                    rt_ms=850.0, timed_out=False, extra={})
    store.finish_run(run, ended_at=T0 + timedelta(seconds=30), end_level=2, ability=2.1, ability_se=0.4,
                     accuracy=1.0, median_rt_ms=850.0, n_trials=1, duration_s=30.0, completed=True, measures={})
    store.finish_session_item(item, ended_at=T0 + timedelta(seconds=60), active_s=60.0, outcome="done")
    store.end_session(session, T0 + timedelta(minutes=2))
    store.update_client(client, display_name="Sam K", hide_countdown=True)
    store.set_archived(client, False)


def test_the_pcs_role_plays_exports_and_edits_but_may_not_remove_a_pin(clinic, tmp_path, monkeypatch, capsys):
    owner_url, pcs_url = clinic
    with Store.open(tmp_path / "pc", url=pcs_url, create=False) as store:
        play(store)
        store.set_app_setting("sound_on", False)
        store.set_exercise_settings(store.get_client("C-0001"), "digit_span", target_rate=0.8, locked_level=None)
        plan = Plan("Mornings", (PlanItem("breathing", minutes=2.0),))
        store.save_plan(plan)
        store.save_plan(Plan("Evenings", plan.items), replacing="Mornings")
        assert store.delete_plan("Evenings")
        ana = NamedTherapistLock(store, store.get_therapist("Ana"), cost=CHEAP)
        assert not ana.check("9999", T0).accepted and ana.failed_tries() == 1  # the lock counts
        assert ana.change_pin("1111", "2222", T0).accepted and ana.check("2222", T0).accepted
        NamedTherapistLock(store, None, cost=CHEAP, new_name="Ben").set_pin("3333", T0)
        store.act_as(Actor(store.get_therapist("Ben").id, "Ben", "launcher"))
        for kind in PG_READY_KINDS:
            assert export_kind(kind, store, [], tmp_path / f"{kind}.csv") >= 1
        with pytest.raises(PermissionRefused):
            ana.remove()
        assert ana.is_set() and ana.check("2222", T0).accepted  # nothing was lost
        for sql in ("DELETE FROM audit", "UPDATE audit SET detail = ''", "UPDATE therapists SET name = 'Eve'",
                    "DELETE FROM trials", "INSERT INTO schema_version (version) VALUES (99)",
                    "CREATE TABLE extra (id TEXT)"):
            with pytest.raises(PermissionRefused):
                store.connection.write(sql, ())
        n_audit = len(store.recent_audit())
    monkeypatch.setattr(cli_pin, "open_store", lambda args, create=True: Store.open(tmp_path / "pc", create, url=pcs_url))
    assert cli.main(["pin", "--remove", "--therapist", "Ana", "--data-dir", str(tmp_path / "pc")]) == 2
    assert capsys.readouterr().err.strip() == f"cogsuite: error: {cli_pin.REFUSED_PIN_REMOVAL}"
    with Store.open(tmp_path / "owner", url=owner_url) as store:
        assert store.get_therapist("Ana").has_pin and len(store.recent_audit()) == n_audit


def test_the_databases_owner_removes_a_pin_and_the_audit_says_so(clinic, tmp_path, monkeypatch, capsys):
    owner_url, _ = clinic
    monkeypatch.setattr(cli_pin, "open_store", lambda args, create=True: Store.open(tmp_path / "o", create, url=owner_url))
    assert cli.main(["pin", "--remove", "--therapist", "ana", "--data-dir", str(tmp_path / "o")]) == 0
    assert capsys.readouterr().out.strip() == "Ana's PIN is removed; they choose a new one when they next sign in."
    assert cli.main(["pin", "--remove", "--data-dir", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.strip() == "cogsuite: error: Say whose PIN to remove: --therapist NAME (the therapists: Ana)."
    assert cli.main(["pin", "--remove", "--therapist", "Zoe", "--data-dir", str(tmp_path / "o")]) == 2
    assert "There is no therapist called 'Zoe'" in capsys.readouterr().err
    with Store.open(tmp_path / "o", url=owner_url) as store:
        assert not store.get_therapist("Ana").has_pin
        last = store.recent_audit(limit=1)[0]
        assert (last.who, last.action, last.detail) == ("Command line", "pin_removed", "Ana's PIN")
