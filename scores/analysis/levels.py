"""What "level" and "best" mean on the client's screens, defined here once.

- A run's **level** is the level it ended at: ``runs.end_level``, where the run's last answer left
  the client (the level its next round would have had).
- A run **counts** when it is scored and finished: not practice, not stopped early, with answers.
  Simulated runs count too, as everywhere in ``scores.analysis.progress``.
- The client's **best** on an exercise is the highest level of the runs that count.
- A run is a **new best** when it counts and its level is higher than that of every counting run
  before it; a first run is not one, having nothing to beat.
- A **day's level** (the client's progress chart) is the highest level of that day's counting
  runs, so the best days are exactly the days that reached the best.

The results screen, the client's progress and the client's session summary all read these; the
therapist's view keeps the estimates and their uncertainty beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Sequence

RECENT_RUNS = 5  # earlier runs the results screen shows beside the new one


def counting(alias: str = "") -> str:
    """The SQL condition that a row of ``runs`` (named ``alias``, if given) counts."""
    a = f"{alias}." if alias else ""
    return f"{a}practice = 0 AND {a}completed = 1 AND {a}n_trials > 0 AND {a}end_level IS NOT NULL"


@dataclass(frozen=True)
class RunLevels:
    """A finished run as the results screen pictures it, with the runs before it."""

    run_id: str
    day: date  # the local day it was played
    trial_levels: tuple[int, ...]  # each answer's level, in order
    right: tuple[bool, ...]  # whether each answer was right
    level: int | None
    counts: bool
    best_before: int | None  # the best over the counting runs before this one
    earlier: tuple[int, ...]  # the levels of up to RECENT_RUNS counting runs before it, oldest first

    @property
    def new_best(self) -> bool:
        return self.counts and self.best_before is not None and self.level > self.best_before

    @property
    def best(self) -> int | None:
        """The best now, this run included if it counts."""
        levels = [self.best_before] + ([self.level] if self.counts else [])
        return max((level for level in levels if level is not None), default=None)


def newest_run(store: Any, client: Any, exercise: str) -> RunLevels | None:
    """The client's newest scored run of ``exercise`` (the one just played), or None."""
    conn = store._conn
    row = conn.execute(
        f"SELECT id, started_at, end_level, {counting()} AS counts FROM runs"
        " WHERE client_id = ? AND exercise = ? AND practice = 0"
        " ORDER BY julianday(started_at) DESC, rowid DESC LIMIT 1",
        (client.id, exercise),
    ).fetchone()
    if row is None:
        return None
    trials = conn.execute("SELECT level, correct FROM trials WHERE run_id = ? ORDER BY trial_index",
                          (row["id"],)).fetchall()
    earlier = [r["end_level"] for r in conn.execute(
        f"SELECT end_level FROM runs WHERE client_id = ? AND exercise = ? AND {counting()} AND id != ?"
        " AND julianday(started_at) <= julianday(?) ORDER BY julianday(started_at) DESC, rowid DESC",
        (client.id, exercise, row["id"], row["started_at"]))]
    day = datetime.fromisoformat(row["started_at"]).astimezone().date()
    return RunLevels(row["id"], day, tuple(t["level"] for t in trials), tuple(bool(t["correct"]) for t in trials),
                     row["end_level"], bool(row["counts"]),
                     max(earlier, default=None), tuple(reversed(earlier[:RECENT_RUNS])))


def day_levels(points: Sequence[Any], local_days: Sequence[date] | None = None) -> list[tuple[date, int]]:
    """Each local day's level from a series' run points (``scores.analysis.progress.RunPoint``), oldest first.

    Args:
        local_days: each point's local date when the caller already has them (else worked out here).
    """
    if local_days is None:
        local_days = [point.started_at.astimezone().date() for point in points]
    days: dict[date, int] = {}
    for point, day in zip(points, local_days):
        if point.completed and point.end_level is not None:
            days[day] = max(days.get(day, point.end_level), point.end_level)
    return sorted(days.items())


def smoothed(levels: Sequence[int]) -> list[float]:
    """The day levels evened out: each the mean of its day and the days either side of it."""
    return [sum(levels[max(0, i - 1):i + 2]) / len(levels[max(0, i - 1):i + 2]) for i in range(len(levels))]
