"""The instructions screen: text that does not fit large type scrolls instead of running under the buttons."""

import pygame
import pytest

from games.core.ui.theme import Theme
from games.launcher.instructions import InstructionsScene
from games.launcher.play import ExerciseScene
from games.launcher.scroll_text import READ_ON, wrapped_lines
from games.launcher.session import ItemIntroScene
from games.pilot import Pilot
from games.registry import get_exercise


@pytest.fixture
def open_instructions(make_app):
    def make(scale: float, scene_type=InstructionsScene, *args) -> Pilot:
        app = make_app(theme=Theme.create(scale), size=(1100, 760))
        app.begin_session(app.store.add_client("C-0001", "Alex"))
        app.stack.push(scene_type(get_exercise("sequence_recall"), *args))
        pilot = Pilot(app)
        pilot.step()
        return pilot

    return make


def text_band_is_clear(pilot) -> bool:
    """Between the text's room and the buttons only the background shows: no line runs on."""
    scene, surface = pilot.app.stack.top, pilot.app.screen
    buttons_top = scene.buttons.buttons[0].rect.top
    band = pygame.Rect(scene.buttons.viewport.left, buttons_top - scene.theme.gap(), scene.buttons.viewport.width,
                       scene.theme.gap())
    background = pygame.Color(*scene.theme.palette.background)
    return all(surface.get_at((x, y)) == background for x in range(band.left, band.right, 2)
               for y in range(band.top, band.bottom))


def test_text_that_fits_does_not_scroll_and_the_arrows_move_between_the_buttons(open_instructions):
    pilot = open_instructions(1.0)
    scene = pilot.app.stack.top
    assert scene.text.last_top_line == 0 and not scene.hint.startswith(READ_ON) and scene.text.more_marks == {}
    pilot.press(pygame.K_DOWN)
    assert scene.buttons.focus == 1 and scene.text.top_line == 0


def test_large_type_scrolls_by_keys_wheel_and_marks_and_never_runs_under_the_buttons(open_instructions):
    pilot = open_instructions(2.0)
    scene = pilot.app.stack.top
    assert scene.text.last_top_line > 0 and scene.hint.startswith(READ_ON)
    assert set(scene.text.more_marks) == {1} and text_band_is_clear(pilot)
    pilot.press(pygame.K_DOWN)
    assert scene.text.top_line == 1 and scene.buttons.focus == 0  # Down reads on; the focus stays on Start
    assert set(scene.text.more_marks) == {1, -1}
    for _ in range(50):  # a key held down stops at the last line
        pilot.press(pygame.K_DOWN)
    assert scene.text.top_line == scene.text.last_top_line and set(scene.text.more_marks) == {-1}
    assert text_band_is_clear(pilot)
    page = scene.text.page_lines
    pilot.click(scene.text.more_marks[-1][1].center)
    assert scene.text.top_line == max(0, scene.text.last_top_line - page)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=50, flipped=False))
    pilot.step()
    assert scene.text.top_line == 0
    page = scene.text.page_lines
    pilot.press(pygame.K_PAGEDOWN)
    assert scene.text.top_line == min(page, scene.text.last_top_line) > 0
    pilot.press(pygame.K_RIGHT)
    assert scene.buttons.focus == 1  # Left, Right and Tab still choose the button
    pilot.press(pygame.K_LEFT)
    pilot.press(pygame.K_RETURN)
    assert isinstance(pilot.app.stack.top, ExerciseScene)


def test_every_line_can_be_read_in_turn(open_instructions):
    pilot = open_instructions(2.0)
    scene = pilot.app.stack.top
    font = scene.theme.font("body")
    lines, _ = wrapped_lines(scene._paragraphs(), font, scene.buttons.viewport.width, scene.theme.gap(0.5))
    seen = set()
    for _ in range(scene.text.last_top_line + 1):
        seen.update(range(scene.text.top_line, scene.text.top_line + scene.text.page_lines + 1))
        pilot.press(pygame.K_DOWN)
    assert seen >= set(range(len(lines)))


def test_a_session_items_instructions_scroll_with_their_own_hint(open_instructions):
    pilot = open_instructions(2.0, ItemIntroScene, "Part 1 of 3: Sequence Recall")
    scene = pilot.app.stack.top
    assert scene.hint == READ_ON + ItemIntroScene.hint
