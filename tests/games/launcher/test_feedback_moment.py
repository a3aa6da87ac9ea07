"""The feedback moment, the screen between practice and the scored run, and finishing after this one,
through the real scene stack on a fake clock."""

import random
from datetime import datetime, timezone

import pygame
import pytest

import games.launcher.play as play
from games.core.engine.clock import FakeClock
from games.core.engine.exercise import no_words
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import play_run, simulate_session
from games.focus.go_no_go.spec import GO
from games.launcher.feedback_view import ReadyScene
from games.launcher.play import ExerciseScene
from games.launcher.results import ResultsScene
from games.launcher.session import ItemIntroScene, SessionScene
from games.pilot import Pilot
from games.registry import EXERCISES, get_exercise
from scores.clinic.plans import Plan, PlanItem

IDS = [e.id for e in EXERCISES]
EXPLAINED = {e.id for e in EXERCISES if e.feedback_words is not no_words}
T0 = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)


@pytest.fixture
def pilot(make_app):
    app = make_app()
    app.client = app.store.add_client("C-0001", "Alex")
    app.session_id = app.store.start_session(app.client, T0)
    return Pilot(app)


@pytest.fixture
def frames(monkeypatch):
    """Every feedback moment drawn, with the run time of its frame, and every onset stamped."""
    seen = {"drawn": [], "onsets": []}
    draw_feedback, mark_onset = play.draw_feedback, ExerciseRun.mark_onset

    def drawing(surface, theme, area, shown, view, now_ms):
        seen["drawn"].append((shown, now_ms))
        draw_feedback(surface, theme, area, shown, view, now_ms)

    def stamping(run, now_ms):
        seen["onsets"].append((run.run_id, now_ms))
        mark_onset(run, now_ms)

    monkeypatch.setattr(play, "draw_feedback", drawing)
    monkeypatch.setattr(ExerciseRun, "mark_onset", stamping)
    return seen


def meet(pilot, exercise_id):
    """A run played before, so that the next one is scored without practice."""
    exercise = get_exercise(exercise_id)
    simulate_session(exercise, pilot.app.store, pilot.app.client, exercise.make_player(0.7, random.Random(1)),
                     seed=1, wall_start=T0, n_trials=1)


def play_practice_and_scored(pilot, exercise, ability, seed, monkeypatch):
    """Practice, Enter on the screen between, then a short scored run, played by a simulated player;
    the runs' own seeds (drawn by the scene) are fixed too, so each exercise plays the same runs every time."""
    monkeypatch.setattr(play.secrets, "randbits", random.Random(seed).getrandbits)
    pilot.app.stack.push(ExerciseScene(exercise, n_trials=8, practice=True))
    pilot.step()
    pilot.play(exercise.make_player(ability, random.Random(seed)), frame_ms=100.0)
    assert isinstance(pilot.app.stack.top, ReadyScene)
    pilot.press(pygame.K_RETURN)
    scored = pilot.app.stack.top
    assert isinstance(scored, ExerciseScene) and not scored.practice
    pilot.play(exercise.make_player(ability, random.Random(seed + 1)), frame_ms=100.0)
    return scored


@pytest.mark.parametrize("exercise_id", IDS)
def test_feedback_is_gone_before_the_next_onset_in_practice_and_scored_play(pilot, frames, exercise_id, monkeypatch):
    exercise = get_exercise(exercise_id)
    scored = play_practice_and_scored(pilot, exercise, ability=0.35, seed=11, monkeypatch=monkeypatch)
    assert isinstance(pilot.app.stack.top, ResultsScene)
    drawn, onsets = frames["drawn"], frames["onsets"]
    assert any(shown.practice for shown, _ in drawn)  # every practice answer has its moment
    if exercise_id in EXPLAINED:  # a scored answer the exercise explains has one too
        assert any(not shown.practice and shown.words for shown, _ in drawn)
    for shown, at_ms in drawn:
        assert shown.start_ms <= at_ms < shown.end_ms
        # no onset was stamped while this moment was on screen, in either run
        assert not [t for _, t in onsets if shown.start_ms <= t <= at_ms]
    # the moments held the exercise still: every scored RT was measured from its own onset
    rows = [t for t in pilot.app.store.iter_trial_rows() if t["run_id"] == scored.run.run_id]
    assert len(rows) == len(scored.run.records) and all(t["rt_ms"] is None or t["rt_ms"] >= 0 for t in rows)


def test_a_moment_holds_the_exercise_so_reaction_times_leave_it_out(pilot):
    meet(pilot, "go_no_go")
    exercise = get_exercise("go_no_go")
    scene = ExerciseScene(exercise)
    pilot.app.stack.push(scene)
    pilot.step()
    run = scene.run
    # press for every shape, 200 ms in: a square pressed opens a moment that explains it
    while not (run.feedback is not None and run.feedback.words):
        pilot.wait_until(lambda: run.logic.shown is not None or run.feedback is not None, frame_ms=20)
        if run.logic.shown is not None:
            pilot.wait(200, frame_ms=20)
            pilot.press(pygame.K_SPACE)
    assert run.feedback.heading == "Not quite."
    assert run.feedback.words == "That was a square: wait for the circles."
    shown = run.feedback
    pilot.wait(500, frame_ms=20)
    assert run.feedback is shown and run.logic.shown is None  # nothing moves meanwhile
    pilot.wait_until(lambda: run.logic.shown is not None, frame_ms=20)
    assert scene.run_ms(pilot.clock.now_ms()) >= shown.end_ms  # the next shape came after the words
    while run.logic.shown != GO:  # on to the next circle
        pilot.wait_until(lambda: run.logic.shown == GO, frame_ms=20)
    pressed_at = len(run.records)
    pilot.wait(300, frame_ms=20)
    pilot.press(pygame.K_SPACE)
    pilot.wait_until(lambda: len(run.records) > pressed_at, frame_ms=20)
    after = run.records[pressed_at]
    assert after.stimulus == GO and after.rt_ms == pytest.approx(300.0, abs=1.0)  # from its own onset


def test_the_screen_between_practice_and_scored_play_waits_for_a_click(pilot):
    exercise = get_exercise("flanker")
    pilot.app.stack.push(ExerciseScene(exercise, practice=True))
    pilot.step()
    pilot.play(exercise.make_player(0.9, random.Random(2)), frame_ms=100.0)
    ready = pilot.app.stack.top
    assert isinstance(ready, ReadyScene)
    pilot.wait(60_000, frame_ms=1_000.0)  # nothing is timed here: it waits as long as it takes
    assert pilot.app.stack.top is ready
    assert [r["practice"] for r in pilot.app.store.iter_run_rows()] == [True]  # the scored run has not begun
    pilot.click(ready.buttons.buttons[0].rect.center)  # Start
    scored = pilot.app.stack.top
    assert isinstance(scored, ExerciseScene) and not scored.practice
    pilot.play(exercise.make_player(0.9, random.Random(3)), frame_ms=100.0)
    assert isinstance(pilot.app.stack.top, ResultsScene)  # once only: no second "Ready?"


def test_sequence_recall_shows_the_right_order_again_after_a_miss(pilot, monkeypatch):
    import games.memory.sequence_recall.view as view_module

    exercise = get_exercise("sequence_recall")
    scene = ExerciseScene(exercise, practice=True)
    pilot.app.stack.push(scene)
    pilot.step()
    run = scene.run
    pilot.wait_until(lambda: run.logic.phase.value == "respond" and not run.awaiting_onset, frame_ms=20)
    sequence = list(run.logic.sequence)
    for block in reversed(sequence):  # the right blocks in the wrong order
        pilot.press(pygame.K_1 + block)
    shown = run.feedback
    order = ", ".join(str(b + 1) for b in sequence)
    assert shown.heading == "Not quite." and shown.words == f"Here is the order again, slowly: {order}."
    assert shown.replay_ms == 700.0 * len(sequence) and shown.duration_ms > shown.replay_ms
    lit = []
    monkeypatch.setattr(view_module, "draw_block", lambda s, t, r, label, state: lit.append(label) if state == "lit" else None)
    for step in range(len(sequence)):  # mid-way through each step of the replay, one block is lit
        pilot.clock.set(pilot.clock.now_ms() + (shown.start_ms + step * 700.0 + 300.0) - scene.run_ms(pilot.clock.now_ms()))
        pilot.step()
    assert lit == [str(b + 1) for b in sequence]


def test_finish_after_this_one_keeps_every_trial_in_free_play(pilot, frames):
    meet(pilot, "flanker")
    exercise = get_exercise("flanker")
    scene = ExerciseScene(exercise)
    pilot.app.stack.push(scene)
    pilot.step()
    assert scene.finish_button.rect.width > 0  # the button shows from the start
    pilot.play(exercise.make_player(0.8, random.Random(4)), frame_ms=100.0, until=lambda: len(scene.run.records) >= 3)
    pilot.wait_until(lambda: scene.run.logic.phase.value == "stimulus", frame_ms=20)  # mid-trial
    pilot.click(scene.finish_button.rect.center)
    run = scene.run
    assert run.finish_chosen and not run.finished and run.summary is None  # the trial on screen goes on
    pilot.play(exercise.make_player(0.8, random.Random(5)), frame_ms=100.0)
    assert isinstance(pilot.app.stack.top, ResultsScene)
    assert frames["drawn"][-1][0].heading == "That's a good place to stop."
    assert pilot.app.stack.top.summary.finish_chosen and pilot.app.stack.top.summary.completed
    [row] = [r for r in pilot.app.store.iter_run_rows() if r["run_id"] == run.run_id]
    trials = [t for t in pilot.app.store.iter_trial_rows() if t["run_id"] == run.run_id]
    assert row["completed"] and row["n_trials"] == len(trials) == 4  # shorter than planned, all kept
    assert [t["trial_index"] for t in trials] == [1, 2, 3, 4]


def test_finish_by_the_end_key_between_trials_ends_at_once(pilot):
    meet(pilot, "digit_span")
    exercise = get_exercise("digit_span")
    scene = ExerciseScene(exercise)
    pilot.app.stack.push(scene)
    pilot.step()
    pilot.play(exercise.make_player(0.9, random.Random(4)), frame_ms=50.0, until=lambda: len(scene.run.records) >= 2)
    pilot.press(pygame.K_END)  # the answer is in: no trial is waited for
    assert scene.run.summary is not None and scene.run.feedback.heading == "That's a good place to stop."
    pilot.wait_until(lambda: isinstance(pilot.app.stack.top, ResultsScene), frame_ms=100)
    [row] = [r for r in pilot.app.store.iter_run_rows() if r["run_id"] == scene.run.run_id]
    assert row["completed"] and row["n_trials"] == 2


def test_finish_after_this_one_in_a_session_ends_the_item_as_if_its_time_were_up(pilot):
    meet(pilot, "flanker")
    plan = Plan("Two", (PlanItem("exercise", exercise="flanker", minutes=3), PlanItem("breathing", minutes=1)))
    scene = SessionScene(plan, pilot.app.client, seed=3)
    pilot.app.stack.push(scene)
    pilot.step()
    assert isinstance(pilot.app.stack.top, ItemIntroScene)
    pilot.press(pygame.K_RETURN)
    run = scene.runner.run
    pilot.play(get_exercise("flanker").make_player(0.8, random.Random(6)), frame_ms=100.0,
               until=lambda: len(run.records) >= 3)
    pilot.press(pygame.K_ESCAPE)  # the pause menu offers it too
    menu = pilot.app.stack.top
    assert [b.label for b in menu.buttons.buttons][1] == "Finish after this one"
    pilot.click(menu.buttons.buttons[1].rect.center)
    pilot.play(get_exercise("flanker").make_player(0.8, random.Random(7)), frame_ms=100.0,
               until=lambda: scene.runner.state.item.kind == "breathing")
    item = next(pilot.app.store.iter_item_rows())
    trials = [t for t in pilot.app.store.iter_trial_rows() if t["run_id"] == run.run_id]
    [row] = [r for r in pilot.app.store.iter_run_rows() if r["run_id"] == run.run_id]
    assert item["outcome"] == "done" and item["active_s"] < 60
    assert row["completed"] and row["n_trials"] == len(trials) == len(run.records) >= 3


def test_trial_start_times_count_the_moments_before_them(store):
    exercise = get_exercise("sequence_recall")
    client = store.add_client("C-9")
    run = ExerciseRun(exercise, store=store, session_id=store.start_session(client, T0), client=client, seed=6,
                      wall_start=T0, n_trials=3, practice=True)
    clock, starts = FakeClock(), []
    start_trial = run.logic.start_trial
    run.logic.start_trial = lambda level, now_ms: (starts.append(clock.now_ms()), start_trial(level, now_ms))
    play_run(run, exercise.make_player(0.05, random.Random(6)), clock)  # every answer missed, each replayed
    rows = [t for t in store.iter_trial_rows() if t["run_id"] == run.run_id]
    stored = [(datetime.fromisoformat(t["started_at"]) - T0).total_seconds() * 1000.0 for t in rows]
    assert stored == pytest.approx(starts, abs=1.0) and starts[1] - starts[0] > 2 * run.records[0].extra["sequence_length"] * 700.0
