"""The progress model: which runs count, series per exercise and domain, day figures, and calibration."""

from __future__ import annotations

import json
import math
import random
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

from games.core.engine.adaptive.policy import LevelPolicy, plan_run
from games.core.engine.simulate import simulate_session
from games.registry import EXERCISES, get_exercise
from scores.analysis.progress import DOMAIN_UNIT, ExerciseInfo, Progress, load_progress, local_day, trend_anchor
from scores.store.store import Client, Store

SPAN = ExerciseInfo("span", "Span", "memory", 1, 11, 0.8)  # a range of 10 levels
PAIRS = ExerciseInfo("pairs", "Pairs", "memory", 1, 6, 0.75)  # a range of 5 levels
REACT = ExerciseInfo("react", "React", "focus", 1, 9, 0.8)
INFOS = (SPAN, PAIRS, REACT)
REGISTRY_INFOS = tuple(
    ExerciseInfo(e.id, e.spec.title, e.spec.domain, e.spec.min_level, e.spec.max_level, e.spec.target_rate)
    for e in EXERCISES
)


def noon(day: int, hour: float = 12.0) -> datetime:
    """Day ``day`` of January 2024 at ``hour`` UTC (11 to 13 h fall on one local date in every zone)."""
    return datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(days=day - 1, hours=hour)


def day_of(day: int) -> date:
    """The local date of ``noon(day)``: January ``day`` in most zones, a day later east of +12 h."""
    return local_day(noon(day))


def add_run(
    store: Store, client: Client, info: ExerciseInfo, at: datetime, ability: float | None, se: float | None = 0.5,
    *, practice: bool = False, n_trials: int = 10, completed: bool = True, end_level: int = 3,
    duration_s: float = 60.0, simulated: bool = False,
) -> str:
    session_id = store.start_session(client, at, kind="simulated" if simulated else "home")
    run_id = store.start_run(
        session_id=session_id, client=client, exercise=info.id, domain=info.domain, started_at=at,
        start_level=2, seed=7, params={}, simulated=simulated, app_version="test", practice=practice,
    )
    store.finish_run(
        run_id, ended_at=at + timedelta(seconds=duration_s), end_level=end_level, ability=ability,
        ability_se=se, accuracy=0.8, median_rt_ms=600.0, n_trials=n_trials, duration_s=duration_s,
        completed=completed, measures={},
    )
    return run_id


@pytest.fixture
def client(store: Store) -> Client:
    return store.add_client("C-1")


# --- which runs count -----------------------------------------------------------------------------

def test_only_scored_runs_count_and_simulated_ones_do(store: Store, client: Client) -> None:
    kept = add_run(store, client, SPAN, noon(1), 3.0)
    simulated = add_run(store, client, SPAN, noon(2), 3.5, simulated=True)
    add_run(store, client, SPAN, noon(3), 9.0, practice=True)
    add_run(store, client, SPAN, noon(4), 9.0, n_trials=0)
    add_run(store, client, SPAN, noon(5), None, None)
    session_id = store.start_session(client, noon(6))  # started, never finished
    store.start_run(session_id=session_id, client=client, exercise="span", domain="memory", started_at=noon(6),
                    start_level=2, seed=1, params={}, simulated=False, app_version="test")
    add_run(store, store.add_client("C-2"), SPAN, noon(1), 8.0)
    progress = load_progress(store, client, INFOS, today=day_of(2))
    (series,) = progress.exercises
    assert [p.run_id for p in series.points] == [kept, simulated]
    assert progress.days_practised == 2 and progress.total_time_s == pytest.approx(120.0)


def test_an_empty_client_has_no_series(store: Store, client: Client) -> None:
    progress = load_progress(store, client, INFOS, today=date(2024, 1, 2))
    assert progress == Progress("C-1", (), (), 0, 0, 0, 0.0, None, None)


# --- exercise series --------------------------------------------------------------------------------

def test_exercise_series_fields(store: Store, client: Client) -> None:
    store.set_exercise_settings(client, "span", target_rate=0.7, locked_level=None)
    add_run(store, client, SPAN, noon(2), 4.0, 0.4, end_level=5)
    first = add_run(store, client, SPAN, noon(1), 3.0, 0.6, end_level=4)
    add_run(store, client, SPAN, noon(3), 4.5, None, end_level=9, completed=False)
    add_run(store, client, PAIRS, noon(1), 2.0)
    series = {s.key: s for s in load_progress(store, client, INFOS).exercises}
    span = series["span"]
    assert (span.title, span.kind, span.domain, span.unit) == ("Span", "exercise", "memory", "level")
    assert (span.min_level, span.max_level) == (1, 11)
    assert span.points[0].run_id == first  # oldest first, whatever the insertion order
    assert [p.ability for p in span.points] == [3.0, 4.0, 4.5]
    assert span.points[0].started_at == noon(1) and span.points[0].started_at.tzinfo is not None
    assert span.points[2].ability_se == 1.0  # stored without an SE: counted as one level
    assert {p.target_rate for p in span.points} == {0.7}  # the client's own target
    assert series["pairs"].points[0].target_rate == 0.75  # the exercise's default
    assert span.best_level == 5  # the stopped run's level 9 does not count
    assert span.points[0].accuracy == 0.8 and span.points[0].duration_s == 60.0


def test_series_follow_the_given_exercise_order_and_the_domain_order(store: Store, client: Client) -> None:
    for info in (SPAN, REACT, PAIRS):
        add_run(store, client, info, noon(1), 3.0)
    progress = load_progress(store, client, (REACT, PAIRS, SPAN))
    assert [s.key for s in progress.exercises] == ["react", "pairs", "span"]
    assert [s.key for s in progress.domains] == ["memory", "focus"]
    assert [s.title for s in progress.domains] == ["Memory", "Focus"]


def test_exercises_not_asked_for_make_no_series(store: Store, client: Client) -> None:
    add_run(store, client, SPAN, noon(1), 3.0)
    add_run(store, client, REACT, noon(1), 3.0)
    progress = load_progress(store, client, (SPAN,))
    assert [s.key for s in progress.exercises] == ["span"]
    assert [s.key for s in progress.domains] == ["memory"]


def test_trend_needs_three_points_on_two_days_and_change_needs_six(store: Store, client: Client) -> None:
    for hour in (11, 12, 13):
        add_run(store, client, SPAN, noon(1, hour), 3.0)
    assert load_progress(store, client, INFOS).exercises[0].trend is None  # all on one day
    add_run(store, client, SPAN, noon(8), 3.2)
    series = load_progress(store, client, INFOS).exercises[0]
    assert series.trend is not None and series.trend.n_points == 4
    assert series.change is None
    for day in (9, 10):
        add_run(store, client, SPAN, noon(day), 3.1)
    series = load_progress(store, client, INFOS).exercises[0]
    assert series.change is not None and series.change.baseline == pytest.approx(3.0)
    assert series.change.latest == pytest.approx((3.2 + 3.1 + 3.1) / 3)


def test_trend_is_in_units_per_week(store: Store, client: Client) -> None:
    for week in range(5):
        add_run(store, client, SPAN, noon(1 + 7 * week), 2.0 + 0.5 * week, 0.1)
    trend = load_progress(store, client, INFOS).exercises[0].trend
    assert trend.per_week == pytest.approx(0.5)
    assert trend.excludes_zero and trend.low > 0
    series = load_progress(store, client, INFOS).exercises[0]
    anchor_s, value = trend_anchor(series)  # where the charts pin the line: on it, at the mean time
    first = series.points[0].started_at.timestamp()
    assert value == pytest.approx(2.0 + 0.5 * (anchor_s - first) / (7 * 86400.0))



def test_runs_piled_up_beyond_the_top_level_measure_their_error_by_their_ses(store: Store, client: Client) -> None:
    # A strong client at the top of a 1..10 exercise: after three warm-up runs every estimate is
    # one of the few values a run can give above level 10, so the runs bunch together. The same
    # series three levels lower, inside the range, is judged by its scatter.
    trail = ExerciseInfo("trail", "Trail", "problem_solving", 1, 10, 0.8)
    lower = ExerciseInfo("lower", "Lower", "problem_solving", 1, 10, 0.8)
    cycle = ((11.8, 0.8), (11.3, 1.0), (11.3, 1.0), (10.7, 1.1), (11.8, 0.8), (11.3, 1.0))
    runs = [(10.7, 1.1), (10.1, 1.1), (10.7, 1.1)] + [cycle[i % len(cycle)] for i in range(27)]
    for i, (ability, se) in enumerate(runs):
        at = noon(1) + timedelta(days=70 * i / 29)
        add_run(store, client, trail, at, ability, se)
        add_run(store, client, lower, at, ability - 3.0, se)
    series = {s.key: s for s in load_progress(store, client, (trail, lower)).exercises}
    inside, beyond = series["lower"].change, series["trail"].change
    assert inside.difference == pytest.approx(beyond.difference) == pytest.approx(0.9667, abs=1e-3)
    assert inside.reliable and inside.critical > 1.96  # the scatter, on Student's t
    assert not beyond.reliable and beyond.critical == 1.96  # the SEs
    assert beyond.se_difference > 2 * inside.se_difference

# --- domains --------------------------------------------------------------------------------------

def test_domain_points_are_percent_of_range_above_each_exercise_baseline(store: Store, client: Client) -> None:
    # span (range 10): day 1 runs 2 and 4, day 2 run 3, day 3 run 5; baseline mean(2, 4, 3) = 3,
    # so -10% and +10% (mean 0) on day 1, 0% on day 2, +20% on day 3. pairs (range 5): 1.0 then 1.5,
    # baseline 1.25, so -5% and +5%. Day means over exercises: -2.5, 2.5, 20.
    add_run(store, client, SPAN, noon(1, 11), 2.0, 0.5, duration_s=30.0)
    add_run(store, client, SPAN, noon(1, 13), 4.0, 0.5, duration_s=40.0)
    add_run(store, client, SPAN, noon(2), 3.0, 0.5)
    add_run(store, client, SPAN, noon(3), 5.0, 0.5)
    add_run(store, client, PAIRS, noon(1, 12), 1.0, 0.25, duration_s=50.0)
    add_run(store, client, PAIRS, noon(2), 1.5, 0.25)
    (memory,) = load_progress(store, client, INFOS).domains
    assert (memory.kind, memory.domain, memory.unit) == ("domain", "memory", DOMAIN_UNIT)
    assert (memory.best_level, memory.min_level, memory.max_level) == (None, None, None)
    assert [p.ability for p in memory.points] == [pytest.approx(-2.5), pytest.approx(2.5), pytest.approx(20.0)]
    # SEs: span 0.5 -> 5%, pairs 0.25 -> 5%; day 1 span mean SE sqrt(50)/2, then sqrt(12.5 + 25)/2
    assert memory.points[0].ability_se == pytest.approx(math.sqrt(37.5) / 2)
    assert memory.points[1].ability_se == pytest.approx(math.sqrt(50.0) / 2)
    assert memory.points[2].ability_se == pytest.approx(5.0)
    day_one = memory.points[0]
    assert day_one.started_at == noon(1, 11) and day_one.duration_s == pytest.approx(120.0)
    assert (day_one.accuracy, day_one.target_rate, day_one.end_level) == (None, None, None)
    assert memory.trend is not None and memory.trend.per_week > 0


# --- days, streaks, filters ---------------------------------------------------------------------------

@pytest.mark.parametrize(("today", "streak"), [(6, 2), (7, 2), (8, 0), (3, 3)])
def test_streak_ends_today_or_yesterday(store: Store, client: Client, today: int, streak: int) -> None:
    for day in (1, 2, 3, 5, 6):
        add_run(store, client, SPAN, noon(day), 3.0)
    add_run(store, client, REACT, noon(6, 11), 3.0)  # two runs on one day are one day
    progress = load_progress(store, client, INFOS, until=day_of(today), today=day_of(today))
    assert progress.streak_days == streak
    assert progress.best_streak_days == 3


def test_days_practised_total_time_and_first_and_last_day(store: Store, client: Client) -> None:
    add_run(store, client, SPAN, noon(3), 3.0, duration_s=90.0)
    add_run(store, client, SPAN, noon(3, 13), 3.0, duration_s=30.0)
    add_run(store, client, PAIRS, noon(10), 3.0, duration_s=45.5)
    progress = load_progress(store, client, INFOS, today=day_of(32))
    assert progress.days_practised == 2 and progress.total_time_s == pytest.approx(165.5)
    assert (progress.first_day, progress.last_day) == (day_of(3), day_of(10))
    assert (progress.streak_days, progress.best_streak_days) == (0, 1)


def test_since_and_until_are_inclusive_local_dates(store: Store, client: Client) -> None:
    for day in range(1, 11):
        add_run(store, client, SPAN, noon(day), float(day))
    progress = load_progress(store, client, INFOS, since=day_of(3), until=day_of(8))
    assert [p.ability for p in progress.exercises[0].points] == [3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    assert progress.days_practised == 6
    assert (progress.first_day, progress.last_day) == (day_of(3), day_of(8))
    assert load_progress(store, client, INFOS, since=day_of(11)).exercises == ()
    assert load_progress(store, client, INFOS, until=day_of(1)).days_practised == 1


# --- acceptance: the real pipeline ------------------------------------------------------------------------

def test_a_simulated_client_who_improves_shows_a_trend_and_a_reliable_improvement(make_store) -> None:
    exercise = get_exercise("digit_span")
    store = make_store()
    client = store.add_client("C-1")
    start = datetime(2024, 3, 4, 10, 0, tzinfo=timezone.utc)
    for i in range(30):  # 30 sessions over 10 weeks, ability 0.35 -> 0.85
        ability = 0.35 + 0.5 * i / 29
        player = exercise.make_player(ability, random.Random(500 + i))
        simulate_session(exercise, store, client, player, seed=900 + i,
                         wall_start=start + timedelta(days=70 * i / 29))
    progress = load_progress(store, client, REGISTRY_INFOS)
    (series,) = progress.exercises
    assert len(series.points) == 30
    assert series.trend.per_week > 0 and series.trend.excludes_zero
    assert series.change.reliable and series.change.direction == 1
    (memory,) = progress.domains
    assert memory.trend.low > 0 and memory.change.direction == 1
    store.close()


def _tracker_run(ability: float, slope: float, lapse: float, rng: random.Random) -> tuple[float, float]:
    """One run of the real level policy (tracker, and the run's own estimate as a run stores it)
    played by a seeded observer on Digit Span's levels."""
    spec = get_exercise("digit_span").spec
    policy = LevelPolicy(spec, plan_run(spec))
    offset = math.log(0.8 / 0.2)
    for _ in range(12):
        level = policy.next_level()
        p_success = (1.0 - lapse) / (1.0 + math.exp(-(offset - (level - ability) / slope)))
        policy.update(level, rng.random() < p_success)
    return policy.estimate()


def _write_tracker_clients(store: Store, n_clients: int, gain_levels: float, seed: int) -> list[Client]:
    """Clients with 30 runs over 10 weeks each, their estimates from the tracker, written in one go."""
    clients, sessions, runs = [], [], []
    start = datetime(2024, 3, 4, 10, 0, tzinfo=timezone.utc)
    for k in range(n_clients):
        rng = random.Random(seed * 10_000 + k)
        client = store.add_client(f"S-{seed}-{k}")
        clients.append(client)
        base, slope, lapse = rng.uniform(3.0, 5.0), rng.choice((0.5, 1.0, 1.5)), rng.choice((0.0, 0.05, 0.1))
        for i in range(30):
            at = (start + timedelta(days=70 * i / 29, hours=rng.uniform(-3, 3))).isoformat(timespec="milliseconds")
            ability, se = _tracker_run(base + gain_levels * i / 29, slope, lapse, rng)
            session_id, run_id = str(uuid.uuid4()), str(uuid.uuid4())
            sessions.append((session_id, client.id, at))
            runs.append((run_id, session_id, client.id, at, ability, se, json.dumps({})))
    with store.transaction() as conn:
        conn.executemany("INSERT INTO sessions (id, client_id, started_at, kind) VALUES (?, ?, ?, 'simulated')",
                         sessions)
        conn.executemany(
            "INSERT INTO runs (id, session_id, client_id, exercise, domain, started_at, start_level, end_level,"
            " ability, ability_se, accuracy, n_trials, duration_s, completed, seed, simulated, params_json,"
            " app_version) VALUES (?, ?, ?, 'digit_span', 'memory', ?, 3, 3, ?, ?, 0.8, 12, 150.0, 1, 1, 1, ?,"
            " 'test')",
            runs,
        )
    return clients


@pytest.mark.sqlite_only  # a property of the progress model over 220 clients; that the server reads the same
# progress as the file is checked in tests/scores/store/test_backends_agree.py
def test_stable_clients_rarely_show_change_and_improving_ones_do(make_store) -> None:
    store = make_store()
    stable = _write_tracker_clients(store, 200, gain_levels=0.0, seed=1)
    flagged = {"trend": 0, "change": 0, "either": 0}
    for client in stable:
        (series,) = load_progress(store, client, REGISTRY_INFOS).exercises
        assert len(series.points) == 30
        by_trend, by_change = series.trend.excludes_zero, series.change.reliable
        flagged["trend"] += by_trend
        flagged["change"] += by_change
        flagged["either"] += by_trend or by_change
    assert flagged["either"] <= 10, flagged  # neither flag in at least 95% of stable clients
    # the same route has teeth: three levels gained over the ten weeks are seen
    improving = _write_tracker_clients(store, 20, gain_levels=3.0, seed=2)
    detected = [load_progress(store, c, REGISTRY_INFOS).exercises[0] for c in improving]
    assert sum(s.trend.excludes_zero and s.trend.per_week > 0 for s in detected) >= 18
    assert sum(s.change.direction == 1 for s in detected) >= 15
    store.close()
