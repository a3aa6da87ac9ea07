"""Home assignments in the store, on the SQLite file and on a PostgreSQL server alike (the ``store``
fixture runs each test on both)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from scores.clinic.assignments import AssignmentError, adherence, due_today, week_strip
from scores.clinic.plans import Plan, PlanItem, plan_from_json
from scores.store.store import Store

T0 = datetime(2024, 6, 3, 8, 0, tzinfo=timezone.utc)  # a Monday
EXERCISES = {"go_no_go": (1, 9), "digit_span": (2, 9)}
PLAN = Plan("Home 10", (PlanItem("mood"), PlanItem("exercise", exercise="go_no_go", minutes=5),
                        PlanItem("breathing", minutes=2)), "Ten calm minutes")


def play(store: Store, client, assignment, at: datetime, minutes: float = 7.0, stopped: bool = False) -> str:
    session = store.start_session(client, at, kind="home", plan_name=assignment.plan_name,
                                  assignment_id=assignment.id)
    item = store.start_session_item(session, position=1, kind="breathing", exercise=None, planned_s=120.0,
                                    started_at=at)
    store.finish_session_item(item, ended_at=at + timedelta(minutes=minutes), active_s=minutes * 60.0,
                              outcome="done")
    store.end_session(session, at + timedelta(minutes=minutes), stopped_early=stopped)
    return session


def test_add_list_change_and_end(store, local_tz):
    local_tz("UTC")
    client = store.add_client("C-0001")
    other = store.add_client("C-0002")
    made = store.add_assignment(client, PLAN, weekdays=[4, 0, 2], times_per_week=3, starts_on=date(2024, 6, 3),
                                  ends_on=date(2024, 6, 30), now=T0)
    assert store.assignments(client) == [made] and store.assignments(other) == []
    assert made.weekdays == (0, 2, 4) and made.created_at == made.updated_at
    assert made.plan(EXERCISES) == PLAN
    # a later edit of the saved plan does not change what was assigned
    store.save_plan(Plan("Home 10", (PlanItem("mood"),)))
    assert plan_from_json(store.get_assignment(made.id).plan_json, EXERCISES) == PLAN
    changed = store.update_assignment(made, weekdays=[1, 3], times_per_week=2, starts_on=date(2024, 6, 4),
                                        ends_on=date(2024, 7, 14), now=T0 + timedelta(hours=1))
    assert store.get_assignment(made.id) == changed
    assert (changed.weekdays, changed.times_per_week, changed.ends_on) == ((1, 3), 2, date(2024, 7, 14))
    assert changed.updated_at > made.updated_at and changed.created_at == made.created_at
    ended = store.end_assignment(changed, now=T0 + timedelta(days=2))
    assert ended.ended and store.assignments(client, include_ended=False) == []
    assert store.assignments(client) == [ended]
    audit = [(row["action"], row["client_code"], row["detail"]) for row in store.iter_audit_rows()
             if row["action"].startswith("home_")]
    assert audit == [
        ("home_assign", "C-0001", "'Home 10', 3 times a week, on Mon, Wed, Fri, until 30 Jun 2024"),
        ("home_change", "C-0001", "'Home 10', 2 times a week, on Tue, Thu, until 14 Jul 2024"),
        ("home_end", "C-0001", "'Home 10'"),
    ]


def test_a_bad_schedule_is_refused_and_nothing_is_written(store):
    client = store.add_client("C-0001")
    with pytest.raises(AssignmentError):
        store.add_assignment(client, PLAN, weekdays=[0], times_per_week=5, starts_on=date(2024, 6, 3),
                               ends_on=date(2024, 6, 30))
    with pytest.raises(AssignmentError):
        store.add_assignment(client, PLAN, weekdays=[], times_per_week=2, starts_on=date(2024, 6, 3),
                               ends_on=date(2024, 6, 2))
    assert store.assignments(client) == []


def test_sessions_bound_to_an_assignment_give_the_strip_and_adherence(store, local_tz):
    local_tz("America/New_York")
    client = store.add_client("C-0001")
    assignment = store.add_assignment(client, PLAN, weekdays=[0, 2, 4], times_per_week=3,
                                        starts_on=date(2024, 6, 3), ends_on=date(2024, 6, 30), now=T0)
    free = store.start_session(client, T0)  # free play never counts
    store.end_session(free, T0 + timedelta(minutes=3))
    # 02:00 UTC on Tuesday is still Monday evening in New York
    play(store, client, assignment, datetime(2024, 6, 4, 2, 0, tzinfo=timezone.utc), minutes=10)
    play(store, client, assignment, datetime(2024, 6, 5, 15, 0, tzinfo=timezone.utc), minutes=3, stopped=True)
    sessions = store.assigned_sessions(client)
    assert [(s.day, s.done) for s in sessions] == [(date(2024, 6, 3), True), (date(2024, 6, 5), False)]
    wednesday = date(2024, 6, 5)
    assert [m.state for m in week_strip([assignment], wednesday, sessions)][:5] == [
        "done", "not_planned", "planned", "not_planned", "future"]
    assert due_today([assignment], wednesday, sessions) == assignment  # stopped early: still due
    assert due_today([assignment], date(2024, 6, 3), sessions) is None
    figures = adherence(assignment, wednesday, sessions)
    assert (figures.planned, figures.done, figures.started, figures.active_minutes) == (2, 1, 2, 13.0)


def test_the_session_export_names_the_assignment(store):
    client = store.add_client("C-0001")
    assignment = store.add_assignment(client, PLAN, weekdays=[], times_per_week=3, starts_on=date(2024, 6, 3),
                                        ends_on=date(2024, 6, 30), now=T0)
    bound = play(store, client, assignment, T0 + timedelta(hours=1))
    free = store.start_session(client, T0 + timedelta(hours=2))
    rows = {row["session_id"]: row for row in store.iter_session_rows()}
    assert (rows[bound]["assigned"], rows[bound]["assignment_id"]) == (True, assignment.id)
    assert (rows[free]["assigned"], rows[free]["assignment_id"]) == (False, None)
