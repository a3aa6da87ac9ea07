"""Smoke tests: the launcher through the real scene stack, driven by posted pygame events."""

import pygame
import pytest

from games.launcher.clients import ClientPickerScene, NewClientScene
from games.launcher.exercises import ExerciseListScene
from games.launcher.feedback_view import ReadyScene
from games.launcher.instructions import InstructionsScene
from games.launcher.play import ExerciseScene
from games.launcher.results import ResultsScene
from games.memory.sequence_recall.logic import Phase
from games.pilot import Pilot

STRANGE_NAME = 'Zoë "Q" O\'Brien / 🙂 \\ ' + "x" * 150


@pytest.fixture
def pilot(make_app):
    app = make_app()
    app.stack.push(ClientPickerScene())
    pilot = Pilot(app)
    pilot.step()
    return pilot


def top(pilot):
    return pilot.app.stack.top


def responding(pilot):
    scene = top(pilot)
    return isinstance(scene, ExerciseScene) and scene.run.logic.phase is Phase.RESPOND and not scene.run.awaiting_onset


def play_trial_with_keys(pilot, right=True):
    pilot.wait_until(lambda: responding(pilot) or isinstance(top(pilot), ResultsScene), frame_ms=50)
    if isinstance(top(pilot), ResultsScene):
        return False
    logic = top(pilot).run.logic
    blocks = list(logic.sequence) if right else list(reversed(logic.sequence))
    for block in blocks:
        pilot.press(pygame.K_1 + block)
    return True


def test_keyboard_only_create_client_play_whole_run_and_find_trials(pilot):
    store = pilot.app.store
    pilot.press(pygame.K_RETURN)  # "Add a new client" is the only item
    assert isinstance(top(pilot), NewClientScene)
    pilot.type(STRANGE_NAME)
    pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), ExerciseListScene)
    assert pilot.app.client.display_name == STRANGE_NAME.strip()
    pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), InstructionsScene)
    pilot.press(pygame.K_RETURN)
    practice = top(pilot)
    assert isinstance(practice, ExerciseScene) and practice.practice  # the first time: practice
    for _ in range(practice.run.n_trials):
        assert play_trial_with_keys(pilot, right=True)
    pilot.wait_until(lambda: top(pilot) is not practice, frame_ms=50)
    assert isinstance(top(pilot), ReadyScene)  # "Well done. Now it counts. Ready?"
    pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), ExerciseScene) and not top(pilot).practice
    n_trials = top(pilot).run.n_trials
    for i in range(n_trials):
        assert play_trial_with_keys(pilot, right=(i % 5 != 4))
    pilot.wait_until(lambda: isinstance(top(pilot), ResultsScene), frame_ms=50)
    results = top(pilot)
    trials = [t for t in store.iter_trial_rows() if not t["practice"]]
    assert len(trials) == n_trials
    assert all(t["client_code"] == pilot.app.client.code for t in trials)
    assert [t["correct"] for t in trials] == [i % 5 != 4 for i in range(n_trials)]
    assert all(t["rt_ms"] is not None and t["rt_ms"] >= 0 for t in trials)
    [practice_run, run] = list(store.iter_run_rows())
    assert practice_run["practice"] and practice_run["start_level"] == practice_run["end_level"]
    assert run["completed"] and not run["simulated"] and run["end_level"] > run["start_level"]
    climbed = run["end_level"] - run["start_level"]  # the first run: its level is the best, but not a new one
    assert results.lines == [f"You moved up {climbed} level{'s' if climbed > 1 else ''} while you played.",
                             f"You ended at level {run['end_level']}. That is your best so far."]
    # Results -> exercise list -> client list, all by keyboard
    pilot.press(pygame.K_ESCAPE)
    assert isinstance(top(pilot), ExerciseListScene)
    pilot.press(pygame.K_ESCAPE)
    assert isinstance(top(pilot), ClientPickerScene) and pilot.app.session_id is None
    assert [b.label for b in top(pilot).menu.buttons][0] == STRANGE_NAME.strip()


def click(pilot, rect):
    pilot.click(rect.center)


def test_mouse_only_create_client_play_and_stop(pilot):
    store = pilot.app.store
    click(pilot, top(pilot).menu.buttons[-1].rect)  # "Add a new client"
    click(pilot, top(pilot).create_button.rect)  # keeps the suggested ID
    assert isinstance(top(pilot), ExerciseListScene)
    first_suggestion = top(pilot).menu.buttons[3]  # after My progress, A breathing break and Sound
    assert first_suggestion.key == "sequence_recall"  # a new client: the first of each domain
    click(pilot, first_suggestion.rect)
    click(pilot, top(pilot).buttons.buttons[0].rect)  # Start
    practice = top(pilot)
    assert isinstance(practice, ExerciseScene) and practice.practice

    def play_trials_by_mouse(count):
        for _ in range(count):
            pilot.wait_until(lambda: responding(pilot), frame_ms=50)
            scene = top(pilot)
            for block in list(scene.run.logic.sequence):
                click(pilot, scene.view.rects[block])

    play_trials_by_mouse(practice.run.n_trials)
    pilot.wait_until(lambda: top(pilot) is not practice, frame_ms=50)
    assert isinstance(top(pilot), ReadyScene)
    click(pilot, top(pilot).buttons.buttons[0].rect)  # Start
    assert isinstance(top(pilot), ExerciseScene) and not top(pilot).practice
    play_trials_by_mouse(2)
    click(pilot, top(pilot).stop_button.rect)
    confirm = top(pilot)
    click(pilot, confirm.buttons.buttons[2].rect)  # "Stop now"
    pilot.step()
    assert isinstance(top(pilot), ResultsScene)
    [run] = [r for r in store.iter_run_rows() if not r["practice"]]
    assert run["n_trials"] == 2 and not run["completed"]
    assert [t["correct"] for t in store.iter_trial_rows() if not t["practice"]] == [True, True]
    click(pilot, top(pilot).buttons.buttons[1].rect)  # "Another exercise"
    assert isinstance(top(pilot), ExerciseListScene)
    click(pilot, top(pilot).corner.rect)  # "Change client"
    assert isinstance(top(pilot), ClientPickerScene)
    assert top(pilot).menu.buttons[0].label == "C-0001"


def test_escape_asks_first_and_keep_going_changes_nothing(pilot):
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_RETURN)
    scene = top(pilot)
    assert isinstance(scene, ExerciseScene)
    pilot.wait(500)
    pilot.press(pygame.K_ESCAPE)
    assert top(pilot) is not scene
    pilot.wait(10_000)  # the client thinks a while; the exercise is paused meanwhile
    pilot.press(pygame.K_RETURN)  # focus starts on "Keep going"
    assert top(pilot) is scene and not scene.run.finished
    assert scene.run.logic.phase is Phase.LEAD_IN  # the pause did not eat the presentation


def test_closing_the_window_mid_exercise_keeps_every_trial(pilot):
    store = pilot.app.store
    for _ in range(4):
        pilot.press(pygame.K_RETURN)
    assert play_trial_with_keys(pilot)
    pilot.wait(100)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    pilot.step()
    assert not pilot.app.running
    pilot.app.quit()
    [run] = list(store.iter_run_rows())
    assert run["n_trials"] == 1 and not run["completed"] and run["ended_at"]
    assert len(list(store.iter_trial_rows())) == 1


def test_escape_on_first_screen_asks_before_closing(pilot):
    pilot.press(pygame.K_ESCAPE)
    assert pilot.app.running
    pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_RETURN)  # "Close"
    assert not pilot.app.running


def test_refused_client_id_shows_reason_and_keeps_screen(pilot):
    pilot.press(pygame.K_RETURN)
    new_client = top(pilot)
    pilot.press(pygame.K_UP)  # to the ID field
    for _ in range(10):
        pilot.press(pygame.K_BACKSPACE)
    pilot.press(pygame.K_RETURN)
    assert top(pilot) is new_client and new_client.error
    assert pilot.app.store.list_clients() == []


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_a_thousand_random_keys_clicks_and_wheel_turns_break_nothing(make_app, scale):
    import random

    from games.core.ui.theme import Theme

    app = make_app(theme=Theme.create(scale))
    store = app.store
    app.stack.push(ClientPickerScene())
    pilot = Pilot(app, draw_every=5)  # every event handled; a frame drawn every 5 turns and for each new screen
    pilot.step()
    rng = random.Random(2026)
    keys = [pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN, pygame.K_TAB, pygame.K_BACKSPACE,
            pygame.K_SPACE, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_PAGEUP, pygame.K_PAGEDOWN] + [
            pygame.K_1 + d for d in range(9)]
    width, height = pilot.app.screen.get_size()
    for _ in range(1000):
        if not pilot.app.running:
            break
        roll = rng.random()
        if roll < 0.7:
            pilot.press(rng.choice(keys))
        elif roll < 0.85:
            pilot.click((rng.randrange(width), rng.randrange(height)))
        elif roll < 0.9:
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False))
            pilot.step()
        else:
            pilot.wait(rng.choice([50, 400, 2000]), frame_ms=50)
    if pilot.app.running:
        pilot.draw_every = 1
        pilot.step()  # the screen it ended on draws
    store = pilot.app.store
    for run in store.iter_run_rows():
        trials = [t for t in store.iter_trial_rows() if t["run_id"] == run["run_id"]]
        assert [t["trial_index"] for t in trials] == list(range(1, len(trials) + 1))
        if run["ended_at"]:
            assert run["n_trials"] == len(trials)


def test_held_keys_repeat_in_menus_but_not_in_an_exercise(pilot):
    assert pygame.key.get_repeat()[0] > 0
    for _ in range(4):
        pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), ExerciseScene)
    assert pygame.key.get_repeat() == (0, 0)
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_END)  # the last choice, "Stop now"
    pilot.press(pygame.K_RETURN)  # stop: no trial yet, back to the instructions
    assert pygame.key.get_repeat()[0] > 0


def test_the_exercise_list_opens_my_progress_and_a_breathing_break(pilot):
    from games.launcher.breathing import BreathingScene
    from games.launcher.progress import ProgressScene

    pilot.app.store.add_client("C-0001", "Robin")
    top(pilot).refresh()
    pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), ExerciseListScene)
    assert [b.label for b in top(pilot).menu.fixed] == ["My progress", "A breathing break", "Sound"]
    pilot.press(pygame.K_UP)  # from the first suggestion up to the row on top
    pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), ProgressScene)
    assert top(pilot).client.code == "C-0001" and not top(pilot).therapist
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_END)  # scrolled to the end of the grid, the row on top still shows
    pilot.click(top(pilot).menu.fixed[1].rect.center)
    assert isinstance(top(pilot), BreathingScene)
    pilot.wait(121_000, frame_ms=1000)
    assert isinstance(top(pilot), ExerciseListScene)


def test_a_title_or_hint_too_wide_shrinks_a_little_before_it_is_shortened():
    from games.core.ui.theme import Theme
    from games.launcher.common import fitting_line

    pygame.font.init()
    theme = Theme.create(2.0)
    full = theme.font("small")
    text = "Type, then Enter  ·  Tab or arrow keys to move  ·  Esc to go back"
    width = full.size(text)[0]
    assert fitting_line(theme, "small", text, width) == (full, text)
    font, shown = fitting_line(theme, "small", text, int(width * 0.9), least=0.8)
    assert shown == text and font.get_height() < full.get_height() and font.size(text)[0] <= width * 0.9
    font, shown = fitting_line(theme, "small", text, width // 2, least=0.8)
    assert shown.endswith("…") and font.size(shown)[0] <= width // 2


@pytest.mark.parametrize("scale, size", [(1.0, (1100, 760)), (2.0, (1100, 760)), (2.0, (640, 480))])
def test_results_show_every_sentence_and_both_buttons_inside_the_window(make_app, scale, size):
    from games.core.engine.run import RunSummary
    from games.core.ui.theme import Theme
    from games.launcher.common import margin
    from games.launcher.results import ResultsScene
    from games.launcher.scroll_text import wrapped_lines
    from games.registry import get_exercise

    app = make_app(theme=Theme.create(scale), size=size)
    app.begin_session(app.store.add_client("C-0001", "Alex"))
    summary = RunSummary(start_level=3, end_level=7, n_trials=12, accuracy=0.83, median_rt_ms=900.0, ability=6.8,
                         ability_se=0.6, duration_s=240.0, completed=False, measures={"longest_span": 7})
    app.stack.push(ResultsScene(get_exercise("sequence_recall"), summary))
    Pilot(app).step()
    scene, window = app.stack.top, app.screen.get_rect()
    first, second = (b.rect for b in scene.buttons.buttons)
    assert window.contains(first) and window.contains(second) and not first.colliderect(second)
    assert len(scene.lines) == 2 and window.contains(scene.buttons.viewport)
    # everything shows at once at the usual size; with large type (or a small window) it scrolls line by line
    assert scene.text.scrolls == (scale == 2.0)  # the picture leaves room for every sentence at scale 1 only
    shown = set()
    for _ in range(scene.text.last_top_line + 1):
        shown.update(range(scene.text.top_line, scene.text.top_line + scene.text.page_lines + 1))
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
        app.step(max_wait_ms=0)
    font = scene.theme.font("body" if scene.text.scrolls else "large")
    assert len(shown) >= len(wrapped_lines(scene.lines, font, window.width - 2 * margin(scene.theme, app.screen),
                                           scene.theme.gap(0.5))[0]) or not scene.text.scrolls
    assert scene.buttons.focus == (0 if scene.text.scrolls else 1)  # Down reads on while there is more


def test_a_window_too_small_for_the_chosen_type_shows_it_smaller_until_it_grows(make_app):
    from games.core.ui.theme import Theme

    app = make_app(theme=Theme.create(2.0, high_contrast=True), size=(640, 480))
    assert app.chosen_theme.font_scale == 2.0
    assert app.theme.font_scale == pytest.approx(min(640 / 550, 480 / 380))
    assert app.theme.palette == app.chosen_theme.palette  # only the size gives way
    for size, scale in (((1100, 760), 2.0), ((800, 600), 800 / 550), ((1920, 1080), 2.0)):
        pygame.display.set_mode(size, pygame.RESIZABLE)  # what the window system does, then says
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
        app.stack.push(ClientPickerScene())
        app.step(max_wait_ms=0)
        assert app.screen.get_size() == size and app.theme.font_scale == pytest.approx(scale)


def test_an_exercise_on_screen_follows_the_window_when_it_shrinks_and_grows(make_app):
    from games.core.ui.theme import Theme
    from games.registry import get_exercise

    app = make_app(theme=Theme.create(2.0))
    app.begin_session(app.store.add_client("C-0001", "Alex"))
    scene = ExerciseScene(get_exercise("digit_span"))
    app.stack.push(scene)
    pilot = Pilot(app)
    pilot.wait(3_000, frame_ms=50)
    for size in ((640, 480), (1100, 760)):
        pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
        pilot.wait(100, frame_ms=50)
        assert scene.view.theme.font_scale == pytest.approx(app.theme.font_scale)
        assert app.theme.font_scale == pytest.approx(min(2.0, size[0] / 550, size[1] / 380))
