"""Damaged stores for the tests, made by the tests themselves from a store where runs were played:
truncated at four sizes, 512 seeded random bytes at three offsets (each at a page's start), a dropped table, a newer data
format, a zero-length file and a file that is not SQLite."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

PAGE = 4096


def _truncate(size_of):
    return lambda data: data[: size_of(len(data))]


def _random_bytes_at(share: float, seed: int):
    # At the start of the page there: bytes that land inside a record's text (the rows' random
    # UUIDs move the records from one run to the next) can be invisible to any check, while a
    # page's header is read by every one. None of these seeds' first bytes is a page type.
    def damage(data: bytes) -> bytes:
        offset = int(len(data) * share) // PAGE * PAGE
        return data[:offset] + random.Random(seed).randbytes(512) + data[offset + 512:]
    return damage


def _with_sql(sql: str):
    def damage(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.execute(sql)
        conn.commit()
        conn.close()
    return damage


# each way of damaging a store: a function of its bytes, or ("sql", a function of its path)
DAMAGES = {
    "truncated-in-header": _truncate(lambda n: 100),
    "truncated-to-first-page": _truncate(lambda n: PAGE),
    "truncated-to-half": _truncate(lambda n: n // 2 // PAGE * PAGE),
    "truncated-by-last-page": _truncate(lambda n: n - PAGE),
    "random-bytes-at-quarter": _random_bytes_at(0.25, 1),
    "random-bytes-at-middle": _random_bytes_at(0.5, 2),
    "random-bytes-at-three-quarters": _random_bytes_at(0.75, 3),
    "dropped-table": ("sql", _with_sql("DROP TABLE trials")),
    "newer-format": ("sql", _with_sql("INSERT INTO schema_version (version) VALUES (99)")),
    "zero-length": lambda data: b"",
    "not-sqlite": lambda data: random.Random(7).randbytes(8192),
}


@dataclass(frozen=True)
class DamagedStore:
    """A data folder whose store was damaged one way; ``sha256`` is the damaged file's."""

    kind: str
    folder: Path
    path: Path
    sha256: str

    def unchanged(self) -> bool:
        return hashlib.sha256(self.path.read_bytes()).hexdigest() == self.sha256


@pytest.fixture(scope="session")
def played_store(tmp_path_factory) -> bytes:
    """The bytes of a store where three simulated clients' runs were played (450 trials)."""
    from games.cli import main

    folder = tmp_path_factory.mktemp("played")
    for exercise in ("sequence_recall", "stroop", "go_no_go"):
        assert main(["simulate", "--exercise", exercise, "--trials", "150", "--seed", "3", "--data-dir", str(folder),
                     "--client", f"C-{exercise}"]) == 0
    return (folder / "cogsuite.sqlite3").read_bytes()


def make_damaged_store(folder: Path, kind: str, played: bytes) -> DamagedStore:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cogsuite.sqlite3"
    damage = DAMAGES[kind]
    if isinstance(damage, tuple):
        path.write_bytes(played)
        damage[1](path)
    else:
        path.write_bytes(damage(played))
    return DamagedStore(kind, folder, path, hashlib.sha256(path.read_bytes()).hexdigest())


@pytest.fixture(params=sorted(DAMAGES))
def damaged_store(request, tmp_path, played_store) -> DamagedStore:
    """A data folder with a store damaged one way (the test runs once for each way)."""
    return make_damaged_store(tmp_path / "data", request.param, played_store)


@pytest.fixture
def make_damaged(tmp_path, played_store):
    """``make_damaged(kind, folder=None)``: a store damaged that way, in ``folder`` or the test's own."""
    return lambda kind, folder=None: make_damaged_store(folder or tmp_path / "data", kind, played_store)
