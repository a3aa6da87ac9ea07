"""Home assignments: a plan given to a client with a schedule, read on the PC's local calendar.

Pure: what is due on a day, a week's strip of days, and adherence (sessions planned against
sessions done, and the minutes played). Days are local calendar dates; a session counts on the
local date it started. A session is *done* when it was closed without being stopped early.

How many sessions a schedule plans: each day of the schedule allows ``per_day`` sessions (one,
or two when the sessions a week outnumber its days), and each calendar week (Monday to Sunday)
at most ``times_per_week``; so "3 times a week, any day" plans 3 in a whole week and, in a week
cut short by the start, the end or today, no more than the days it has.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Iterable, Sequence

from scores.clinic.plans import LevelRanges, Plan, plan_from_json

WEEKDAY_NAMES: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_STATES: tuple[str, ...] = ("done", "planned", "not_planned", "future")
MAX_TIMES_PER_WEEK = 14
MAX_SPAN_DAYS = 366  # an assignment runs for at most about a year; the therapist renews it after


class AssignmentError(ValueError):
    """A schedule that cannot be used; the message says what to change, for a person."""


def parse_weekdays(text: str) -> tuple[int, ...]:
    """``'0,2,4'`` as ``(0, 2, 4)`` (Monday = 0); ``''`` (any day) as ``()``."""
    if not text.strip():
        return ()
    try:
        days = sorted({int(part) for part in text.split(",")})
    except ValueError:
        raise AssignmentError(f"The days {text!r} are not day numbers 0 (Monday) to 6 (Sunday).") from None
    if days[0] < 0 or days[-1] > 6:
        raise AssignmentError(f"The days {text!r} are not day numbers 0 (Monday) to 6 (Sunday).")
    return tuple(days)


def weekdays_text(days: Iterable[int]) -> str:
    """The stored form of a set of days: ``'0,2,4'``; all seven or none is ``''`` (any day)."""
    chosen = sorted(set(days))
    return "" if len(chosen) in (0, 7) else ",".join(str(day) for day in chosen)


def check_schedule(weekdays: Sequence[int], times_per_week: int, starts_on: date, ends_on: date) -> None:
    """Raise AssignmentError naming what is wrong with a schedule; return quietly if it is fine."""
    if isinstance(times_per_week, bool) or not isinstance(times_per_week, int) or not 1 <= times_per_week <= MAX_TIMES_PER_WEEK:
        raise AssignmentError(f"Times a week must be a whole number from 1 to {MAX_TIMES_PER_WEEK}.")
    if any(day not in range(7) for day in weekdays):
        raise AssignmentError("The days must be Monday to Sunday.")
    if ends_on < starts_on:
        raise AssignmentError("The last day comes before the first; choose a later end.")
    if (ends_on - starts_on).days >= MAX_SPAN_DAYS:
        raise AssignmentError(f"An assignment can last at most {MAX_SPAN_DAYS} days; renew it when it ends.")
    days = len(set(weekdays)) or 7
    if times_per_week > 2 * days:
        raise AssignmentError(f"That is more than twice a day: {times_per_week} times a week on {days} day(s); "
                              "choose more days or fewer times.")


@dataclass(frozen=True)
class Assignment:
    """One row of the assignments table, read."""

    id: str
    client_id: str
    plan_name: str
    plan_json: str
    weekdays: tuple[int, ...]  # () = any day
    times_per_week: int
    starts_on: date
    ends_on: date  # inclusive
    created_at: str
    updated_at: str
    ended: bool = False

    def plan(self, exercises: LevelRanges) -> Plan:
        """The plan as it was assigned (PlanError if it names an exercise this PC lacks)."""
        return plan_from_json(self.plan_json, exercises)

    @property
    def per_day(self) -> int:
        """Sessions a schedule day allows: one, or two when the week's times outnumber its days."""
        return math.ceil(self.times_per_week / (len(self.weekdays) or 7))

    @property
    def last_day(self) -> date:
        """The last day the assignment runs: its end, or the day the therapist ended it."""
        if self.ended:
            stopped = datetime.fromisoformat(self.updated_at).astimezone().date()
            return max(self.starts_on - timedelta(days=1), min(self.ends_on, stopped))
        return self.ends_on

    def is_schedule_day(self, day: date) -> bool:
        """Whether ``day`` is one of the assignment's days, within its span (ended or not)."""
        in_span = self.starts_on <= day <= self.last_day
        return in_span and (not self.weekdays or day.weekday() in self.weekdays)

    def with_schedule(self, weekdays: Sequence[int], times_per_week: int, starts_on: date, ends_on: date,
                      updated_at: str) -> Assignment:
        check_schedule(weekdays, times_per_week, starts_on, ends_on)
        return replace(self, weekdays=parse_weekdays(weekdays_text(weekdays)), times_per_week=times_per_week,
                       starts_on=starts_on, ends_on=ends_on, updated_at=updated_at)


@dataclass(frozen=True)
class AssignedSession:
    """A session that followed an assignment: its local start day, whether it was done, its minutes."""

    assignment_id: str
    day: date
    done: bool
    active_s: float


@dataclass(frozen=True)
class DayMark:
    """One day of a week strip; ``state`` is one of DAY_STATES."""

    day: date
    state: str
    is_today: bool


@dataclass(frozen=True)
class Adherence:
    """Sessions planned from the start up to today (or the end) against those done, and minutes."""

    planned: int
    done: int
    started: int  # sessions begun, also those stopped early
    active_minutes: float
    days_done: int

    @property
    def share(self) -> float | None:
        """Done over planned, 0 to 1 (more done than planned counts as all); None before any is planned."""
        return None if self.planned == 0 else min(1.0, self.done / self.planned)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def _own(assignment: Assignment, sessions: Iterable[AssignedSession]) -> list[AssignedSession]:
    return [s for s in sessions if s.assignment_id == assignment.id]


def _done_between(sessions: Iterable[AssignedSession], first: date, last: date) -> int:
    return sum(1 for s in sessions if s.done and first <= s.day <= last)


def is_due(assignment: Assignment, today: date, sessions: Iterable[AssignedSession]) -> bool:
    """Whether the assignment wants a session today: a schedule day, this day's and this week's
    sessions not yet all done, and not ended."""
    if assignment.ended or not assignment.is_schedule_day(today):
        return False
    own = _own(assignment, sessions)
    if _done_between(own, today, today) >= assignment.per_day:
        return False
    return _done_between(own, week_start(today), today) < assignment.times_per_week


def due_today(assignments: Iterable[Assignment], today: date, sessions: Sequence[AssignedSession]) -> Assignment | None:
    """The first assignment (by start, then creation) due today, or None."""
    ordered = sorted(assignments, key=lambda a: (a.starts_on, a.created_at, a.id))
    return next((a for a in ordered if is_due(a, today, sessions)), None)


def next_day(assignments: Iterable[Assignment], today: date, sessions: Sequence[AssignedSession]) -> date | None:
    """The next day after today that an assignment is meant for, or None (within a fortnight's look)."""
    for ahead in range(1, 15):
        day = today + timedelta(days=ahead)
        if any(not a.ended and a.is_schedule_day(day) for a in assignments):
            return day
    return None


def planned_count(assignment: Assignment, today: date) -> int:
    """Sessions the schedule plans from its first day to today (or its last day, if earlier)."""
    last = min(today, assignment.last_day)
    total, monday = 0, week_start(assignment.starts_on)
    while monday <= last:
        days = sum(1 for offset in range(7) if monday + timedelta(days=offset) <= last
                   and assignment.is_schedule_day(monday + timedelta(days=offset)))
        total += min(assignment.times_per_week, assignment.per_day * days)
        monday += timedelta(days=7)
    return total


def adherence(assignment: Assignment, today: date, sessions: Iterable[AssignedSession]) -> Adherence:
    """The assignment's figures up to ``today``: sessions on any day of its span count."""
    own = [s for s in _own(assignment, sessions) if assignment.starts_on <= s.day <= min(today, assignment.last_day)]
    return Adherence(
        planned=planned_count(assignment, today),
        done=sum(1 for s in own if s.done),
        started=len(own),
        active_minutes=round(sum(s.active_s for s in own) / 60.0, 1),
        days_done=len({s.day for s in own if s.done}),
    )


def week_strip(assignments: Sequence[Assignment], today: date, sessions: Sequence[AssignedSession]) -> list[DayMark]:
    """Monday to Sunday of today's week: done (an assigned session done that day), planned (a
    schedule day up to today, not done), future (a schedule day after today) or not planned."""
    ids = {a.id for a in assignments}
    done_days = {s.day for s in sessions if s.done and s.assignment_id in ids}
    marks = []
    for offset in range(7):
        day = week_start(today) + timedelta(days=offset)
        planned = any(a.is_schedule_day(day) and not (a.ended and day > today) for a in assignments)
        if day in done_days:
            state = "done"
        elif planned:
            state = "future" if day > today else "planned"
        else:
            state = "not_planned"
        marks.append(DayMark(day, state, day == today))
    return marks


def schedule_words(assignment: Assignment) -> str:
    """The schedule in a therapist's words: "3 times a week, on Mon, Wed, Fri, until 2 Jun 2025"."""
    times = "once a week" if assignment.times_per_week == 1 else f"{assignment.times_per_week} times a week"
    days = "any day" if not assignment.weekdays else "on " + ", ".join(WEEKDAY_NAMES[d][:3] for d in assignment.weekdays)
    until = assignment.ends_on.strftime("%d %b %Y").lstrip("0")
    return f"{times}, {days}, until {until}"


def adherence_words(figures: Adherence) -> str:
    """Adherence for a therapist, full figures: "4 of 6 planned sessions done (67%), 52.5 min"."""
    share = "" if figures.share is None else f" ({figures.share:.0%})"
    started = figures.started - figures.done
    extra = f", {started} more begun and stopped early" if started else ""
    return f"{figures.done} of {figures.planned} planned sessions done{share}{extra}, {figures.active_minutes:g} min played"
