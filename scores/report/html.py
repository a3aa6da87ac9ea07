"""The therapist's progress report: one self-contained, printable HTML file per client.

The file holds inline CSS and inline SVG only: no script, nothing fetched from anywhere, so it
opens the same on any PC, prints on A4, and can be attached to a record as it is. Every text
that comes from the store (names, plan names) is HTML-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Sequence

from scores.analysis.progress import ExerciseInfo, Progress, Series, load_progress, local_day
from scores.clinic.audit import period_words
from scores.export.csvfile import write_text_atomically
from scores.report.axes import long_day
from scores.report.charts import change_html, duration_text, series_block, trend_text
from scores.report.charts import escape_text as _e


@dataclass(frozen=True)
class SessionRow:
    """One line of the report's session table."""

    started_at: datetime
    kind: str
    plan_name: str | None
    minutes: float | None
    n_runs: int
    n_trials: int
    before: tuple[int, int, int] | None  # mood, calm, energy (1-5) at the start
    after: tuple[int, int, int] | None


@dataclass(frozen=True)
class ReportHeader:
    """Who and which period the report is about, and when it was made."""

    client_code: str
    display_name: str | None
    since: date | None
    until: date | None
    generated: date


def _moods(store: Any, client: Any) -> dict[str, dict[str, tuple[int, int, int]]]:
    """Per session: its first "before" and its last "after" mood check as (mood, calm, energy)."""
    rows = store._conn.execute(
        "SELECT m.session_id, m.moment, m.mood, m.calm, m.energy FROM mood_checks m"
        " JOIN sessions s ON s.id = m.session_id WHERE s.client_id = ? ORDER BY m.at, m.rowid",
        (client.id,),
    )
    moods: dict[str, dict[str, tuple[int, int, int]]] = {}
    for row in rows:
        found = moods.setdefault(row["session_id"], {})
        if row["moment"] == "after" or "before" not in found:
            found[row["moment"]] = (row["mood"], row["calm"], row["energy"])
    return moods


def session_rows(
    store: Any, client: Any, since: date | None = None, until: date | None = None,
) -> list[SessionRow]:
    """The client's sessions started within ``since``..``until`` (local dates, inclusive), oldest first.

    Runs and trials count what was played for real: practice runs are left out.
    """
    rows = store._conn.execute(
        "SELECT s.id, s.started_at, s.ended_at, s.kind, s.plan_name,"
        " (SELECT count(*) FROM runs r WHERE r.session_id = s.id AND r.practice = 0) AS n_runs,"
        " (SELECT count(*) FROM trials t JOIN runs r ON r.id = t.run_id"
        "  WHERE r.session_id = s.id AND r.practice = 0) AS n_trials"
        " FROM sessions s WHERE s.client_id = ? ORDER BY julianday(s.started_at), s.id",
        (client.id,),
    ).fetchall()
    moods = _moods(store, client)
    out = []
    windowed = since is not None or until is not None
    for row in rows:
        started = datetime.fromisoformat(row["started_at"])
        if windowed:
            day = local_day(started)
            if (since is not None and day < since) or (until is not None and day > until):
                continue
        ended = datetime.fromisoformat(row["ended_at"]) if row["ended_at"] else None
        minutes = (ended - started).total_seconds() / 60.0 if ended else None
        mood = moods.get(row["id"], {})
        out.append(SessionRow(started, row["kind"], row["plan_name"], minutes, row["n_runs"],
                              row["n_trials"], mood.get("before"), mood.get("after")))
    return out


# Session table columns: date, kind, plan, minutes, runs, trials, mood before, mood after.
SESSION_COLUMNS = {0: "nowrap", 1: "nowrap", 2: "text", 3: "num", 4: "num", 5: "num", 6: "nowrap", 7: "nowrap"}
CSS = """
@page { size: A4; margin: 14mm 13mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "Atkinson Hyperlegible", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  color: #222831; background: #fff; max-width: 184mm; margin: 0 auto; padding: 8mm 0;
  font-size: 11pt; line-height: 1.4; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { body { max-width: none; padding: 0; } }
h1 { font-size: 20pt; margin: 0 0 1mm; }
h2 { font-size: 15pt; margin: 7mm 0 3mm; padding-bottom: 1mm; border-bottom: 1.5px solid #aab0ba;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12.5pt; margin: 0 0 1mm; }
h1, h2, h3, p, li, td.text { overflow-wrap: anywhere; }
.meta { color: #58606c; margin: 0; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 3mm 0 1mm; }
.card { border: 1px solid #dcdfe4; border-radius: 2mm; padding: 2mm 3mm; background: #f6f3ec; }
.card b { display: block; font-size: 16pt; }
.block { break-inside: avoid; page-break-inside: avoid; margin: 0 0 7mm; }
.facts { list-style: none; margin: 0 0 1mm; padding: 0; }
.chart { display: block; width: 100%; height: auto; }
.flag { display: inline-block; padding: 0 2mm; border-radius: 1.5mm; font-weight: bold; }
.flag.up { background: #e1f0e8; color: #1d6444; }
.flag.none { background: #eceef1; color: #4a515c; }
.flag.down { background: #ece6f3; color: #5e4678; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; margin: 2mm 0; }
th, td { text-align: left; padding: 1mm 2mm; border-bottom: 1px solid #dcdfe4; vertical-align: top; }
th { background: #f6f3ec; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap { white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.note { color: #58606c; font-size: 10pt; }
.empty { border: 1px dashed #aab0ba; border-radius: 2mm; padding: 4mm; }
"""


def _period_text(header: ReportHeader, progress: Progress) -> str:
    if header.since and header.until:
        return f"{long_day(header.since)} to {long_day(header.until)}"
    if header.since:
        return f"from {long_day(header.since)}"
    if header.until:
        return f"up to {long_day(header.until)}"
    if progress.first_day and progress.last_day:
        return f"all practice ({long_day(progress.first_day)} to {long_day(progress.last_day)})"
    return "all practice"


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _header_html(header: ReportHeader, progress: Progress) -> str:
    who = _e(header.client_code) + (f" ({_e(header.display_name)})" if header.display_name else "")
    cards = [("Days practised", str(progress.days_practised)),
             ("Current streak", _days(progress.streak_days)),
             ("Best streak", _days(progress.best_streak_days)),
             ("Time practised", duration_text(progress.total_time_s))]
    return (f"<header><h1>Progress report</h1><p class=\"meta\"><b>Client:</b> {who}</p>"
            f"<p class=\"meta\"><b>Period:</b> {_e(_period_text(header, progress))} · "
            f"<b>Generated:</b> {long_day(header.generated)}</p></header>"
            '<div class="cards">' + "".join(f'<div class="card">{_e(k)}<b>{_e(v)}</b></div>' for k, v in cards)
            + "</div>")


def _class(name: str | None) -> str:
    return f' class="{name}"' if name else ""


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], classes: dict[int, str]) -> str:
    """A table of already-escaped cells; ``classes`` styles columns by index (num, nowrap, text)."""
    def cells(tag: str, values: Sequence[str]) -> str:
        return "".join(f"<{tag}{_class(classes.get(i))}>{v}</{tag}>" for i, v in enumerate(values))

    width = max([len(head)] + [len(row) for row in rows])
    opening = [f"<td{_class(classes.get(i))}>" for i in range(width)]  # each column's tag, made once
    body = "".join("<tr>" + "".join([f"{opening[i]}{v}</td>" for i, v in enumerate(row)]) + "</tr>" for row in rows)
    return f"<table><thead><tr>{cells('th', head)}</tr></thead><tbody>{body}</tbody></table>"


def _by_domain(progress: Progress) -> list[tuple[str, list[Series]]]:
    """Each domain's title and series: its composite (if any) first, then its exercises in order."""
    domains = {s.key: s for s in progress.domains}
    order = list(domains) + [s.domain for s in progress.exercises if s.domain not in domains]
    groups = []
    for domain in dict.fromkeys(order):
        composite = [domains[domain]] if domain in domains else []
        title = domains[domain].title if domain in domains else domain.replace("_", " ").capitalize()
        groups.append((title, composite + [s for s in progress.exercises if s.domain == domain]))
    return groups


def _overview_html(progress: Progress) -> str:
    """One line per series, a domain's composite in bold above its exercises."""
    rows = [[f"<b>{_e(s.title)}</b>" if s.kind == "domain" else f"&emsp;{_e(s.title)}", str(len(s.points)),
             _e(trend_text(s)), change_html(s, brief=True)]
            for _, members in _by_domain(progress) for s in members]
    head = ["Domain or exercise", "Points", "Trend", "Reliable change"]
    return "<h2>At a glance</h2>" + _table(head, rows, {0: "text", 1: "num"})


def _charts_html(progress: Progress) -> str:
    """A section per domain: its composite first, then each of its exercises in the registry's order."""
    parts = ['<p class="note">How to read the charts: each dot is one run (for a domain, one day) '
             "with its 95% error bar; the dashed line is the trend fitted through them. Under an "
             "exercise's chart, the strip shows each run's accuracy as a ring over the shaded band "
             "of its target success rate ± 5 points.</p>"]
    for title, members in _by_domain(progress):
        parts.append(f"<h2>{_e(title)}</h2>")
        parts += [series_block(s) for s in members]
    return "".join(parts)


def _mood(values: tuple[int, int, int] | None) -> str:
    return "–" if values is None else " · ".join(str(v) for v in values)


def _minutes(minutes: float | None) -> str:
    """Short sessions keep a decimal (a 2.5-minute warm-up is not "2"); "–" when it never ended."""
    if minutes is None:
        return "–"
    return f"{minutes:.1f}" if minutes < 10 else f"{minutes:.0f}"


def _sessions_html(sessions: Sequence[SessionRow]) -> str:
    if not sessions:
        return "<h2>Sessions</h2><p>No sessions in this period.</p>"
    rows = []
    for r in sessions:
        local = r.started_at.astimezone()  # the PC's clock: its date (as local_day) and time of day
        rows.append([_e(f"{long_day(local.date())} {local:%H:%M}"), _e(r.kind), _e(r.plan_name or "–"),
                     _minutes(r.minutes), str(r.n_runs), str(r.n_trials), _mood(r.before), _mood(r.after)])
    note = ('<p class="note">Mood checks show mood · calm · energy, each from 1 (low) to 5 (high), '
            "before and after the session; – means none was asked.</p>")
    head = ["Date", "Kind", "Plan", "Minutes", "Runs", "Trials", "Before", "After"]
    return f"<h2>Sessions</h2>{note}" + _table(head, rows, SESSION_COLUMNS)


def _time_html(progress: Progress) -> str:
    total_s = sum(p.duration_s for s in progress.exercises for p in s.points) or 1.0
    rows = []
    for s in progress.exercises:
        seconds = sum(p.duration_s for p in s.points)
        rows.append([_e(s.title), str(len(s.points)), duration_text(seconds), f"{seconds / total_s:.0%}"])
    head = ["Exercise", "Runs", "Time", "Share"]
    return "<h2>Time per exercise</h2>" + _table(head, rows, {0: "text", 1: "num", 2: "num", 3: "num"})


def _home_html(rows: Sequence[Sequence[str]]) -> str:
    """Practice at home, only for a client with assignments (so other reports stay as they were)."""
    from scores.report.home import HOME_COLUMNS, HOME_HEAD, HOME_NOTE

    return f"<h2>Practice at home</h2>{HOME_NOTE}" + _table(HOME_HEAD, rows, HOME_COLUMNS) if rows else ""


def render_report(progress: Progress, sessions: Sequence[SessionRow], header: ReportHeader,
                  home: Sequence[Sequence[str]] = ()) -> str:
    """The whole report as one HTML document (UTF-8, inline CSS and SVG, no script, no links);
    ``home`` holds the rows of the practice at home section."""
    sessions_part = _home_html(home) + _sessions_html(sessions)
    if progress.exercises:
        body = "".join((_overview_html(progress), _charts_html(progress), sessions_part, _time_html(progress)))
    else:
        body = ('<p class="empty">There are no scored exercise runs for this client in this period yet. '
                "Charts and trends appear here once they have played an exercise.</p>" + sessions_part)
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>Progress report: {_e(header.client_code)}</title>"
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>'
            f"<body>{_header_html(header, progress)}{body}</body></html>\n")


def build_report(
    store: Any, client: Any, exercises: Sequence[ExerciseInfo], since: date | None = None,
    until: date | None = None, today: date | None = None, include_name: bool = False,
) -> str:
    """The report's HTML text (what ``write_report`` saves)."""
    progress = load_progress(store, client, exercises, since=since, until=until, today=today)
    header = ReportHeader(
        client_code=client.code,
        display_name=client.display_name if include_name else None,
        since=since, until=until, generated=today or date.today(),
    )
    from scores.report.home import home_rows

    return render_report(progress, session_rows(store, client, since, until), header,
                         home_rows(store, client, header.generated))


def write_report(
    store: Any, client: Any, out_path: Path | str, exercises: Sequence[ExerciseInfo],
    since: date | None = None, until: date | None = None, today: date | None = None,
    include_name: bool = False,
) -> Path:
    """Write the client's progress report as one HTML file; a failure leaves nothing half-written.

    Args:
        store: the open results store.
        client: the client the report is about.
        out_path: the HTML file to write (replaced if it exists).
        exercises: what the report needs to know of each exercise, in the registry's order.
        since, until: only runs and sessions on or between these local dates.
        today: the report's date (and the end of a current streak); the PC's date by default.
        include_name: show the client's display name next to their code.

    Returns:
        The path written.

    Raises:
        ExportError: if ``out_path`` cannot be written.
    """
    path = Path(out_path)
    text = build_report(store, client, exercises, since, until, today, include_name)
    write_text_atomically(path, text)
    store.record_audit("report", client, detail=f"{path.name}{period_words(since, until)}")
    return path
