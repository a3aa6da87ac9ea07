"""How fast the progress model loads, and how honest its trend and reliable-change flags are.

From the repository root (a full run takes about four minutes on two idle cores, longer when
other work shares them; the calibration's client counts set the time):

    python benchmarks/progress.py [--repeats 20] [--stable 1008] [--improving 112] [--independent 280]
                                  [--workers 2] [--seed 1]

1. Speed. A store in a temporary folder gets one client with five years of daily practice
   written straight into its tables in one transaction: about 2,000 runs and 100,000 trials over
   the 14 registered exercises, abilities drifting upwards, SEs 0.3 to 0.8 levels, some practice
   and stopped runs, a session on about 4 days in 5 with mood checks before and after. Printed:
   the median and 95th percentile over ``--repeats`` of the time ``load_progress`` takes (aim
   < 100 ms) and, when ``scores/report/html.py`` provides ``write_report``, of writing the HTML report
   (aim < 1 s).
2. Calibration. Simulated clients each play one exercise 30 times over 10 weeks (the exercises
   taken in turn). Every run is the exercise's real logic, level policy and tracker played by its
   simulated player (``ExerciseRun`` + ``play_run``, as ``simulate_session`` does, without writing
   each trial to disk); the runs' estimates are then written into a store and read back through
   ``load_progress``. A stable client keeps one ability (uniform 0.2..0.8); an improving one goes
   from 0.35 to 0.85. Printed per exercise and overall: the share of stable clients whose trend
   interval excludes 0, whose change is reliable, either (the false alarms, to stay <= 5%) or
   either as an improvement (``upward``), and the share of improving clients found by each.
   Two ways of playing are measured: runs as the app plays them (each starts from the pooled
   estimates of the client's latest runs, ``plan_from_store``'s rule), the figure that counts, and
   ``independent`` runs (each starts afresh) for comparison.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.core.engine.adaptive.policy import RESUME_RUNS, plan_run, resume_estimate  # noqa: E402
from games.core.engine.clock import FakeClock  # noqa: E402
from games.core.engine.run import ExerciseRun  # noqa: E402
from games.core.engine.simulate import play_run  # noqa: E402
from games.registry import EXERCISES  # noqa: E402
from scores.analysis.progress import ExerciseInfo, load_progress  # noqa: E402
from scores.store.clients import Client  # noqa: E402
from scores.store.store import Store  # noqa: E402

INFOS = tuple(ExerciseInfo(e.id, e.spec.title, e.spec.domain, e.spec.min_level, e.spec.max_level,
                           e.spec.target_rate) for e in EXERCISES)
FIRST_DAY, YEARS = date(2019, 1, 7), 5
RUNS_PER_CLIENT, WEEKS = 30, 10
STABLE_ABILITY, IMPROVING_FROM, IMPROVING_TO = (0.2, 0.8), 0.35, 0.85


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def uid() -> str:
    return str(uuid.uuid4())


class Rows:
    """Rows for the store's tables, written in one transaction by ``write``."""

    COLUMNS = {
        "clients": ("id", "client_code", "created_at"),
        "sessions": ("id", "client_id", "started_at", "ended_at", "kind"),
        "runs": ("id", "session_id", "client_id", "exercise", "domain", "started_at", "ended_at", "start_level",
                 "end_level", "ability", "ability_se", "accuracy", "median_rt_ms", "n_trials", "duration_s",
                 "seed", "simulated", "completed", "practice", "params_json", "measures_json", "app_version"),
        "trials": ("id", "run_id", "trial_index", "started_at", "level", "stimulus", "response", "correct",
                   "rt_ms", "timed_out", "extra_json"),
        "mood_checks": ("id", "session_id", "moment", "mood", "calm", "energy", "at"),
        "exercise_settings": ("id", "client_id", "exercise", "target_rate", "updated_at"),
    }

    def __init__(self) -> None:
        self.tables: dict[str, list[tuple]] = {name: [] for name in self.COLUMNS}

    def client(self, code: str, at: datetime) -> Client:
        client = Client(uid(), code, None, iso(at), False)
        self.tables["clients"].append((client.id, code, client.created_at))
        return client

    def write(self, store: Store) -> None:
        with store._conn.transaction() as conn:
            for name, columns in self.COLUMNS.items():
                marks = ", ".join("?" * len(columns))
                conn.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", self.tables[name])


# --- 1. five years of daily practice -------------------------------------------------------------------

def add_run(rows: Rows, rng: random.Random, client: Client, session_id: str, info: ExerciseInfo,
            at: datetime, latent: float) -> datetime:
    """One realistic run of ``info`` with its trials; returns when it ended."""
    n_trials, se = rng.randint(30, 70), rng.uniform(0.3, 0.8)
    ability = latent + rng.gauss(0.0, se)
    level = min(max(round(ability), info.min_level), info.max_level)
    accuracy, completed, practice = rng.uniform(0.6, 0.92), rng.random() > 0.03, rng.random() < 0.05
    run_id, t = uid(), at
    for index in range(1, n_trials + 1):
        shown = min(max(level + rng.choice((-1, 0, 0, 1)), info.min_level), info.max_level)
        rt_ms = rng.lognormvariate(6.6, 0.3)
        rows.tables["trials"].append((uid(), run_id, index, iso(t), shown, "7 3 9", "7 3 9",
                                      int(rng.random() < accuracy), round(rt_ms, 1), 0, "{}"))
        t += timedelta(milliseconds=rt_ms + 1500)
    rows.tables["runs"].append((
        run_id, session_id, client.id, info.id, info.domain, iso(at), iso(t), level, level, ability, se,
        accuracy, 750.0, n_trials, (t - at).total_seconds(), rng.randrange(2**31), 0, int(completed),
        int(practice), "{}", "{}", "bench"))
    return t


def five_year_rows(seed: int) -> tuple[Rows, Client, date]:
    """A client practising most days for five years: a session a day of one to three runs."""
    rng, rows = random.Random(seed), Rows()
    start = datetime.combine(FIRST_DAY, datetime.min.time(), timezone.utc)
    client = rows.client("C-FIVE-YEARS", start)
    latent = {i.id: i.min_level + 0.25 * (i.max_level - i.min_level) for i in INFOS}
    for info in INFOS[:2]:
        rows.tables["exercise_settings"].append((uid(), client.id, info.id, 0.7, iso(start)))
    n_days = YEARS * 365 + 1
    for day in range(n_days):
        for info in INFOS:  # abilities drift: slow gains with ups and downs, within the range
            step = rng.gauss(0.003, 0.04)
            latent[info.id] = min(max(latent[info.id] + step, info.min_level), info.max_level)
        if rng.random() > 0.82:
            continue
        at = start + timedelta(days=day, hours=rng.uniform(8, 20))
        session_id = uid()
        rows.tables["mood_checks"].append((uid(), session_id, "before", rng.randint(1, 5), rng.randint(1, 5),
                                           rng.randint(1, 5), iso(at)))
        end = at
        for info in rng.sample(INFOS, rng.choice((1, 1, 1, 1, 2, 2))):
            end = add_run(rows, rng, client, session_id, info, end + timedelta(seconds=20), latent[info.id])
        rows.tables["mood_checks"].append((uid(), session_id, "after", rng.randint(1, 5), rng.randint(1, 5),
                                           rng.randint(1, 5), iso(end)))
        rows.tables["sessions"].append((session_id, client.id, iso(at), iso(end), "home"))
    return rows, client, (start + timedelta(days=n_days - 1)).date()


def timed(action: Any, repeats: int) -> tuple[float, float]:
    """Median and 95th percentile wall time of ``action()`` in ms."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        action()
        times.append((time.perf_counter() - t0) * 1000.0)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def speed(repeats: int, seed: int, folder: Path) -> None:
    t0 = time.perf_counter()
    rows, client, last_day = five_year_rows(seed)
    store = Store.open(folder / "five_years")
    rows.write(store)
    n_runs, n_trials = (store._conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("runs", "trials"))
    progress = load_progress(store, client, INFOS, today=last_day)
    print(f"Store: {n_runs:,} runs ({sum(len(s.points) for s in progress.exercises):,} scored), {n_trials:,} trials,"
          f" {progress.days_practised:,} days practised; built in {time.perf_counter() - t0:.1f} s")
    print(f"\n{'step':<34}{'median ms':>10}{'p95 ms':>9}  aim")
    median, p95 = timed(lambda: load_progress(store, client, INFOS, today=last_day), repeats)
    print(f"{'load_progress (5 years)':<34}{median:>10.1f}{p95:>9.1f}  < 100 ms")
    median, p95 = timed(lambda: load_progress(store, client, INFOS, since=last_day - timedelta(days=90),
                                              today=last_day), repeats)
    print(f"{'load_progress (last 90 days)':<34}{median:>10.1f}{p95:>9.1f}  < 100 ms")
    try:
        from scores.report.html import write_report
    except ImportError:
        print("write_report: skipped, scores/report/html.py with write_report is not there yet")
    else:
        out = folder / "report.html"
        median, p95 = timed(lambda: write_report(store, client, out, INFOS, today=last_day), max(3, repeats // 4))
        print(f"{'write_report (5 years)':<34}{median:>10.1f}{p95:>9.1f}  < 1000 ms"
              f"  ({out.stat().st_size / 1024:.0f} KiB)")
    store.close()


# --- 2. calibration -------------------------------------------------------------------------------------

class Estimates:
    """A recorder that keeps only what each run finished with (the model needs no trial rows)."""

    def __init__(self) -> None:
        self.finished: dict[str, Any] = {}

    def start_run(self, **_: Any) -> str:
        return "run"

    def add_trial(self, run_id: str, **_: Any) -> str:
        return "trial"

    def add_level_change(self, run_id: str, **_: Any) -> str:
        return "change"

    def finish_run(self, run_id: str, **finished: Any) -> None:
        self.finished = finished


def play_client(job: tuple[int, int, bool, bool]) -> tuple[int, bool, list[tuple[float, float, float]]]:
    """30 runs of one exercise by one simulated client: (exercise index, improving, [(day, ability, se)])."""
    exercise_index, seed, improving, resumed = job
    exercise, rng = EXERCISES[exercise_index], random.Random(seed)
    stable = rng.uniform(*STABLE_ABILITY)
    recent, out = [], []  # (ability, se) of the runs so far, oldest first
    for i in range(RUNS_PER_CLIENT):
        fraction = i / (RUNS_PER_CLIENT - 1)
        ability = IMPROVING_FROM + (IMPROVING_TO - IMPROVING_FROM) * fraction if improving else stable
        plan = plan_run(exercise.spec, last_estimate=resume_estimate(recent[::-1][:RESUME_RUNS])) if resumed else None
        recorder = Estimates()
        run = ExerciseRun(exercise, store=recorder, session_id="s", client=None, seed=rng.randrange(2**31),
                          wall_start=datetime(2024, 1, 1, tzinfo=timezone.utc), plan=plan, simulated=True)
        play_run(run, exercise.make_player(ability, random.Random(rng.randrange(2**31))), FakeClock())
        recent.append((recorder.finished["ability"], recorder.finished["ability_se"]))
        out.append((7 * WEEKS * fraction + rng.uniform(-0.2, 0.2), *recent[-1]))
    return exercise_index, improving, out


def calibrate(n_stable: int, n_improving: int, resumed: bool, workers: int, seed: int, folder: Path) -> list[dict]:
    """Play the clients, store their runs, and read each back through ``load_progress``."""
    jobs = [(k % len(EXERCISES), seed * 1_000_000 + k, k >= n_stable, resumed) for k in range(n_stable + n_improving)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        played = list(pool.map(play_client, jobs, chunksize=8))
    rows, start = Rows(), datetime(2024, 3, 4, 12, tzinfo=timezone.utc)
    clients = []
    for k, (exercise_index, improving, runs) in enumerate(played):
        client, info = rows.client(f"S-{k}", start), INFOS[exercise_index]
        clients.append((client, info, improving))
        for day, ability, se in runs:
            session_id, at = uid(), iso(start + timedelta(days=day))
            rows.tables["sessions"].append((session_id, client.id, at, at, "simulated"))
            rows.tables["runs"].append((uid(), session_id, client.id, info.id, info.domain, at, at, 1, 1, ability, se,
                                        0.8, 700.0, 10, 120.0, 1, 1, 1, 0, "{}", "{}", "bench"))
    store = Store.open(folder / ("resumed" if resumed else "independent"))
    rows.write(store)
    results = []
    for client, info, improving in clients:
        (series,) = load_progress(store, client, (info,)).exercises
        results.append({"exercise": info.id, "improving": improving,
                        "trend": series.trend.excludes_zero, "up": series.trend.low > 0,
                        "change": series.change.reliable, "reliable_up": series.change.direction == 1})
    store.close()
    return results


def share(rows: list[dict], key: str) -> str:
    return f"{sum(r[key] for r in rows) / len(rows):.1%}" if rows else "-"


def print_calibration(title: str, results: list[dict]) -> None:
    print(f"\n{title}")
    print(f"{'':<17}{'--- stable: false alarms ---':>36}{'--- improving: found ---':>32}")
    print(f"{'exercise':<17}{'clients':>8}{'trend':>7}{'RCI':>7}{'either':>7}{'upward':>7}"
          f"{'clients':>18}{'trend':>7}{'RCI':>7}")
    for name in [e.id for e in EXERCISES] + ["all"]:
        mine = [r for r in results if name in ("all", r["exercise"])]
        stable = [dict(r, either=r["trend"] or r["change"], upward=r["up"] or r["reliable_up"])
                  for r in mine if not r["improving"]]
        better = [r for r in mine if r["improving"]]
        print(f"{name:<17}{len(stable):>8}{share(stable, 'trend'):>7}{share(stable, 'change'):>7}"
              f"{share(stable, 'either'):>7}{share(stable, 'upward'):>7}"
              f"{len(better):>18}{share(better, 'up'):>7}{share(better, 'reliable_up'):>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the progress model and check its calibration.")
    parser.add_argument("--repeats", type=int, default=20, help="timing repetitions (default 20)")
    parser.add_argument("--stable", type=int, default=1008,
                        help="stable clients whose runs resume as the app plays them (default 1008)")
    parser.add_argument("--improving", type=int, default=112, help="improving clients, likewise (default 112)")
    parser.add_argument("--independent", type=int, default=280,
                        help="stable clients whose runs each start afresh, and a fifth as many improving (default 280)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the simulations (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        speed(args.repeats, args.seed, folder)
        t0 = time.perf_counter()
        resumed = calibrate(args.stable, args.improving, True, args.workers, args.seed, folder)
        print_calibration(f"Runs as the app plays them (each starts from the latest estimates), {RUNS_PER_CLIENT} runs "
                          f"over {WEEKS} weeks per client; share flagged ({time.perf_counter() - t0:.0f} s)", resumed)
        if args.independent > 0:
            t0 = time.perf_counter()
            independent = calibrate(args.independent, args.independent // 5, False, args.workers, args.seed + 1, folder)
            print_calibration(f"Independent runs (each starts afresh); share flagged "
                              f"({time.perf_counter() - t0:.0f} s)", independent)

if __name__ == "__main__":
    main()
