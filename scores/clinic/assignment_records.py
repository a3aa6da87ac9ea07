"""The store's home assignments: add, change, end and list a client's, and the sessions that followed them."""

from __future__ import annotations

from datetime import date, datetime, timezone
from types import SimpleNamespace
from typing import Any, Callable, Sequence

from scores.clinic.assignments import (
    AssignedSession, Assignment, check_schedule, parse_weekdays, schedule_words, weekdays_text,
)
from scores.clinic.plans import Plan
from scores.store.connection import Connection
from scores.store.database import iso, new_id


def _assignment(row: Any) -> Assignment:
    return Assignment(
        id=row["id"], client_id=row["client_id"], plan_name=row["plan_name"], plan_json=row["plan_json"],
        weekdays=parse_weekdays(row["weekdays"]), times_per_week=int(row["times_per_week"]),
        starts_on=date.fromisoformat(row["starts_on"]), ends_on=date.fromisoformat(row["ends_on"]),
        created_at=row["created_at"], updated_at=row["updated_at"], ended=bool(row["ended"]),
    )


class AssignmentRecords:
    """Writes and reads for home assignments (mixed into Store)."""

    _conn: Connection
    _write: Callable[..., int]
    _update_one: Callable[..., None]
    record_audit: Callable[..., str]

    def add_assignment(
        self, client: Any, plan: Plan, *, weekdays: Sequence[int], times_per_week: int, starts_on: date,
        ends_on: date, now: datetime | None = None, row_id: str | None = None,
    ) -> Assignment:
        """Assign ``plan`` (kept whole, as it is now) to ``client`` on a schedule.

        Raises:
            AssignmentError: for a schedule that cannot be used, naming what to change.
        """
        check_schedule(weekdays, times_per_week, starts_on, ends_on)
        stamp = iso(now or datetime.now(timezone.utc))
        assignment = Assignment(
            row_id or new_id(), client.id, plan.name, plan.to_json(), parse_weekdays(weekdays_text(weekdays)),
            times_per_week, starts_on, ends_on, stamp, stamp,
        )
        self._write(
            "INSERT INTO assignments (id, client_id, plan_name, plan_json, weekdays, times_per_week, starts_on,"
            " ends_on, created_at, updated_at, ended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (assignment.id, client.id, plan.name, assignment.plan_json, weekdays_text(weekdays), times_per_week,
             starts_on.isoformat(), ends_on.isoformat(), stamp, stamp),
        )
        self.record_audit("home_assign", client, detail=f"'{plan.name}', {schedule_words(assignment)}", now=now)
        return assignment

    def update_assignment(
        self, assignment: Assignment, *, weekdays: Sequence[int], times_per_week: int, starts_on: date,
        ends_on: date, now: datetime | None = None,
    ) -> Assignment:
        """Change an assignment's schedule (its plan stays as assigned); a new ``updated_at``."""
        changed = assignment.with_schedule(weekdays, times_per_week, starts_on, ends_on,
                                           iso(now or datetime.now(timezone.utc)))
        self._update_one(
            "UPDATE assignments SET weekdays = ?, times_per_week = ?, starts_on = ?, ends_on = ?, updated_at = ?"
            " WHERE id = ?",
            (weekdays_text(changed.weekdays), changed.times_per_week, changed.starts_on.isoformat(),
             changed.ends_on.isoformat(), changed.updated_at, assignment.id), "assignment",
        )
        self.record_audit("home_change", self._client_of(changed),
                          detail=f"'{changed.plan_name}', {schedule_words(changed)}", now=now)
        return changed

    def end_assignment(self, assignment: Assignment, now: datetime | None = None) -> Assignment:
        """The therapist stops an assignment early; its sessions and figures stay."""
        stamp = iso(now or datetime.now(timezone.utc))
        self._update_one("UPDATE assignments SET ended = 1, updated_at = ? WHERE id = ?", (stamp, assignment.id),
                         "assignment")
        self.record_audit("home_end", self._client_of(assignment), detail=f"'{assignment.plan_name}'", now=now)
        return self.get_assignment(assignment.id)

    def _client_of(self, assignment: Assignment) -> Any:
        """The client an assignment is for (what the audit needs of them: the id)."""
        return SimpleNamespace(id=assignment.client_id)

    def get_assignment(self, assignment_id: str) -> Assignment:
        row = self._conn.execute("SELECT * FROM assignments WHERE id = ?", (assignment_id,)).fetchone()
        if row is None:
            raise KeyError(f"no assignment with id {assignment_id!r}")
        return _assignment(row)

    def assignments(self, client: Any, include_ended: bool = True) -> list[Assignment]:
        """A client's assignments by first day, then when they were made."""
        sql = "SELECT * FROM assignments WHERE client_id = ?" + ("" if include_ended else " AND ended = 0")
        rows = self._conn.execute(sql + " ORDER BY starts_on, created_at, id", (client.id,))
        return [_assignment(row) for row in rows]

    def assigned_sessions(self, client: Any) -> list[AssignedSession]:
        """The client's sessions that followed an assignment, oldest first, by local start day."""
        rows = self._conn.execute(
            "SELECT s.assignment_id, s.started_at, s.ended_at, s.stopped_early,"
            " (SELECT sum(i.active_s) FROM session_items i WHERE i.session_id = s.id) AS active_s"
            " FROM sessions s WHERE s.client_id = ? AND s.assignment_id IS NOT NULL ORDER BY s.started_at, s.id",
            (client.id,),
        )
        return [
            AssignedSession(
                row["assignment_id"], datetime.fromisoformat(row["started_at"]).astimezone().date(),
                row["ended_at"] is not None and not row["stopped_early"], float(row["active_s"] or 0.0),
            )
            for row in rows
        ]
