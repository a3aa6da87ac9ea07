"""``--store URL`` and ``$COGSUITE_STORE`` on every command, ``cogsuite store migrate``, and the one
line each wrong form of them gets."""

import json
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from games.cli import main
from scores.clinic.pin import ScryptCost, hash_pin
from scores.store.store import Store

QUICK = ScryptCost(n=2**4, r=8, p=1)  # a PIN record made for the test, not guessed at

BAD_FORMS = ["/tmp/cogsuite.sqlite3", "postgress://host/db", "", "  ", "sqlite:///x.db", "cogsuite"]


def ok(capsys, *argv) -> str:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def fails(capsys, *argv) -> str:
    """Runs a command that must fail with exit 2 and one line on stderr; returns that line."""
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert code == 2, captured
    assert captured.err.count("\n") == 1 and captured.err.startswith("cogsuite: error:"), captured.err
    return captured.err


@pytest.fixture
def no_env_store(monkeypatch):
    monkeypatch.delenv("COGSUITE_STORE", raising=False)


def test_every_command_works_on_a_server(tmp_path, capsys, pg_url, no_env_store):
    local = tmp_path / "pc"
    on = ("--store", pg_url, "--data-dir", local)
    ok(capsys, "simulate", "--exercise", "sequence_recall", "--trials", 15, "--client", "C-1", "--seed", 1, *on)
    ok(capsys, "simulate", "--plan", "Focus 10 minutes", "--client", "C-1", "--seed", 1, *on)
    assert "locked at 3" in ok(capsys, "settings", "--client", "C-1", "--exercise", "sequence_recall",
                               "--lock-level", 3, *on)
    for kind in ("trials", "runs", "sessions", "items"):
        assert "Wrote" in ok(capsys, "export", "--kind", kind, "--out", tmp_path / f"{kind}.csv", *on)
    trials = (tmp_path / "trials.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(trials) > 15 and "C-1" in trials[1]
    ok(capsys, "report", "--client", "C-1", "--out", tmp_path / "r.html", *on)
    assert "C-1" in (tmp_path / "r.html").read_text(encoding="utf-8")
    ok(capsys, "plan", "export", "Focus 10 minutes", "--out", tmp_path / "p.json", *on)
    plan = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    plan["name"] = "Room 2"
    (tmp_path / "p.json").write_text(json.dumps(plan), encoding="utf-8")
    ok(capsys, "plan", "import", tmp_path / "p.json", *on)
    assert "Room 2  (saved" in ok(capsys, "plan", "list", *on)
    assert "Room 2" in ok(capsys, "plan", "show", "Room 2", *on)
    ok(capsys, "plan", "delete", "Room 2", *on)
    with Store.open(local, url=pg_url) as store:  # a shared store's PINs are each therapist's own
        store.add_therapist("Sam Rivera", hash_pin("2468", datetime.now(timezone.utc), QUICK))
    ok(capsys, "pin", "--remove", "--therapist", "Sam Rivera", *on)
    with Store.open(local, url=pg_url) as store:
        assert store.therapist_pin(store.get_therapist("Sam Rivera").id) is None
    # the PC's data folder keeps the log and no store file of its own
    assert (local / "cogsuite.log").exists() and not (local / "cogsuite.sqlite3").exists()


def test_the_environment_names_the_server_and_the_option_wins(tmp_path, capsys, pg_url, monkeypatch):
    monkeypatch.setenv("COGSUITE_STORE", pg_url)
    data = ("--data-dir", tmp_path / "pc")
    ok(capsys, "simulate", "--exercise", "sequence_recall", "--trials", 10, "--client", "E", "--seed", 1, *data)
    assert not (tmp_path / "pc" / "cogsuite.sqlite3").exists()
    monkeypatch.delenv("COGSUITE_STORE")
    assert "Wrote 10 trials" in ok(capsys, "export", "--out", tmp_path / "t.csv", "--store", pg_url, *data)
    monkeypatch.setenv("COGSUITE_STORE", "postgress://typo")  # a wrong environment, overridden
    assert "Wrote 10 trials" in ok(capsys, "export", "--out", tmp_path / "t.csv", "--force", "--store", pg_url, *data)
    monkeypatch.setenv("COGSUITE_STORE", pg_url)  # a wrong option is not replaced by the environment
    err = fails(capsys, "export", "--out", tmp_path / "u.csv", "--store", "postgress://typo", *data)
    assert "--store must be" in err and not (tmp_path / "u.csv").exists()
    monkeypatch.setenv("COGSUITE_STORE", "")  # empty: as if unset, the data file as always
    ok(capsys, "simulate", "--exercise", "sequence_recall", "--trials", 1, "--seed", 1, "--data-dir", tmp_path / "pc2")
    assert (tmp_path / "pc2" / "cogsuite.sqlite3").exists()


@pytest.mark.parametrize("form", BAD_FORMS)
@pytest.mark.parametrize("argv", [["simulate", "--exercise", "sequence_recall", "--trials", "3"], ["exercises"],
                                  ["export", "--out", "OUT"], ["backup", "list"], ["store", "migrate"], []])
def test_a_store_that_is_no_server_url_is_one_line_and_nothing_is_made(tmp_path, capsys, no_env_store, form, argv):
    argv = [str(tmp_path / "out.csv") if a == "OUT" else a for a in argv]
    err = fails(capsys, *argv, "--store", form, "--data-dir", tmp_path / "d")
    assert "--store must be" in err and "postgresql://" in err and repr(form) in err
    assert not (tmp_path / "d").exists() and not (tmp_path / "out.csv").exists()


def test_a_url_libpq_cannot_read_is_one_line_without_its_password(tmp_path, capsys, no_env_store):
    err = fails(capsys, "export", "--out", tmp_path / "t.csv", "--store", "postgresql://a b:pw@/x?host=/none",
                "--data-dir", tmp_path / "d")
    assert "not a PostgreSQL URL" in err and "pw@" not in err and not (tmp_path / "d").exists()
    err = fails(capsys, "export", "--out", tmp_path / "t.csv", "--store", "postgress://it:pw@db/x",
                "--data-dir", tmp_path / "d")
    assert "postgress://it:***@db/x" in err and "pw@" not in err


def test_the_options_may_come_before_the_command(tmp_path, capsys, pg_url, no_env_store):
    ok(capsys, "--store", pg_url, "--data-dir", tmp_path / "d", "simulate", "--exercise", "sequence_recall",
       "--trials", 4, "--seed", 1)
    assert not (tmp_path / "d" / "cogsuite.sqlite3").exists()
    assert "Wrote 4 trials" in ok(capsys, "--store", pg_url, "export", "--out", tmp_path / "t.csv")
    assert "Focus 10 minutes  (ready" in ok(capsys, "--data-dir", tmp_path / "d", "plan", "--store", pg_url, "list")


def test_a_wrong_environment_value_is_named(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COGSUITE_STORE", str(tmp_path / "cogsuite.sqlite3"))
    err = fails(capsys, "export", "--out", tmp_path / "t.csv", "--data-dir", tmp_path / "d")
    assert "COGSUITE_STORE must be" in err and not (tmp_path / "d").exists()


def test_an_unreachable_server_is_named_without_its_password(tmp_path, capsys, no_env_store):
    url = f"postgresql://clinic:s3cret@/cogsuite?host={tmp_path}/no-such-folder"
    for argv in (["export", "--out", str(tmp_path / "t.csv")], ["simulate", "--exercise", "sequence_recall"],
                 ["store", "migrate"], ["store", "copy", "--to-data-dir", str(tmp_path / "b")]):
        err = fails(capsys, *argv, "--store", url, "--data-dir", tmp_path / "d")
        assert "not reachable" in err and "postgresql://clinic:***@/cogsuite" in err and "s3cret" not in err
    assert not (tmp_path / "t.csv").exists() and not (tmp_path / "b").exists()


def test_a_server_without_its_driver_says_what_to_install(tmp_path, capsys, monkeypatch, no_env_store):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    for argv in (["export", "--out", str(tmp_path / "t.csv")], ["store", "migrate"],
                 ["store", "copy", "--to", "postgresql:///x"]):
        err = fails(capsys, *argv, "--store", "postgresql:///cogsuite?service=clinic", "--data-dir", tmp_path / "d")
        assert "cogsuite[clinic]" in err


@pytest.mark.parametrize("action", [["now"], ["list"], ["restore", "cogsuite-2026-01-01-000000.sqlite3"]])
def test_backup_of_a_server_points_to_its_own_tools(tmp_path, capsys, action, no_env_store):
    err = fails(capsys, "backup", *action, "--store", "postgresql://it:pw@db.clinic/cogsuite", "--data-dir", tmp_path)
    assert "pg_dump" in err and "pw@" not in err and not list(tmp_path.iterdir())


def test_migrate_brings_an_older_server_up_once(tmp_path, capsys, pg_url, no_env_store):
    from scores.store.database import MIGRATIONS
    from scores.store.postgres import PgConnection

    old = PgConnection(pg_url)
    old.migrate(2)  # a server a cogsuite of data format 2 made
    old.close()
    err = fails(capsys, "export", "--out", tmp_path / "t.csv", "--store", pg_url, "--data-dir", tmp_path)
    assert "store migrate" in err
    out = ok(capsys, "store", "migrate", "--store", pg_url, "--data-dir", tmp_path)
    assert f"from data format 2 to {len(MIGRATIONS)}" in out
    out = ok(capsys, "store", "migrate", "--store", pg_url, "--data-dir", tmp_path)
    assert "already current" in out
    ok(capsys, "simulate", "--exercise", "sequence_recall", "--trials", 3, "--store", pg_url, "--data-dir", tmp_path)


def test_migrate_as_the_pcs_own_user_is_refused_clearly(tmp_path, capsys, pg_server, pg_url, no_env_store):
    from scores.store.postgres import PgConnection

    database = pg_url.split("@/")[1].split("?")[0]
    old = PgConnection(pg_url)
    old.migrate(2)
    old.close()
    role = f"pc_{database[-8:]}"
    pg_server.psql(f'CREATE ROLE {role} LOGIN; GRANT CONNECT ON DATABASE "{database}" TO {role}; '
                   f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {role}", database)
    err = fails(capsys, "store", "migrate", "--store", pg_server.url(database, role), "--data-dir", tmp_path)
    assert role in err and "owner" in err
    assert "2" == pg_server.psql("SELECT max(version) FROM schema_version", database).strip()


def test_migrate_without_a_server_says_the_data_file_is_brought_up_to_date_on_open(tmp_path, capsys, no_env_store):
    ok(capsys, "simulate", "--exercise", "sequence_recall", "--trials", 3, "--data-dir", tmp_path)
    out = ok(capsys, "store", "migrate", "--data-dir", tmp_path)
    assert "whenever cogsuite opens it" in out and "--store URL" in out
    err = fails(capsys, "store", "migrate", "--data-dir", tmp_path / "none")
    assert "no cogsuite data" in err


def test_the_launcher_opens_on_a_server(tmp_path, pg_url):
    env = dict(os.environ, COGSUITE_EXIT_AFTER_FIRST_FRAME="1", SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               COGSUITE_STORE=pg_url)
    done = subprocess.run([sys.executable, "-m", "games", "--data-dir", str(tmp_path / "d")],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "d" / "cogsuite.sqlite3").exists()
    assert "launcher opened on the clinic database" in (tmp_path / "d" / "cogsuite.log").read_text(encoding="utf-8")
