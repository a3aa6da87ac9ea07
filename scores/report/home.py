"""The report's section on practice at home: each assignment's schedule and its adherence."""

from __future__ import annotations

from datetime import date
from typing import Any

from scores.clinic.assignments import adherence, schedule_words
from scores.report.axes import long_day
from scores.report.charts import escape_text as _e

HOME_HEAD = ["Plan", "Schedule", "From", "State", "Planned", "Done", "Done of planned", "Begun, stopped early",
             "Minutes"]
HOME_COLUMNS = {0: "text", 1: "text", 2: "nowrap", 3: "nowrap", 4: "num", 5: "num", 6: "num", 7: "num", 8: "num"}
HOME_NOTE = ('<p class="note">Sessions planned count the schedule\'s days from its first day to the report\'s '
             "date (or its last day, or the day it was ended), at most the times a week in each week; a "
             "session counts as done when it was played to its end, on any day of the span.</p>")


def home_rows(store: Any, client: Any, today: date) -> list[list[str]]:
    """One row of escaped cells per assignment of ``client``, oldest first; [] without any."""
    assignments = store.assignments(client)
    if not assignments:
        return []
    sessions = store.assigned_sessions(client)
    rows = []
    for assignment in assignments:
        figures = adherence(assignment, today, sessions)
        state = "ended early" if assignment.ended else "over" if assignment.ends_on < today else \
            "not started" if assignment.starts_on > today else "running"
        share = "–" if figures.share is None else f"{figures.share:.0%}"
        rows.append([_e(assignment.plan_name), _e(schedule_words(assignment)), _e(long_day(assignment.starts_on)),
                     state, str(figures.planned), str(figures.done), share, str(figures.started - figures.done),
                     f"{figures.active_minutes:g}"])
    return rows
