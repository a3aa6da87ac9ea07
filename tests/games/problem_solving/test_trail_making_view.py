"""Trail Making view: every circle's key and click map back to it; arrows move a focus ring."""

import random

import pygame
import pytest

from games.core.engine.actions import Select
from games.core.ui.theme import Theme
from games.problem_solving.trail_making.logic import TrailMakingLogic
from games.problem_solving.trail_making.view import TrailMakingView


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
