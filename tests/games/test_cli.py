"""The command line: the contract's commands, and one clear line with exit status 2 for bad input."""

import csv
import os
import subprocess
import sys
import time

import pytest

from games.cli import main

TRIAL_COLUMNS = ["client_id", "session_id", "run_id", "exercise", "domain", "trial_index", "started_at",
                 "level", "stimulus", "response", "correct", "rt_ms", "timed_out"]
RUN_COLUMNS = ["run_id", "client_id", "session_id", "exercise", "domain", "started_at", "start_level",
               "end_level", "ability", "ability_se", "accuracy", "median_rt_ms", "n_trials", "duration_s"]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def fails_with_one_line(capsys, argv, *words):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cogsuite"), err
    for word in words:
        assert word in err
    return err


def test_exercises_lists_id_domain_title(capsys):
    assert main(["exercises"]) == 0
    out = capsys.readouterr().out
    assert "sequence_recall" in out and "memory" in out and "Sequence Recall" in out


def test_simulate_then_export_trials_and_runs(tmp_path, capsys):
    data = str(tmp_path / "d")
    assert main(["simulate", "--exercise", "sequence_recall", "--trials", "40", "--ability", "0.9",
                 "--seed", "4", "--data-dir", data]) == 0
    assert main(["simulate", "--exercise", "sequence_recall", "--trials", "40", "--ability", "0.3",
                 "--seed", "4", "--data-dir", data, "--client", "weak"]) == 0
    assert main(["export", "--data-dir", data, "--out", str(tmp_path / "t.csv"), "--client", "simulated"]) == 0
    trials = read_csv(tmp_path / "t.csv")
    assert len(trials) == 40
    assert list(trials[0])[: len(TRIAL_COLUMNS)] == TRIAL_COLUMNS
    assert "+00:00" in trials[0]["started_at"] and trials[0]["correct"] in ("true", "false")
    assert int(trials[-1]["level"]) > int(trials[0]["level"])
    assert main(["export", "--data-dir", data, "--kind", "runs", "--out", str(tmp_path / "r.csv")]) == 0
    runs = {r["client_id"]: r for r in read_csv(tmp_path / "r.csv")}
    assert set(RUN_COLUMNS) <= set(next(iter(runs.values())))
    strong, weak = runs["simulated"], runs["weak"]
    assert int(strong["end_level"]) > int(strong["start_level"])
    assert int(weak["end_level"]) < int(strong["end_level"])
    assert strong["longest_span"] and strong["seed"] == "4"


def test_trial_export_reads_into_pandas_with_proper_types(tmp_path):
    import pandas as pd

    data = str(tmp_path / "d")
    assert main(["simulate", "--exercise", "sequence_recall", "--trials", "15", "--seed", "2", "--data-dir", data]) == 0
    assert main(["export", "--data-dir", data, "--out", str(tmp_path / "t.csv")]) == 0
    frame = pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")
    assert len(frame) == 15 and frame["correct"].dtype == bool and frame["timed_out"].dtype == bool
    assert frame["level"].dtype.kind == "i" and frame["rt_ms"].dtype.kind == "f"
    started = pd.to_datetime(frame["started_at"], format="ISO8601")
    assert started.dt.tz is not None and started.is_monotonic_increasing


def test_dictionary_export_describes_the_trial_columns(tmp_path):
    assert main(["export", "--kind", "dictionary", "--out", str(tmp_path / "dd.csv")]) == 0
    rows = read_csv(tmp_path / "dd.csv")
    trial_names = {r["column"] for r in rows if r["table"] == "trials"}
    assert set(TRIAL_COLUMNS) | {"tap_times_ms", "first_error_position"} <= trial_names


@pytest.mark.parametrize("name", ["x" * 200, 'say "hi"', "Zoë 🙂", "a/b\\c", "../../etc", "=cmd|' /C calc'!A0"])
def test_strange_client_names_are_stored_as_typed(tmp_path, capsys, name):
    data = str(tmp_path / "d")
    assert main(["simulate", "--exercise", "sequence_recall", "--trials", "3", "--client", name, "--data-dir", data]) == 0
    assert main(["export", "--data-dir", data, "--out", str(tmp_path / "t.csv"), "--client", name]) == 0
    rows = read_csv(tmp_path / "t.csv")
    stored = rows[0]["client_id"]
    assert stored == name or (stored == "'" + name and name[0] in "=+-@")  # neutralised for spreadsheets


@pytest.mark.parametrize("name, reason", [("x" * 201, "200"), ("tab\there", "control"), ("   ", "empty")])
def test_refused_client_names_say_why(tmp_path, capsys, name, reason):
    fails_with_one_line(capsys, ["simulate", "--exercise", "sequence_recall", "--client", name,
                                 "--data-dir", str(tmp_path)], reason)


def test_unknown_exercise(tmp_path, capsys):
    fails_with_one_line(capsys, ["simulate", "--exercise", "chess", "--data-dir", str(tmp_path)], "chess", "sequence_recall")


def test_data_dir_that_is_a_file(tmp_path, capsys):
    target = tmp_path / "file"
    target.write_text("keep me")
    fails_with_one_line(capsys, ["export", "--data-dir", str(target), "--out", str(tmp_path / "o.csv")], "file")
    assert target.read_text() == "keep me"


def test_corrupt_store_is_reported_and_left_untouched(tmp_path, capsys):
    (tmp_path / "cogsuite.sqlite3").write_bytes(b"not a database at all" * 100)
    before = (tmp_path / "cogsuite.sqlite3").read_bytes()
    fails_with_one_line(capsys, ["simulate", "--exercise", "sequence_recall", "--data-dir", str(tmp_path)])
    assert (tmp_path / "cogsuite.sqlite3").read_bytes() == before


def test_unwritable_export_path_loses_nothing(tmp_path, capsys):
    data = str(tmp_path / "d")
    assert main(["simulate", "--exercise", "sequence_recall", "--trials", "2", "--data-dir", data]) == 0
    fails_with_one_line(capsys, ["export", "--data-dir", data, "--out", str(tmp_path / "no" / "such" / "t.csv")], "t.csv")
    fails_with_one_line(capsys, ["export", "--data-dir", data, "--out", str(tmp_path)])
    assert main(["export", "--data-dir", data, "--out", str(tmp_path / "t.csv")]) == 0
    assert len(read_csv(tmp_path / "t.csv")) == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["simulate", "--exercise", "sequence_recall", "--ability", "1.5"],
        ["simulate", "--exercise", "sequence_recall", "--ability", "abc"],
        ["simulate", "--exercise", "sequence_recall", "--trials", "0"],
        ["simulate"],
        ["export", "--out", "x.csv", "--since", "yesterday"],
        ["export", "--out", "x.csv", "--kind", "everything"],
        ["--font-scale", "9"],
        ["frobnicate"],
    ],
)
def test_bad_arguments_give_one_line_and_status_2(tmp_path, capsys, argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv + ["--data-dir", str(tmp_path)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error" in err


def test_export_for_a_missing_client(tmp_path, capsys):
    assert main(["simulate", "--exercise", "sequence_recall", "--trials", "1", "--data-dir", str(tmp_path)]) == 0
    fails_with_one_line(capsys, ["export", "--data-dir", str(tmp_path), "--client", "nobody", "--out", str(tmp_path / "o.csv")], "nobody")


@pytest.mark.parametrize("argv", [["--help"], ["simulate", "--help"], ["export", "--help"], ["exercises", "--help"]])
def test_help_works_everywhere(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0 and "usage" in capsys.readouterr().out


def test_data_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COGSUITE_DATA_DIR", str(tmp_path / "env"))
    assert main(["simulate", "--exercise", "sequence_recall", "--trials", "1"]) == 0
    assert (tmp_path / "env" / "cogsuite.sqlite3").exists()


def test_launcher_starts_headless_and_waits_for_input(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    proc = subprocess.Popen([sys.executable, "-m", "games", "--data-dir", str(tmp_path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log = tmp_path / "cogsuite.log"
    try:
        # wait until the launcher says it opened (or the process ends); then it must still be waiting
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            if log.exists() and "launcher opened" in log.read_text():
                break
            time.sleep(0.05)
        time.sleep(0.2)  # a start-up that fails just after opening has had time to do it
        assert proc.poll() is None, proc.communicate()
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert "Traceback" not in err
    assert "launcher opened" in log.read_text()


def test_launcher_without_a_display_says_so_in_one_line(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="no-such-driver")
    done = subprocess.run([sys.executable, "-m", "games", "--data-dir", str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Cannot open a window" in done.stderr


def test_settings_lock_target_and_unlock(tmp_path, capsys):
    data = str(tmp_path / "d")
    assert main(["simulate", "--exercise", "sequence_recall", "--trials", "5", "--data-dir", data, "--client", "C-7"]) == 0
    assert main(["settings", "--data-dir", data, "--client", "C-7", "--exercise", "sequence_recall",
                 "--lock-level", "4", "--target", "0.85"]) == 0
    assert "85%" in capsys.readouterr().out
    assert main(["simulate", "--exercise", "sequence_recall", "--trials", "6", "--data-dir", data, "--client", "C-7"]) == 0
    assert "(lock)" in capsys.readouterr().out
    assert main(["settings", "--data-dir", data, "--client", "C-7", "--exercise", "sequence_recall", "--unlock"]) == 0
    assert "adapts" in capsys.readouterr().out
    assert main(["simulate", "--exercise", "sequence_recall", "--trials", "5", "--data-dir", data, "--client", "C-7"]) == 0
    assert "(resume)" in capsys.readouterr().out
    fails_with_one_line(capsys, ["settings", "--data-dir", data, "--client", "C-7", "--exercise", "sequence_recall",
                                 "--target", "1.5"], "target")
    fails_with_one_line(capsys, ["settings", "--data-dir", data, "--client", "C-7", "--exercise", "sequence_recall",
                                 "--lock-level", "40"], "40")
    fails_with_one_line(capsys, ["settings", "--data-dir", data, "--client", "nobody", "--exercise", "sequence_recall"],
                        "nobody")


@pytest.mark.parametrize("command", ["export", "report"])
def test_help_says_dates_are_this_pcs_local_dates(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "this PC's calendar (its local time zone)" in out and "on or after this local date" in out
