"""``cogsuite store copy``: a played PC's data onto a clinic's server and back, twice, and after more play."""

import re

import pytest

from games.cli import main
from scores.store.copy import schema_tables

TABLE_LINE = re.compile(r"^(\w+)\s+([\d,]+) in this store\s+([\d,]+) copied now\s+([\d,]+) already there")
EXPORT_KINDS = ("trials", "runs", "sessions", "items")


def ok(capsys, *argv) -> str:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def fails(capsys, *argv) -> tuple[str, str]:
    """Runs a command that must fail with exit 2 and one line on stderr; returns (stdout, that line)."""
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert code == 2, captured
    assert captured.err.count("\n") == 1 and captured.err.startswith("cogsuite: error:"), captured.err
    return captured.out, captured.err


def table_counts(out: str) -> dict[str, tuple[int, int, int]]:
    """{table: (in source, copied now, already there)} from a copy's report."""
    found = {}
    for line in out.splitlines():
        match = TABLE_LINE.match(line)
        if match:
            found[match[1]] = tuple(int(n.replace(",", "")) for n in match.groups()[1:])
    return found


def play(capsys, data, *more):
    ok(capsys, "simulate", "--exercise", "sequence_recall", "--trials", 20, "--seed", 5, "--data-dir", data, *more)


def played_store(capsys, data):
    """A data folder as a PC leaves it: a plan's session with mood checks, runs, settings, a saved plan."""
    ok(capsys, "simulate", "--plan", "Focus 10 minutes", "--client", "C-0001", "--seed", 2, "--data-dir", data)
    play(capsys, data, "--client", "C-0002")
    ok(capsys, "settings", "--client", "C-0002", "--exercise", "sequence_recall", "--target", "0.8", "--data-dir", data)
    ok(capsys, "plan", "export", "Focus 10 minutes", "--out", data.parent / "p.json", "--data-dir", data)
    text = (data.parent / "p.json").read_text(encoding="utf-8").replace("Focus 10 minutes", "Our plan")
    (data.parent / "p.json").write_text(text, encoding="utf-8")
    ok(capsys, "plan", "import", data.parent / "p.json", "--data-dir", data)


def exports(capsys, tmp_path, tag, *where):
    """Every export kind's file contents, read from the store ``where`` names."""
    files = {}
    for kind in EXPORT_KINDS:
        out = tmp_path / f"{tag}-{kind}.csv"
        ok(capsys, "export", "--kind", kind, "--include-names", "--out", out, *where)
        files[kind] = out.read_bytes()
    return files


def test_schema_tables_come_from_the_schema_parents_first():
    tables = schema_tables()
    names = [t.name for t in tables]
    assert "schema_version" not in names
    assert {"clients", "sessions", "runs", "trials", "level_changes", "plans", "mood_checks"} <= set(names)
    for i, table in enumerate(tables):
        assert all(parent in names[:i] for _, parent in table.parents), table
    clients = tables[names.index("clients")]
    assert ("client_code",) in clients.unique_keys


def test_copy_to_a_server_twice_then_after_more_play_and_back(tmp_path, capsys, pg_url):
    data = tmp_path / "pc"
    played_store(capsys, data)
    first = table_counts(ok(capsys, "store", "copy", "--to", pg_url, "--data-dir", data))
    assert set(first) == {t.name for t in schema_tables()}
    assert all(copied == n and already == 0 for n, copied, already in first.values()), first
    assert first["trials"][0] > 20 and first["mood_checks"][0] == 2 and first["plans"][0] == 1

    second = ok(capsys, "store", "copy", "--to", pg_url, "--data-dir", data)
    assert all(copied == 0 and already == n for n, copied, already in table_counts(second).values()), second
    assert "Checked: all" in second

    play(capsys, data, "--client", "C-0001")
    third = table_counts(ok(capsys, "store", "copy", "--to", pg_url, "--data-dir", data))
    assert third["trials"] == (first["trials"][0] + 20, 20, first["trials"][0])
    assert third["runs"][1] == 1 and third["sessions"][1] == 1 and third["clients"][1] == 0

    from_pc = exports(capsys, tmp_path, "pc", "--data-dir", data)
    assert exports(capsys, tmp_path, "server", "--store", pg_url, "--data-dir", tmp_path / "other") == from_pc

    back = tmp_path / "back"
    out = ok(capsys, "store", "copy", "--store", pg_url, "--to-data-dir", back, "--data-dir", tmp_path / "other")
    assert all(copied == n for n, copied, _ in table_counts(out).values())
    assert exports(capsys, tmp_path, "back", "--data-dir", back) == from_pc


def test_copy_between_data_folders_needs_no_server(tmp_path, capsys):
    played_store(capsys, tmp_path / "a")
    out = ok(capsys, "store", "copy", "--data-dir", tmp_path / "a", "--to-data-dir", tmp_path / "b")
    assert table_counts(out)["trials"][1] > 0
    assert exports(capsys, tmp_path, "a", "--data-dir", tmp_path / "a") == \
        exports(capsys, tmp_path, "b", "--data-dir", tmp_path / "b")


def test_a_client_id_taken_by_another_client_is_named_and_the_rest_is_copied(tmp_path, capsys):
    play(capsys, tmp_path / "a", "--client", "C-0001")
    play(capsys, tmp_path / "b", "--client", "C-0001")  # another person, another PC, the same client ID
    play(capsys, tmp_path / "b", "--client", "C-0002")
    ok(capsys, "store", "copy", "--data-dir", tmp_path / "a", "--to-data-dir", tmp_path / "t")
    out, err = fails(capsys, "store", "copy", "--data-dir", tmp_path / "b", "--to-data-dir", tmp_path / "t")
    assert "client_code 'C-0001'" in out and "clash" in err
    counts = table_counts(out)
    assert counts["clients"] == (2, 1, 0) and counts["trials"] == (40, 20, 0)
    ok(capsys, "export", "--out", tmp_path / "t.csv", "--data-dir", tmp_path / "t")
    rows = (tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert len(rows) == 40  # C-0001 of PC a, C-0002 of PC b; nothing of the other C-0001 mixed in


def test_settings_the_target_already_has_are_kept_and_the_copy_checks_out(tmp_path, capsys):
    play(capsys, tmp_path / "a", "--client", "C-0001")
    ok(capsys, "store", "copy", "--data-dir", tmp_path / "a", "--to-data-dir", tmp_path / "b")
    for data, target in ((tmp_path / "a", "0.8"), (tmp_path / "b", "0.9")):  # the same client, set on each PC
        ok(capsys, "settings", "--client", "C-0001", "--exercise", "sequence_recall", "--target", target,
           "--data-dir", data)
    out = ok(capsys, "store", "copy", "--data-dir", tmp_path / "a", "--to-data-dir", tmp_path / "b")
    assert "1 kept as the target had them" in out and "Checked: all" in out
    shown = ok(capsys, "settings", "--client", "C-0001", "--exercise", "sequence_recall", "--data-dir", tmp_path / "b")
    assert "90%" in shown


def test_copy_into_the_same_store_is_refused(tmp_path, capsys, pg_url):
    play(capsys, tmp_path / "a")
    before = (tmp_path / "a" / "cogsuite.sqlite3").read_bytes()
    _, err = fails(capsys, "store", "copy", "--data-dir", tmp_path / "a", "--to-data-dir", tmp_path / "a" / ".")
    assert "is the store being copied from" in err
    assert (tmp_path / "a" / "cogsuite.sqlite3").read_bytes() == before
    ok(capsys, "store", "copy", "--data-dir", tmp_path / "a", "--to", pg_url)
    out, err = fails(capsys, "store", "copy", "--store", pg_url, "--to", pg_url.replace("postgresql:", "postgres:"))
    assert "is the store being copied from" in err and "copied now" not in out


@pytest.mark.parametrize("setup, words", [
    ("CREATE TABLE schema_version (version INTEGER PRIMARY KEY); INSERT INTO schema_version VALUES (99)",
     "newer cogsuite"),
    ("CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT)", "not a cogsuite store"),
])
def test_copy_into_a_newer_or_foreign_database_is_refused_and_leaves_it_be(tmp_path, capsys, pg_server, pg_url,
                                                                          setup, words):
    play(capsys, tmp_path / "a")
    database = pg_url.split("@/")[1].split("?")[0]
    pg_server.psql(setup, database)
    tables = "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'"
    before = pg_server.psql(tables, database)
    _, err = fails(capsys, "store", "copy", "--data-dir", tmp_path / "a", "--to", pg_url)
    assert words in err
    assert pg_server.psql(tables, database) == before


def test_copy_without_a_target_or_with_a_wrong_one_is_one_line(tmp_path, capsys):
    play(capsys, tmp_path / "a")
    with pytest.raises(SystemExit) as stop:
        main(["store", "copy", "--data-dir", str(tmp_path / "a")])
    assert stop.value.code == 2 and "--to-data-dir" in capsys.readouterr().err
    _, err = fails(capsys, "store", "copy", "--data-dir", tmp_path / "a", "--to", tmp_path / "b")
    assert "--to must be" in err and "postgresql://" in err and "--to-data-dir" in err
    _, err = fails(capsys, "store", "copy", "--data-dir", tmp_path / "a", "--to-data-dir", " ")
    assert "--to-data-dir is empty" in err
    _, err = fails(capsys, "store", "copy", "--data-dir", tmp_path / "none", "--to-data-dir", tmp_path / "b")
    assert "no cogsuite data" in err and not (tmp_path / "b").exists()


def test_a_row_referring_to_a_missing_one_stops_the_copy_with_one_line(tmp_path, capsys):
    import sqlite3

    play(capsys, tmp_path / "a")
    raw = sqlite3.connect(tmp_path / "a" / "cogsuite.sqlite3")  # foreign keys are not enforced here
    raw.execute("INSERT INTO trials (id, run_id, trial_index, started_at, level, stimulus, response, correct,"
                " timed_out, extra_json) VALUES ('t-lost', 'no-such-run', 1, '2026-01-01T00:00:00.000+00:00',"
                " 1, 's', 'r', 1, 0, '{}')")
    raw.commit()
    raw.close()
    _, err = fails(capsys, "store", "copy", "--data-dir", tmp_path / "a", "--to-data-dir", tmp_path / "b")
    assert "refused rows of trials" in err
    out = ok(capsys, "export", "--kind", "runs", "--out", tmp_path / "r.csv", "--data-dir", tmp_path / "b")
    assert "Wrote 1 runs" in out  # the tables before it were copied and stay
