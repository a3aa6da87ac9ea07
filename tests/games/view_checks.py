"""A view played through one trial: drawn at every change in three themes, its keys and clicks
checked against the simulated player's every action (the exercises' test_<id>_view.py use it)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import pygame

from games.core.ui.theme import Theme
from games.registry import get_exercise
from surface_checks import SENTINEL, kinds_of_colour, picture

SIZE = (1100, 760)
AREA = pygame.Rect(55, 90, 990, 650)  # what the exercise scene leaves in an 1100x760 window
THEMES = {"1.0": (1.0, False), "2.0": (2.0, False), "high contrast": (1.0, True)}
MAX_STEPS = 2000  # far more events than any one trial has


@dataclass
class Frame:
    """The view drawn once, in every theme, at one moment of the trial."""

    phase: str
    now_ms: float
    pictures: dict[str, bytes] = field(default_factory=dict)


@dataclass
class Played:
    """One trial: its frames, the actions the player took (each checked), and the trial's record."""

    frames: list[Frame]
    actions: list[Any]
    record: Any
    views: dict[str, Any]
    logic: Any


def key_event(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


def click_event(pos: tuple[int, int]) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)


def make_views(exercise_id: str) -> dict[str, Any]:
    """The exercise's view in each theme, as the launcher makes it."""
    exercise = get_exercise(exercise_id)
    return {name: exercise.make_view(Theme.create(scale, high_contrast=contrast))
            for name, (scale, contrast) in THEMES.items()}


def draw_all(views: dict[str, Any], logic: Any, now_ms: float) -> Frame:
    """Each view drawn on a fresh surface; each must show something on the backdrop."""
    frame = Frame(getattr(logic.phase, "name", str(logic.phase)), now_ms)
    for name, view in views.items():
        surface = pygame.Surface(SIZE)
        surface.fill(SENTINEL)
        view.draw(surface, AREA, logic, now_ms)
        assert kinds_of_colour(surface, AREA) > 1, (name, frame.phase)
        frame.pictures[name] = picture(surface)
        redraw_ms = view.next_redraw_ms(logic, now_ms)
        assert redraw_ms is None or redraw_ms > now_ms, (name, frame.phase)  # never a redraw in the past
    return frame


def check_mapping(views: dict[str, Any], logic: Any, action: Any) -> None:
    """The action has a key and a click in every theme, and each maps back to it."""
    for name, view in views.items():
        key, pos = view.key_for(action, logic), view.click_for(action, logic)
        assert key is not None and pos is not None, (name, action)
        assert view.action_for(key_event(key), logic) == action, (name, action)
        assert view.action_for(click_event(pos), logic) == action, (name, action)


def play_trial(exercise_id: str, level: int, seed: int = 2, ability: float = 0.8,
               overrides: dict | None = None) -> Played:
    """One trial at ``level`` played by the simulated player, the views drawn before every event."""
    exercise = get_exercise(exercise_id)
    logic = exercise.make_logic(random.Random(seed), dict(overrides or {}))
    player = exercise.make_player(ability, random.Random(seed + 1))
    views, frames, actions, records, now = make_views(exercise_id), [], [], [], 0.0
    logic.start_trial(level, now)
    for _ in range(MAX_STEPS):
        if logic.awaiting_onset:
            logic.mark_onset(now)
        if records and logic.needs_trial:  # between trials the scene, not the view, fills the screen
            return Played(frames, actions, records[0], views, logic)
        frames.append(draw_all(views, logic, now))
        planned, wake = player.next_action(logic, now), logic.next_change_ms()
        if planned is not None and (wake is None or planned[0] <= wake):
            now = max(now, planned[0])
            check_mapping(views, logic, planned[1])
            actions.append(planned[1])
            records += logic.handle(views["1.0"].action_for(key_event(views["1.0"].key_for(planned[1], logic)),
                                                          logic), now)
        elif wake is not None:
            now = max(now, wake)
            records += logic.tick(now)
        else:
            raise AssertionError(f"{exercise_id}: the trial stalled in {frames[-1].phase}")
    raise AssertionError(f"{exercise_id}: the trial did not end")


def check_played(played: Played) -> None:
    """What every view must show over a trial: different phases look different, and the high
    contrast theme and the large font each change the picture."""
    assert played.actions and played.record is not None
    assert len({frame.phase for frame in played.frames}) >= 2
    assert len({frame.pictures["1.0"] for frame in played.frames}) >= 2
    for frame in played.frames:
        assert frame.pictures["high contrast"] != frame.pictures["1.0"], frame.phase
    assert any(frame.pictures["2.0"] != frame.pictures["1.0"] for frame in played.frames)


def ready_to_answer(exercise_id: str, level: int, seed: int = 2, overrides: dict | None = None,
                    theme: Theme | None = None) -> tuple[Any, Any, float]:
    """The view (drawn) and the logic at the moment the simulated player's first action is due."""
    exercise = get_exercise(exercise_id)
    logic = exercise.make_logic(random.Random(seed), dict(overrides or {}))
    player = exercise.make_player(0.8, random.Random(seed + 1))
    view, now = exercise.make_view(theme or Theme.create()), 0.0
    logic.start_trial(level, now)
    for _ in range(MAX_STEPS):
        if logic.awaiting_onset:
            logic.mark_onset(now)
        planned, wake = player.next_action(logic, now), logic.next_change_ms()
        if planned is not None and (wake is None or planned[0] <= wake):
            view.draw(pygame.Surface(SIZE), AREA, logic, planned[0])
            return view, logic, planned[0]
        if wake is None:
            raise AssertionError(f"{exercise_id}: nothing to answer")
        now = max(now, wake)
        logic.tick(now)
    raise AssertionError(f"{exercise_id}: no answer was due")


def advance_to(logic: Any, phase_name: str, now_ms: float) -> float:
    """Let the logic's timers run until it reaches the phase named; returns the time then."""
    for _ in range(MAX_STEPS):
        if logic.awaiting_onset:
            logic.mark_onset(now_ms)
        if logic.phase.name == phase_name:
            return now_ms
        wake = logic.next_change_ms()
        assert wake is not None, f"stuck in {logic.phase.name} before {phase_name}"
        now_ms = max(now_ms, wake)
        logic.tick(now_ms)
    raise AssertionError(f"never reached {phase_name}")
