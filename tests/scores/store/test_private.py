"""The data folder and everything cogsuite writes are private to the account (0700 / 0600)."""

import os
import stat
import sys

import pytest

from games.cli import main
from scores.export.csvfile import write_csv, write_text_atomically
from scores.store.private import private_folder
from scores.store.store import Store

pytestmark = [
    pytest.mark.sqlite_only,  # the SQLite file itself: its permissions and its companions'
    pytest.mark.skipif(sys.platform == "win32", reason="Windows has no POSIX permission bits"),
]


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def everything_below(folder):
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            yield os.path.join(root, name)
        for name in files:
            yield os.path.join(root, name)


def test_a_new_store_its_companions_and_the_log_are_private(tmp_path, capsys):
    data, out = tmp_path / "d", tmp_path / "mine"
    out.mkdir()
    assert main(["simulate", "--exercise", "stroop", "--trials", "5", "--seed", "1", "--data-dir", str(data)]) == 0
    for kind in ("trials", "runs"):
        assert main(["export", "--kind", kind, "--data-dir", str(data), "--out", str(out / f"{kind}.csv")]) == 0
    assert main(["report", "--client", "simulated", "--data-dir", str(data), "--out", str(out / "r.html")]) == 0
    assert mode(data) == 0o700
    below = list(everything_below(data))
    assert {os.path.basename(p) for p in below} >= {"cogsuite.sqlite3", "cogsuite.log"}
    for path in below:
        assert mode(path) == (0o700 if os.path.isdir(path) else 0o600), path
    for name in ("trials.csv", "runs.csv", "r.html"):  # a folder of the user's choosing: still 0600
        assert mode(out / name) == 0o600


def test_an_older_store_open_to_everyone_is_made_private_on_open(tmp_path):
    data = tmp_path / "d"
    Store.open(data).close()
    os.chmod(data, 0o755)
    for path in data.iterdir():
        os.chmod(path, 0o644)
    with Store.open(data) as store:
        store.add_client("C-1")
        assert mode(data) == 0o700
        for path in data.iterdir():
            assert mode(path) == 0o600, path


def test_exports_are_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        write_csv(tmp_path / "a.csv", ["x"], [{"x": 1}])
        write_text_atomically(tmp_path / "b.html", "<p>hi</p>")
        folder = private_folder(tmp_path / "exports" / "deeper")
    finally:
        os.umask(old)
    assert mode(tmp_path / "a.csv") == mode(tmp_path / "b.html") == 0o600
    assert mode(folder) == 0o700


def test_replacing_an_export_open_to_everyone_makes_it_private(tmp_path):
    target = tmp_path / "a.csv"
    target.write_text("old")
    os.chmod(target, 0o644)
    write_csv(target, ["x"], [{"x": 1}])
    assert mode(target) == 0o600
