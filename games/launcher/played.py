"""What the exercise tiles say about a client's own play: when, at what level, what to try today."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Sequence

from games.core.engine.duration import about_minutes, run_estimate_s
from games.core.engine.exercise import DOMAINS, Exercise
from scores.clinic.plans import Plan

SUGGESTED_MAX = 3  # a short row: a few good choices, not a second list


@dataclass
class History:
    """One exercise as this client played it: last day, latest scored level, completed runs' times."""

    last_played: date | None = None
    level: int | None = None
    durations_s: list[float] = field(default_factory=list)


def histories(runs: Sequence[dict[str, Any]]) -> dict[str, History]:
    """Per exercise, from ``Store.played_runs`` (oldest first); practice counts as played, not for levels."""
    out: dict[str, History] = {}
    for run in runs:
        history = out.setdefault(run["exercise"], History())
        history.last_played = run["started_at"].astimezone().date()
        if not run["practice"] and run["end_level"] is not None:
            history.level = run["end_level"]
        if run["completed"] and not run["practice"] and run["duration_s"]:
            history.durations_s.append(run["duration_s"])
    return out


def played_words(last_played: date | None, today: date) -> str:
    """When the client last played, as a person says it: "Played yesterday", "Not played yet"."""
    if last_played is None:
        return "Not played yet"
    days = max(0, (today - last_played).days)
    if days == 0:
        return "Played today"
    if days == 1:
        return "Played yesterday"
    if days < 14:
        return f"Played {days} days ago"
    if days < 60:
        return f"Played {days // 7} weeks ago"
    return f"Played {days // 30} months ago"


def level_words(exercise: Exercise, history: History | None) -> str:
    """The client's level in a few words: "Level 4 of 12", or that it starts easy."""
    if history is None or history.level is None:
        return "Starts easy"
    return f"Level {history.level} of {exercise.spec.max_level}"


def time_words(exercise: Exercise, history: History | None) -> str:
    """About how long a run takes this client ("about 3 min")."""
    return about_minutes(run_estimate_s(exercise.spec, history.durations_s if history else ()))


def plan_suggestions(plan: Plan, exercises: Sequence[Exercise], played: dict[str, History],
                     today: date) -> list[Exercise]:
    """The plan's exercises in its order, those not yet played today first, each once."""
    by_id = {e.id: e for e in exercises}
    ordered = list(dict.fromkeys(i.exercise for i in plan.items if i.kind == "exercise" and i.exercise in by_id))
    not_today = [x for x in ordered if played.get(x, History()).last_played != today]
    return [by_id[x] for x in (not_today + [x for x in ordered if x not in not_today])][:SUGGESTED_MAX]


def least_recent_per_domain(exercises: Sequence[Exercise], played: dict[str, History]) -> list[Exercise]:
    """In each domain, the exercise played longest ago (never played comes first; ties by list order)."""
    out = []
    for domain in DOMAINS:
        group = [e for e in exercises if e.spec.domain == domain]
        if group:
            out.append(min(group, key=lambda e: played.get(e.id, History()).last_played or date.min))
    return out[:SUGGESTED_MAX]


def suggested_today(exercises: Sequence[Exercise], played: dict[str, History], plan: Plan | None,
                    today: date) -> list[Exercise]:
    """The plan's next exercises when the client follows a plan, else the least recent per domain."""
    picks = plan_suggestions(plan, exercises, played, today) if plan is not None else []
    return picks or least_recent_per_domain(exercises, played)


def latest_plan(store: Any, client: Any, plans: Sequence[Plan]) -> Plan | None:
    """The plan of the client's latest session that followed one, if that plan still exists."""
    row = store.latest_plan_name(client)
    return next((p for p in plans if p.name == row), None) if row else None
