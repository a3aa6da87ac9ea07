"""One command for the speed figures: the progress report and model here, the other benchmarks after.

From the repository root:

    python benchmarks/speed.py [--repeats 7] [--seed 1] [--only-report]

1. The report. The five-year store of ``benchmarks/progress.py`` (one client, about 2,000 runs and
   100,000 trials of daily practice) is built in a temporary folder; then the median over
   ``--repeats`` runs of the CPU time (``time.process_time``, so other work on the PC weighs less)
   of ``write_report`` and of ``load_progress``, each printed as now / target / ratio.
2. The other benchmarks, each run as its own process with this Python and its output echoed:
   ``benchmarks/export_speed.py --trials 200000``, ``benchmarks/startup.py`` and
   ``benchmarks/breathing_fps.py --seconds 5``. A script that is not in this checkout is named
   and skipped. ``--only-report`` leaves them out.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scores.analysis.progress import load_progress  # noqa: E402
from scores.report.html import write_report  # noqa: E402
from scores.store.store import Store  # noqa: E402

REPORT_TARGET_MS, PROGRESS_TARGET_MS = 100.0, 25.0
OTHERS = (("export_speed.py", ("--trials", "200000")), ("startup.py", ()), ("breathing_fps.py", ("--seconds", "5")))


def _five_years() -> object:
    """``benchmarks/progress.py`` as a module, for its five-year store (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("progress_benchmark", ROOT / "benchmarks" / "progress.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cpu_ms(action: Callable[[], object], repeats: int) -> float:
    """The median CPU time of ``action()`` in ms, after one untimed warm-up."""
    action()
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        action()
        times.append((time.process_time() - t0) * 1000.0)
    return statistics.median(times)


def row(name: str, now: float, target: float) -> None:
    print(f"{name:<40}{now:>9.1f}{target:>9.0f}{now / target:>8.2f}")


def report_rows(repeats: int, seed: int) -> None:
    bench = _five_years()
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        rows, client, last_day = bench.five_year_rows(seed)
        store = Store.open(Path(folder) / "five_years")
        rows.write(store)
        n_runs, n_trials = (store._conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("runs", "trials"))
        print(f"Five-year store: {n_runs:,} runs, {n_trials:,} trials; built in {time.perf_counter() - t0:.1f} s")
        out = Path(folder) / "report.html"
        report = cpu_ms(lambda: write_report(store, client, out, bench.INFOS, today=last_day), repeats)
        model = cpu_ms(lambda: load_progress(store, client, bench.INFOS, today=last_day), repeats)
        print(f"\n{'CPU ms, median of ' + str(repeats):<40}{'now':>9}{'target':>9}{'ratio':>8}")
        row("write_report (5 years)", report, REPORT_TARGET_MS)
        row("load_progress (5 years)", model, PROGRESS_TARGET_MS)
        store.close()


def other_rows() -> None:
    for script, args in OTHERS:
        path = ROOT / "benchmarks" / script
        print(f"\n--- benchmarks/{script} {' '.join(args)}".rstrip())
        if not path.exists():
            print(f"skipped: benchmarks/{script} is not in this checkout")
            continue
        sys.stdout.flush()
        done = subprocess.run([sys.executable, str(path), *args], cwd=ROOT, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        print(done.stdout.rstrip())
        if done.returncode:
            print(f"(exit status {done.returncode})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per row (default 7)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the five-year store (default 1)")
    parser.add_argument("--only-report", action="store_true", help="leave out the other benchmark scripts")
    options = parser.parse_args(argv)
    report_rows(options.repeats, options.seed)
    if not options.only_report:
        other_rows()
    return 0


if __name__ == "__main__":
    sys.exit(main())
