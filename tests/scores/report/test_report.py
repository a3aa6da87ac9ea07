"""The HTML progress report: self-contained, escaped, one chart per series, and true to the store."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from html import escape
from html.parser import HTMLParser

import pytest

from scores.analysis.progress import ExerciseInfo, Progress, ReliableChange, RunPoint, Series, Trend, load_progress
from scores.export.csvfile import ExportError
from scores.report.charts import FLAGS, series_chart, trend_text
from scores.report.html import ReportHeader, build_report, render_report, write_report

T0 = datetime(2026, 2, 2, 10, 0, tzinfo=timezone.utc)
INFOS = [
    ExerciseInfo("span", "Span", "memory", 1, 10, 0.8),
    ExerciseInfo("search", "Search", "focus", 1, 12, 0.8),
    ExerciseInfo("plan", "Plan", "problem_solving", 1, 8, 0.75),
]
HOSTILE = ('<script>alert("x")</script> \'quoted\' & "double" 🙂 Zoë ' + "x" * 200)[:200]
LINK_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "data", "background"}


class Page(HTMLParser):
    """What a test needs from the report: tags, attributes, text, tables and series blocks."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.blocks: list[dict[str, str]] = []  # per series: its h3 text and its flag's class
        self.tables: list[list[list[str]]] = []
        self._stack: list[str] = []
        self._cell: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in ("svg", "path", "circle", "line", "rect", "meta"):
            return  # void in practice (self-closed in the report)
        self._stack.append(tag)
        classes = (attributes.get("class") or "").split()
        if tag == "section" and "block" in classes:
            self.blocks.append({"h3": "", "flag": "", "text": ""})
        if tag == "span" and "flag" in classes and self.blocks:
            self.blocks[-1]["flag"] = classes[-1]
        if tag == "table":
            self.tables.append([])
        if tag == "tr":
            self.tables[-1].append([])
        if tag in ("td", "th"):
            self._cell = []

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self.blocks and "section" in self._stack:
            self.blocks[-1]["text"] += data
            if self._stack[-1] == "h3":
                self.blocks[-1]["h3"] += data

    @property
    def all_text(self) -> str:
        return "".join(self.text)

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)


def add_run(store, client, info: ExerciseInfo, started_at: datetime, ability: float, *, se: float = 0.3,
            accuracy: float = 0.8, practice: bool = False, n_trials: int = 4, session_id: str | None = None,
            kind: str = "clinic") -> str:
    """Record a finished scored run with ``n_trials`` trials; returns its session id."""
    session_id = session_id or store.start_session(client, started_at, kind=kind)
    run_id = store.start_run(
        session_id=session_id, client=client, exercise=info.id, domain=info.domain, started_at=started_at,
        start_level=2, seed=1, params={}, simulated=False, app_version="test", practice=practice,
    )
    for index in range(1, n_trials + 1):
        store.add_trial(run_id, trial_index=index, started_at=started_at + timedelta(seconds=index), level=2,
                        stimulus="s", response="r", correct=index % 2 == 0, rt_ms=500.0, timed_out=False, extra={})
    store.finish_run(
        run_id, ended_at=started_at + timedelta(minutes=3), end_level=round(ability), ability=ability,
        ability_se=se, accuracy=accuracy, median_rt_ms=500.0, n_trials=n_trials, duration_s=180.0,
        completed=True, measures={},
    )
    return session_id


def add_series(store, client, info: ExerciseInfo, abilities: list[float], start: datetime = T0) -> None:
    for day, ability in enumerate(abilities):
        session_id = add_run(store, client, info, start + timedelta(days=3 * day), ability, se=0.25)
        store.end_session(session_id, start + timedelta(days=3 * day, minutes=5))


def point(day: int, ability: float, accuracy: float | None = 0.8, target: float | None = 0.8) -> RunPoint:
    return RunPoint(f"r{day}", T0 + timedelta(days=day), ability, 0.3, accuracy, target, round(ability), 180.0)


def series(key="span", kind="exercise", trend=None, change=None, n=8, **extra) -> Series:
    points = tuple(point(3 * i, 2.0 + 0.4 * i) for i in range(n))
    unit = "level" if kind == "exercise" else "% of range"
    levels = (1, 10) if kind == "exercise" else (None, None)
    return Series(key, key.title(), kind, extra.pop("domain", "memory"), unit, points, trend, change,
                  7 if kind == "exercise" else None, *levels, **extra)


def progress_of(*exercises: Series, domains: tuple[Series, ...] = ()) -> Progress:
    return Progress("C-1", tuple(exercises), domains, 8, 2, 5, 3600.0, date(2026, 2, 2), date(2026, 2, 23))


HEADER = ReportHeader("C-1", None, None, None, date(2026, 3, 1))


# --- safety: nothing runs, nothing is fetched, everything is escaped ---------------------------

def test_report_has_no_script_no_links_and_escapes_a_hostile_name(store, tmp_path):
    client = store.add_client('<b>C&"1</b>', HOSTILE)
    add_series(store, client, INFOS[0], [2, 3, 4, 5, 6, 7, 8])
    session_id = store.start_session(client, T0 + timedelta(days=30), plan_name=HOSTILE)
    store.add_mood_check(session_id, moment="before", answers={"mood": 3, "calm": 3, "energy": 3}, at=T0)
    out = write_report(store, client, tmp_path / "r.html", INFOS, include_name=True)
    raw = out.read_text(encoding="utf-8")
    page = Page(raw)
    assert "<script" not in raw.lower() and "url(" not in raw and "@import" not in raw
    assert page.count("script") == 0 and page.count("link") == 0 and page.count("iframe") == 0
    linking = [(tag, a) for tag, attrs in page.tags for a in attrs if a.lower() in LINK_ATTRIBUTES or a.startswith("on")]
    assert not linking
    assert escape(HOSTILE) in raw and escape('<b>C&"1</b>') in raw
    assert HOSTILE in page.all_text and '<b>C&"1</b>' in page.all_text  # shown as text, intact
    assert page.count("b") == raw.count("<b>")  # no tag came from the store
    assert '<meta charset="utf-8">' in raw and "🙂" in raw


def test_display_name_stays_out_unless_asked_for(store):
    client = store.add_client("C-7", "Ann Example")
    add_series(store, client, INFOS[0], [2, 3, 4])
    assert "Ann Example" not in build_report(store, client, INFOS)
    assert "Ann Example" in build_report(store, client, INFOS, include_name=True)


def test_report_prints_on_a4_with_each_chart_kept_whole(store):
    client = store.add_client("C-1")
    add_series(store, client, INFOS[0], [2, 3, 4])
    css = build_report(store, client, INFOS)
    assert "@page { size: A4;" in css
    assert ".block { break-inside: avoid;" in css
    assert 'class="chart" viewBox="0 0 720 ' in css and 'width="100%"' in css


# --- contents --------------------------------------------------------------------------------

def test_one_chart_per_exercise_played_and_per_domain(store):
    client = store.add_client("C-1")
    add_series(store, client, INFOS[0], [2, 3, 4, 5, 6, 7])
    add_series(store, client, INFOS[2], [4, 4, 4, 4, 4, 4], start=T0 + timedelta(hours=2))
    progress = load_progress(store, client, INFOS)
    page = Page(build_report(store, client, INFOS))
    assert [s.key for s in progress.exercises] == ["span", "plan"]
    assert page.count("svg") == len(progress.exercises) + len(progress.domains)
    titles = [block["h3"] for block in page.blocks]
    assert "Span" in titles and "Plan" in titles and "Search" not in titles
    assert all(any(d.title in t for t in titles) for d in progress.domains)


def test_reliable_change_flags_equal_the_model_on_stored_runs(store):
    client = store.add_client("C-1")
    add_series(store, client, INFOS[0], [2.0, 2.2, 2.1, 2.3, 5.0, 6.0, 7.0, 7.5])   # clear rise
    add_series(store, client, INFOS[1], [8.0, 8.1, 7.9, 8.0, 8.1, 7.9, 8.0, 8.0])   # steady
    add_series(store, client, INFOS[2], [7.0, 7.2, 6.9, 6.0, 4.0, 3.0, 2.5, 2.2])   # clear fall
    progress = load_progress(store, client, INFOS)
    page = Page(build_report(store, client, INFOS))
    flags = {block["h3"]: block["flag"] for block in page.blocks}
    for s in progress.exercises + progress.domains:
        heading = next(h for h in flags if h.startswith(s.title))
        expected = FLAGS[s.change.direction][0] if s.change else ""
        assert flags[heading] == expected, s.title
    assert [flags[t] for t in ("Span", "Search", "Plan")] == ["up", "none", "down"]


def test_flags_are_words_with_a_symbol_never_colour_alone():
    rising = ReliableChange(2.0, 6.0, 4.0, 0.5, 8.0)
    falling = ReliableChange(6.0, 2.0, -4.0, 0.5, -8.0)
    flat = ReliableChange(4.0, 4.2, 0.2, 0.5, 0.4)
    html = render_report(progress_of(series("a", change=rising), series("b", change=flat),
                                     series("c", change=falling)), [], HEADER)
    page = Page(html)
    assert [(b["h3"], b["flag"]) for b in page.blocks] == [("A", "up"), ("B", "none"), ("C", "down")]
    assert "▲ Improved" in html and "● No reliable change" in html and "▼ Declined" in html
    assert "RCI +8.0" in html and "RCI -8.0" in html
    hexes = re.findall(r"#([0-9a-f]{6})", html.lower())
    colours = [tuple(int(h[i:i + 2], 16) for i in (0, 2, 4)) for h in hexes]
    assert colours and not [c for c in colours if c[0] > c[1] + 60 and c[0] > c[2] + 60]  # nothing red


def test_trend_reads_as_a_sentence_with_its_interval():
    trend = Trend(0.12, 0.05, 0.19, 8)
    assert trend_text(series(trend=trend)) == "+0.12 levels per week (95% interval +0.05 to +0.19)"
    falling = Trend(-1.234, -2.0, -0.004, 8)
    assert trend_text(series(kind="domain", trend=falling)) == (
        "-1.2% of range per week (95% interval -2.0 to -0.0)")
    assert trend_text(series(trend=None)).startswith("not enough yet")


def test_sessions_table_holds_the_stored_moods_runs_and_trials(store):
    client = store.add_client("C-1")
    first = add_run(store, client, INFOS[0], T0, 3.0, n_trials=5)
    add_run(store, client, INFOS[1], T0 + timedelta(minutes=4), 4.0, n_trials=3, session_id=first)
    add_run(store, client, INFOS[1], T0 + timedelta(minutes=8), 4.0, n_trials=9, session_id=first, practice=True)
    store.add_mood_check(first, moment="before", answers={"mood": 2, "calm": 4, "energy": 1}, at=T0)
    store.add_mood_check(first, moment="after", answers={"mood": 4, "calm": 5, "energy": 3},
                         at=T0 + timedelta(minutes=12))
    store.end_session(first, T0 + timedelta(minutes=12))
    add_run(store, client, INFOS[0], T0 + timedelta(days=2), 3.5, n_trials=2, kind="home")
    page = Page(build_report(store, client, INFOS))
    sessions = next(t for t in page.tables if t[0][:3] == ["Date", "Kind", "Plan"])
    head, rows = sessions[0], sessions[1:]
    cells = [dict(zip(head, row)) for row in rows]
    assert len(cells) == 2
    assert cells[0]["Kind"] == "clinic" and cells[0]["Minutes"] == "12" and cells[0]["Runs"] == "2"
    assert cells[0]["Trials"] == "8"  # the practice run's 9 trials are left out
    stored = {m["moment"]: f"{m['mood']} · {m['calm']} · {m['energy']}" for m in store.mood_checks(first)}
    assert (cells[0]["Before"], cells[0]["After"]) == (stored["before"], stored["after"]) == ("2 · 4 · 1", "4 · 5 · 3")
    assert (cells[1]["Kind"], cells[1]["Before"], cells[1]["Minutes"]) == ("home", "–", "–")


def test_time_per_exercise_adds_up_the_scored_runs(store):
    client = store.add_client("C-1")
    add_series(store, client, INFOS[0], [2, 3, 4])
    add_series(store, client, INFOS[1], [5])
    page = Page(build_report(store, client, INFOS))
    table = next(t for t in page.tables if t[0][0] == "Exercise")
    assert table[1:] == [["Span", "3", "9 min", "75%"], ["Search", "1", "3 min", "25%"]]


def test_a_client_without_runs_gets_a_friendly_report(store, tmp_path):
    client = store.add_client("C-new")
    out = write_report(store, client, tmp_path / "new.html", INFOS, today=date(2026, 3, 1))
    page = Page(out.read_text(encoding="utf-8"))
    assert page.count("svg") == 0
    assert "no scored exercise runs for this client in this period yet" in page.all_text
    assert "No sessions in this period." in page.all_text and "C-new" in page.all_text
    assert "Generated: 1 Mar 2026" in page.all_text


def test_since_and_until_keep_only_the_days_between(store):
    client = store.add_client("C-1")
    add_series(store, client, INFOS[0], [2, 3, 4, 5, 6])  # 2, 5, 8, 11 and 14 February
    html = build_report(store, client, INFOS, since=date(2026, 2, 5), until=date(2026, 2, 11))
    page = Page(html)
    glance = next(t for t in page.tables if t[0][0] == "Domain or exercise")
    assert dict((row[0], row[1]) for row in glance[1:])["Span"] == "3"
    sessions = next(t for t in page.tables if t[0][0] == "Date")
    assert [row[0][:6] for row in sessions[1:]] == ["5 Feb ", "8 Feb ", "11 Feb"]
    assert "Period: 5 Feb 2026 to 11 Feb 2026" in page.all_text


# --- writing the file --------------------------------------------------------------------------

def test_an_unwritable_path_raises_one_sentence_and_leaves_nothing(store, tmp_path):
    client = store.add_client("C-1")
    with pytest.raises(ExportError, match="folder does not exist"):
        write_report(store, client, tmp_path / "missing" / "r.html", INFOS)
    with pytest.raises(ExportError, match="it is a folder"):
        write_report(store, client, tmp_path, INFOS)
    assert not (tmp_path / "missing").exists()


def test_a_failed_write_keeps_the_old_report_whole(store, tmp_path, monkeypatch):
    client = store.add_client("C-1")
    out = tmp_path / "r.html"
    out.write_text("old report", encoding="utf-8")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ExportError, match="No space left"):
        write_report(store, client, out, INFOS)
    assert out.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["r.html"]


# --- the charts ------------------------------------------------------------------------------

def test_chart_marks_every_point_its_accuracy_and_the_target_band():
    s = series(trend=Trend(0.4, 0.3, 0.5, 8))
    svg = series_chart(s, anchor=lambda _: (s.points[0].started_at.timestamp(), 2.0))
    page = Page(svg)
    rings = [a for tag, a in page.tags if tag == "circle" and a.get("fill") == "none"]
    dots = [a for tag, a in page.tags if tag == "circle" and a.get("fill") != "none"]
    assert len(dots) == len(rings) == len(s.points)
    assert page.count("path") == 1  # the target band
    assert any(a.get("stroke-dasharray") == "7 4" for tag, a in page.tags if tag == "line")  # the trend


def test_a_huge_error_bar_and_a_steep_trend_stay_inside_the_plot():
    points = (point(0, 3.0), replace(point(3, 4.0), ability_se=40.0), point(6, 5.0))
    wild = replace(series(n=3), points=points, trend=Trend(30.0, 20.0, 40.0, 3))
    page = Page(series_chart(wild, anchor=lambda s: (s.points[1].started_at.timestamp(), 4.0)))
    plot = next(a for tag, a in page.tags if tag == "rect" and a.get("height") == "190")
    top, bottom = float(plot["y"]), float(plot["y"]) + 190
    bars = [a for tag, a in page.tags if tag == "line" and a.get("stroke-opacity")]
    trend = [a for tag, a in page.tags if tag == "line" and a.get("stroke-dasharray") == "7 4"]
    assert len(bars) == 3 and len(trend) == 1
    assert all(top - 0.1 <= float(a[k]) <= bottom + 0.1 for a in bars + trend for k in ("y1", "y2"))
    assert float(trend[0]["y1"]) > float(trend[0]["y2"])  # still rising, left to right


def test_a_single_domain_point_draws_without_trend_or_strip():
    one = replace(series(kind="domain", n=1), points=(point(0, 12.5, accuracy=None, target=None),))
    page = Page(series_chart(one))
    assert page.count("circle") == 1 and page.count("path") == 0


def test_a_chart_labels_its_dates_without_overlap_and_its_values_round():
    points = [
        RunPoint(f"r{i}", datetime(2026, 1, 5, 12, tzinfo=timezone.utc) + timedelta(days=7 * i), 3.0 + 0.3 * i, 0.4,
                 0.8, 0.8, 4, 300.0)
        for i in range(11)
    ]
    series = Series("span", "Span", "exercise", "memory", "level", tuple(points), None, None, 6, 1, 10)
    svg = series_chart(series)
    labels = re.findall(r'<text x="([0-9.]+)" y="[0-9.]+" font-size="13" text-anchor="middle" fill="[^"]+">'
                        r'(\d+ [A-Z][a-z]{2}[^<]*)</text>', svg)
    xs = [float(x) for x, _ in labels]
    assert len(labels) >= 4 and xs == sorted(xs)
    widths = [7.2 * len(text) for _, text in labels]
    assert all(b - wb / 2 - (a + wa / 2) >= 10 for (a, wa), (b, wb) in zip(zip(xs, widths), zip(xs[1:], widths[1:])))
    values = re.findall(r'text-anchor="end"[^>]*>([0-9.-]+)</text>', svg)
    assert values and all(float(v) == int(float(v)) for v in values)  # whole levels
