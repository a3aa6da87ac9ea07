"""What the trial export costs next to its floor: the same SELECT written as CSV by SQLite alone.

A store of N trials (default 1,000,000) is built once in a temporary folder (or ``--keep DIR``,
reused when it already holds a store): 20 clients, runs of 100 trials spread over the 14
exercises, each trial's ``extra_json`` filled from its exercise's declared trial fields, all in
one transaction. Then, each in a fresh process so that CPU time and peak memory are its own:

- floor (python): the export's SELECT through the ``sqlite3`` module, rows written by ``csv.writer``;
- floor (shell): the same SELECT through the ``sqlite3`` command-line shell with ``-csv``, if installed;
- export_trials: the real export, all 14 exercises' columns (~140);
- with ``--xlsx``, also export-xlsx: the same trials as the trials sheet of an xlsx workbook
  (``cogsuite export --format xlsx --kind trials``; the data dictionary sheet too).

Printed: CPU and wall seconds, peak resident memory (``ru_maxrss``) of each, and the export's
CPU as a multiple of each floor's. From the repository root:

    python benchmarks/export_speed.py [--trials 1000000] [--keep DIR] [--xlsx]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's packages

from games.registry import EXERCISES  # noqa: E402
from scores.store.database import DB_FILENAME  # noqa: E402
from scores.store.store import Store  # noqa: E402

TRIALS_PER_RUN = 100
CLIENTS = 20
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
# The export's query (scores/store/queries.py, no filters), for the floors.
FLOOR_SQL = (
    "SELECT c.client_code, c.display_name, r.session_id, t.run_id, r.exercise, r.domain,"
    " t.trial_index, t.started_at, t.level, t.stimulus, t.response, t.correct, t.rt_ms,"
    " t.timed_out, t.extra_json, r.practice, r.completed AS run_completed"
    " FROM trials t JOIN runs r ON r.id = t.run_id JOIN clients c ON c.id = r.client_id"
    " WHERE 1 = 1 ORDER BY c.client_code, julianday(r.started_at), r.id, t.trial_index"
)


def _field_value(kind: str, rng: random.Random) -> Any:
    if kind == "int":
        return rng.randint(0, 40)
    if kind == "float":
        return round(rng.uniform(0, 2000), 3)
    if kind == "bool":
        return rng.random() < 0.5
    return rng.choice(["left", "right", "A B C", "7 3 9 1", "red"])


def build(folder: Path, n_trials: int, rng: random.Random) -> Path:
    """A store with ``n_trials`` trials (whole runs of 100), in one transaction; returns its path."""
    with Store.open(folder) as store:
        path = store.path
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    clients = [str(uuid.uuid4()) for _ in range(CLIENTS)]
    conn.executemany("INSERT INTO clients (id, client_code, created_at) VALUES (?, ?, ?)",
                     [(c, f"C-{i:04d}", T0.isoformat()) for i, c in enumerate(clients, start=1)])
    for run_number in range(max(1, n_trials // TRIALS_PER_RUN)):
        spec = EXERCISES[run_number % len(EXERCISES)].spec
        _add_run(conn, clients[run_number % CLIENTS], spec, T0 + timedelta(minutes=run_number), rng)
    conn.execute("COMMIT")
    conn.close()
    return path


def _add_run(conn: sqlite3.Connection, client: str, spec: Any, start: datetime, rng: random.Random) -> None:
    session, run, at = str(uuid.uuid4()), str(uuid.uuid4()), start.isoformat(timespec="milliseconds")
    conn.execute("INSERT INTO sessions (id, client_id, started_at) VALUES (?, ?, ?)", (session, client, at))
    conn.execute(
        "INSERT INTO runs (id, session_id, client_id, exercise, domain, started_at, start_level, seed, simulated,"
        " params_json, app_version, completed, n_trials) VALUES (?, ?, ?, ?, ?, ?, 3, 1, 1, '{}', '0.1.0', 1, ?)",
        (run, session, client, spec.id, spec.domain, at, TRIALS_PER_RUN))
    conn.executemany(
        "INSERT INTO trials (id, run_id, trial_index, started_at, level, stimulus, response, correct, rt_ms,"
        " timed_out, extra_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(str(uuid.uuid4()), run, i, (start + timedelta(seconds=i)).isoformat(timespec="milliseconds"),
          rng.randint(1, 9), "RED in blue", rng.choice(["blue", "red", "-"]), rng.random() < 0.8,
          None if rng.random() < 0.05 else round(rng.uniform(300, 1200), 3), rng.random() < 0.05,
          json.dumps({f.name: _field_value(f.type, rng) for f in spec.trial_fields}, sort_keys=True))
         for i in range(1, TRIALS_PER_RUN + 1)])


def _usage() -> dict[str, float]:
    self_, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"cpu_s": self_.ru_utime + self_.ru_stime + children.ru_utime + children.ru_stime,
            "wall_s": time.perf_counter(), "maxrss_mb": max(self_.ru_maxrss, children.ru_maxrss) / 1024}


def measure(what: str, folder: Path, out: Path) -> dict[str, float]:
    """Run one contestant in this process; CPU and wall are of the run alone, memory is the peak."""
    store = Store.open(folder)  # opening (and its check) is not part of what is measured
    before = _usage()
    if what == "floor-python":
        conn = sqlite3.connect(store.path)
        with open(out, "w", encoding="utf-8-sig", newline="") as handle:
            cursor = conn.execute(FLOOR_SQL)
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow([d[0] for d in cursor.description])
            writer.writerows(cursor)
    elif what == "floor-shell":
        with open(out, "wb") as handle:
            subprocess.run(["sqlite3", "-csv", "-header", str(store.path), FLOOR_SQL], stdout=handle, check=True)
    elif what == "export-xlsx":
        from scores.export.tables import export_workbook
        export_workbook(store, [e.spec for e in EXERCISES], out, ["trials"])
    else:
        from scores.export.tables import export_trials
        export_trials(store, [e.spec for e in EXERCISES], out)
    after = _usage()
    return {"cpu_s": after["cpu_s"] - before["cpu_s"], "wall_s": after["wall_s"] - before["wall_s"],
            "maxrss_mb": after["maxrss_mb"], "maxrss_before_mb": before["maxrss_mb"],
            "out_mb": out.stat().st_size / 1e6}


def _out(folder: Path, what: str) -> Path:
    return folder.parent / f"{what}.{'xlsx' if what == 'export-xlsx' else 'csv'}"


def _run_fresh(what: str, folder: Path) -> dict[str, float]:
    out = _out(folder, what)
    done = subprocess.run([sys.executable, __file__, "--measure", what, "--keep", str(folder)],
                          capture_output=True, text=True, check=True)
    out.unlink(missing_ok=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(folder: Path, xlsx: bool = False) -> None:
    contestants = ["floor-python", "floor-shell", "export"]
    if shutil.which("sqlite3") is None:
        contestants.remove("floor-shell")
        print("(no sqlite3 shell installed: the shell floor is skipped)")
    results = {what: _run_fresh(what, folder) for what in contestants + (["export-xlsx"] if xlsx else [])}
    print(f"{'':<14}{'CPU s':>8}{'wall s':>8}{'peak MB':>9}{'file MB':>8}")
    for what, r in results.items():
        print(f"{what:<14}{r['cpu_s']:8.2f}{r['wall_s']:8.2f}{r['maxrss_mb']:9.1f}{r['out_mb']:8.1f}")
    export = results["export"]["cpu_s"]
    for floor in contestants[:-1]:
        print(f"export CPU / {floor} CPU: {export / results[floor]['cpu_s']:.2f}x")
    print(f"export peak memory: {results['export']['maxrss_mb']:.1f} MB"
          f" (the process before exporting: {results['export']['maxrss_before_mb']:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="build the store here (reused if it already has one)")
    parser.add_argument("--xlsx", action="store_true", help="also time the trials as an xlsx workbook")
    parser.add_argument("--measure", choices=["floor-python", "floor-shell", "export", "export-xlsx"],
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.keep, _out(args.keep, args.measure))))
        return
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp) / "data"
        if not (folder / DB_FILENAME).exists():
            start = time.perf_counter()
            path = build(folder, args.trials, random.Random(17))
            size_mb = path.stat().st_size / 1e6
            print(f"built {args.trials:,} trials in {time.perf_counter() - start:.1f} s ({size_mb:.0f} MB)")
        report(folder, args.xlsx)


if __name__ == "__main__":
    main()
