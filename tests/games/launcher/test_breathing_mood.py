"""The breathing break and the mood check through the real scene stack, driven by posted events."""

import random

import pygame
import pytest

import games.launcher.breathing as breathing_module
from games.app import App
from games.core.engine.clock import FakeClock
from games.core.ui.scene import Scene
from games.core.ui.theme import Theme
from games.launcher.breathing import BreathingScene, draw_breathing
from games.launcher.mood import MoodCheckScene
from games.launcher.mood_layout import MOOD_WORDS, cell_pad
from games.pilot import Pilot
from scores.clinic.plans import BREATH_RANGE_S
from scores.clinic.records import MOOD_SCALES
from scores.store.store import Store


class Below(Scene):
    """The screen under the one tested: keeps what each popped scene handed back."""

    def __init__(self) -> None:
        self.results: list = []

    def on_result(self, result) -> None:
        self.results.append(result)


def make_pilot(tmp_path, theme=None, size=(1100, 760)):
    store = Store.open(tmp_path / "data")
    app = App(store, theme=theme, clock=FakeClock(1000.0), size=size)
    below = Below()
    app.stack.push(below)
    return Pilot(app), below, store


@pytest.fixture
def setup(tmp_path):
    pilot, below, store = make_pilot(tmp_path)
    yield pilot, below
    if pygame.display.get_init():
        pilot.app.quit()
    store.close()


def open_scene(pilot, scene):
    pilot.app.stack.push(scene)
    pilot.step()
    return scene


def centre(rect):
    return rect.center


# -- the mood check ---------------------------------------------------------------------------
def test_mood_check_by_keyboard_alone(setup):
    pilot, below = setup
    scene = open_scene(pilot, MoodCheckScene())
    pilot.press(pygame.K_4)  # mood: 4, and on to the calm row
    pilot.press(pygame.K_RIGHT)  # calm: from the middle face (3) one to the right
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_LEFT)  # back to 4
    pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_LEFT)  # energy: 2
    assert scene.form.answers == {"mood": 4, "calm": 4, "energy": 2}
    pilot.press(pygame.K_TAB)  # to Done
    pilot.press(pygame.K_RETURN)
    assert pilot.app.stack.top is below
    assert below.results == [{"mood": 4, "calm": 4, "energy": 2}]


def test_mood_check_keypad_numbers_and_enter_walk_down_the_rows(setup):
    pilot, below = setup
    open_scene(pilot, MoodCheckScene())
    pilot.press(pygame.K_KP1)
    pilot.press(pygame.K_RETURN)  # calm: the face the keyboard is on, the middle one
    pilot.press(pygame.K_5)
    pilot.press(pygame.K_RETURN)  # now on Done
    assert below.results == [{"mood": 1, "calm": 3, "energy": 5}]


def test_mood_check_by_mouse_alone(setup):
    pilot, below = setup
    scene = open_scene(pilot, MoodCheckScene())
    cells = scene.form.layout.cells
    pilot.click(centre(cells[2][0]))  # any order
    pilot.click(centre(cells[0][4]))
    pilot.click(centre(cells[1][1]))
    pilot.click(centre(cells[1][2]))  # a change of mind
    pilot.click(centre(scene.form.done.rect))
    assert pilot.app.stack.top is below
    assert below.results == [{"mood": 5, "calm": 3, "energy": 1}]


def test_done_does_nothing_until_all_three_are_answered(setup):
    pilot, below = setup
    scene = open_scene(pilot, MoodCheckScene())
    for _ in range(3):
        pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_RETURN)  # Done with nothing answered
    assert pilot.app.stack.top is scene and not scene.form.submitted
    assert scene.form.row == 0 and "each row" in scene.form.status_text()
    pilot.press(pygame.K_2)
    pilot.press(pygame.K_2)
    pilot.click(centre(scene.form.done.rect))  # two of three
    assert pilot.app.stack.top is scene and scene.form.row == 2
    assert scene.form.answers == {"mood": 2, "calm": 2, "energy": None}
    assert below.results == []
    pilot.click(centre(scene.form.layout.cells[2][3]))
    pilot.click(centre(scene.form.done.rect))
    assert below.results == [{"mood": 2, "calm": 2, "energy": 4}]


def test_escape_and_skip_leave_with_nothing(setup):
    pilot, below = setup
    open_scene(pilot, MoodCheckScene())
    pilot.press(pygame.K_3)
    pilot.press(pygame.K_ESCAPE)
    scene = open_scene(pilot, MoodCheckScene("Before we start"))
    pilot.click(centre(scene.corner.rect))
    assert below.results == [None, None] and pilot.app.stack.top is below


@pytest.mark.parametrize("size, scale, high_contrast", [
    ((640, 480), 1.0, False), ((1100, 760), 1.0, False), ((1100, 760), 1.5, False),
    ((1100, 760), 2.0, False), ((1100, 760), 1.0, True),
])
def test_mood_form_fits_without_cutting_anything(tmp_path, size, scale, high_contrast):
    pilot, below, store = make_pilot(tmp_path, Theme.create(scale, high_contrast), size)
    scene = open_scene(pilot, MoodCheckScene())
    theme, form = pilot.app.theme, scene.form
    lay, screen = form.layout, pilot.app.screen.get_rect()
    cells = [cell for row in lay.cells for cell in row]
    assert len(cells) == 15 and lay.face_radius >= 10
    assert all(screen.contains(cell) for cell in cells + [form.done.rect])
    assert not any(a.colliderect(b) for i, a in enumerate(cells + [form.done.rect]) for b in cells[i + 1:])
    for scale_name, row in zip(MOOD_SCALES, lay.cells):
        for words, cell in zip(lay.words[scale_name], row):
            assert " ".join(words) in MOOD_WORDS[scale_name]  # wrapped, never cut
            assert all(lay.word_font.size(line)[0] <= cell.width - 2 * cell_pad(theme) for line in words)
    for lines, rect in lay.questions:
        assert all(lay.question_font.size(line)[0] <= rect.width for line in lines)
        assert rect.top + len(lines) * lay.question_font.get_linesize() <= lay.cells[-1][-1].bottom
    pilot.app.quit()
    store.close()


# -- the breathing break ----------------------------------------------------------------------
@pytest.fixture
def words_drawn(monkeypatch):
    """The breathing words drawn on screen, frame by frame."""
    seen: list[str] = []
    original = breathing_module.draw_text

    def spy(surface, text, *args, **kwargs):
        if text.startswith("Breathe"):
            seen.append(text)
        return original(surface, text, *args, **kwargs)

    monkeypatch.setattr(breathing_module, "draw_text", spy)
    return seen


def test_breathing_shows_in_then_out_at_the_right_times(setup, words_drawn):
    pilot, below = setup
    open_scene(pilot, BreathingScene(minutes=1, inhale_s=3, exhale_s=5))
    checks = [(0, "Breathe in"), (2900, "Breathe in"), (3100, "Breathe out"), (7900, "Breathe out"),
              (8100, "Breathe in"), (11_100, "Breathe out")]
    start, done_ms = pilot.clock.now_ms(), 0
    for at_ms, word in checks:
        pilot.wait(at_ms - done_ms, frame_ms=50)
        done_ms = at_ms
        pilot.step()
        assert words_drawn[-1] == word, f"at {at_ms} ms"
    assert pilot.clock.now_ms() - start == pytest.approx(11_100)


def test_breathing_ends_by_itself_after_its_minutes(setup):
    pilot, below = setup
    scene = open_scene(pilot, BreathingScene(minutes=0.5))
    assert scene.next_frame_ms(pilot.clock.now_ms()) - pilot.clock.now_ms() <= 34  # smooth enough
    pilot.wait(29_900, frame_ms=100)
    assert pilot.app.stack.top is scene and below.results == []
    pilot.wait(200, frame_ms=50)
    assert pilot.app.stack.top is below and below.results == [None]


def test_faster_and_slower_change_the_pace_within_range(setup):
    pilot, below = setup
    scene = open_scene(pilot, BreathingScene(minutes=5))
    pilot.wait(1500, frame_ms=50)
    before = scene.phase(pilot.clock.now_ms())
    pilot.press(pygame.K_f)
    assert (scene.inhale_s, scene.exhale_s) == (3.0, 5.0)
    after = scene.phase(pilot.clock.now_ms())
    assert after.word == before.word and after.size == pytest.approx(before.size)  # no jump
    for _ in range(2):
        pilot.click(centre(scene.buttons.buttons[1].rect))  # "Faster"
    assert (scene.inhale_s, scene.exhale_s) == (BREATH_RANGE_S[0], 3.0)
    for _ in range(20):
        pilot.press(pygame.K_s)
    assert (scene.inhale_s, scene.exhale_s) == (BREATH_RANGE_S[1], BREATH_RANGE_S[1])
    assert "slowest" in scene.status_text(pilot.clock.now_ms())
    pilot.click(centre(scene.buttons.buttons[0].rect))  # "Slower" at the end of the range
    pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_RETURN)  # focus back on "Slower"
    assert (scene.inhale_s, scene.exhale_s) == (BREATH_RANGE_S[1], BREATH_RANGE_S[1])
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_RETURN)  # "Faster" by keyboard
    assert (scene.inhale_s, scene.exhale_s) == (11.0, 11.0)


def test_done_and_escape_end_the_break_early(setup):
    pilot, below = setup
    scene = open_scene(pilot, BreathingScene(minutes=2))
    pilot.click(centre(scene.corner.rect))
    open_scene(pilot, BreathingScene(minutes=2))
    pilot.press(pygame.K_ESCAPE)
    assert below.results == [None, None] and pilot.app.stack.top is below


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_the_guide_fits_its_smallest_area(scale):
    pygame.init()
    theme = Theme.create(scale)
    surface = pygame.Surface((440, 290))
    surface.fill((1, 2, 3))
    area = pygame.Rect(20, 20, 400, 250)
    for elapsed_ms in (0, 2000, 4000, 7000):
        draw_breathing(surface, area, theme, elapsed_ms, 4, 6)
    outside = [surface.get_at((x, y))[:3] for x in range(0, 440, 3) for y in (0, 10, 19, 271, 280, 289)]
    outside += [surface.get_at((x, y))[:3] for y in range(0, 290, 3) for x in (0, 19, 421, 439)]
    assert all(colour == (1, 2, 3) for colour in outside)  # nothing spills over the area's edges
    pygame.quit()


# -- robustness ------------------------------------------------------------------------------
def test_a_thousand_random_keys_and_clicks_break_neither_scene(setup):
    pilot, below = setup
    pilot.draw_every = 5  # every event handled; a frame drawn every 5 turns and for each new screen
    rng = random.Random(7)
    keys = [pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT,
            pygame.K_TAB, pygame.K_SPACE, pygame.K_f, pygame.K_s, pygame.K_MINUS, pygame.K_EQUALS,
            pygame.K_KP_PLUS, pygame.K_HOME] + [pygame.K_0 + d for d in range(10)]
    width, height = pilot.app.screen.get_size()
    opened = 0
    for i in range(1000):
        if pilot.app.stack.top is below:
            opened += 1
            open_scene(pilot, MoodCheckScene() if opened % 2 else BreathingScene(minutes=0.05))
        roll = rng.random()
        if roll < 0.7:
            pilot.press(rng.choice(keys), mod=rng.choice([0, 0, 0, pygame.KMOD_SHIFT]))
        elif roll < 0.9:
            pilot.click((rng.randrange(width), rng.randrange(height)))
        else:
            pilot.wait(rng.choice([50, 400, 2000]), frame_ms=50)
        assert pilot.app.running  # after every event
    pilot.draw_every = 1
    pilot.step()  # the screen it ended on draws
    assert pilot.app.running and opened > 10
    for result in below.results:
        assert result is None or (set(result) == set(MOOD_SCALES) and all(1 <= v <= 5 for v in result.values()))
    assert any(result is not None for result in below.results)
