"""draw_mark: the tick, the dash and the not-quite ring land where and how the screens expect them."""

import pygame
import pytest

from games.core.ui.marks import MARK_KINDS, MIN_STROKE_PX, draw_mark, stroke_px

INK = (10, 20, 30)
PAPER = (255, 255, 255)


def inked(kind, box, size=(120, 120), **kwargs):
    """The set of (x, y) pixels in INK after drawing ``kind`` in ``box`` on white paper."""
    surface = pygame.Surface(size)
    surface.fill(PAPER)
    draw_mark(surface, kind, box, INK, **kwargs)
    return {(x, y) for x in range(size[0]) for y in range(size[1]) if surface.get_at((x, y))[:3] == INK}


def bounds(pixels):
    xs, ys = [x for x, _ in pixels], [y for _, y in pixels]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("kind", MARK_KINDS)
def test_every_mark_stays_inside_its_box(kind):
    box = pygame.Rect(20, 30, 64, 64)
    pixels = inked(kind, box)
    assert pixels
    assert all(box.collidepoint(p) for p in pixels)


def test_the_tick_goes_down_then_up_to_the_right():
    pixels = inked("tick", pygame.Rect(0, 0, 80, 80))
    left, top, right, bottom = bounds(pixels)
    lowest = max(pixels, key=lambda p: p[1])
    assert left < lowest[0] < (left + right) / 2  # the elbow sits left of the middle
    rightmost = max(pixels, key=lambda p: p[0])
    assert rightmost[1] < 35  # the long stroke ends high
    assert left > 0 and right < 79  # a margin either side for the line's thickness
    assert 0.7 * 80 <= right - left <= 0.7 * 80 + stroke_px(80)  # 70 % of the side, plus the line


def test_a_wide_box_gets_its_tick_at_the_left_end():
    pixels = inked("tick", pygame.Rect(0, 10, 110, 40))
    left, _, right, _ = bounds(pixels)
    assert right < 45  # one height wide, from the left


def test_the_dash_is_level_centred_and_as_wide_as_a_tick():
    box = pygame.Rect(10, 10, 90, 90)
    dash, tick = inked("dash", box), inked("tick", box)
    left, top, right, bottom = bounds(dash)
    assert bottom - top + 1 == stroke_px(90)
    assert (top + bottom) / 2 == pytest.approx(box.centery, abs=1)
    assert (left + right) / 2 == pytest.approx(box.centerx, abs=1)
    tick_left, _, tick_right, _ = bounds(tick)
    assert abs((right - left) - (tick_right - tick_left)) <= stroke_px(90) + 2  # less the tick's line ends


def test_not_quite_is_a_ring_around_a_dash_with_nothing_on_the_diagonals():
    box = pygame.Rect(0, 0, 90, 90)
    pixels = inked("not_quite", box)
    assert box.center in pixels  # the dash through the middle
    assert (box.centerx, box.centery - 15) not in pixels  # empty between dash and ring
    assert (box.centerx + 10, box.centery + 10) not in pixels  # no cross's arms
    assert (box.centerx, box.centery - 30) in pixels  # the ring, a third of the height out


def test_strokes_grow_with_the_box_but_never_turn_hairline():
    assert stroke_px(8) == MIN_STROKE_PX
    assert stroke_px(160) == 20
    thin, thick = inked("dash", pygame.Rect(0, 0, 16, 16)), inked("dash", pygame.Rect(0, 0, 16, 16), width_px=9)
    assert bounds(thin)[3] - bounds(thin)[1] + 1 == MIN_STROKE_PX
    assert bounds(thick)[3] - bounds(thick)[1] + 1 == 9


def test_an_unknown_mark_is_refused_by_name():
    with pytest.raises(ValueError, match="no mark called 'cross'"):
        draw_mark(pygame.Surface((10, 10)), "cross", pygame.Rect(0, 0, 10, 10), INK)
