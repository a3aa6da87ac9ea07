"""`cogsuite bundle export | import`: one client's data carried between a home PC and the clinic."""

from __future__ import annotations

import csv
import gzip
import json
import time
from pathlib import Path

import pytest

from games.cli import main
from scores.bundle import MAGIC, from_bytes, merge, read_client, to_bytes
from scores.store import Store

KINDS = ("trials", "runs", "sessions", "items")


def play(data: Path, client: str, exercise: str = "stroop", trials: int = 8, seed: int = 1) -> None:
    assert main(["simulate", "--exercise", exercise, "--trials", str(trials), "--client", client,
                 "--seed", str(seed), "--data-dir", str(data)]) == 0


def export_all(data: Path, client: str, folder: Path) -> dict[str, list[tuple[str, ...]]]:
    """Every export kind of ``client`` with names, its rows sorted (order aside)."""
    folder.mkdir(parents=True, exist_ok=True)
    found = {}
    for kind in KINDS:
        out = folder / f"{kind}.csv"
        assert main(["export", "--data-dir", str(data), "--kind", kind, "--client", client, "--include-names",
                     "--out", str(out), "--force"]) == 0
        with open(out, encoding="utf-8-sig", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        found[kind] = [tuple(header)] + sorted(tuple(row) for row in rows)
    return found


def counts(data: Path) -> dict[str, int]:
    with Store.open(data, create=False) as store:
        return {table: store.select(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("clients", "sessions", "runs", "trials", "level_changes", "exercise_settings")}


def bundle_out(data: Path, client: str, out: Path, *extra: str) -> None:
    assert main(["bundle", "export", "--data-dir", str(data), "--client", client, "--out", str(out),
                 "--force", *extra]) == 0


def bundle_in(data: Path, path: Path) -> int:
    return main(["bundle", "import", "--data-dir", str(data), str(path)])


@pytest.fixture
def clinic(tmp_path) -> Path:
    data = tmp_path / "clinic"
    with Store.open(data) as store:
        store.add_client("C-1", "Zoë Łukasz")
        store.add_client("C-2", "Other Person")
    play(data, "C-1", "stroop")
    play(data, "C-2", "sequence_recall")
    assert main(["settings", "--data-dir", str(data), "--client", "C-1", "--exercise", "stroop", "--target", "0.8"]) == 0
    return data


def test_home_to_clinic_and_back_gives_the_same_data_on_both_sides(clinic, tmp_path, capsys):
    home, stick = tmp_path / "home", tmp_path / "stick"
    stick.mkdir()
    bundle_out(clinic, "C-1", stick / "c1.cogsuite", "--include-names")
    assert bundle_in(home, stick / "c1.cogsuite") == 0
    play(home, "C-1", "digit_span", seed=2)
    play(home, "C-1", "stroop", seed=3)
    bundle_out(home, "C-1", stick / "c1-home.cogsuite", "--include-names")
    assert bundle_in(clinic, stick / "c1-home.cogsuite") == 0
    assert "Imported for C-1" in capsys.readouterr().out
    assert export_all(clinic, "C-1", tmp_path / "a") == export_all(home, "C-1", tmp_path / "b")
    with Store.open(home, create=False) as store:
        assert [c.code for c in store.list_clients()] == ["C-1"]  # never another client
        assert store.get_client("C-1").display_name == "Zoë Łukasz"


def test_importing_twice_adds_nothing_and_after_more_play_only_the_new_rows(clinic, tmp_path, capsys):
    home, path = tmp_path / "home", tmp_path / "c1.cogsuite"
    bundle_out(clinic, "C-1", path)
    assert bundle_in(home, path) == 0
    first = counts(home)
    assert bundle_in(home, path) == 0
    assert counts(home) == first
    assert "Nothing new for C-1" in capsys.readouterr().out
    before = counts(clinic)
    play(clinic, "C-1", "digit_span", trials=5, seed=4)
    after = counts(clinic)
    bundle_out(clinic, "C-1", path)
    assert bundle_in(home, path) == 0
    now = counts(home)
    assert {t: now[t] - first[t] for t in now} == {t: after[t] - before[t] for t in now}
    assert now["trials"] - first["trials"] == 5


def test_a_bundle_holds_one_client_and_no_pin_or_pc_settings(clinic, tmp_path):
    with Store.open(clinic) as store:
        other = store.get_client("C-2")
        pin_rows = store.select("SELECT key, value_json FROM app_settings").fetchall()
    path = tmp_path / "c1.cogsuite"
    bundle_out(clinic, "C-1", path)
    data = path.read_bytes()
    bundle = from_bytes(data)
    content = gzip.decompress(data[data.index(b"\n", len(MAGIC)) + 1:]).decode()
    assert other.id not in content and "Other Person" not in content
    assert "Zoë" not in content  # names only when asked for
    assert "app_settings" not in bundle.tables and all(key not in content for key, _ in pin_rows)
    assert bundle.manifest["counts"]["clients"] == 1


@pytest.mark.parametrize("damage", ["not-a-bundle", "truncated", "one-byte", "newer", "header", "empty", "rehashed-other"])
def test_a_damaged_bundle_is_refused_with_one_line_and_nothing_imported(clinic, tmp_path, capsys, damage):
    home, path = tmp_path / "home", tmp_path / "c1.cogsuite"
    bundle_out(clinic, "C-1", path)
    data = path.read_bytes()
    head_end = data.index(b"\n", len(MAGIC)) + 1
    manifest = json.loads(data[len(MAGIC):head_end])
    if damage == "not-a-bundle":
        data = b"client_id,run_id\nC-1,x\n"
    elif damage == "truncated":
        data = data[: len(data) - 100]
    elif damage == "one-byte":
        data = data[:-50] + bytes([data[-50] ^ 0x01]) + data[-49:]
    elif damage == "newer":
        data = MAGIC + json.dumps(dict(manifest, format=99)).encode() + b"\n" + data[head_end:]
    elif damage == "header":
        data = MAGIC + b"{not json\n" + data[head_end:]
    elif damage == "empty":
        data = b""
    else:  # a bundle whose rows were changed to another client's and its checksum made again
        import hashlib

        tables = json.loads(gzip.decompress(data[head_end:]))
        tables["runs"]["rows"][0][tables["runs"]["columns"].index("client_id")] = "someone-else"
        content = gzip.compress(json.dumps(tables).encode())
        manifest.update(content_bytes=len(content), content_sha256=hashlib.sha256(content).hexdigest())
        data = MAGIC + json.dumps(manifest).encode() + b"\n" + content
    path.write_bytes(data)
    with Store.open(home):
        pass
    before = counts(home)
    capsys.readouterr()
    assert bundle_in(home, path) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert ("newer" in err) if damage == "newer" else ("damaged" in err or "not a cogsuite" in err)
    assert counts(home) == before


def test_changes_on_both_sides_keep_the_later_one_and_say_so(clinic, tmp_path, capsys):
    home, path = tmp_path / "home", tmp_path / "c1.cogsuite"
    bundle_out(clinic, "C-1", path, "--include-names")
    assert bundle_in(home, path) == 0
    # the clinic renames first and sets a target; then the home PC renames and sets its own later
    with Store.open(clinic) as store:
        store.update_client(store.get_client("C-1"), display_name="Zoe at the clinic")
    assert main(["settings", "--data-dir", str(clinic), "--client", "C-1", "--exercise", "stroop", "--target", "0.7"]) == 0
    time.sleep(0.01)
    with Store.open(home) as store:
        store.update_client(store.get_client("C-1"), display_name="Zoë at home")
    assert main(["settings", "--data-dir", str(home), "--client", "C-1", "--exercise", "stroop", "--target", "0.9"]) == 0
    bundle_out(home, "C-1", path, "--include-names")
    capsys.readouterr()
    assert bundle_in(clinic, path) == 0
    out = capsys.readouterr().out
    assert "resolved: client C-1: took the bundle's display_name" in out
    assert "resolved: settings of stroop: took the bundle's target_rate" in out
    with Store.open(clinic) as store:
        client = store.get_client("C-1")
        assert client.display_name == "Zoë at home"
        assert store.exercise_settings(client, "stroop").target_rate == 0.9
    # and the other way: the clinic's older copy does not undo the home PC's later change
    bundle_out(clinic, "C-1", path, "--include-names")
    with Store.open(home) as store:
        store.update_client(store.get_client("C-1"), display_name="Zoë, latest")
    assert bundle_in(home, path) == 0
    assert "kept this store's display_name" in capsys.readouterr().out
    with Store.open(home) as store:
        assert store.get_client("C-1").display_name == "Zoë, latest"


def test_a_bundle_without_names_never_clears_a_name(clinic, tmp_path):
    path = tmp_path / "c1.cogsuite"
    time.sleep(0.01)
    with Store.open(clinic) as store:
        store.update_client(store.get_client("C-1"), hide_countdown=True)
    bundle_out(clinic, "C-1", path)
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.add_client("C-1", "Zoë")
    # same code, another client: refused whole
    assert bundle_in(home, path) == 2
    assert counts(home)["sessions"] == 0
    assert bundle_in(clinic, path) == 0
    with Store.open(clinic) as store:
        assert store.get_client("C-1").display_name == "Zoë Łukasz"


def test_a_closed_sitting_replaces_the_open_copy(clinic, tmp_path):
    """A bundle made while a run was still open, then the closed one: the store ends with the closed one."""
    home, path = tmp_path / "home", tmp_path / "c1.cogsuite"
    with Store.open(clinic) as store:
        run_id = store.select("SELECT id FROM runs WHERE client_id = (SELECT id FROM clients WHERE client_code = 'C-1')"
                              ).fetchone()[0]
        ended = store.select("SELECT ended_at, end_level FROM runs WHERE id = ?", (run_id,)).fetchone()
        with store.transaction() as conn:
            conn.execute("UPDATE runs SET ended_at = NULL, end_level = NULL WHERE id = ?", (run_id,))
    bundle_out(clinic, "C-1", path)
    assert bundle_in(home, path) == 0
    with Store.open(clinic) as store, store.transaction() as conn:
        conn.execute("UPDATE runs SET ended_at = ?, end_level = ? WHERE id = ?", (*ended, run_id))
    bundle_out(clinic, "C-1", path)
    assert bundle_in(home, path) == 0
    with Store.open(home) as store:
        assert tuple(store.select("SELECT ended_at, end_level FROM runs WHERE id = ?", (run_id,)).fetchone()) == tuple(ended)


def test_bad_arguments_exit_2_with_one_line(clinic, tmp_path, capsys):
    for argv in (["bundle", "export", "--data-dir", str(clinic), "--client", "C-9", "--out", str(tmp_path / "x")],
                 ["bundle", "import", "--data-dir", str(clinic), str(tmp_path / "missing.cogsuite")],
                 ["bundle", "import", "--data-dir", str(clinic), str(tmp_path)],
                 ["bundle", "export", "--data-dir", str(clinic), "--client", "C-1",
                  "--out", str(clinic / "cogsuite.sqlite3"), "--force"]):
        capsys.readouterr()
        assert main(argv) == 2, argv
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert (clinic / "cogsuite.sqlite3").stat().st_size > 0


def test_a_bundle_merges_into_a_clinic_server_and_back_alike(clinic, tmp_path, pg_url):
    """SQLite → PostgreSQL → a new SQLite store: every export kind equal, importing twice adds nothing."""
    from games.registry import EXERCISES
    from scores.export import export_kind
    from scores.queries import Filters

    specs = [e.spec for e in EXERCISES]

    def exports(store: Store, folder: Path) -> dict[str, list[str]]:
        folder.mkdir()
        found = {}
        for kind in KINDS:
            export_kind(kind, store, specs, folder / kind, Filters(client_code="C-1"), include_names=True)
            head, *rows = (folder / kind).read_text(encoding="utf-8-sig").splitlines()
            found[kind] = [head, *sorted(rows)]
        return found

    with Store.open(clinic) as source, Store.open(tmp_path / "pgdata", url=pg_url) as server:
        bundle = read_client(source, source.get_client("C-1"), include_names=True)
        assert merge(server, bundle).total_added == sum(bundle.manifest["counts"].values())
        assert merge(server, bundle).total_added == 0
        back = read_client(server, server.get_client("C-1"), include_names=True)
        assert back.manifest["counts"] == bundle.manifest["counts"]
        assert exports(server, tmp_path / "pg") == exports(source, tmp_path / "sqlite")
    with Store.open(tmp_path / "home") as home, Store.open(clinic) as source:
        merge(home, from_bytes(to_bytes(back)))
        assert exports(home, tmp_path / "home-x") == exports(source, tmp_path / "sqlite-2")
