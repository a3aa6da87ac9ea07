"""The command line's acts are audited, and `cogsuite export --kind audit` writes them."""

from __future__ import annotations

import csv
import json

import pytest
from datetime import datetime, timezone

from games.cli import main
from scores.clinic.pin import ScryptCost, TherapistLock
from scores.store.store import Store


def audit_rows(path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))


def test_every_command_that_exports_reports_or_changes_is_in_the_audit_export(tmp_path, capsys):
    data = str(tmp_path / "data")
    with Store.open(tmp_path / "data") as store:
        store.add_client("C-1", "Ann")
        TherapistLock(store, cost=ScryptCost(2**4, 8, 1)).set_pin("1234", datetime.now(timezone.utc))
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"format": "cogsuite-plan", "version": 1, "name": "Short", "items": [{"kind": "breathing", "minutes": 2}]}), encoding="utf-8")
    commands = [
        ["settings", "--client", "C-1", "--exercise", "stroop", "--lock-level", "3"],
        ["settings", "--client", "C-1", "--exercise", "stroop"],  # shows; changes nothing
        ["export", "--kind", "runs", "--client", "C-1", "--since", "2024-01-01", "--out", str(tmp_path / "r.csv")],
        ["export", "--kind", "dictionary", "--out", str(tmp_path / "d.csv")],  # no records: not audited
        ["report", "--client", "C-1", "--out", str(tmp_path / "c1.html")],
        ["plan", "import", str(plan)], ["plan", "delete", "Short"],
        ["pin", "--remove"],
        ["export", "--kind", "audit", "--include-names", "--out", str(tmp_path / "audit.csv")],
    ]
    for argv in commands:
        assert main([*argv, "--data-dir", data]) == 0, argv
    assert "Wrote 6 audit rows" in capsys.readouterr().out
    rows = audit_rows(tmp_path / "audit.csv")
    assert [(r["action"], r["client_id"], r["display_name"]) for r in rows] == [
        ("settings", "C-1", "Ann"), ("export", "C-1", "Ann"), ("report", "C-1", "Ann"),
        ("plan_edit", "", ""), ("plan_delete", "", ""), ("pin_removed", "", ""),
    ]
    assert {(r["who"], r["via"], r["therapist"]) for r in rows} == {("Command line", "command line", "")}
    assert rows[1]["detail"] == "runs to r.csv: 0 rows, from 2024-01-01"
    assert rows[2]["detail"] == "c1.html" and rows[5]["detail"] == "this PC's therapist PIN"
    assert main(["export", "--kind", "audit", "--out", str(tmp_path / "again.csv"), "--data-dir", data]) == 0
    assert audit_rows(tmp_path / "again.csv")[-1]["detail"].startswith("audit to audit.csv: 6 rows")


def test_naming_a_therapist_on_one_pcs_store_is_one_line_and_removes_nothing(tmp_path, capsys):
    with Store.open(tmp_path) as store:
        TherapistLock(store, cost=ScryptCost(2**4, 8, 1)).set_pin("1234", datetime.now(timezone.utc))
    assert main(["pin", "--remove", "--therapist", "Ana", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "one therapist PIN" in err and "leave out --therapist" in err
    with Store.open(tmp_path) as store:
        assert TherapistLock(store).is_set() and store.recent_audit() == []


def test_a_workbook_export_is_one_audit_row_naming_its_sheets(tmp_path, capsys):
    pytest.importorskip("openpyxl", reason="openpyxl (the test extra) writes the workbook")
    data = str(tmp_path / "data")
    assert main(["simulate", "--exercise", "stroop", "--trials", "6", "--client", "C-1", "--seed", "3",
                 "--data-dir", data]) == 0
    assert main(["export", "--format", "xlsx", "--out", str(tmp_path / "all.xlsx"), "--data-dir", data]) == 0
    with Store.open(tmp_path / "data") as store:
        (entry,) = store.recent_audit()
    assert (entry.who, entry.action, entry.client) == ("Command line", "export", "")
    assert entry.detail.startswith("workbook to all.xlsx: trials 6 rows, runs 1 rows, sessions 1 rows")
    assert "audit" not in entry.detail  # the audit goes into a workbook only when asked for


def test_a_client_bundle_leaving_the_pc_is_audited_as_an_export(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert main(["simulate", "--exercise", "stroop", "--trials", "5", "--client", "C-7", "--seed", "4",
                 "--data-dir", data]) == 0
    assert main(["bundle", "export", "--client", "C-7", "--new-passphrase", "--out", str(tmp_path / "c7.cogsuite"),
                 "--data-dir", data]) == 0
    with Store.open(tmp_path / "data") as store:
        (entry,) = store.recent_audit()
    assert (entry.action, entry.client, entry.detail) == ("export", "C-7", "bundle to c7.cogsuite: 1 runs, 5 trials")
