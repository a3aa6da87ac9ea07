"""The store's read side: best results so far, and the joined rows the exports stream."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Iterator

from scores.store.clients import Client
from scores.store.connection import Connection


# The trial query's 0/1 columns, exported as true/false.
TRIAL_BOOLS: tuple[str, ...] = ("correct", "timed_out", "practice", "run_completed")
# The trial query's columns that come from the trial's run (and its client): one value per run_id.
TRIAL_RUN_COLUMNS: tuple[str, ...] = (
    "client_code", "display_name", "session_id", "run_id", "exercise", "domain", "practice", "run_completed",
)


@dataclass(frozen=True)
class ExerciseSettings:
    """A client's own settings for one exercise; None means the exercise's default."""

    target_rate: float | None = None
    locked_level: int | None = None


@dataclass(frozen=True)
class Filters:
    """Which runs an export reads; dates are inclusive, on this PC's calendar (its local time zone)."""

    client_code: str | None = None
    since: date | None = None
    until: date | None = None


def _where(filters: Filters, started_at: str) -> tuple[str, list[Any]]:
    clauses, params = ["1 = 1"], []
    if filters.client_code is not None:
        clauses.append("c.client_code = ?")
        params.append(filters.client_code.strip())
    # A local day becomes the instants it spans, so the stored times with their offsets compare.
    for day, operator in ((filters.since, ">="), (_next_day(filters.until), "<")):
        start = local_day_start(day)
        if start is not None:
            clauses.append(f"julianday({started_at}) {operator} julianday(?)")
            params.append(start)
    return " AND ".join(clauses), params


def local_day_start(day: date | None) -> str | None:
    """The instant this PC's calendar day ``day`` begins (DST-aware), as ISO text with its offset.

    None for None, and at the calendar's ends, where no run can lie beyond anyway.
    """
    try:
        return None if day is None else datetime.combine(day, time()).astimezone().isoformat()
    except (ValueError, OverflowError):
        return None


def _next_day(day: date | None) -> date | None:
    return None if day is None or day == date.max else day + timedelta(days=1)


def _decoded(
    row: Any, bools: tuple[str, ...] = (), blobs: dict[str, str] | None = None
) -> dict[str, Any]:
    """A row as a dict, with 0/1 columns as bools and JSON columns parsed (missing -> {})."""
    out = dict(row)
    for name in bools:
        out[name] = bool(out[name])
    for column, key in (blobs or {}).items():
        text = out.pop(column)
        out[key] = json.loads(text) if text else {}
    return out


class StoreQueries:
    """Reads over an open store connection (mixed into Store)."""

    _conn: Connection

    def best_run(
        self, client: Client, exercise: str, include_simulated: bool = False
    ) -> dict[str, Any] | None:
        """The client's best so far over completed runs, or None before the first one.

        Returns:
            ``{"best_level", "best_accuracy", "n_runs"}``. Runs stopped early do not count, so
            two lucky answers before quitting cannot become a best accuracy.
        """
        best_level, best_accuracy, n_runs = self._conn.execute(
            "SELECT max(end_level), max(accuracy), count(*) FROM runs WHERE client_id = ? AND exercise = ?"
            " AND completed = 1 AND practice = 0 AND ended_at IS NOT NULL AND simulated IN (0, ?)",
            (client.id, exercise, int(include_simulated)),
        ).fetchone()
        if not n_runs:
            return None
        return {"best_level": best_level, "best_accuracy": best_accuracy, "n_runs": n_runs}

    def exercise_settings(self, client: Client, exercise: str) -> ExerciseSettings:
        row = self._conn.execute(
            "SELECT target_rate, locked_level FROM exercise_settings WHERE client_id = ? AND exercise = ?",
            (client.id, exercise),
        ).fetchone()
        return ExerciseSettings(row["target_rate"], row["locked_level"]) if row else ExerciseSettings()

    def last_estimate(self, client: Client, exercise: str) -> tuple[float, float | None] | None:
        """``(ability, standard_error)`` of the client's latest scored run of ``exercise`` that has one."""
        recent = self.recent_estimates(client, exercise, 1)
        return recent[0] if recent else None

    def recent_estimates(self, client: Client, exercise: str, count: int = 3) -> list[tuple[float, float | None]]:
        """``(ability, standard_error)`` of the client's latest ``count`` scored runs, newest first."""
        rows = self._conn.execute(
            "SELECT ability, ability_se FROM runs WHERE client_id = ? AND exercise = ?"
            " AND ability IS NOT NULL AND n_trials > 0 AND practice = 0"
            " ORDER BY started_at DESC, ended_at DESC, rowid DESC LIMIT ?",
            (client.id, exercise, count),
        )
        return [(row["ability"], row["ability_se"]) for row in rows]

    def has_met(self, client: Client, exercise: str) -> bool:
        """Whether the client has played ``exercise`` before (practice included)."""
        row = self._conn.execute(
            "SELECT 1 FROM runs WHERE client_id = ? AND exercise = ? AND n_trials > 0 LIMIT 1",
            (client.id, exercise),
        ).fetchone()
        return row is not None

    def played_runs(self, client: Client) -> list[dict[str, Any]]:
        """The client's runs with at least one trial, oldest first: ``exercise``, ``started_at``
        (a datetime), ``end_level``, ``duration_s``, ``completed``, ``practice``."""
        rows = self._conn.execute(
            "SELECT exercise, started_at, end_level, duration_s, completed, practice FROM runs"
            " WHERE client_id = ? AND n_trials > 0 AND simulated = 0 ORDER BY julianday(started_at), id",
            (client.id,),
        )
        return [dict(_decoded(row, ("completed", "practice")), started_at=datetime.fromisoformat(row["started_at"]))
                for row in rows]

    def latest_plan_name(self, client: Client) -> str | None:
        """The name of the plan the client's latest planned session followed, or None."""
        row = self._conn.execute(
            "SELECT plan_name FROM sessions WHERE client_id = ? AND plan_name IS NOT NULL"
            " ORDER BY julianday(started_at) DESC LIMIT 1",
            (client.id,),
        ).fetchone()
        return row["plan_name"] if row else None

    def iter_trial_rows(self, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
        """Trials with their client, session and run, by client, then run start, then trial index."""
        names, rows = self.iter_trial_tuples(filters)
        try:
            for row in rows:
                yield _decoded(dict(zip(names, row)), TRIAL_BOOLS, {"extra_json": "extra"})
        finally:
            rows.close()

    def iter_trial_tuples(self, filters: Filters = Filters()) -> tuple[list[str], Any]:
        """The rows of ``iter_trial_rows`` as plain tuples, undecoded, with their column names.

        The export streams a million of these; skipping the dict and JSON work per row is what
        makes it fast. 0/1 columns stay 0/1 (see ``TRIAL_BOOLS``), ``extra_json`` stays text.
        The query runs already: close the cursor when done, even after an error.
        """
        where, params = _where(filters, "r.started_at")
        return self._conn.stream(
            "SELECT c.client_code, c.display_name, r.session_id, t.run_id, r.exercise, r.domain,"
            " t.trial_index, t.started_at, t.level, t.stimulus, t.response, t.correct, t.rt_ms,"
            " t.timed_out, t.extra_json, r.practice, r.completed AS run_completed"
            " FROM trials t JOIN runs r ON r.id = t.run_id JOIN clients c ON c.id = r.client_id"
            f" WHERE {where} ORDER BY c.client_code, julianday(r.started_at), r.id, t.trial_index",
            tuple(params),
        )

    def iter_run_rows(self, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
        """Runs with their client, by client, then start time; unfinished runs are included."""
        where, params = _where(filters, "r.started_at")
        rows = self._conn.execute(
            "SELECT r.id AS run_id, c.client_code, c.display_name, r.session_id, r.exercise, r.domain,"
            " r.started_at, r.ended_at, r.start_level, r.end_level, r.ability, r.ability_se, r.accuracy,"
            " r.median_rt_ms, r.n_trials, r.duration_s, r.completed, r.simulated, r.practice,"
            " r.session_item_id, r.seed, r.params_json, r.measures_json, r.app_version"
            " FROM runs r JOIN clients c ON c.id = r.client_id"
            f" WHERE {where} ORDER BY c.client_code, julianday(r.started_at), r.id",
            params,
        )
        for row in rows:
            yield _decoded(
                row, ("completed", "simulated", "practice"),
                {"params_json": "params", "measures_json": "measures"},
            )

    def iter_session_rows(self, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
        """Sessions with their client, counts and mood checks; dates filter on the session's start."""
        where, params = _where(filters, "s.started_at")
        mood = ", ".join(
            f"(SELECT m.{scale} FROM mood_checks m WHERE m.session_id = s.id AND m.moment = '{moment}'"
            f" ORDER BY m.at {order}, m.rowid {order} LIMIT 1) AS mood_{moment}_{scale}"
            for moment, order in (("before", "ASC"), ("after", "DESC")) for scale in ("mood", "calm", "energy")
        )
        rows = self._conn.execute(
            "SELECT s.id AS session_id, c.client_code, c.display_name, s.kind, s.plan_name,"
            " CASE WHEN s.assignment_id IS NULL THEN 0 ELSE 1 END AS assigned, s.assignment_id, s.started_at,"
            " s.ended_at, CASE WHEN s.ended_at IS NULL THEN 'not_closed'"
            " WHEN s.stopped_early = 1 THEN 'stopped_early' ELSE 'finished' END AS end_state,"
            " CASE WHEN s.stopped_early = 1 OR s.ended_at IS NULL THEN 1 ELSE 0 END AS stopped_early,"
            " round((julianday(s.ended_at) - julianday(s.started_at)) * 86400.0, 3) AS duration_s,"
            " (SELECT round(sum(i.active_s), 3) FROM session_items i WHERE i.session_id = s.id) AS active_s,"
            " (SELECT count(*) FROM session_items i WHERE i.session_id = s.id) AS n_items,"
            " (SELECT count(*) FROM runs r WHERE r.session_id = s.id AND r.practice = 0) AS n_runs,"
            " (SELECT count(*) FROM trials t JOIN runs r ON r.id = t.run_id WHERE r.session_id = s.id"
            "  AND r.practice = 0) AS n_trials,"
            f" {mood} FROM sessions s JOIN clients c ON c.id = s.client_id"
            f" WHERE {where} ORDER BY c.client_code, julianday(s.started_at), s.id",
            params,
        )
        for row in rows:
            yield _decoded(row, ("stopped_early", "assigned"))

    def iter_item_rows(
        self, filters: Filters = Filters(), session_id: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """The items of planned sessions (or of one), in order, with their scored runs' totals."""
        where, params = _where(filters, "s.started_at")
        if session_id is not None:
            where, params = f"{where} AND s.id = ?", [*params, session_id]
        scored = "FROM runs r WHERE r.session_item_id = i.id AND r.practice = 0"
        rows = self._conn.execute(
            "SELECT i.id AS item_id, i.session_id, c.client_code, c.display_name, s.plan_name, i.position,"
            " i.kind, i.exercise, i.planned_s, i.active_s, i.started_at, i.ended_at,"
            " coalesce(i.outcome, 'not_closed') AS outcome,"
            f" (SELECT count(*) FROM trials t JOIN runs r ON r.id = t.run_id WHERE r.session_item_id = i.id"
            "  AND r.practice = 0) AS n_trials,"
            f" (SELECT avg(t.correct) FROM trials t JOIN runs r ON r.id = t.run_id WHERE r.session_item_id = i.id"
            "  AND r.practice = 0) AS accuracy,"
            f" (SELECT r.start_level {scored} ORDER BY r.started_at, r.rowid LIMIT 1) AS start_level,"
            f" (SELECT r.end_level {scored} ORDER BY r.started_at DESC, r.rowid DESC LIMIT 1) AS end_level,"
            " (SELECT count(*) FROM runs r WHERE r.session_item_id = i.id AND r.practice = 1) AS n_practice_runs"
            " FROM session_items i JOIN sessions s ON s.id = i.session_id JOIN clients c ON c.id = s.client_id"
            f" WHERE {where} ORDER BY c.client_code, julianday(s.started_at), s.id, i.position",
            params,
        )
        for row in rows:
            yield dict(row)

    def level_changes(self, run_id: str) -> list[dict[str, Any]]:
        """A run's level changes in the order they happened."""
        rows = self._conn.execute(
            "SELECT trial_index, from_level, to_level, rule, at FROM level_changes WHERE run_id = ?"
            " ORDER BY trial_index, rowid",
            (run_id,),
        )
        return [dict(row) for row in rows]

    def schema_version(self) -> int:
        """The format the store's tables are in: the number of migrations applied to it (0: none)."""
        return int(self._conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])
