"""Sequence Recall view: each phase draws in every theme; number keys and clicks tap the
blocks, Backspace and the Undo button undo; a tap flashes and asks for one redraw."""

import pygame
import pytest

from games.core.engine.actions import Select, Undo
from games.core.ui.theme import forget_fonts
from games.memory.sequence_recall.view import TAP_FLASH_MS
from games.registry import get_exercise
from view_checks import check_played, click_event, key_event, play_trial, ready_to_answer

SPEC = get_exercise("sequence_recall").spec


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    yield
    forget_fonts()  # fonts die with pygame.quit()
    pygame.quit()


@pytest.mark.parametrize("level", [SPEC.min_level, SPEC.max_level])
def test_a_trial_draws_in_every_theme_and_every_answer_has_its_key_and_click(level):
    check_played(play_trial("sequence_recall", level))


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
