"""Trail Making view: every circle's key and click map back to it;
arrows move a focus ring; a wrong circle's mark asks for a redraw when it goes.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import random

import pygame
import pytest

from games.core.engine.actions import Select
from games.core.ui.theme import Theme
from games.problem_solving.trail_making.logic import TrailMakingLogic
from games.problem_solving.trail_making.view import TrailMakingView

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


@pytest.mark.parametrize("level", [1, 10])
def test_keys_and_clicks_map_back_to_every_circle(level):
    pygame.init()
    surface = pygame.Surface((1100, 760))
    logic = TrailMakingLogic(random.Random(2))
    logic.start_trial(level, 0.0)
    view = TrailMakingView(Theme.create())
    view.draw(surface, surface.get_rect().inflate(-40, -40), logic, 0.0)
    for i in range(logic.n_circles):
        key = view.key_for(Select(i), logic)
        assert view.action_for(pygame.event.Event(pygame.KEYDOWN, key=key), logic) == Select(i)
        pos = view.click_for(Select(i), logic)
        assert view.action_for(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos), logic) == Select(i)
    # arrow keys move a focus ring, Enter chooses the focused circle
    view.focus = 0
    moves = [view.action_for(pygame.event.Event(pygame.KEYDOWN, key=k), logic)
             for k in (pygame.K_RIGHT, pygame.K_DOWN, pygame.K_LEFT, pygame.K_UP)]
    assert moves == [None] * 4 and view.show_focus
    assert view.action_for(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN), logic) == Select(view.focus)


def test_a_wrong_circle_asks_for_a_redraw_when_its_mark_goes():
    logic = TrailMakingLogic(random.Random(2))
    logic.start_trial(1, 0.0)
    logic.mark_onset(0.0)
    view = TrailMakingView(Theme.create())
    assert view.next_redraw_ms(logic, 0.0) is None  # nothing marked
    logic.handle(Select(2), 500.0)  # the third circle before the first
    assert logic.flashing(500.0) is not None
    assert view.next_redraw_ms(logic, 500.0) == logic.flash_until_ms > 500.0
    assert view.next_redraw_ms(logic, logic.flash_until_ms) is None
