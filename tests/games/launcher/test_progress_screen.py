"""The progress screen through the real scene stack: pages by keys and clicks, two voices, nothing overlapping."""

import random
import re
from datetime import date, datetime, timedelta, timezone

import pygame
import pytest

from games.app import App
from games.core.engine.adaptive.policy import plan_from_store
from games.core.engine.clock import FakeClock
from games.core.engine.simulate import simulate_session
from games.core.ui.theme import Theme
from games.launcher import progress as progress_screen
from games.launcher.clients import ClientPickerScene
from games.launcher.progress import EMPTY_CLIENT, ProgressScene
from games.launcher.progress_words import client_lines, format_duration, therapist_lines
from games.pilot import Pilot
from games.registry import EXERCISES, get_exercise
from scores.analysis.progress import Progress, ReliableChange, RunPoint, Series, Trend
from scores.report.axes import date_ticks, value_ticks
from scores.store.store import Store

START = datetime(2025, 3, 3, 17, 0, tzinfo=timezone.utc)
GLOOMY = re.compile(r"declin|worse|down|drop|fell|fall|lower", re.IGNORECASE)


def play_weeks(store, client, exercise_id, abilities, days_apart=3.5):
    """Simulated runs of one exercise, each starting from the latest estimates, as the launcher does."""
    exercise = get_exercise(exercise_id)
    for i, ability in enumerate(abilities):
        simulate_session(exercise, store, client, exercise.make_player(ability, random.Random(100 + i)), seed=i,
                         wall_start=START + timedelta(days=i * days_apart),
                         plan=plan_from_store(store, client, exercise.spec))


def ramp(first, last, n=16):
    return [first + (last - first) * i / (n - 1) for i in range(n)]


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A store with a client who climbs at Sequence Recall and slides at Digit Span, and one with no runs.

    The screen only reads, so the tests of this module share one store.
    """
    store = Store.open(tmp_path_factory.mktemp("progress") / "data")
    client = store.add_client("C-0001", "Alex")
    store.add_client("C-0002", "Sam")
    play_weeks(store, client, "sequence_recall", ramp(0.2, 0.9))
    play_weeks(store, client, "digit_span", ramp(0.9, 0.2))
    yield store
    store.close()


@pytest.fixture
def open_app():
    """Opens the app on a store (pygame is shut down after the test, pass or fail)."""
    opened = []

    def open_on(store, theme=None, size=(1100, 760)):
        app = App(store, theme=theme, clock=FakeClock(1000.0), size=size)
        app.stack.push(ClientPickerScene())
        opened.append(Pilot(app))
        opened[-1].step()
        return opened[-1]

    yield open_on
    for pilot in opened:
        if pygame.display.get_init():
            pilot.app.quit()


def open_progress(pilot, code, therapist=False):
    scene = ProgressScene(pilot.app.store.get_client(code), therapist=therapist)
    pilot.app.stack.push(scene)
    pilot.step()
    return scene


@pytest.fixture
def pilot(history, open_app):
    return open_app(history)


def every_page_text(pilot, scene):
    """Turn through every page, scrolled to the end of each, and gather every text drawn."""
    seen = []
    for _ in scene.pages or [None]:
        seen += [text for text, _ in scene.drawn_texts]
        for _ in range(12):
            pilot.press(pygame.K_DOWN)
            seen += [text for text, _ in scene.drawn_texts]
        pilot.press(pygame.K_RIGHT)
    return seen


# -- pure layout and words --------------------------------------------------------------------

@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_date_tick_labels_never_overlap_and_stay_on_the_axis(scale):
    pygame.font.init()
    font = Theme.create(scale).font("small")
    for span_days in (0, 1, 3, 10, 45, 70, 200, 400, 1000, 3000):
        for width in (120, 300, 600, 1000):
            start = date(2025, 2, 27)
            ticks = date_ticks(start, start + timedelta(days=max(1, span_days)), width, lambda t: font.size(t)[0], 8)
            for a, b in zip(ticks, ticks[1:]):
                assert a.day < b.day and b.left_px - a.right_px >= 8, (span_days, width, a, b)
            assert all(0 <= t.left_px and t.right_px <= width for t in ticks)
            assert all(abs(t.right_px - t.left_px - font.size(t.label)[0]) < 1 for t in ticks)
            if width >= 600 and span_days >= 3:
                assert len(ticks) >= 2, (span_days, width)


def test_date_ticks_use_days_for_weeks_and_months_for_long_spans():
    pygame.font.init()
    font = Theme.create(1.0).font("small")
    width = lambda t: font.size(t)[0]  # noqa: E731
    weeks = date_ticks(date(2025, 3, 1), date(2025, 5, 12), 900, width)
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", t.label) for t in weeks)
    assert all(t.day.weekday() == 0 for t in weeks)  # weekly ticks fall on Mondays
    year = date_ticks(date(2025, 1, 10), date(2026, 3, 1), 900, width)
    assert all(t.day.day == 1 for t in year) and year[0].label.endswith("2025")
    assert any(t.label == "Jan 2026" for t in year)


def test_value_ticks_are_round_and_spaced():
    assert value_ticks(2, 9, 350, 30, whole=True) == [2, 3, 4, 5, 6, 7, 8, 9]
    assert value_ticks(2, 9, 100, 25, whole=True) == [2, 4, 6, 8]
    assert value_ticks(2, 9, 100, 40, whole=True) == [2, 9]  # never a lone tick: the ends at least
    ticks = value_ticks(-15, 40, 300, 40, whole=False)
    assert ticks[0] >= -15 and ticks[-1] <= 40 and len(set(round(b - a, 6) for a, b in zip(ticks, ticks[1:]))) == 1


def test_time_played_reads_like_speech():
    assert format_duration(3 * 3600 + 20 * 60) == "3 h 20 min"
    assert format_duration(45 * 60 + 10) == "45 min"
    assert format_duration(3600) == "1 h"
    assert format_duration(20) == "under 1 min"


def make_series(abilities, trend, change, key="digit_span", title="Digit Span"):
    points = tuple(RunPoint(str(i), START + timedelta(days=3 * i), a, 0.5, 0.8, 0.8, round(a), 300.0)
                   for i, a in enumerate(abilities))
    return Series(key, title, "exercise", "memory", "level", points, trend, change,
                  max(round(a) for a in abilities), 2, 9)


def test_the_client_hears_good_news_and_never_bad_news():
    rising = make_series(ramp(4, 6, 8), Trend(0.3, 0.2, 0.4, 8), ReliableChange(4.1, 5.9, 1.8, 0.5, 3.6))
    assert "Your Digit Span level has gone up from about 4 to about 6." in client_lines(rising)
    falling = make_series(ramp(6, 3, 8), Trend(-0.4, -0.5, -0.3, 8), ReliableChange(5.9, 3.2, -2.7, 0.5, -5.4))
    lines = client_lines(falling)
    assert lines and not any(GLOOMY.search(line) for line in lines)
    assert "Your best: level 6, first on 3 Mar." in lines
    told = therapist_lines(falling)
    assert any("Reliable change: declined" in line for line in told)
    assert any("Trend: −0.40 levels per week, 95% interval −0.50 to −0.30: falling." == line for line in told)


# -- through the scene stack ------------------------------------------------------------------

def test_a_client_without_runs_sees_a_friendly_message_and_esc_goes_back(pilot):
    scene = open_progress(pilot, "C-0002")
    assert scene.page_lines(0) == [EMPTY_CLIENT]
    assert EMPTY_CLIENT in " ".join(text for text, _ in scene.drawn_texts)
    pilot.press(pygame.K_RIGHT)  # nothing to turn to, nothing breaks
    pilot.press(pygame.K_ESCAPE)
    assert isinstance(pilot.app.stack.top, ClientPickerScene)


def test_pages_turn_with_keys(pilot):
    scene = open_progress(pilot, "C-0001")
    n = len(scene.pages)
    assert n >= 3 and scene.place() == f"Highlights · 1 of {n}"
    pilot.press(pygame.K_RIGHT)
    assert scene.page == 1 and scene.place().endswith(f"2 of {n}")
    assert any(text == scene.place() for text, _ in scene.drawn_texts)
    pilot.press(pygame.K_TAB)
    assert scene.page == 2
    pilot.press(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    pilot.press(pygame.K_LEFT)
    assert scene.page == 0
    pilot.press(pygame.K_LEFT)  # turning back from the first page goes round to the last
    assert scene.page == n - 1
    pilot.press(pygame.K_HOME)
    assert scene.page == 0
    pilot.press(pygame.K_ESCAPE)
    assert isinstance(pilot.app.stack.top, ClientPickerScene)


def test_pages_turn_and_scroll_with_clicks(history, open_app):
    pilot = open_app(history, Theme.create(2.0))
    scene = open_progress(pilot, "C-0001")
    pilot.click(scene.next_button.rect.center)
    pilot.click(scene.next_button.rect.center)
    assert scene.page == 2
    pilot.click(scene.previous_button.rect.center)
    assert scene.page == 1
    assert scene.scrolls and 1 in scene.more_rects  # at scale 2 the words lie below the client's chart
    words_below = lambda: [t for t, _ in scene.drawn_texts if t.startswith("You have played it")]  # noqa: E731
    assert not words_below()
    for _ in range(3):  # what was hidden below comes to the top
        if not words_below():
            pilot.click(scene.more_rects[1].center)
    assert words_below() and -1 in scene.more_rects
    scrolled = scene.scroll
    pilot.click(scene.more_rects[-1].center)
    assert scene.scroll < scrolled and not words_below()
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))  # the wheel scrolls too
    pilot.step()
    assert words_below()
    pilot.click(scene.corner.rect.center)
    assert isinstance(pilot.app.stack.top, ClientPickerScene)


def test_the_client_view_never_speaks_of_decline(pilot):
    scene = open_progress(pilot, "C-0001")
    seen = every_page_text(pilot, scene)
    seen += [line for page in range(len(scene.pages)) for line in scene.page_lines(page)]
    assert any("has gone up" in text for text in seen)
    assert not [text for text in seen if GLOOMY.search(text)]


def test_the_therapist_view_flags_the_decline(pilot):
    scene = open_progress(pilot, "C-0001", therapist=True)
    digit_span = next(i for i, page in enumerate(scene.pages) if page.place == "Digit Span")
    lines = scene.page_lines(digit_span)
    assert any(line.startswith("Reliable change: declined") for line in lines)
    assert any(line.startswith("Trend: −") and "95% interval" in line for line in lines)
    assert lines[0].startswith("16 runs")
    pilot.press(pygame.K_END)
    while scene.page != digit_span:
        pilot.press(pygame.K_LEFT)
    for _ in range(6):
        pilot.press(pygame.K_UP)
    assert any(text.startswith("Reliable change: declined") for text, _ in scene.drawn_texts)


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
@pytest.mark.parametrize("size", [(1100, 760), (640, 480)])
@pytest.mark.parametrize("therapist", [False, True])
def test_no_text_is_cut_off_or_overlapping(history, open_app, scale, size, therapist):
    pilot = open_app(history, Theme.create(scale), size)
    scene = open_progress(pilot, "C-0001", therapist=therapist)
    theme = pilot.app.theme
    hint_top = size[1] - theme.gap() - theme.font("small").get_linesize()  # where the frame writes its key hint
    room = pygame.Rect(0, 0, size[0], hint_top)
    for _ in scene.pages:
        for _ in range(8):
            texts = [(t, r) for t, r in scene.drawn_texts if t.strip()]
            for i, (text, rect) in enumerate(texts):
                assert room.contains(rect), (text, rect)
                others = [other for other, r in texts[i + 1:] if r.colliderect(rect)]
                assert not others, (text, others)
            pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_RIGHT)


def big_progress(n_points=400):
    """A long history on every series, built by hand: drawing must stay fast however long it is."""
    rng = random.Random(7)
    def series(key, kind, domain, unit, levels):
        points = tuple(RunPoint(f"{key}{i}", START + timedelta(hours=9 * i), 4 + i / 100 + rng.gauss(0, 0.5), 0.5,
                                rng.uniform(0.6, 1.0) if kind == "exercise" else None, 0.8 if kind == "exercise" else None,
                                5, 240.0) for i in range(n_points))
        return Series(key, key.title(), kind, domain, unit, points, Trend(0.1, 0.05, 0.15, n_points),
                      ReliableChange(4, 8, 4, 0.4, 10), 9 if levels else None, *(levels or (None, None)))
    exercises = tuple(series(e.id, "exercise", e.spec.domain, "level", (e.spec.min_level, e.spec.max_level)) for e in EXERCISES)
    domains = tuple(series(d, "domain", d, "% of range", None) for d in ("memory", "focus", "problem_solving"))
    return Progress("C-0001", exercises, domains, 120, 4, 9, 14 * n_points * 240.0, date(2025, 3, 3), date(2025, 7, 1))


def test_a_long_history_opens_and_frames_are_not_redrawn_from_scratch(history, open_app, monkeypatch):
    # how fast it opens is measured in benchmarks/, not asserted here
    built = big_progress()
    monkeypatch.setattr(progress_screen, "load_progress", lambda *args, **kwargs: built)
    pilot = open_app(history)
    pilot.press(pygame.K_RIGHT)
    scene = open_progress(pilot, "C-0001", therapist=True)
    pilot.press(pygame.K_RIGHT)  # the first chart, drawn for the first time
    assert len(scene.pages) == 1 + len(EXERCISES) + 3  # highlights, each exercise, each domain
    blocks = scene.blocks(*scene.last_layout)
    pilot.step()
    assert scene.blocks(*scene.last_layout) is blocks  # the next frame reuses what was drawn
