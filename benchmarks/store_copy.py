"""How long ``cogsuite store copy`` takes, and that its memory stays flat as the store grows.

For each size N (default 100,000 and 400,000 trials) a store is built as ``export_speed.py``
builds it (runs of 100 trials over the 14 exercises), then copied, each time in a fresh process:
into a new database on a PostgreSQL server of its own (``tests/pg_server.py``, as the tests start
one), a second time into the same database (nothing new to copy), and back from the server into
a new data folder. Printed per step: wall seconds, rows a second and peak resident memory
(``ru_maxrss`` of the copying process). From the repository root:

    python benchmarks/store_copy.py [--trials 100000 400000]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from export_speed import build  # noqa: E402
from pg_server import PgServer  # noqa: E402


# the command in a fresh interpreter that reports its own peak memory (KB) on its last line
WRAPPER = """import resource, sys
from games.cli import main
code = main(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)"""


def copy(*argv: str) -> tuple[float, float]:
    """Runs ``cogsuite store copy ARGV`` in a fresh process; returns (wall seconds, peak MB)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAPPER, "store", "copy", *argv], capture_output=True,
                          text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return wall, int(done.stdout.splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, nargs="+", default=[100_000, 400_000])
    args = parser.parse_args()
    server = PgServer(fast=False)
    server.start()
    try:
        with tempfile.TemporaryDirectory() as temp:
            print("| trials | step | seconds | rows a second | peak memory |\n|---|---|---|---|---|")
            for n in args.trials:
                pc = Path(temp) / f"pc-{n}"
                build(pc, n, random.Random(17))
                rows = n + 2 * (n // 100) + 20  # trials, runs, sessions, clients
                url = server.create_database(server.fresh_name())
                steps = [("SQLite -> server", ["--data-dir", str(pc), "--to", url]),
                         ("again, nothing new", ["--data-dir", str(pc), "--to", url]),
                         ("server -> SQLite", ["--store", url, "--data-dir", str(pc),
                                               "--to-data-dir", str(Path(temp) / f"back-{n}")])]
                for name, argv in steps:
                    wall, peak_mb = copy(*argv)
                    print(f"| {n:,} | {name} | {wall:.1f} | {rows / wall:,.0f} | {peak_mb:.0f} MB |", flush=True)
    finally:
        server.close()


if __name__ == "__main__":
    main()
