"""The clinic's shared PostgreSQL store against the embedded SQLite file, on this machine.

1. Trials written per second per PC: each PC is a process of its own that opens the store as the
   program does and records trials through ``Store.add_trial``, one transaction per trial (as
   play does), with an exercise's own fields in each. One PC alone, then eight at once (started
   together); per PC the median over them, and the eight's total. SQLite is measured with the
   eight on one file (what sharing it would mean) and on eight files (each PC its own, as today,
   here sharing one disk).
2. The export of N trials (default 1,000,000): the store is built with bulk inserts
   (``benchmarks/export_speed.py``'s builder), copied into the server with COPY, then exported by
   ``cogsuite export --kind trials`` in a process of its own: wall, CPU and peak memory
   (``ru_maxrss``) of that process, and the CPU the server spent on it (its connection's process,
   read from ``/proc``).

The server is started for the benchmark by ``tests/pg_server.py`` with ``fast=False``: fsync,
synchronous commit and full-page writes on, as a clinic's server runs; SQLite runs as the program
opens it (WAL, ``synchronous=FULL``). Both write to this machine's disk. From the repository root:

    python benchmarks/clinic_store.py [--trials 1000000] [--writes 1000] [--repeats 3]

``--trials 20000 --writes 100 --repeats 1`` gives a quick look.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the checkout's packages, and the test server

from export_speed import _field_value, build  # noqa: E402
from games.registry import EXERCISES  # noqa: E402
from scores.store.store import Store  # noqa: E402

PCS = 8
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
TABLES = ("clients", "sessions", "runs", "trials")  # what the export builder fills, in the order of their keys


def write_as_one_pc(url: str | None, folder: str, n_writes: int, ready: Any, results: Any) -> None:
    """One PC: a client and a run of its own, then ``n_writes`` trials once all PCs are ready.
    Puts the seconds the trials took on ``results``."""
    spec = EXERCISES[random.Random(folder).randrange(len(EXERCISES))].spec
    rng = random.Random(uuid.uuid4().int)
    with Store.open(Path(folder), url=url) as store:
        client = store.add_client(f"PC-{uuid.uuid4().hex[:8]}", now=T0)
        session = store.start_session(client, T0, kind="clinic")
        run = store.start_run(session_id=session, client=client, exercise=spec.id, domain=spec.domain,
                              started_at=T0, start_level=3, seed=1, params={}, simulated=True, app_version="bench")
        ready.wait(timeout=120)
        start = time.perf_counter()
        for index in range(1, n_writes + 1):
            store.add_trial(run, trial_index=index, started_at=T0 + timedelta(seconds=index), level=3,
                            stimulus="RED in blue", response="blue", correct=rng.random() < 0.8,
                            rt_ms=round(rng.uniform(300, 1200), 3), timed_out=False,
                            extra={f.name: _field_value(f.type, rng) for f in spec.trial_fields})
        results.put(time.perf_counter() - start)


def write_rates(url: str | None, folders: list[Path], n_writes: int) -> list[float]:
    """Trials per second of each PC, all started together (one PC per folder given)."""
    spawn = multiprocessing.get_context("spawn")
    ready, results = spawn.Barrier(len(folders)), spawn.Queue()
    pcs = [spawn.Process(target=write_as_one_pc, args=(url, str(folder), n_writes, ready, results))
           for folder in folders]
    for pc in pcs:
        pc.start()
    seconds = [results.get(timeout=1800) for _ in pcs]
    for pc in pcs:
        pc.join()
    if any(pc.exitcode for pc in pcs):
        raise SystemExit("a writer failed; see above")
    return [n_writes / s for s in seconds]


def writing(work: Path, server_url: str, n_writes: int, repeats: int) -> None:
    """Print trials/s per PC: one PC, then eight at once, on each backend (medians of ``repeats``)."""
    Store.open(work / "schema", url=server_url).close()
    cases = [
        ("SQLite, 1 PC", None, [work / "one"]),
        ("PostgreSQL, 1 PC", server_url, [work / "one-pg"]),
        ("SQLite, 8 PCs on one file", None, [work / "shared"] * PCS),
        ("SQLite, 8 PCs, a file each", None, [work / f"own{n}" for n in range(PCS)]),
        ("PostgreSQL, 8 PCs", server_url, [work / f"pg{n}" for n in range(PCS)]),
    ]
    for folder in {f for _, url, folders in cases if url is None for f in folders}:
        Store.open(folder).close()  # made before the clock starts, as a PC's store already is
    print(f"\nTrials written per second per PC ({n_writes} trials each, one transaction per trial; "
          f"median of {repeats}):")
    print(f"{'':<30}{'per PC':>10}{'slowest PC':>12}{'all PCs':>10}")
    for name, url, folders in cases:
        runs = [write_rates(url, folders, n_writes) for _ in range(repeats)]
        per_pc = statistics.median(statistics.median(rates) for rates in runs)
        slowest = statistics.median(min(rates) for rates in runs)
        total = statistics.median(len(rates) / max(n_writes / r for r in rates) * n_writes for rates in runs)
        print(f"{name:<30}{per_pc:10.0f}{slowest:12.0f}{total:10.0f}")


def copy_to_server(sqlite_path: Path, url: str, work: Path) -> None:
    """The built store's rows into the server's (empty) store with COPY, in their insertion order."""
    import psycopg

    Store.open(work / "copy", url=url).close()
    source = sqlite3.connect(sqlite_path)
    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        for table in TABLES:
            columns = ", ".join(row[1] for row in source.execute(f"PRAGMA table_info({table})"))
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in source.execute(f"SELECT {columns} FROM {table} ORDER BY rowid"):
                    copy.write_row(row)
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    source.close()


def cli_has_store_option() -> bool:
    shown = subprocess.run([sys.executable, "-m", "games", "export", "--help"], capture_output=True, text=True,
                           cwd=ROOT)
    return "--store" in shown.stdout


def export_command(folder: Path, url: str | None, out: Path) -> list[str]:
    """``cogsuite export --kind trials`` on the store; for the server through ``--store`` where this
    checkout's command line has it, else through this script doing what ``cmd_export`` does."""
    command = [sys.executable, "-m", "games", "export", "--kind", "trials", "--data-dir", str(folder),
               "--out", str(out), "--force"]
    if url is None:
        return command
    if cli_has_store_option():
        return [*command, "--store", url]
    return [sys.executable, __file__, "--export-on", url, "--data-dir", str(folder), "--out", str(out)]


def export_on_server(url: str, folder: Path, out: Path) -> None:
    """What ``cogsuite export --kind trials`` does once its store is open, on the server's store."""
    from scores.export.tables import export_kind

    with Store.open(folder, create=False, url=url) as store:
        count = export_kind("trials", store, [e.spec for e in EXERCISES], out)
    print(f"Wrote {count} trials rows to {out}")


def server_cpu_s(server: Any) -> float:
    """CPU seconds the server has used so far: its main process and the connections' processes
    it has reaped (an export's connection is one, gone once the export ends)."""
    pid = int((server.data / "postmaster.pid").read_text().split()[0])
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def timed_export(folder: Path, url: str | None, out: Path, server: Any) -> dict[str, float]:
    """Wall, CPU and peak memory of one export process (its own rusage, from wait4), and the CPU
    the server spent on it."""
    server_before = server_cpu_s(server)
    start = time.perf_counter()
    process = subprocess.Popen(export_command(folder, url, out), cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"the export failed with status {process.returncode}")
    size = out.stat().st_size / 1e6
    out.unlink()
    time.sleep(1.0)  # the connection's process ends and is reaped by the server
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
            "server_cpu_s": server_cpu_s(server) - server_before, "csv_mb": size}


def exporting(work: Path, server: Any, n_trials: int, repeats: int) -> None:
    """Build N trials, copy them to the server, and print each backend's export (medians)."""
    server_url = server.create_database("export")
    start = time.perf_counter()
    path = build(work / "export", n_trials, random.Random(17))
    built = time.perf_counter() - start
    copy_to_server(path, server_url, work)
    print(f"\nExport of {n_trials:,} trials (built in {built:.0f} s, copied to the server in "
          f"{time.perf_counter() - start - built:.0f} s; median of {repeats}, each in a process of its own):")
    print(f"{'':<14}{'wall s':>8}{'CPU s':>8}{'peak MB':>9}{'server CPU s':>14}{'CSV MB':>8}")
    for name, url in (("SQLite", None), ("PostgreSQL", server_url)):
        runs = [timed_export(work / "export", url, work / "trials.csv", server) for _ in range(repeats)]
        median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        on_server = f"{median['server_cpu_s']:.1f}" if url else "-"
        print(f"{name:<14}{median['wall_s']:8.1f}{median['cpu_s']:8.1f}{median['peak_mb']:9.0f}"
              f"{on_server:>14}{median['csv_mb']:8.0f}")
    if not cli_has_store_option():
        print("(this checkout's cogsuite has no --store yet: the server's export ran scores.export.tables.export_kind "
              "as cmd_export does, from this script)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1_000_000, help="trials in the exported store")
    parser.add_argument("--writes", type=int, default=1000, help="trials each PC writes")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--export-on", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_on:
        export_on_server(args.export_on, args.data_dir, args.out)
        return
    from pg_server import PgServer

    server = PgServer(fast=False)
    try:
        server.start()
        print(f"PostgreSQL {server.psql('SHOW server_version').strip()} in {server.folder} "
              f"(fsync {server.psql('SHOW fsync').strip()}, synchronous_commit "
              f"{server.psql('SHOW synchronous_commit').strip()}); SQLite {sqlite3.sqlite_version}, WAL, synchronous=FULL; "
              f"{os.cpu_count()} cores")
        with tempfile.TemporaryDirectory(prefix="clinic-bench-") as temp:
            work = Path(temp)
            writing(work, server.create_database("writes"), args.writes, args.repeats)
            exporting(work, server, args.trials, args.repeats)
    finally:
        server.close()


if __name__ == "__main__":
    main()
