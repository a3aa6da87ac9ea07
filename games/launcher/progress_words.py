"""What the progress screen says: the client's kind words and the therapist's full figures."""

from __future__ import annotations

from datetime import date

from scores.axes import MONTHS
from scores.progress import Progress, Series

CHANGE_WORDS = {1: "improved", 0: "no reliable change", -1: "declined"}


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


def _levels(baseline: float, latest: float) -> tuple[str, str]:
    """Whole levels when they differ once rounded, else one decimal so the rise stays visible."""
    if round(baseline) != round(latest):
        return str(round(baseline)), str(round(latest))
    return f"{baseline:.1f}", f"{latest:.1f}"


def went_up(series: Series) -> str | None:
    """The client's good news about a series, or None: only a reliable rise or a clearly rising trend."""
    change, trend, domain = series.change, series.trend, series.kind == "domain"
    name = f"{series.title.lower()} exercises" if domain else f"{series.title} level"
    if change is not None and change.direction > 0:
        if domain:
            digits = 0 if change.difference >= 1 else 1
            return f"Your {name} went up by {change.difference:.{digits}f}% of their level range."
        low, high = _levels(change.baseline, change.latest)
        return f"Your {name} went up from {low} to {high}."
    if trend is not None and trend.low > 0 and (change is None or change.direction == 0):
        return f"Your {name} {'are' if domain else 'is'} going up."
    return None


def client_lines(series: Series) -> list[str]:
    """What the client reads above a chart: good news first, then bests; never a word about going down."""
    n, good_news = len(series.points), went_up(series)
    lines = [good_news] if good_news else []
    if series.kind == "domain":
        lines.append(f"You played {series.title.lower()} exercises on {plural(n, 'day')}.")
    else:
        best = f"Your best level so far: {series.best_level}. " if series.best_level is not None else ""
        lines.append(f"{best}You have played it {plural(n, 'time')}.")
        if n > 1 and series.best_level is not None and series.points[-1].end_level == series.best_level:
            lines.append("Your last run reached your best level. Well done!")
    if not good_news and n < 3:
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
    best = [f"{s.title}: " + (f"level {s.best_level}" if s.best_level is not None else plural(len(s.points), "run"))
            for s in progress.exercises]
    news = [line for line in map(went_up, progress.exercises + progress.domains) if line]
    return [("Your best levels", best)] + ([("Going up", news)] if news else [])
