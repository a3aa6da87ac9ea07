"""The client's screens agree on level and best (scores.analysis.levels), speak kindly, and keep lab words out.

Results, the client's progress and the client's session summary are opened through the real
scene stack over runs with known levels, and for every exercise over runs its simulated player
played; the words they show are read back and compared.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta, timezone

import pygame
import pytest

from games.core.engine.adaptive.policy import plan_from_store
from games.core.engine.run import RunSummary
from games.core.engine.simulate import simulate_session
from games.launcher import results_picture
from games.launcher.progress import ProgressScene
from games.launcher.results import ResultsScene, kind_sentence, result_lines
from games.launcher.session_summary import SessionSummaryScene
from games.pilot import Pilot
from games.registry import EXERCISES, exercise_infos, get_exercise
from scores.analysis.levels import RunLevels, day_levels, newest_run
from scores.analysis.progress import load_progress

DAY = datetime(2026, 3, 2, 17, 0, tzinfo=timezone.utc)
EXERCISE = "sequence_recall"
LAB_WORDS = re.compile(
    r"stimul|GO circles shown|d′|d'|omission|commission|accuracy|\bRT\b|\bms\b|trial|ability|estimate",
    re.IGNORECASE)
GLOOMY = re.compile(r"declin|worse|fail|wrong|bad|poor|lower|drop", re.IGNORECASE)


def add_run(store, client, day: int, levels: list[int], end_level: int,
            completed: bool = True) -> tuple[str, RunSummary]:
    """A scored run with the given answer levels (every other answer right), in its own session."""
    start = DAY + timedelta(days=day)
    session_id = store.start_session(client, start)
    run_id = store.start_run(session_id=session_id, client=client, exercise=EXERCISE, domain="memory",
                             started_at=start, start_level=levels[0], seed=day, params={}, simulated=False,
                             app_version="test")
    for i, level in enumerate(levels, start=1):
        store.add_trial(run_id, trial_index=i, started_at=start + timedelta(seconds=10 * i), level=level,
                        stimulus="", response="", correct=i % 2 == 0, rt_ms=900.0, timed_out=False, extra={})
    accuracy = sum(i % 2 == 0 for i in range(1, len(levels) + 1)) / len(levels)
    store.finish_run(run_id, ended_at=start + timedelta(minutes=3), end_level=end_level, ability=end_level - 0.5,
                     ability_se=0.8, accuracy=accuracy, median_rt_ms=900.0, n_trials=len(levels),
                     duration_s=180.0, completed=completed, measures={})
    store.end_session(session_id, start + timedelta(minutes=4))
    summary = RunSummary(levels[0], end_level, len(levels), accuracy, 900.0, end_level - 0.5, 0.8, 180.0,
                         completed, {})
    return session_id, summary


def run_day(day: int):
    return (DAY + timedelta(days=day)).astimezone().date()


def screen_words(make_app, exercise_id: str, summary: RunSummary, session_id: str) -> dict[str, list[str]]:
    """The sentences of the results screen, the client's progress pages and the client's summary,
    and every text the three drew, each opened through the real scene stack."""
    app = make_app()
    client = app.store.get_client("C-0001")
    app.begin_session(client)
    pilot, words = Pilot(app), {}
    results = ResultsScene(get_exercise(exercise_id), summary)
    app.stack.push(results)
    pilot.step()
    words["results"] = results.lines + [text for text, _ in results.drawn_texts]
    progress = ProgressScene(client)
    app.stack.push(progress)
    pilot.step()
    words["progress"], drawn = [], []
    for page in range(len(progress.pages)):
        progress.go_to(page)
        pilot.step()
        words["progress"] += progress.page_lines(page)
        drawn += [text for text, _ in progress.drawn_texts]
    words["progress drawn"] = drawn
    summary_scene = SessionSummaryScene(session_id, client)
    app.stack.push(summary_scene)
    pilot.step()
    words["summary"] = summary_scene.lines
    app.quit()
    return words


def stated(pattern: str, lines: list[str]) -> list[int]:
    return [int(m.group(1)) for line in lines for m in [re.search(pattern, line)] if m]


@pytest.mark.parametrize("last_level, best", [(7, 7), (5, 6)])
def test_results_progress_and_summary_state_the_same_level_and_best(make_app, last_level, best):
    store = make_app().store
    client = store.add_client("C-0001", "Alex")
    for day, level in enumerate([4, 6, 5]):
        add_run(store, client, day, [level - 1, level, level - 1, level], level)
    add_run(store, client, 3, [3, 4, 5, 6, 7, 8, 9], 9, completed=False)  # stopped early: never a best
    session_id, summary = add_run(store, client, 4, [last_level - 1, last_level], last_level)
    words = screen_words(make_app, EXERCISE, summary, session_id)
    new_best = last_level == best
    results, progress, told = words["results"], words["progress"], words["summary"]
    assert stated(r"ended at level (\d+)", results) == [last_level]
    assert stated(r"Sequence Recall: level (\d+)", told) == [last_level]
    if new_best:
        assert "You ended at level 7, a new best!" in results and "Sequence Recall: level 7, a new best!" in told
        assert not stated(r"Your best: level (\d+)", results + told)
    else:
        assert stated(r"Your best: level (\d+)", results) == stated(r"Your best: level (\d+)", told) == [best]
    assert stated(r"Your best: level (\d+)", progress) == [best]
    [series] = load_progress(store, client, exercise_infos()).exercises
    assert day_levels(series.points)[-1] == (run_day(4), last_level)  # the chart's last day
    assert f"Sequence Recall: level {best}" in progress  # the highlights page
    assert "Your latest day reached your best. Well done!" in progress if new_best else True
    assert str(last_level) in words["results"] and f"Level {last_level}" in words["results"]  # the picture's labels


def levels_of(level: int, best_before: int | None, counts: bool = True) -> RunLevels:
    return RunLevels("r", DAY.date(), (level,), (True,), level, counts, best_before, (4,) if best_before else ())


def test_a_new_best_is_marked_only_when_it_truly_is_one(make_app, monkeypatch):
    assert levels_of(7, 6).new_best
    assert not levels_of(6, 6).new_best  # level with the best is not beyond it
    assert not levels_of(5, None).new_best  # a first run has nothing to beat
    assert not levels_of(9, 6, counts=False).new_best  # stopped early
    assert levels_of(9, 6, counts=False).best == 6 and levels_of(7, 6).best == 7
    stars = []
    monkeypatch.setattr(results_picture, "draw_star", lambda *args: stars.append(args) or pygame.Rect(0, 0, 1, 1))
    store = make_app().store
    client = store.add_client("C-0001", "Alex")
    for day, (level, starred) in enumerate([(5, False), (6, True), (6, False), (4, False), (7, True)]):
        session_id, summary = add_run(store, client, day, [level], level)
        stars.clear()
        words = screen_words(make_app, EXERCISE, summary, session_id)
        assert bool(stars) is starred, (day, level)
        assert any("a new best!" in line for line in words["results"]) is starred
        assert any("a new best!" in line for line in words["summary"]) is starred


@pytest.mark.parametrize("completed, right", [(True, ()), (False, ()), (False, (False, True, False)),
                                              (True, (False,) * 8)])
def test_a_low_result_still_gets_an_encouraging_true_sentence(completed, right):
    summary = RunSummary(5, 2, max(1, len(right)), 0.0, None, 1.5, 1.0, 60.0, completed, {})
    levels = RunLevels("r", DAY.date(), (5, 4, 3), right, 2, completed, 6, (6, 5))
    lines = result_lines(summary, levels, streak_days=1)
    assert len(lines) == 2 and not any(GLOOMY.search(line) for line in lines)
    kind = kind_sentence(summary, levels, 1)
    assert lines[0] == kind  # what went well comes first when the run is no new best
    if completed:
        assert kind == "You kept going right to the end. Well done!"
    elif any(right):
        assert kind == "You got 1 right."
    else:
        assert kind == "You gave it a go, and every go helps."
    assert kind_sentence(summary, levels, 3) == "You have practised 3 days in a row. Well done!"


@pytest.mark.parametrize("exercise_id", [e.id for e in EXERCISES])
def test_no_client_screen_shows_lab_words(make_app, exercise_id):
    store = make_app().store
    client = store.add_client("C-0001", "Alex")
    exercise = get_exercise(exercise_id)
    runs = []
    for day, ability in enumerate((0.8, 0.3)):  # a good run, then a low one
        runs.append(simulate_session(exercise, store, client, exercise.make_player(ability, random.Random(day)),
                                     seed=day, wall_start=DAY + timedelta(days=day),
                                     plan=plan_from_store(store, client, exercise.spec)))
    assert newest_run(store, client, exercise_id).run_id == runs[-1].run_id
    words = screen_words(make_app, exercise_id, runs[-1].summary, runs[-1]._session_id)
    for screen, texts in words.items():
        assert texts, screen
        assert not [text for text in texts if LAB_WORDS.search(text)], screen
