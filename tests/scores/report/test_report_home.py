"""The report's practice at home section: only for a client with assignments, with full figures."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from scores.clinic.plans import Plan, PlanItem
from scores.report.html import build_report
from scores.store.store import Store

PLAN = Plan("Home <calm>", (PlanItem("breathing", minutes=3),))


def practise(store: Store, client, assignment, at: datetime, minutes: float, stopped: bool = False) -> None:
    session = store.start_session(client, at, plan_name=PLAN.name, assignment_id=assignment.id)
    item = store.start_session_item(session, position=1, kind="breathing", exercise=None, planned_s=180.0,
                                    started_at=at)
    store.finish_session_item(item, ended_at=at + timedelta(minutes=minutes), active_s=minutes * 60, outcome="done")
    store.end_session(session, at + timedelta(minutes=minutes), stopped_early=stopped)


def test_a_client_without_assignments_has_no_home_section(store: Store):
    client = store.add_client("C-0001")
    assert "Practice at home" not in build_report(store, client, [], today=date(2024, 6, 12))


def test_the_home_section_gives_planned_done_and_minutes(store: Store, local_tz):
    local_tz("UTC")
    client = store.add_client("C-0001")
    other = store.add_client("C-0002")
    assignment = store.add_assignment(client, PLAN, weekdays=[0, 2, 4], times_per_week=3,
                                      starts_on=date(2024, 6, 3), ends_on=date(2024, 6, 30))
    practise(store, client, assignment, datetime(2024, 6, 3, 17, tzinfo=timezone.utc), 3.0)
    practise(store, client, assignment, datetime(2024, 6, 5, 17, tzinfo=timezone.utc), 4.5)
    practise(store, client, assignment, datetime(2024, 6, 7, 17, tzinfo=timezone.utc), 1.0, stopped=True)
    html = build_report(store, client, [], today=date(2024, 6, 12))  # a Wednesday: 3 + 2 planned
    section = html.split("<h2>Practice at home</h2>")[1].split("<h2>")[0].split("<tbody>")[1]
    cells = [cell.rsplit(">", 1)[1] for cell in section.split("</td>")[:-1]]
    assert cells == ["Home &lt;calm&gt;", "3 times a week, on Mon, Wed, Fri, until 30 Jun 2024", "3 Jun 2024",
                     "running", "5", "2", "40%", "1", "8.5"]
    assert "Practice at home" not in build_report(store, other, [], today=date(2024, 6, 12))
