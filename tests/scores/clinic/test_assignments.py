"""Home assignment schedules: what is due on a day, the week strip and adherence, worked by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from scores.clinic.assignments import (
    AssignedSession, Assignment, AssignmentError, adherence, adherence_words, check_schedule, due_today, is_due,
    next_day, parse_weekdays, planned_count, schedule_words, week_start, week_strip, weekdays_text,
)

# Monday 3 June 2024 .. Sunday 30 June 2024 (four whole weeks)
MON = date(2024, 6, 3)


def make(weekdays=(0, 2, 4), times=3, starts_on=MON, ends_on=MON + timedelta(days=27), ended=False,
         updated_at="2024-06-01T09:00:00.000+00:00", id="a1", created_at="2024-06-01T09:00:00.000+00:00"):
    return Assignment(id, "client", "Home 10", "{}", tuple(weekdays), times, starts_on, ends_on,
                      created_at, updated_at, ended)


def done(day, assignment_id="a1", active_s=600.0, finished=True):
    return AssignedSession(assignment_id, day, finished, active_s)


def test_weekdays_round_trip_and_any_day():
    assert parse_weekdays("0,2,4") == (0, 2, 4)
    assert parse_weekdays("") == ()
    assert weekdays_text([4, 0, 2, 2]) == "0,2,4"
    assert weekdays_text(range(7)) == "" and weekdays_text([]) == ""
    with pytest.raises(AssignmentError):
        parse_weekdays("1,9")
    with pytest.raises(AssignmentError):
        parse_weekdays("mon")


@pytest.mark.parametrize("weekdays, times, start, end", [
    ((0,), 0, MON, MON), ((0,), 15, MON, MON), ((0,), 3, MON, MON), ((), 2, MON, MON - timedelta(days=1)),
    ((), 2, MON, MON + timedelta(days=400)), ((7,), 1, MON, MON),
])
def test_bad_schedules_are_refused_with_words(weekdays, times, start, end):
    with pytest.raises(AssignmentError) as caught:
        check_schedule(weekdays, times, start, end)
    assert "\n" not in str(caught.value) and str(caught.value)[0].isupper()


@pytest.mark.parametrize("offset, due", [(-1, False), (0, True), (1, False), (2, True), (4, True), (5, False),
                                         (6, False), (7, True), (27, False), (25, True), (28, False)])
def test_due_on_the_schedule_days_within_the_span(offset, due):
    assert is_due(make(), MON + timedelta(days=offset), []) is due


def test_the_end_date_is_inclusive():
    assignment = make(weekdays=(), times=7, ends_on=date(2024, 6, 9))
    assert is_due(assignment, date(2024, 6, 9), []) and not is_due(assignment, date(2024, 6, 10), [])


def test_a_day_done_is_no_longer_due_and_the_week_quota_counts():
    assignment = make(weekdays=(), times=2)
    assert not is_due(assignment, MON, [done(MON)])
    assert is_due(assignment, MON + timedelta(days=1), [done(MON)])
    assert not is_due(assignment, MON + timedelta(days=2), [done(MON), done(MON + timedelta(days=1))])
    # a new week (Monday 10 June) starts again
    assert is_due(assignment, MON + timedelta(days=7), [done(MON), done(MON + timedelta(days=1))])


def test_a_session_stopped_early_leaves_the_day_due_and_another_assignment_does_not_count():
    assignment = make()
    assert is_due(assignment, MON, [done(MON, finished=False)])
    assert is_due(assignment, MON, [done(MON, assignment_id="other")])


def test_twice_a_day_when_the_times_outnumber_the_days():
    assignment = make(weekdays=(0, 3), times=4)
    assert assignment.per_day == 2
    assert is_due(assignment, MON, [done(MON)])
    assert not is_due(assignment, MON, [done(MON), done(MON)])


def test_an_ended_assignment_is_never_due_and_plans_nothing_after_it_ended(local_tz):
    local_tz("Europe/Berlin")
    stopped = make(ended=True, updated_at="2024-06-12T10:00:00.000+00:00")  # a Wednesday
    assert not is_due(stopped, date(2024, 6, 12), [])
    assert stopped.last_day == date(2024, 6, 12)
    assert planned_count(stopped, date(2024, 6, 30)) == 3 + 2  # week 1 whole, then Mon and Wed
    ended_before_start = make(ended=True, starts_on=date(2024, 7, 1), ends_on=date(2024, 7, 30))
    assert planned_count(ended_before_start, date(2024, 7, 30)) == 0


def test_due_today_picks_the_first_due_and_next_day_looks_ahead():
    early = make(id="early", weekdays=(1,), times=1)
    later = make(id="later", starts_on=MON + timedelta(days=7))
    assert due_today([later, early], MON + timedelta(days=8), []) is early
    assert due_today([later, early], MON + timedelta(days=7), []) is later
    assert due_today([later, early], MON + timedelta(days=5), []) is None
    assert next_day([early], MON + timedelta(days=5), []) == MON + timedelta(days=8)
    assert next_day([], MON, []) is None


@pytest.mark.parametrize("today, planned", [
    (MON - timedelta(days=1), 0), (MON, 1), (MON + timedelta(days=1), 1), (MON + timedelta(days=4), 3),
    (MON + timedelta(days=6), 3), (MON + timedelta(days=7), 4), (MON + timedelta(days=27), 12),
    (MON + timedelta(days=60), 12),
])
def test_planned_sessions_up_to_today(today, planned):
    assert planned_count(make(), today) == planned


def test_planned_any_day_caps_each_week_and_a_week_cut_by_the_start():
    # starts on a Saturday: that week has two days, so it plans two of the three
    assignment = make(weekdays=(), times=3, starts_on=date(2024, 6, 8), ends_on=date(2024, 6, 23))
    assert planned_count(assignment, date(2024, 6, 9)) == 2
    assert planned_count(assignment, date(2024, 6, 16)) == 2 + 3
    assert planned_count(assignment, date(2024, 6, 30)) == 2 + 3 + 3


def test_adherence_counts_done_started_minutes_and_days():
    assignment = make()
    sessions = [done(MON, active_s=600), done(MON + timedelta(days=1), active_s=300),  # a Tuesday counts too
                done(MON + timedelta(days=2), finished=False, active_s=90), done(MON - timedelta(days=3)),
                done(MON + timedelta(days=2), assignment_id="other")]
    figures = adherence(assignment, MON + timedelta(days=6), sessions)
    assert (figures.planned, figures.done, figures.started, figures.days_done) == (3, 2, 3, 2)
    assert figures.active_minutes == 16.5
    assert figures.share == pytest.approx(2 / 3)
    assert adherence_words(figures) == ("2 of 3 planned sessions done (67%), 1 more begun and stopped early,"
                                        " 16.5 min played")
    assert adherence(assignment, MON - timedelta(days=1), sessions).share is None


def test_week_strip_marks_done_planned_future_and_not_planned():
    assignment = make()
    wednesday = MON + timedelta(days=2)
    strip = week_strip([assignment], wednesday, [done(MON)])
    assert [m.day for m in strip] == [MON + timedelta(days=i) for i in range(7)]
    assert [m.state for m in strip] == ["done", "not_planned", "planned", "not_planned", "future",
                                        "not_planned", "not_planned"]
    assert [m.is_today for m in strip] == [False, False, True, False, False, False, False]


@pytest.mark.parametrize("today", [date(2024, 6, 30), date(2024, 7, 1), date(2024, 12, 31), date(2025, 1, 1)])
def test_week_strip_runs_monday_to_sunday_across_month_and_year_ends(today):
    assignment = make(weekdays=(), times=7, starts_on=date(2024, 6, 1), ends_on=date(2025, 5, 31))
    strip = week_strip([assignment], today, [])
    assert strip[0].day == week_start(today) and strip[0].day.weekday() == 0 and strip[-1].day.weekday() == 6
    assert sum(m.is_today for m in strip) == 1
    assert all(m.state == ("future" if m.day > today else "planned") for m in strip)


def test_session_days_across_a_clock_change_stay_on_local_dates(local_tz):
    """Europe/Berlin moves its clocks on Sunday 31 March 2024: 23:30 local that day is 21:30 UTC,
    the evening before (Saturday) it is 22:30 UTC; both stay on their own local date."""
    local_tz("Europe/Berlin")
    saturday = datetime(2024, 3, 30, 22, 30, tzinfo=timezone.utc).astimezone().date()
    sunday = datetime(2024, 3, 31, 21, 30, tzinfo=timezone.utc).astimezone().date()
    assert (saturday, sunday) == (date(2024, 3, 30), date(2024, 3, 31))
    assignment = make(weekdays=(5, 6), times=2, starts_on=date(2024, 3, 25), ends_on=date(2024, 4, 7))
    sessions = [done(saturday), done(sunday)]
    strip = week_strip([assignment], date(2024, 4, 1), sessions)
    assert [m.state for m in strip][5:] == ["future", "future"]
    last_week = week_strip([assignment], date(2024, 3, 31), sessions)
    assert [m.state for m in last_week][5:] == ["done", "done"]
    assert adherence(assignment, date(2024, 3, 31), sessions).done == 2
    assert not is_due(assignment, date(2024, 3, 31), sessions)


def test_schedule_in_words():
    assert schedule_words(make()) == "3 times a week, on Mon, Wed, Fri, until 30 Jun 2024"
    assert schedule_words(make(weekdays=(), times=1)) == "once a week, any day, until 30 Jun 2024"
