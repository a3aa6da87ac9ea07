"""The exercise list's tiles through the real scene stack: keys move as in a grid, the mouse opens and scrolls."""

from datetime import datetime, timedelta, timezone

import pygame
import pytest

from games.core.ui.theme import Theme
from games.launcher.exercises import ExerciseListScene
from games.launcher.instructions import InstructionsScene
from games.launcher.tiles import Tile
from games.pilot import Pilot
from games.registry import by_domain

SHIFT = pygame.KMOD_SHIFT


@pytest.fixture
def open_list(make_app, record_run):
    """``open_list(theme, size, runs)``: the exercise list for a client, after ``runs`` of
    (exercise, days ago, duration_s)."""
    return lambda theme=None, size=(1100, 760), runs=(): _open_list(make_app, record_run, theme, size, runs)


def _open_list(make_app, record_run, theme, size, runs):
    app = make_app(theme=theme, size=size)
    client = app.store.add_client("C-0001", "Alex")
    now = datetime.now(timezone.utc)
    for exercise, days_ago, duration_s in runs:
        record_run(app.store, client, exercise, now - timedelta(days=days_ago), end_level=4, duration_s=duration_s)
    app.begin_session(client)
    app.stack.push(ExerciseListScene())
    pilot = Pilot(app)
    pilot.step()
    return pilot, app.stack.top


def focused(scene):
    return scene.menu.buttons[scene.menu.focus]


def keys_of(buttons):
    return [getattr(b, "key", b.label) for b in buttons]


def test_arrows_move_as_in_a_grid_and_enter_opens_the_tile(open_list):
    pilot, scene = open_list()
    rows = scene.menu.rows()
    assert keys_of(rows[0]) == ["My progress", "A breathing break", "Sound"]
    assert keys_of(rows[1]) == ["sequence_recall", "go_no_go", "tower_of_london"]  # suggested today
    assert keys_of(rows[2]) == ["sequence_recall", "digit_span", "n_back"]  # memory, three columns
    assert focused(scene).key == "sequence_recall" and focused(scene) in rows[1]  # the first suggestion
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_RIGHT)
    assert focused(scene) is rows[1][2]
    pilot.press(pygame.K_DOWN)
    assert focused(scene) is rows[2][2]  # straight down: N-back, under Tower of London
    pilot.press(pygame.K_DOWN)
    assert focused(scene) is rows[3][1]  # the row below has two: the nearer is the right one
    pilot.press(pygame.K_LEFT)
    assert focused(scene) is rows[3][0]
    pilot.press(pygame.K_LEFT)
    assert focused(scene) is rows[2][2]  # Left at a row's start goes on to the end of the row above
    for _ in range(3):
        pilot.press(pygame.K_UP)
    assert focused(scene).label == "Sound"  # the button whose middle is nearest above
    pilot.press(pygame.K_UP)
    assert focused(scene).label == "Sound"  # the top row: nowhere further up
    pilot.press(pygame.K_DOWN)
    assert focused(scene) is rows[1][1]  # the suggestion nearest under the button
    pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_RETURN)
    assert isinstance(pilot.app.stack.top, InstructionsScene) and pilot.app.stack.top.exercise.id == "digit_span"


def test_tab_goes_through_every_target_in_reading_order_and_round(open_list):
    pilot, scene = open_list()
    domains = [e.id for _, group in by_domain() for e in group]
    order = ["My progress", "A breathing break", "Sound", "sequence_recall", "go_no_go", "tower_of_london"] + domains
    order.append("send-practice")  # a home PC: sending the practice to the clinic comes last
    assert keys_of(scene.menu.buttons) == order
    start = scene.menu.focus
    seen = []
    for _ in range(len(order)):
        pilot.press(pygame.K_TAB)
        seen.append(scene.menu.focus)
        assert scene.menu.viewport.contains(focused(scene).rect) or focused(scene) in scene.menu.fixed
    assert seen == [(start + 1 + i) % len(order) for i in range(len(order))]  # after the last, the first
    pilot.press(pygame.K_TAB, SHIFT)
    assert scene.menu.focus == start - 1
    index = order.index("errands_planner")
    while scene.menu.focus != index:
        pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_RETURN)
    assert pilot.app.stack.top.exercise.id == "errands_planner"
    pilot.press(pygame.K_ESCAPE)
    assert pilot.app.stack.top is scene and scene.menu.focus == index  # back where the client was


def test_the_mouse_hovers_clicks_and_scrolls_with_the_wheel(open_list):
    pilot, scene = open_list()
    last = scene.menu.buttons[-1]
    assert not scene.menu.viewport.contains(last.rect)  # the grid is taller than the window
    for _ in range(len(scene.menu.lines)):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        pilot.step()
    assert scene.menu.viewport.contains(last.rect) and scene.menu.top_line > 0
    assert scene.menu.viewport.contains(focused(scene).rect)  # the focus went along, onto a tile shown
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=last.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    pilot.step()
    assert focused(scene) is last  # hovering shows which tile a click opens
    top = scene.menu.top_line
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=3, flipped=False))  # a line a notch
    pilot.step()
    assert scene.menu.top_line == top - 3
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=len(scene.menu.lines), flipped=False))
    pilot.step()
    assert scene.menu.top_line == 0 and not scene.menu.viewport.contains(last.rect)
    _, below = scene.menu.marks[1]
    pilot.click(below.center)  # a click on "more below" scrolls too, for a mouse without a wheel
    assert scene.menu.top_line == 1
    tile = next(b for b in scene.menu.buttons if isinstance(b, Tile) and scene.menu.viewport.contains(b.rect)
                and b.key == "digit_span")
    pilot.click(tile.rect.center)
    assert isinstance(pilot.app.stack.top, InstructionsScene) and pilot.app.stack.top.exercise.id == "digit_span"


@pytest.mark.parametrize("scale, size, high_contrast", [
    (1.0, (1100, 760), False), (2.0, (1100, 760), False), (1.0, (640, 480), False), (1.0, (1100, 760), True)])
def test_every_tile_fits_whole_without_overlap_or_shortened_words(open_list, scale, size, high_contrast):
    pilot, scene = open_list(Theme.create(scale, high_contrast=high_contrast), size,
                             runs=[("digit_span", 3, 200.0), ("card_pairs", 40, 300.0)])
    window, theme = pilot.app.screen.get_rect(), pilot.app.theme
    columns = {(1.0, (1100, 760)): 3, (2.0, (1100, 760)): 1, (1.0, (640, 480)): 1}[(scale, size)]
    assert max(len(row) for row in scene.menu.rows()[1:]) == columns
    for _ in range(len(scene.menu.buttons)):
        pilot.press(pygame.K_TAB)
        shown = [b for b in scene.menu.buttons if b in scene.menu.fixed or scene.menu.viewport.contains(b.rect)]
        assert focused(scene) in shown
        assert all(window.contains(b.rect) for b in shown)
        assert not any(a.rect.colliderect(b.rect) for i, a in enumerate(shown) for b in shown[i + 1:])
    for tile in (b for b in scene.menu.buttons if isinstance(b, Tile)):
        from games.launcher.tiles import tile_shape

        names, lines = tile.text_lines(theme, tile_shape(theme, tile.rect.width).text_w)
        assert " ".join(names) == tile.label and not any("…" in line for line in lines)
    digit_span = next(b for b in scene.menu.buttons if getattr(b, "key", "") == "digit_span")
    assert digit_span.parts == ("About 3 min", "Played 3 days ago", "Level 4 of 9")


def test_the_instructions_say_how_long_a_run_takes(open_list):
    pilot, scene = open_list(runs=[("digit_span", 2, 290.0), ("digit_span", 1, 310.0), ("digit_span", 1, 400.0)])
    scene.open(next(e for _, group in by_domain() for e in group if e.id == "sequence_recall"))
    pilot.step()
    instructions = pilot.app.stack.top
    assert instructions.time_line == "It takes about 2 min"  # 12 trials of about 10 s
    assert instructions._time_font is not None and instructions.time_line not in instructions._paragraphs()
    pilot.press(pygame.K_ESCAPE)
    scene.open(next(e for _, group in by_domain() for e in group if e.id == "digit_span"))
    pilot.step()
    assert pilot.app.stack.top.time_line == "It takes about 5 min"  # the client's own: median 310 s


def test_with_no_room_beside_the_buttons_the_time_comes_first_in_the_text(open_list):
    pilot, scene = open_list(Theme.create(2.0), (640, 480))
    pilot.press(pygame.K_RETURN)
    instructions = pilot.app.stack.top
    instructions.buttons.buttons[1].label = "Back to the exercises and the breathing break"  # a wide button
    pilot.step()
    assert instructions._time_font is None and instructions._paragraphs()[0] == "It takes about 2 min"


def test_keys_before_the_first_frame_change_nothing_and_break_nothing(open_list):
    pilot, scene = open_list()
    scene.refresh()  # as after a run: new tiles, not laid out until the next frame
    focus = scene.menu.focus
    for key in (pygame.K_UP, pygame.K_DOWN):
        scene.handle_event(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0), 0.0)
    assert scene.menu.focus == focus


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_in_large_type_the_first_tile_is_not_told_there_is_more_above(open_list, scale):
    """A heading that cannot stand with a tile under it gives way to the section's name beside
    the marks; at the first tile nothing is above (the heading alone once made "more above")."""
    pilot, scene = open_list(Theme.create(scale))
    assert scene.menu.lines[0].heading == (scale == 1.0)  # where it fits, it stands above its tiles
    assert scene.menu.top_line == 0 and focused(scene) is next(line for line in scene.menu.lines if line.tiles).tiles[0]
    assert set(scene.menu.marks) == {1}  # only "more below"
