"""A planned session through the real scene stack: keyboard alone, mouse alone, pause, skip, stop."""

import random

import pygame
import pytest

from games.app import App
from games.core.engine.clock import FakeClock
from games.launcher.confirm import ChoiceScene
from games.launcher.feedback_view import ReadyScene
from games.launcher.session import ItemIntroScene, SessionScene, clock_text
from games.launcher.session_summary import SessionSummaryScene
from games.pilot import Pilot
from games.registry import get_exercise
from scores.clinic.plans import Plan, PlanItem
from scores.store.store import Store

PLAN = Plan("Short", (
    PlanItem("mood"),
    PlanItem("exercise", exercise="flanker", minutes=1),
    PlanItem("breathing", minutes=1),
    PlanItem("mood"),
))


@pytest.fixture
def pilot(tmp_path):
    store = Store.open(tmp_path / "data")
    app = App(store, clock=FakeClock(1000.0))
    pilot = Pilot(app)
    yield pilot
    if pygame.display.get_init():
        app.quit()
    store.close()


def start(pilot, plan=PLAN, **client_fields):
    client = pilot.app.store.add_client("C-0001", "Sam")
    if client_fields:
        client = pilot.app.store.update_client(client, **client_fields)
    scene = SessionScene(plan, client, seed=7)
    pilot.app.stack.push(scene)
    pilot.step()
    return scene


def top(pilot):
    return pilot.app.stack.top


def answer_mood_by_keys(pilot, values):
    for value in values:
        pilot.press(pygame.K_0 + value)
    pilot.press(pygame.K_RETURN)  # Done


def answer_mood_by_mouse(pilot, scene, values):
    for row, value in enumerate(values):
        pilot.click(scene.mood_form.layout.cells[row][value - 1].center)
    pilot.click(scene.mood_form.done.rect.center)


def play_exercise_item(pilot, scene, device):
    """Let simulated players play the item on screen (practice, then scored) until it ends."""
    position = scene.runner.state.position
    while scene.runner.state is not None and scene.runner.state.position == position:
        if isinstance(top(pilot), ReadyScene):  # practice is over: "Now it counts. Ready?"
            remaining = scene.runner.item_remaining_s(pilot.clock.now_ms())
            pilot.wait(3_000)
            assert scene.runner.item_remaining_s(pilot.clock.now_ms()) == remaining  # no timer runs here
            pilot.press(pygame.K_RETURN) if device == "keys" else pilot.click(top(pilot).buttons.buttons[0].rect.center)
        assert top(pilot) is scene
        run = scene.runner.run
        player = get_exercise(run.exercise.id).make_player(0.8, random.Random(run.seed))
        pilot.play(player, device=device, frame_ms=100.0,
                   until=lambda: scene.runner.state is None or scene.runner.run is not run)


@pytest.mark.parametrize("device", ["keys", "mouse"])
def test_a_whole_plan_with_one_device_records_the_session(pilot, device):
    scene = start(pilot)
    if device == "keys":
        answer_mood_by_keys(pilot, [2, 3, 4])
    else:
        answer_mood_by_mouse(pilot, scene, [2, 3, 4])
    assert isinstance(top(pilot), ItemIntroScene)  # instructions first; the item's time waits
    pilot.wait(5_000)
    if device == "keys":
        pilot.press(pygame.K_RETURN)
    else:
        pilot.click(top(pilot).buttons.buttons[0].rect.center)
    assert top(pilot) is scene and scene.runner.item_remaining_s(pilot.clock.now_ms()) == 60.0
    play_exercise_item(pilot, scene, device)
    assert scene.runner.state.item.kind == "breathing"
    pilot.wait(61_000, frame_ms=500.0)
    assert scene.runner.state.item.kind == "mood"
    if device == "keys":
        answer_mood_by_keys(pilot, [4, 4, 5])
    else:
        answer_mood_by_mouse(pilot, scene, [4, 4, 5])
    summary = top(pilot)
    assert isinstance(summary, SessionSummaryScene) and not summary.therapist
    assert any("Flanker" in line for line in summary.lines)
    store = pilot.app.store
    [session] = list(store.iter_session_rows())
    assert (session["kind"], session["plan_name"], session["n_items"]) == ("clinic", "Short", 4)
    assert [session[f"mood_before_{k}"] for k in ("mood", "calm", "energy")] == [2, 3, 4]
    assert [session[f"mood_after_{k}"] for k in ("mood", "calm", "energy")] == [4, 4, 5]
    items = list(store.iter_item_rows())
    assert [i["outcome"] for i in items] == ["done"] * 4
    assert items[1]["active_s"] >= 60.0 and items[1]["n_practice_runs"] == 1 and items[1]["n_trials"] > 5
    # the therapist's view (no PIN on this PC) shows the same figures as the store
    if device == "keys":
        pilot.press(pygame.K_RIGHT)
        pilot.press(pygame.K_RETURN)
    else:
        pilot.click(summary.buttons.buttons[1].rect.center)
    details = top(pilot)
    assert details.therapist
    flanker = next(line for line in details.lines if "Flanker" in line)
    assert f"{items[1]['n_trials']} trials" in flanker and f"{items[1]['accuracy']:.0%} right" in flanker
    assert any("Mood 2 to 4, Calm 3 to 4, Energy 4 to 5" in line for line in details.lines)


def test_pausing_stops_every_timer_and_keep_going_resumes(pilot):
    scene = start(pilot, Plan("B", (PlanItem("breathing", minutes=2),)))
    pilot.wait(30_000, frame_ms=500.0)
    left = scene.runner.item_remaining_s(pilot.clock.now_ms())
    assert left == pytest.approx(90.0, abs=0.6)
    pilot.press(pygame.K_ESCAPE)
    assert isinstance(top(pilot), ChoiceScene) and scene.runner.paused
    pilot.wait(120_000, frame_ms=1000.0)
    assert scene.runner.item_remaining_s(pilot.clock.now_ms()) == left
    pilot.press(pygame.K_RETURN)  # "Keep going" has the focus
    assert top(pilot) is scene and not scene.runner.paused
    pilot.wait(91_000, frame_ms=500.0)
    assert isinstance(top(pilot), SessionSummaryScene)
    [item] = list(pilot.app.store.iter_item_rows())
    assert item["active_s"] == pytest.approx(120.0, abs=0.6)


def test_skip_and_stop_by_mouse_keep_what_was_recorded(pilot):
    plan = Plan("Two", (PlanItem("breathing", minutes=3), PlanItem("exercise", exercise="flanker", minutes=3)))
    scene = start(pilot, plan)
    pilot.wait(10_000, frame_ms=500.0)
    pilot.click(scene.pause_button.rect.center)
    pilot.click(top(pilot).buttons.buttons[1].rect.center)  # Skip this part
    assert isinstance(top(pilot), ItemIntroScene)
    pilot.click(top(pilot).buttons.buttons[0].rect.center)  # Start
    pilot.wait(5_000, frame_ms=100.0)
    pilot.click(scene.pause_button.rect.center)
    assert [b.label for b in top(pilot).buttons.buttons][1] == "Finish after this one"
    pilot.click(top(pilot).buttons.buttons[3].rect.center)  # Stop the session
    summary = top(pilot)
    assert isinstance(summary, SessionSummaryScene)
    assert any("stopped a little early" in line for line in summary.lines)
    store = pilot.app.store
    assert [i["outcome"] for i in store.iter_item_rows()] == ["skipped", "stopped"]
    [session] = list(store.iter_session_rows())
    assert session["stopped_early"] and session["ended_at"]


def test_countdown_shows_unless_hidden_for_the_client(pilot):
    scene = start(pilot, Plan("B", (PlanItem("breathing", minutes=2),)), hide_countdown=True)
    assert scene.countdown_text(pilot.clock.now_ms()) == ""
    pilot.app.stack.pop()
    other = SessionScene(Plan("B", (PlanItem("breathing", minutes=2),)), pilot.app.store.add_client("C-2"))
    pilot.app.stack.push(other)
    pilot.wait(1_500)
    assert other.countdown_text(pilot.clock.now_ms()) == "1:59 left  ·  session 1:59"
    assert clock_text(0.2) == "0:01" and clock_text(0) == "0:00" and clock_text(61) == "1:01"


def test_closing_the_window_mid_session_keeps_everything(pilot):
    scene = start(pilot, Plan("B", (PlanItem("breathing", minutes=2), PlanItem("mood"))))
    pilot.wait(10_000, frame_ms=500.0)
    pilot.app.quit()
    [session] = list(pilot.app.store.iter_session_rows())
    assert session["stopped_early"] and session["ended_at"] is not None
    assert scene.runner.finished


def test_a_thousand_random_events_leave_the_session_consistent(pilot):
    plan = Plan("Mixed", (PlanItem("mood"), PlanItem("exercise", exercise="go_no_go", minutes=1),
                          PlanItem("breathing", minutes=1), PlanItem("exercise", exercise="digit_span", minutes=1)))
    start(pilot, plan)
    rng = random.Random(5)
    keys = [pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT,
            pygame.K_UP, pygame.K_DOWN, pygame.K_1, pygame.K_3, pygame.K_5, pygame.K_f, pygame.K_j]
    width, height = pilot.app.screen.get_size()
    for _ in range(1000):
        if not pilot.app.stack.top:
            break
        roll = rng.random()
        if roll < 0.6:
            pilot.press(rng.choice(keys))
        elif roll < 0.9:
            pilot.click((rng.randrange(width), rng.randrange(height)))
        else:
            pilot.wait(rng.choice([100, 1000, 5000]), frame_ms=250.0)
    store = pilot.app.store
    sessions = list(store.iter_session_rows())
    assert len(sessions) == 1
    positions = [i["position"] for i in store.iter_item_rows()]
    assert positions == list(range(1, len(positions) + 1))
    for run in store.iter_run_rows():
        trials = [t for t in store.iter_trial_rows() if t["run_id"] == run["run_id"]]
        assert [t["trial_index"] for t in trials] == list(range(1, len(trials) + 1))
