"""Sequence Recall view: number keys and clicks tap the
blocks, Backspace and the Undo button undo; a tap flashes and asks for one redraw.
(Every view's trial drawn in every theme: tests/games/test_views.py.)"""

import pygame
import pytest

from games.core.engine.actions import Select, Undo
from games.memory.sequence_recall.view import TAP_FLASH_MS
from view_checks import click_event, key_event, ready_to_answer

pytestmark = pytest.mark.usefixtures("display")  # pygame up for each test (tests/games/conftest.py)


@pytest.mark.parametrize("level", [2, 9])
def test_number_keys_and_clicks_tap_each_block_and_undo_undoes(level):
    view, logic, _ = ready_to_answer("sequence_recall", level)
    for i in range(logic.n_blocks):
        assert view.action_for(key_event(pygame.K_1 + i), logic) == Select(i)
        assert view.action_for(click_event(view.rects[i].center), logic) == Select(i)
    if logic.n_blocks < 9:
        assert view.action_for(key_event(pygame.K_1 + logic.n_blocks), logic) is None  # no such block
    assert view.action_for(key_event(pygame.K_BACKSPACE), logic) == Undo()
    assert view.action_for(click_event(view.undo.rect.center), logic) == Undo()


def test_a_tap_asks_for_a_redraw_when_its_flash_ends():
    view, logic, now_ms = ready_to_answer("sequence_recall", 2)
    assert view.next_redraw_ms(logic, now_ms) is None
    logic.handle(Select(0), now_ms)
    assert view.next_redraw_ms(logic, now_ms) == pytest.approx(now_ms + TAP_FLASH_MS)
    assert view.next_redraw_ms(logic, now_ms + TAP_FLASH_MS + 1) is None
