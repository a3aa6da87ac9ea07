"""Sound in the app: defaults per PC, the sound screen by keys and by mouse, what is heard when (an
answer, a new best, the breathing break), no sound device at all, and ``--sound on|off``."""

import random
from datetime import date, datetime, timezone

import pygame
import pytest

from games.cli import build_parser, main
from games.core.engine.breathing import FRAME_MS
from games.core.engine.run import RunSummary
from games.core.ui.sound import ON_SETTING, VOLUME_SETTING, Sound
from games.launcher.breathing import BreathingScene
from games.launcher.exercises import ExerciseListScene
from games.launcher.play import ExerciseScene
from games.launcher.results import ResultsScene
from games.launcher.session import SessionScene
from games.launcher.sound_settings import SoundScene
from games.launcher.therapist import TherapistHomeScene
from games.pilot import Pilot
from games.registry import get_exercise
from scores.analysis.levels import RunLevels
from scores.clinic.pin import TherapistLock
from scores.clinic.plans import Plan, PlanItem


class HeardSound(Sound):
    """The app's sound, noting what would be heard (the dummy device hears nothing)."""

    def __init__(self) -> None:
        super().__init__(True)
        self.heard: list = []

    def play(self, name: str) -> None:
        self.heard.append(name)

    def breathe(self, inhaling: bool, seconds: float) -> None:
        self.heard.append(("in" if inhaling else "out", round(seconds, 2)))

    def hush(self) -> None:
        self.heard.append("hush")


def with_client(app):
    app.begin_session(app.store.add_client("C-0001", "Alex"))
    return Pilot(app)


# -- defaults and the choice, per PC -------------------------------------------------------------
def test_sound_is_on_at_home_off_on_a_clinic_pc_and_the_command_line_overrides_for_one_run(make_app):
    assert make_app().sound.on
    TherapistLock(make_app().store).set_pin("2580", datetime.now(timezone.utc))
    assert not make_app().sound.on
    from games.app import App

    app = make_app()
    assert App(app.store, clock=app.clock, sound=True).sound.on  # --sound on, this run only
    assert app.store.app_setting(ON_SETTING) is None


def test_the_sound_screen_by_keys_from_the_exercise_list_saves_for_this_pc(make_app):
    app = make_app()
    pilot = with_client(app)
    app.stack.push(ExerciseListScene())
    for key in (pygame.K_HOME, pygame.K_RIGHT, pygame.K_RIGHT, pygame.K_RETURN):  # "Sound", in the row on top
        pilot.press(key)
    scene = app.stack.top
    assert isinstance(scene, SoundScene) and scene.switch.label == "Turn sound off"
    pilot.press(pygame.K_RETURN)
    assert not app.sound.on and scene.switch.label == "Turn sound on"
    assert app.store.app_setting(ON_SETTING) is False
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_RETURN)  # Quieter
    assert app.sound.volume == 0.5 and app.store.app_setting(VOLUME_SETTING) == 0.5
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_RETURN)  # Louder, twice
    assert app.sound.volume == 0.7
    pilot.press(pygame.K_ESCAPE)
    assert isinstance(app.stack.top, ExerciseListScene)
    after = make_app()  # the next start on this PC
    assert (after.sound.on, after.sound.volume) == (False, 0.7)


def test_the_sound_screen_by_mouse_from_therapist_home_and_each_change_is_heard(make_app):
    app = make_app()
    app.sound = HeardSound()
    pilot = with_client(app)
    app.stack.push(TherapistHomeScene())
    pilot.step()
    sound_button = next(b for b in app.stack.top.actions.buttons if b.label == "Sound")
    pilot.click(sound_button.rect.center)
    scene = app.stack.top
    assert isinstance(scene, SoundScene)
    pilot.click(scene.louder.rect.center)
    assert app.sound.volume == 0.7 and app.store.app_setting(VOLUME_SETTING) == 0.7
    pilot.click(scene.quieter.rect.center)
    pilot.click(scene.quieter.rect.center)
    assert app.sound.volume == 0.5
    pilot.click(scene.switch.rect.center)
    assert not app.sound.on and app.store.app_setting(ON_SETTING) is False
    pilot.click(scene.switch.rect.center)
    assert app.sound.on and app.store.app_setting(ON_SETTING) is True
    assert app.sound.heard == ["right"] * 3 + ["hush", "right", "right"]  # each change heard (off: nothing)
    pilot.click(scene.corner.rect.center)
    assert isinstance(app.stack.top, TherapistHomeScene)


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("size", [(1100, 760), (640, 480)])
def test_the_sound_screen_keeps_its_controls_inside_the_window_and_apart(make_app, scale, size):
    from games.core.ui.theme import Theme

    app = make_app(theme=Theme.create(scale), size=size)
    app.stack.push(SoundScene())
    Pilot(app).step()
    rects = [b.rect for b in app.stack.top.menu.buttons] + [app.stack.top.corner.rect]
    assert all(app.screen.get_rect().contains(r) for r in rects)
    assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:])


# -- what is heard when ----------------------------------------------------------------------------
def test_every_answer_in_an_exercise_is_heard_right_or_not_quite(make_app):
    app = make_app()
    app.sound = HeardSound()
    pilot = with_client(app)
    scene = ExerciseScene(get_exercise("flanker"), n_trials=12, seed=4)
    app.stack.push(scene)
    pilot.play(get_exercise("flanker").make_player(0.6, random.Random(5)))
    answered = [r for r in scene.run.records if r.rt_ms is not None and not r.timed_out]
    assert answered and len(scene.run.records) == 12
    assert [h for h in app.sound.heard if h in ("right", "not_quite")] == [
        "right" if r.is_correct else "not_quite" for r in answered]


@pytest.mark.parametrize("best_before, level, heard", [(6, 7, ["best"]), (7, 7, []), (None, 3, [])])
def test_a_new_best_is_heard_on_the_results_screen(make_app, monkeypatch, best_before, level, heard):
    import games.launcher.results as results

    app = make_app()
    app.sound = HeardSound()
    pilot = with_client(app)
    levels = RunLevels(run_id="r", day=date(2026, 3, 2), trial_levels=(level,), right=(True,), level=level,
                       counts=True, best_before=best_before, earlier=())
    monkeypatch.setattr(results, "newest_run", lambda store, client, exercise: levels)
    summary = RunSummary(start_level=4, end_level=level, n_trials=10, accuracy=0.8, median_rt_ms=700.0,
                         ability=6.0, ability_se=0.5, duration_s=90.0, completed=True, measures={})
    app.stack.push(ResultsScene(get_exercise("sequence_recall"), summary))
    pilot.step()
    assert app.sound.heard == heard


def test_the_breathing_break_plays_a_tone_for_each_half_breath_and_hushes_when_paced_or_left(make_app):
    app = make_app()
    app.sound = HeardSound()
    pilot = with_client(app)
    app.stack.push(BreathingScene(minutes=1, inhale_s=4, exhale_s=6))
    pilot.wait(19_000, frame_ms=FRAME_MS)
    assert app.sound.heard == [("in", 4.0), ("out", 6.0), ("in", 4.0), ("out", 6.0)]
    pilot.press(pygame.K_f)  # faster: the tone under way no longer fits; the next half brings its own
    pilot.wait(500)
    assert app.sound.heard[4:] == ["hush"]
    pilot.wait(5_000)
    assert app.sound.heard[5] == ("in", 3.0)
    pilot.press(pygame.K_ESCAPE)
    assert app.sound.heard[-1] == "hush"


def test_breathing_frames_are_due_on_a_grid_from_the_start_however_late_each_is_drawn(make_app):
    app = make_app()
    pilot = with_client(app)
    scene = BreathingScene(minutes=1)
    app.stack.push(scene)
    start, lateness = app.clock.now_ms(), random.Random(2)
    dues = []
    for _ in range(300):
        due = scene.next_frame_ms(app.clock.now_ms())
        dues.append(due)
        app.clock.set(due + lateness.choice([0.0, 1.5, 9.0, 40.0]))  # drawn late, now and then a frame too late
        pilot.step()
    frames = [(due - start) / FRAME_MS for due in dues]
    assert all(abs(k - round(k)) < 1e-6 for k in frames)  # frame k due at start + k/30 s
    assert all(b > a for a, b in zip(frames, frames[1:]))  # a missed frame is skipped, never drawn twice
    assert dues[-1] - start == pytest.approx(round(frames[-1]) * 1000.0 / 30)


def test_a_session_breathing_break_is_heard_and_paced_from_its_start(make_app):
    app = make_app()
    app.sound = HeardSound()
    pilot = with_client(app)
    scene = SessionScene(Plan("Breathe", (PlanItem("breathing", minutes=1, inhale_s=4, exhale_s=6),)), app.client, seed=1)
    app.stack.push(scene)
    pilot.step()
    start = app.clock.now_ms() - scene.runner.item_elapsed_ms(app.clock.now_ms())
    pilot.wait(11_000, frame_ms=FRAME_MS)
    assert app.sound.heard == [("in", 4.0), ("out", 6.0), ("in", 4.0)]
    due = scene.next_frame_ms(app.clock.now_ms() + 3.0)
    assert (due - start) / FRAME_MS == pytest.approx(round((due - start) / FRAME_MS))
    scene.open_menu()  # pause: every timer stops, and the tone with them
    assert app.sound.heard[-1] == "hush"


# -- no sound device ---------------------------------------------------------------------------------
def test_without_a_sound_device_the_app_plays_everything_silently(make_app, monkeypatch):
    def no_device(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    app = make_app()
    pilot = with_client(app)
    assert app.sound.on and not app.sound.available()
    scene = ExerciseScene(get_exercise("flanker"), n_trials=6, seed=4)
    app.stack.push(scene)
    pilot.play(get_exercise("flanker").make_player(0.6, random.Random(5)))
    assert len(scene.run.records) == 6 and isinstance(app.stack.top, ResultsScene)
    app.stack.push(BreathingScene(minutes=0.2))
    pilot.wait(13_000, frame_ms=FRAME_MS)
    app.stack.push(SoundScene())
    pilot.step()
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_RETURN)
    assert app.sound.on


def test_sound_plays_on_the_dummy_device_through_the_app(make_app):
    app = make_app()
    pilot = with_client(app)
    app.stack.push(BreathingScene(minutes=1))
    pilot.step()
    assert app.sound.available() and pygame.mixer.get_busy()  # the first in-breath's tone


# -- the command line ------------------------------------------------------------------------------
def test_sound_on_or_off_on_the_command_line(capsys):
    assert build_parser().parse_args(["--sound", "on"]).sound is True
    assert build_parser().parse_args(["--sound", "OFF"]).sound is False
    assert build_parser().parse_args([]).sound is None
    with pytest.raises(SystemExit) as stopped:
        main(["--sound", "loud"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--sound must be on or off, not 'loud'" in err
