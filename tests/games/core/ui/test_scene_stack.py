"""The scene stack hands a popped scene's result to the scene below; the fake clock moves only when told."""

import pytest

from games.core.engine.clock import FakeClock
from games.core.ui.scene import Scene, SceneStack


class Recording(Scene):
    def __init__(self):
        self.entered, self.results = 0, []

    def on_enter(self):
        self.entered += 1

    def on_result(self, result):
        self.results.append(result)


def test_pop_hands_result_to_scene_below():
    app = object()
    stack = SceneStack(app)
    below, above = Recording(), Recording()
    stack.push(below)
    stack.push(above)
    assert above.app is app and above.entered == 1
    assert stack.pop("chosen") is above
    assert below.results == ["chosen"] and stack.top is below


def test_replace_swaps_top_without_telling_below():
    stack = SceneStack(object())
    below, first, second = Recording(), Recording(), Recording()
    stack.push(below)
    stack.push(first)
    stack.replace(second)
    assert stack.top is second and len(stack) == 2 and below.results == []


def test_fake_clock_moves_only_forward_and_when_told():
    clock = FakeClock(10.0)
    assert clock.now_ms() == 10.0
    clock.advance(5.5)
    clock.set(20.0)
    assert clock.now_ms() == 20.0
    with pytest.raises(ValueError):
        clock.set(19.0)
