"""`cogsuite bundle export | import`: one client's data carried between a home PC and the clinic,
in a file sealed with a passphrase."""

from __future__ import annotations

import csv
import json
import random
import time
from pathlib import Path

import pytest

from games.cli import main
from scores.bundle import sealed as bundle_file
from scores.bundle.content import merge, open_bundle, read_client, seal_bundle
from scores.bundle.sealed import MAGIC, BundleError
from scores.store.store import Store

KINDS = ("trials", "runs", "sessions", "items")
PASSPHRASE = "river lemon oak tulip"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch):
    """scrypt at 2**12 here: the real cost (2**17, ~0.4 s a guess) would make each bundle slow;
    the parameters travel in the header, so reading does not depend on this."""
    monkeypatch.setattr(bundle_file, "KDF", {"name": "scrypt", "n": 2 ** 12, "r": 8, "p": 1})


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


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
    secret = out.parent / "passphrase.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    assert main(["bundle", "export", "--data-dir", str(data), "--client", client, "--out", str(out),
                 "--force", "--passphrase-file", str(secret), *extra]) == 0


def bundle_in(data: Path, path: Path, passphrase: str = PASSPHRASE) -> int:
    secret = path.parent / "import-passphrase.txt"
    secret.write_text(passphrase, encoding="utf-8")
    return main(["bundle", "import", "--data-dir", str(data), str(path), "--passphrase-file", str(secret)])


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
    with Store.open(clinic, create=False) as store:  # who brought what in, as for exports
        actions = [row[0] for row in store.select("SELECT action FROM audit ORDER BY at")]
        assert actions.count("import") == 1 and actions.index("import") > actions.index("export")
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
    bundle = open_bundle(path.read_bytes(), PASSPHRASE)
    content = json.dumps(bundle.tables, ensure_ascii=False)
    assert other.id not in content and "Other Person" not in content
    assert "Zoë" not in content  # names only when asked for
    assert "app_settings" not in bundle.tables and all(key not in content for key, _ in pin_rows)
    assert bundle.manifest["counts"]["clients"] == 1


@pytest.mark.parametrize("damage", ["not-a-bundle", "truncated", "one-byte", "newer", "header", "empty",
                                    "wrong-passphrase", "resealed-other"])
def test_a_damaged_bundle_is_refused_with_one_line_and_nothing_imported(clinic, tmp_path, capsys, damage):
    home, path = tmp_path / "home", tmp_path / "c1.cogsuite"
    bundle_out(clinic, "C-1", path)
    data = path.read_bytes()
    head_end = data.index(b"\n", len(MAGIC)) + 1
    header = json.loads(data[len(MAGIC):head_end])
    passphrase = PASSPHRASE
    if damage == "not-a-bundle":
        data = b"client_id,run_id\nC-1,x\n"
    elif damage == "truncated":
        data = data[: len(data) - 100]
    elif damage == "one-byte":
        data = data[:-50] + bytes([data[-50] ^ 0x01]) + data[-49:]
    elif damage == "newer":
        data = MAGIC + json.dumps(dict(header, format=99)).encode() + b"\n" + data[head_end:]
    elif damage == "header":
        data = MAGIC + b"{not json\n" + data[head_end:]
    elif damage == "empty":
        data = b""
    elif damage == "wrong-passphrase":
        passphrase = "river lemon oak tulips"
    else:  # sealed with the right passphrase, but a run made another client's: refused all the same
        bundle = open_bundle(data, PASSPHRASE)
        bundle.tables["runs"]["rows"][0][bundle.tables["runs"]["columns"].index("client_id")] = "someone-else"
        data = seal_bundle(bundle, PASSPHRASE, header["key_id"])
    path.write_bytes(data)
    with Store.open(home):
        pass
    before = counts(home)
    capsys.readouterr()
    assert bundle_in(home, path, passphrase) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    wanted = {"newer": "newer", "not-a-bundle": "not a cogsuite", "empty": "not a cogsuite",
              "resealed-other": "damaged"}.get(damage, "wrong passphrase or damaged bundle")
    assert wanted in err, err
    assert counts(home) == before


def test_twenty_single_byte_changes_anywhere_are_each_refused(clinic, tmp_path):
    path = tmp_path / "c1.cogsuite"
    bundle_out(clinic, "C-1", path)
    data = path.read_bytes()
    rng = random.Random(19)
    for at in rng.sample(range(len(data)), 20):
        changed = bytearray(data)
        changed[at] ^= rng.randrange(1, 256)
        with pytest.raises(BundleError):
            open_bundle(bytes(changed), PASSPHRASE)
    assert open_bundle(data, PASSPHRASE).client_id  # and the unchanged one opens


def test_the_file_shows_no_client_id_name_or_trial_value(clinic, tmp_path):
    with Store.open(clinic) as store:
        store.update_client(store.get_client("C-1"), code="C-ZOE-ŁUKASZ")
        client = store.get_client("C-ZOE-ŁUKASZ")
        runs = [r[0] for r in store.select("SELECT id FROM runs WHERE client_id = ?", (client.id,))]
        trials = store.select("SELECT t.id, t.stimulus, t.response, t.started_at FROM trials t JOIN runs r"
                              " ON r.id = t.run_id WHERE r.client_id = ?", (client.id,)).fetchall()
    path = tmp_path / "c1.cogsuite"
    bundle_out(clinic, "C-ZOE-ŁUKASZ", path, "--include-names")
    data = path.read_bytes()
    secrets = [client.id, client.code, "Zoë Łukasz", "Zoë", "Łukasz", *runs]
    secrets += [value for row in trials for value in row if len(str(value)) >= 6]
    for text in secrets:
        assert str(text).encode("utf-8") not in data, text
    assert open_bundle(data, PASSPHRASE).rows("clients")[0]["display_name"] == "Zoë Łukasz"


def test_the_key_derivation_travels_in_the_header_so_older_bundles_still_open(clinic, tmp_path, monkeypatch):
    path = tmp_path / "c1.cogsuite"
    bundle_out(clinic, "C-1", path)
    header = json.loads(path.read_bytes().split(b"\n")[1])
    assert header["kdf"]["name"] == "scrypt" and header["kdf"]["n"] == 2 ** 12 and len(header["kdf"]["salt"]) >= 20
    monkeypatch.setattr(bundle_file, "KDF", {"name": "scrypt", "n": 2 ** 13, "r": 8, "p": 1})  # a later cogsuite
    assert open_bundle(path.read_bytes(), PASSPHRASE).client_id
    again = tmp_path / "again.cogsuite"
    bundle_out(clinic, "C-1", again)
    assert json.loads(again.read_bytes().split(b"\n")[1])["kdf"]["n"] == 2 ** 13


def test_the_home_pc_keeps_the_passphrase_so_it_is_never_typed_again(clinic, tmp_path, capsys):
    home, path = tmp_path / "home", tmp_path / "c1.cogsuite"
    assert main(["bundle", "export", "--data-dir", str(clinic), "--client", "C-1", "--out", str(path),
                 "--new-passphrase"]) == 0
    words = capsys.readouterr().out.split("write down for the client: ")[1].split()
    assert len(words) == 4
    (tmp_path / "typed.txt").write_text("  " + "  ".join(words) + "  \n", encoding="utf-8")  # spaces tidied
    assert main(["bundle", "import", "--data-dir", str(home), str(path), "--passphrase-file", str(tmp_path / "typed.txt")]) == 0
    play(home, "C-1", "digit_span", seed=5)
    back = tmp_path / "back.cogsuite"
    # no passphrase given on either side: each PC keeps it (stdin is not a terminal here, so any
    # prompt would have failed)
    assert main(["bundle", "export", "--data-dir", str(home), "--client", "C-1", "--out", str(back)]) == 0
    assert "passphrase this PC keeps" in capsys.readouterr().out
    assert main(["bundle", "import", "--data-dir", str(clinic), str(back)]) == 0
    assert "Imported for C-1" in capsys.readouterr().out


def test_a_short_passphrase_or_none_at_all_is_refused_before_anything_is_written(clinic, tmp_path, capsys):
    short = tmp_path / "short.txt"
    short.write_text("tulip", encoding="utf-8")
    out = tmp_path / "x.cogsuite"
    for extra in (["--passphrase-file", str(short)], []):
        capsys.readouterr()
        assert main(["bundle", "export", "--data-dir", str(clinic), "--client", "C-1", "--out", str(out), *extra]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "passphrase" in err
    assert not out.exists()


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
    from scores.export.tables import export_kind
    from scores.store.queries import Filters

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
        merge(home, open_bundle(seal_bundle(back, PASSPHRASE, "k"), PASSPHRASE))
        assert exports(home, tmp_path / "home-x") == exports(source, tmp_path / "sqlite-2")
