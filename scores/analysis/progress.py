"""A client's progress: stored runs as series per exercise and per domain, with trends and change.

``load_progress`` reads the scored runs of one client (``practice = 0``, ``n_trials > 0``, an
ability estimate; simulated runs count too) and builds:

- one **exercise series** per exercise played, in level units: each point is a run's ability
  estimate (the level at which the client succeeds at the target rate) and its SE;
- one **domain series** per domain played, on a common scale: each run's ability becomes percent
  of its exercise's level range above the client's baseline on that exercise,
  ``100 * (ability - baseline_e) / (max_level - min_level)`` with ``baseline_e`` the mean of the
  exercise's first 3 runs in the window; a domain point is one local day: the mean over the
  domain's exercises of each exercise's mean value that day, its SE propagated the same way
  (``sqrt(Σ se²) / n`` at each averaging step).

An exercise series' ``best_level`` is the client's best as ``scores.analysis.levels`` defines it (the
highest level a finished scored run ended at), the same on the client's screens and the therapist's.

Each series carries two statistics (computed in ``scores.analysis.trend``, where the reasons are given):

- the **trend**: the weighted least-squares line of ability on time in weeks, weights
  ``1 / (se² + tau2)``, ``tau2`` the run-to-run variance beyond the SEs (DerSimonian-Laird,
  around the line); its 95% interval uses Student's t on ``n - 2`` degrees of freedom, the
  Knapp-Hartung scale (never below 1) and an AR(1) allowance for neighbouring runs' shared error;
- the **reliable change** (Jacobson & Truax): ``RCI = (latest - baseline) / S_diff``, baseline and
  latest the means of the first and the last 3 abilities, and
  ``S_diff = sqrt(Σ_first3 (se_i² + tau2) / 9 + Σ_last3 (se_i² + tau2) / 9)``: the measurement
  error of both 3-run means. The change is reliable when ``|RCI| > 1.96``. With 8+ runs the
  scatter around the trend line may stand in for the SEs (see ``scores.analysis.trend``), but not in an
  exercise series whose runs lie beyond the level range half the time or more: such an estimate
  only says the client is past the top (or the bottom) level, its value is bounded by the
  tracker's grid, so the runs bunch together and their scatter is the grid's, not the client's.

Days are local
calendar dates of this computer; ``since`` and ``until`` filter on them, inclusive, and every
figure (days practised, streaks, time played) is computed over the runs inside the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, NamedTuple, Sequence

from scores.analysis.levels import day_levels
from scores.analysis.trend import ReliableChange, Trend, fit_line, reliable_change, trend_of
from scores.domains import DOMAIN_TITLES, DOMAINS

WEEK_S = 7 * 86_400.0  # seconds in a week, the trend's unit of time

__all__ = [
    "DOMAINS", "DOMAIN_TITLES", "ExerciseInfo", "Progress", "ReliableChange", "RunPoint", "Series",
    "Trend", "load_progress",
]

EXERCISE_UNIT, DOMAIN_UNIT = "level", "% of range"
MIN_TREND_POINTS, MIN_CHANGE_POINTS, BASELINE_RUNS = 3, 6, 3
FALLBACK_SE_LEVELS = 1.0  # a run stored without an SE counts as measured to within a level
CENSORED_SHARE = 0.5  # runs beyond the level range from which their scatter no longer measures the error


@dataclass(frozen=True)
class RunPoint:
    """One point of a series: a scored run, or (for a domain) one day's composite."""

    run_id: str
    started_at: datetime
    ability: float
    ability_se: float
    accuracy: float | None
    target_rate: float | None
    end_level: int | None
    duration_s: float
    completed: bool = True  # a run stopped early has no level that counts (``scores.analysis.levels``)


@dataclass(frozen=True)
class Series:
    """The points of one exercise or domain, oldest first, with their trend and reliable change."""

    key: str
    title: str
    kind: str
    domain: str
    unit: str
    points: tuple[RunPoint, ...]
    trend: Trend | None
    change: ReliableChange | None
    best_level: int | None
    min_level: int | None
    max_level: int | None


@dataclass(frozen=True)
class Progress:
    """Everything the progress screen and report show for one client."""

    client_code: str
    exercises: tuple[Series, ...]
    domains: tuple[Series, ...]
    days_practised: int
    streak_days: int
    best_streak_days: int
    total_time_s: float
    first_day: date | None
    last_day: date | None


@dataclass(frozen=True)
class ExerciseInfo:
    """What ``scores`` needs to know about an exercise (built by the caller from the registry)."""

    id: str
    title: str
    domain: str
    min_level: int
    max_level: int
    target_rate: float


def local_day(moment: datetime) -> date:
    """The calendar date of ``moment`` on this computer's clock."""
    return moment.astimezone().date()


class _Run(NamedTuple):
    row: Any  # the runs row (sqlite3.Row)
    started_at: datetime  # in UTC
    day: date  # local


def _scored_runs(store: Any, client: Any, since: date | None, until: date | None) -> list[_Run]:
    """The client's scored runs in the window, oldest first."""
    rows = store._conn.execute(
        "SELECT id, exercise, started_at, ability, ability_se, accuracy, end_level, duration_s, completed"
        " FROM runs WHERE client_id = ? AND practice = 0 AND n_trials > 0 AND ability IS NOT NULL"
        " ORDER BY julianday(started_at), id",
        (client.id,),
    ).fetchall()
    runs = []
    for row in rows:
        started_at = datetime.fromisoformat(row["started_at"]).astimezone(timezone.utc)
        day = local_day(started_at)
        if (since is None or day >= since) and (until is None or day <= until):
            runs.append(_Run(row, started_at, day))
    return runs


def _target_rates(store: Any, client: Any, exercises: Sequence[ExerciseInfo]) -> dict[str, float]:
    """Each exercise's target success rate for this client: their own setting, else the exercise's."""
    rates = {info.id: info.target_rate for info in exercises}
    rows = store._conn.execute(
        "SELECT exercise, target_rate FROM exercise_settings WHERE client_id = ? AND target_rate IS NOT NULL",
        (client.id,),
    )
    rates.update({row["exercise"]: row["target_rate"] for row in rows if row["exercise"] in rates})
    return rates


def _point(row: Any, started_at: datetime, target_rate: float) -> RunPoint:
    se = row["ability_se"]
    return RunPoint(
        run_id=row["id"], started_at=started_at, ability=float(row["ability"]),
        ability_se=float(se) if se is not None and se > 0 else FALLBACK_SE_LEVELS,
        accuracy=row["accuracy"], target_rate=target_rate, end_level=row["end_level"],
        duration_s=float(row["duration_s"] or 0.0), completed=bool(row["completed"]),
    )


def _mostly_censored(values: Sequence[float], level_range: tuple[int, int] | None) -> bool:
    """Whether ``CENSORED_SHARE`` or more of the abilities lie beyond the level range (never for a domain)."""
    if level_range is None or not values:
        return False
    low, high = level_range
    return sum(not low <= v <= high for v in values) >= CENSORED_SHARE * len(values)


def _statistics(points: Sequence[RunPoint], days: Sequence[date], level_range: tuple[int, int] | None = None
                ) -> tuple[Trend | None, ReliableChange | None]:
    """Trend (3+ points on 2+ days) and reliable change (6+ points) of a series.

    Args:
        level_range: an exercise's ``(min_level, max_level)``; None for a domain.
    """
    if not points:
        return None, None
    origin = points[0].started_at
    weeks = [(p.started_at - origin).total_seconds() / WEEK_S for p in points]
    values = [p.ability for p in points]
    ses = [p.ability_se for p in points]
    fit = fit_line(weeks, values, ses)
    several_days = len(set(days)) > 1
    trend = trend_of(fit, len(points)) if len(points) >= MIN_TREND_POINTS and several_days else None
    change = None
    if len(points) >= MIN_CHANGE_POINTS:
        residuals = [v - (fit.intercept + fit.slope * w) for v, w in zip(values, weeks)]
        df = len(points) - 2
        scatter = None if _mostly_censored(values, level_range) else sum(r * r for r in residuals) / df
        change = reliable_change(values, ses, fit.tau2, scatter, df)
    return trend, change


def _exercise_series(info: ExerciseInfo, runs: Sequence[_Run], target_rate: float) -> Series:
    points = tuple(_point(run.row, run.started_at, target_rate) for run in runs)
    days = [run.day for run in runs]
    trend, change = _statistics(points, days, (info.min_level, info.max_level))
    return Series(
        key=info.id, title=info.title, kind="exercise", domain=info.domain, unit=EXERCISE_UNIT,
        points=points, trend=trend, change=change,
        best_level=max((level for _, level in day_levels(points, days)), default=None),
        min_level=info.min_level, max_level=info.max_level,
    )


def _day_cells(members: Sequence[tuple[ExerciseInfo, Series, Sequence[date]]]
               ) -> dict[tuple[date, str], list[float]]:
    """(day, exercise) -> [sum of common-scale values, sum of their squared SEs, runs]."""
    cells: dict[tuple[date, str], list[float]] = {}
    for info, series, days in members:
        scale = 100.0 / max(info.max_level - info.min_level, 1)
        head = series.points[:BASELINE_RUNS]
        baseline = sum(p.ability for p in head) / len(head)
        for p, day in zip(series.points, days):
            cell = cells.setdefault((day, info.id), [0.0, 0.0, 0])
            cell[0] += scale * (p.ability - baseline)
            cell[1] += (scale * p.ability_se) ** 2
            cell[2] += 1
    return cells


def _domain_series(domain: str, members: Sequence[tuple[ExerciseInfo, Series, Sequence[date]]]) -> Series:
    """One point per local day: the mean over exercises of their day's common-scale values."""
    by_day: dict[date, list[float]] = {}  # day -> [sum of exercise means, sum of their variances, exercises]
    for (day, _), (total, variance, n) in _day_cells(members).items():
        cell = by_day.setdefault(day, [0.0, 0.0, 0])
        cell[0] += total / n
        cell[1] += variance / (n * n)  # the SEs taken as independent
        cell[2] += 1
    first_start: dict[date, datetime] = {}
    duration_s: dict[date, float] = {}
    for _, series, days in members:
        for p, day in zip(series.points, days):
            first_start[day] = min(first_start.get(day, p.started_at), p.started_at)
            duration_s[day] = duration_s.get(day, 0.0) + p.duration_s
    days = sorted(by_day)
    points = [RunPoint(f"{domain}/{day.isoformat()}", first_start[day], by_day[day][0] / by_day[day][2],
                       by_day[day][1] ** 0.5 / by_day[day][2], None, None, None, duration_s[day]) for day in days]
    trend, change = _statistics(points, days)
    return Series(
        key=domain, title=DOMAIN_TITLES.get(domain, domain.replace("_", " ").capitalize()), kind="domain",
        domain=domain, unit=DOMAIN_UNIT, points=tuple(points), trend=trend, change=change,
        best_level=None, min_level=None, max_level=None,
    )


def streaks(days: Sequence[date], today: date) -> tuple[int, int]:
    """(current streak ending today or yesterday, best streak ever) in consecutive days."""
    best = current = run = 0
    previous: date | None = None
    for day in sorted(set(days)):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best, previous = max(best, run), day
    if previous is not None and today - previous <= timedelta(days=1) and previous <= today:
        current = run
    return current, best


def days_in_a_row(store: Any, client: Any, today: date) -> int:
    """The client's current streak: days in a row with a scored run, ending ``today`` or the day before."""
    return streaks([run.day for run in _scored_runs(store, client, None, None)], today)[0]


def load_progress(
    store: Any, client: Any, exercises: Sequence[ExerciseInfo],
    since: date | None = None, until: date | None = None, today: date | None = None,
) -> Progress:
    """A client's progress from the store.

    Args:
        store: an open ``scores.store.store.Store``.
        client: the client (``scores.store.clients.Client``).
        exercises: the exercises to show, in the order to show them (the registry's).
        since, until: first and last local dates to include (inclusive); None leaves that side open.
        today: the local date the streak counts back from; by default this computer's today.
    """
    runs = _scored_runs(store, client, since, until)
    rates = _target_rates(store, client, exercises)
    by_exercise: dict[str, list[_Run]] = {}
    for run in runs:
        by_exercise.setdefault(run.row["exercise"], []).append(run)
    played = []  # (exercise, its series, the local day of each point)
    for info in exercises:
        if info.id in by_exercise:
            mine = by_exercise[info.id]
            played.append((info, _exercise_series(info, mine, rates[info.id]), [run.day for run in mine]))
    domain_order = list(DOMAINS) + [i.domain for i in exercises if i.domain not in DOMAINS]
    domains = []
    for domain in dict.fromkeys(domain_order):
        members = [member for member in played if member[0].domain == domain]
        if members:
            domains.append(_domain_series(domain, members))
    days = sorted({run.day for run in runs})
    streak, best_streak = streaks(days, today or date.today())
    return Progress(
        client_code=client.code, exercises=tuple(series for _, series, _ in played), domains=tuple(domains),
        days_practised=len(days), streak_days=streak, best_streak_days=best_streak,
        total_time_s=sum(float(run.row["duration_s"] or 0.0) for run in runs),
        first_day=days[0] if days else None, last_day=days[-1] if days else None,
    )


def trend_anchor(series: Series) -> tuple[float, float]:
    """A point of the fitted trend line: (POSIX seconds, value) at the series' mean time, where the
    line is best pinned down; with ``trend.per_week`` it draws the whole line."""
    weeks = [p.started_at.timestamp() / WEEK_S for p in series.points]
    fit = fit_line(weeks, [p.ability for p in series.points], [p.ability_se for p in series.points])
    centre = sum(weeks) / len(weeks)
    return centre * WEEK_S, fit.intercept + fit.slope * centre
