"""`cogsuite plan ...` and `cogsuite simulate --plan`: plans as files, refused with the problem named."""

import json

import pytest

from games.cli import main
from scores.store.store import Store

from test_cli import fails_with_one_line, read_csv


@pytest.fixture
def data(tmp_path):
    """A data folder with an empty store (the read commands refuse a folder that has none)."""
    Store.open(tmp_path / "d").close()
    return str(tmp_path / "d")


def plan_file(tmp_path, name="Tuesday", **item):
    path = tmp_path / f"{name}.json"
    items = [{"kind": "mood"}, {"kind": "exercise", "exercise": "flanker", "minutes": 2, **item},
             {"kind": "breathing", "minutes": 1}, {"kind": "mood"}]
    path.write_text(json.dumps({"format": "cogsuite-plan", "version": 1, "name": name, "items": items}))
    return path


def store_snapshot(data):
    with Store.open(data) as store:
        return [tuple(row) for row in store.select("SELECT name, plan_json FROM plans ORDER BY name")]


def test_list_and_show_the_ready_plans(data, capsys):
    assert main(["plan", "list", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "Mixed 15 minutes  (ready, 15 min, 6 items)" in out and "Memory 20 minutes" in out
    assert main(["plan", "show", "mixed 15 MINUTES", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "2. sequence_recall, 4 min" in out and "breathing break, 2 min (in 4 s, out 6 s)" in out


def test_import_export_round_trip_and_delete(data, tmp_path, capsys):
    assert main(["plan", "import", str(plan_file(tmp_path, level=3)), "--data-dir", data]) == 0
    out = tmp_path / "out.json"
    assert main(["plan", "export", "Tuesday", "--out", str(out), "--data-dir", data]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["items"][1] == {"kind": "exercise", "exercise": "flanker", "minutes": 2.0, "level": 3}
    fails_with_one_line(capsys, ["plan", "import", str(out), "--data-dir", data], "already the name", "--replace")
    assert main(["plan", "import", str(out), "--replace", "--data-dir", data]) == 0
    assert main(["plan", "delete", "Tuesday", "--data-dir", data]) == 0
    assert store_snapshot(data) == []
    fails_with_one_line(capsys, ["plan", "delete", "Mixed 15 minutes", "--data-dir", data], "ready plan")


@pytest.mark.parametrize("content, words", [
    ("not json at all", ["not a cogsuite plan", "not JSON"]),
    ('{"name": "x", "items": []}', ["not a cogsuite plan", "format"]),
    ('{"format": "cogsuite-plan", "version": 1, "name": "x", "items": [{"kind": "exercise", "exercise": "chess", "minutes": 3}]}',
     ["Item 1", "no exercise 'chess'"]),
    ('{"format": "cogsuite-plan", "version": 1, "name": "x", "items": [{"kind": "breathing", "minutes": -2}]}',
     ["Item 1", "'minutes'", "-2"]),
    ('{"format": "cogsuite-plan", "version": 1, "name": "x", "items": [{"kind": "exercise", "exercise": "flanker", "minutes": 2, "level": 99}]}',
     ["Item 1", "level 99"]),
])
def test_bad_plan_files_are_refused_naming_the_problem_and_change_nothing(data, tmp_path, capsys, content, words):
    assert main(["plan", "import", str(plan_file(tmp_path, "Keep")), "--data-dir", data]) == 0
    before = store_snapshot(data)
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    fails_with_one_line(capsys, ["plan", "import", str(bad), "--data-dir", data], "bad.json", *words)
    fails_with_one_line(capsys, ["simulate", "--plan", str(bad), "--data-dir", data], *words)
    assert store_snapshot(data) == before


def test_simulate_a_plan_by_name_records_a_session_the_export_shows(data, tmp_path, capsys):
    assert main(["simulate", "--plan", "Mixed 15 minutes", "--client", "C-9", "--ability", "0.6",
                 "--seed", "4", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "mood check: mood" in out and "tower_of_london" in out
    sessions = tmp_path / "s.csv"
    assert main(["export", "--kind", "sessions", "--out", str(sessions), "--data-dir", data]) == 0
    [row] = read_csv(sessions)
    assert (row["client_id"], row["plan_name"], row["stopped_early"], row["n_items"]) == ("C-9", "Mixed 15 minutes", "false", "6")
    assert 15 * 60 <= float(row["active_s"]) < 15 * 60 + 60 + 60  # two mood checks of 20 s, and the last trials
    items = tmp_path / "i.csv"
    assert main(["export", "--kind", "items", "--out", str(items), "--data-dir", data]) == 0
    assert [r["kind"] for r in read_csv(items)] == ["mood", "exercise", "exercise", "breathing", "exercise", "mood"]


def test_simulate_a_plan_file_and_wrong_arguments(data, tmp_path, capsys):
    assert main(["simulate", "--plan", str(plan_file(tmp_path)), "--data-dir", data, "--seed", "1"]) == 0
    fails_with_one_line(capsys, ["simulate", "--plan", "Nothing like it", "--data-dir", data], "no plan called")
    fails_with_one_line(capsys, ["simulate", "--plan", "Mixed 15 minutes", "--trials", "3", "--data-dir", data], "--trials")
    for argv, words in ((["simulate", "--plan", "x", "--exercise", "flanker"], "not allowed"),
                        (["simulate"], "one of the arguments"), (["plan"], "required"),
                        (["plan", "export", "Mixed 15 minutes"], "--out")):
        with pytest.raises(SystemExit) as exit_info:
            main(argv + ["--data-dir", data])
        err = capsys.readouterr().err
        assert exit_info.value.code == 2 and err.count("\n") == 1 and words in err


@pytest.mark.parametrize("argv", [["plan", "--help"], ["plan", "import", "--help"], ["report", "--help"]])
def test_help_works_for_the_new_commands(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0 and "usage" in capsys.readouterr().out
