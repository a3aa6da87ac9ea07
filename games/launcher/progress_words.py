"""What the progress screen says: the client's kind words and the therapist's full figures."""

from __future__ import annotations

import math
from datetime import date

from scores.analysis.levels import day_levels, smoothed
from scores.analysis.progress import Progress, Series
from scores.report.axes import MONTHS, short_day

CHANGE_WORDS = {1: "improved", 0: "no reliable change", -1: "declined"}
MIN_RISE_DAYS = 3  # days with a level before the client's words say it went up


def format_duration(seconds: float) -> str:
    """Time played as a person says it: "3 h 20 min", "45 min", "under 1 min"."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under 1 min"
    hours, minutes = divmod(minutes, 60)
    return " ".join(part for part in (f"{hours} h" if hours else "", f"{minutes} min" if minutes else "") if part)


def format_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def signed(value: float, digits: int, sign: bool = True) -> str:
    """``value`` with ``digits`` decimals, a true minus, a plus too if ``sign``; a rounded zero has no minus."""
    value = 0.0 if round(value, digits) == 0 else value
    return f"{value:{'+' if sign else ''}.{digits}f}".replace("-", "−")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def highlights(progress: Progress, therapist: bool) -> list[tuple[str, str]]:
    """The cards at the top: (big value, words under it)."""
    if progress.streak_days > 0:
        best = f" (best {progress.best_streak_days})" if therapist else ""
        streak = (plural(progress.streak_days, "day"), f"in a row{best}")
    else:  # no streak running: the longest one, which nothing can take away
        streak = (plural(progress.best_streak_days, "day"), "your longest run of days in a row")
    return [
        streak,
        (str(progress.days_practised), "day practised" if progress.days_practised == 1 else "days practised"),
        (format_duration(progress.total_time_s), "of practice in all"),
    ]


def about(value: float) -> int:
    """A level as a person rounds it: halves go up."""
    return math.floor(value + 0.5)


def level_rise(series: Series) -> str | None:
    """The client's good news, or None: their evened-out day level rose by a whole level or more.

    The words and the client's chart (``games.launcher.level_chart``) read the same evened-out
    levels, so "from about 5 to about 7" is where the chart's hill begins and ends.
    """
    days = day_levels(series.points)
    if len(days) < MIN_RISE_DAYS:
        return None
    hill = smoothed([level for _, level in days])
    if about(hill[-1]) <= about(hill[0]):
        return None
    return f"Your {series.title} level has gone up from about {about(hill[0])} to about {about(hill[-1])}."


def client_lines(series: Series) -> list[str]:
    """What the client reads under the chart: good news first, then the best; never a word about going down."""
    days = day_levels(series.points)
    played_days = {p.started_at.astimezone().date() for p in series.points}
    rise = level_rise(series)
    lines = [rise] if rise else []
    if series.best_level is not None:
        first_best = next(day for day, level in days if level == series.best_level)
        lines.append(f"Your best: level {series.best_level}, first on {short_day(first_best)}.")
    else:
        lines.append("Play it to the end once and your level will show here.")
    lines.append(f"You have played it {plural(len(series.points), 'time')} on {plural(len(played_days), 'day')}.")
    if len(days) > 1 and days[-1][1] == series.best_level:
        lines.append("Your latest day reached your best. Well done!")
    if not rise and len(days) < MIN_RISE_DAYS:
        lines.append("Play a few more times to see how it moves over the weeks.")
    return lines


def therapist_lines(series: Series) -> list[str]:
    """The full picture: runs, best level, the trend with its 95% interval, and reliable change."""
    domain = series.kind == "domain"
    n, what = len(series.points), "day" if series.kind == "domain" else "run"
    first, last = (p.started_at.astimezone().date() for p in (series.points[0], series.points[-1]))
    facts = f"{plural(n, what)}, {format_day(first)} to {format_day(last)}"
    if series.best_level is not None:
        facts += f"; best level {series.best_level} (levels {series.min_level}–{series.max_level})"
    lines = [facts + "."]
    digits, unit = (1, "% of range") if domain else (2, " levels")
    trend = series.trend
    if trend is None:
        lines.append(f"Trend: needs at least 3 {what}s." if n < 3 else f"Trend: needs {what}s on more than one day.")
    else:
        verdict = "rising" if trend.low > 0 else "falling" if trend.high < 0 else "no clear trend"
        lines.append(f"Trend: {signed(trend.per_week, digits)}{unit} per week, 95% interval "
                     f"{signed(trend.low, digits)} to {signed(trend.high, digits)}: {verdict}.")
    change = series.change
    if change is None:
        lines.append(f"Reliable change: needs at least 6 {what}s (has {n})." if n < 6
                     else "Reliable change: not available.")
    else:
        first_3, last_3 = (signed(v, 1, sign=False) + ("%" if domain else "") for v in (change.baseline, change.latest))
        lines.append(f"Reliable change: {CHANGE_WORDS[change.direction]}; first 3 {what}s averaged {first_3}, "
                     f"last 3 {last_3}, RCI {signed(change.rci, 2)}.")
    return lines


def _summary(series: Series) -> str:
    """One line of the therapist's overview: best level, how many runs (or days), reliable change."""
    what = "day" if series.kind == "domain" else "run"
    parts = [f"best level {series.best_level}"] if series.best_level is not None else []
    parts.append(plural(len(series.points), what))
    parts.append(CHANGE_WORDS[series.change.direction] if series.change else f"change needs 6 {what}s")
    return f"{series.title}{' overall' if series.kind == 'domain' else ''}: {', '.join(parts)}"


def overview_sections(progress: Progress, therapist: bool) -> list[tuple[str, list[str]]]:
    """The highlights page under the cards: (heading, lines) sections."""
    if therapist:
        first, last = progress.first_day, progress.last_day
        period = [f"From {format_day(first)} to {format_day(last)}."] if first and last else []
        return [("", period),
                ("Exercises: best level, runs, reliable change", [_summary(s) for s in progress.exercises]),
                ("Domains: days, reliable change", [_summary(s) for s in progress.domains])]
    best = [f"{s.title}: " + (f"level {s.best_level}" if s.best_level is not None else "not played to the end yet")
            for s in progress.exercises]
    news = [line for line in map(level_rise, progress.exercises) if line]
    return [("Your best levels", best)] + ([("Going up", news)] if news else [])
