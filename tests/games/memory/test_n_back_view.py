"""N-back view: keys and clicks map to the same answers, and the screen
fits at both font scales.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import random

import pygame
import pytest

from games.core.engine.actions import Respond
from games.core.ui.theme import Theme
from games.memory.n_back.logic import NBackLogic
from games.memory.n_back.view import NBackView
from surface_checks import blank, kinds_of_colour, painted_share, untouched_outside

AREA = pygame.Rect(55, 90, 990, 650)  # what the exercise scene leaves in an 1100x760 window

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


def drawn(level, scale=1.0):
    logic = NBackLogic(random.Random(2))
    logic.start_trial(level, 0.0)
    logic.tick(2500)  # the first square is lit
    view = NBackView(Theme.create(scale))
    surface = pygame.Surface((1100, 760))
    view.draw(surface, AREA, logic, 2500)
    return view, logic, surface


def key_event(key):
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


def click_event(pos):
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)


@pytest.mark.parametrize("level", [1, 7])
def test_keys_and_clicks_agree_for_every_answer(level):
    view, logic, _ = drawn(level)
    for stream in logic.streams:
        action = Respond(stream)
        assert view.action_for(key_event(view.key_for(action, logic)), logic) == action
        assert view.action_for(click_event(view.click_for(action, logic)), logic) == action
    assert view.action_for(key_event(pygame.K_SPACE), logic) == Respond("position")
    assert view.action_for(key_event(pygame.K_RETURN), logic) is None
    assert view.action_for(click_event((AREA.left + 2, AREA.top + 2)), logic) is None


def test_letter_answer_exists_only_in_dual_rounds():
    view, logic, _ = drawn(1)
    assert view.action_for(key_event(pygame.K_l), logic) is None
    assert view.click_for(Respond("letter"), logic) is None
    view, logic, _ = drawn(7)
    assert view.action_for(key_event(pygame.K_l), logic) == Respond("letter")


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_buttons_fit_inside_the_area_side_by_side(scale):
    view, logic, surface = drawn(7, scale)
    place, letter = view.buttons["position"], view.buttons["letter"]
    assert AREA.contains(place) and AREA.contains(letter) and not place.colliderect(letter)
    assert place.height >= 60  # big targets


def test_picture_draws_at_both_scales():
    for scale in (1.0, 1.5):
        canvas, frame = blank((400, 320)), pygame.Rect(10, 10, 360, 290)
        NBackView(Theme.create(scale)).draw_picture(canvas, frame)
        assert painted_share(canvas, frame) > 0.5 and kinds_of_colour(canvas, frame) > 2
        assert untouched_outside(canvas, frame)  # the picture keeps to its frame
