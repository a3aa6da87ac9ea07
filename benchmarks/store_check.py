"""What checking the store on open costs: ``Store.open`` (a read-only connection running SQLite's
``PRAGMA quick_check`` and the table check, then the read-write connection and the migrations)
and ``close``, on a store of one million trials.

The store is built once in a temporary folder (or ``--keep DIR``): the schema by ``Store.open``,
then 20 clients, 10,000 runs of 100 trials each with level changes, inserted in one transaction.
Each timing is of a fresh open and close, so the file is in the system's cache as it is after the
first open of a day, not read from disk. Printed: the file's size, the median and the range of
open+close with the check, the same without the check (the open as it was before the check), and
the time of the full ``integrity_check`` and of a backup (copy plus integrity check), which the
backups pay. From the repository root:

    python benchmarks/store_check.py [--trials 1000000] [--repeat 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Callable
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's scores package

from scores.store import database, integrity  # noqa: E402
from scores.store.backup import make_backup  # noqa: E402
from scores.store.store import Store  # noqa: E402

TRIALS_PER_RUN = 100
T0 = "2026-01-05T09:00:00.000+00:00"


def build(folder: Path, n_trials: int, rng: random.Random) -> Path:
    """A store with ``n_trials`` trials, in one transaction; returns its path."""
    with Store.open(folder) as store:
        path = store.path
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    clients = [str(uuid.uuid4()) for _ in range(20)]
    conn.executemany("INSERT INTO clients (id, client_code, created_at) VALUES (?, ?, ?)",
                     [(c, f"C-{i:04d}", T0) for i, c in enumerate(clients, start=1)])
    for run_number in range(max(1, n_trials // TRIALS_PER_RUN)):
        _add_run(conn, rng.choice(clients), run_number, rng)
    conn.execute("COMMIT")
    conn.close()
    return path


def _add_run(conn: sqlite3.Connection, client: str, run_number: int, rng: random.Random) -> None:
    session, run = str(uuid.uuid4()), str(uuid.uuid4())
    conn.execute("INSERT INTO sessions (id, client_id, started_at) VALUES (?, ?, ?)", (session, client, T0))
    conn.execute(
        "INSERT INTO runs (id, session_id, client_id, exercise, domain, started_at, start_level, seed, simulated,"
        " params_json, app_version, completed, n_trials) VALUES (?, ?, ?, 'stroop', 'focus', ?, 3, ?, 1, '{}',"
        " '0.1.0', 1, ?)", (run, session, client, T0, run_number, TRIALS_PER_RUN))
    conn.executemany(
        "INSERT INTO trials (id, run_id, trial_index, started_at, level, stimulus, response, correct, rt_ms,"
        " timed_out, extra_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        [(str(uuid.uuid4()), run, i, T0, rng.randint(1, 9), "RED in blue", rng.choice(["blue", "red"]),
          rng.random() < 0.8, rng.uniform(300, 1200), json.dumps({"congruent": rng.random() < 0.5, "span": 4}))
         for i in range(1, TRIALS_PER_RUN + 1)])
    conn.executemany(
        "INSERT INTO level_changes (id, run_id, trial_index, from_level, to_level, rule, at) VALUES (?, ?, ?, ?, ?,"
        " 'tracker', ?)", [(str(uuid.uuid4()), run, i, 3, 4, T0) for i in (0, 20, 40)])


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Seconds each of ``repeat`` calls of ``action`` took."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def describe(label: str, times: list[float]) -> None:
    print(f"{label:<48} median {statistics.median(times) * 1000:8.1f} ms"
          f"  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, n={len(times)})")


def measure(folder: Path, path: Path, repeat: int) -> None:
    print(f"store: {path.stat().st_size / 1e6:.0f} MB")
    timed(lambda: Store.open(folder).close(), 1)  # the file into the system's cache
    describe("Store.open + close, with quick_check", timed(lambda: Store.open(folder).close(), repeat))
    with mock.patch.object(integrity, "check_file", lambda path: None):
        describe("Store.open + close, without the check", timed(lambda: Store.open(folder).close(), repeat))
    describe("quick_check alone", timed(lambda: _pragma(path, "quick_check"), repeat))
    describe("integrity_check alone (backups are checked so)", timed(lambda: _pragma(path, "integrity_check"), 3))
    moments = iter(datetime(2026, 1, 1 + day, 12) for day in range(3))
    describe("make_backup (copy, integrity_check, rotation)", timed(lambda: make_backup(path, next(moments)), 3))


def _pragma(path: Path, pragma: str) -> None:
    conn = sqlite3.connect(integrity.readonly_uri(path), uri=True)
    try:
        conn.execute(f"PRAGMA {pragma}(1)").fetchall()
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", metavar="DIR", help="build (or reuse) the store in DIR and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch)
        path = folder / database.DB_FILENAME
        if not path.exists():
            start = time.perf_counter()
            build(folder, args.trials, random.Random(1))
            print(f"built {args.trials:,} trials in {time.perf_counter() - start:.0f} s")
        measure(folder, path, args.repeat)


if __name__ == "__main__":
    main()
