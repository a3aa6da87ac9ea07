"""Shopping List view: Enter or the button ends the study,
letters and clicks pick from the shelf, D is Done and Backspace undoes; the bars ask for redraws.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import pygame
import pytest

from games.core.engine.actions import Respond, Select, Undo
from games.memory.shopping_list.view import BAR_REDRAW_MS
from view_checks import AREA, advance_to, click_event, key_event, ready_to_answer

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


def on_the_shelf():
    """The view drawn and the logic at the shelf, after the list was studied and the wait passed."""
    view, logic, now_ms = ready_to_answer("shopping_list", 1)
    logic.handle(Respond("ready"), now_ms)
    now_ms = advance_to(logic, "SHELF", now_ms)
    view.draw(pygame.Surface((1100, 760)), AREA, logic, now_ms)
    return view, logic, now_ms


def test_enter_or_the_button_end_the_study_and_the_bar_asks_for_redraws():
    view, logic, now_ms = ready_to_answer("shopping_list", 1)
    assert logic.phase.name == "STUDY"
    assert view.action_for(key_event(pygame.K_RETURN), logic) == Respond("ready")
    assert view.action_for(click_event(view.ready.rect.center), logic) == Respond("ready")
    assert view.next_redraw_ms(logic, now_ms) == pytest.approx(now_ms + BAR_REDRAW_MS)


def test_letters_and_clicks_pick_from_the_shelf_d_is_done_backspace_undoes():
    view, logic, now_ms = on_the_shelf()
    letters = "abcefghijklmnopqrstuvwxyz"  # no D: D means Done
    for i in range(len(logic.shelf)):
        assert view.action_for(key_event(getattr(pygame, f"K_{letters[i]}")), logic) == Select(i)
        assert view.action_for(click_event(view.rects[i].center), logic) == Select(i)
    assert view.action_for(key_event(pygame.K_d), logic) == Respond("done")
    assert view.action_for(click_event(view.done.rect.center), logic) == Respond("done")
    assert view.action_for(key_event(pygame.K_BACKSPACE), logic) == Undo()
    assert view.next_redraw_ms(logic, now_ms) is None  # no bar moves on the shelf
