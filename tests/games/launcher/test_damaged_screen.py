"""The launcher's damaged-data-file screen: what it says, Quit and Esc, large type in a small window."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from games.app import MIN_WINDOW_SIZE
from games.core.ui.theme import Theme
from games.launcher.damaged import DamagedStoreScene, damaged_paragraphs
from games.pilot import Pilot
from scores.store.database import StoreDamaged

NAME = "cogsuite-2026-03-31-174502.sqlite3"
HOME = Path("/home/clinic/.local/share/cogsuite")


def open_screen(make_app, backup=NAME, theme=None, size=(1100, 760)):
    app = make_app(theme=theme, size=size)
    scene = DamagedStoreScene(damaged_paragraphs(StoreDamaged("damaged", backup=backup), HOME, HOME))
    app.stack.push(scene)
    pilot = Pilot(app)
    pilot.step()
    return pilot, scene


def test_it_says_nothing_changed_and_which_backup_restores_with_which_command():
    said = damaged_paragraphs(StoreDamaged("damaged", backup=NAME), HOME, HOME)
    assert said[0].startswith("Nothing was changed.")
    assert "Tuesday 31 March 2026 at 17:45" in said[1]
    assert said[2] == f"cogsuite backup restore {NAME}"
    assert said[-1] == f"The damaged file: {HOME / 'cogsuite.sqlite3'}"
    elsewhere = damaged_paragraphs(StoreDamaged("damaged", backup=NAME), Path("/srv/my data"), HOME)
    assert elsewhere[2] == f'cogsuite backup restore {NAME} --data-dir "/srv/my data"'
    alone = damaged_paragraphs(StoreDamaged("damaged"), HOME, HOME)
    assert "There is no good backup to restore" in alone[1] and not any("restore cogsuite" in p for p in alone)


@pytest.mark.parametrize("way", ["escape", "enter", "click"])
def test_quit_and_escape_close_it(make_app, way):
    pilot, scene = open_screen(make_app)
    if way == "escape":
        pilot.press(pygame.K_ESCAPE)
    elif way == "enter":
        pilot.press(pygame.K_RETURN)
    else:
        pilot.click(scene.buttons.buttons[0].rect.center)
    assert pilot.app.stack.top is None


def test_all_of_it_shows_at_the_usual_size(make_app):
    pilot, scene = open_screen(make_app)
    assert not scene.text.scrolls and scene.hint == "Enter or Esc to quit"


def test_large_type_in_the_smallest_window_scrolls_down_to_the_command(make_app):
    pilot, scene = open_screen(make_app, theme=Theme.create(2.0), size=MIN_WINDOW_SIZE)
    assert scene.text.scrolls and scene.hint.startswith("Down to read on")
    for _ in range(40):
        pilot.press(pygame.K_DOWN)
    assert scene.text.top_line == scene.text.last_top_line
    button = scene.buttons.buttons[0].rect
    assert pilot.app.screen.get_rect().contains(button)
    pilot.press(pygame.K_ESCAPE)
    assert pilot.app.stack.top is None
