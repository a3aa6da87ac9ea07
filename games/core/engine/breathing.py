"""Paced breathing as pure arithmetic: where in the breath a moment falls, and how to change the pace."""

from __future__ import annotations

import math
from dataclasses import dataclass

BREATHE_IN = "Breathe in"
BREATHE_OUT = "Breathe out"
PACE_STEP_S = 1.0  # how much one "Faster" or "Slower" changes each half of the breath
FRAME_MS = 1000.0 / 30  # the guide is drawn 30 times a second: the circle moves smoothly


@dataclass(frozen=True)
class BreathPhase:
    """One moment of the guide.

    Attributes:
        word: "Breathe in" or "Breathe out".
        size: 0..1, how large the shape is; eased, so it starts and ends each half gently.
        seconds_left: seconds left in the current half (in-breath or out-breath).
        breaths_done: whole breaths (in and out) finished before this moment.
        progress: 0..1, how far through the current half.
    """

    word: str
    size: float
    seconds_left: float
    breaths_done: int
    progress: float

    @property
    def is_inhaling(self) -> bool:
        return self.word == BREATHE_IN

    @property
    def count(self) -> int:
        """The whole seconds to count down: 4, 3, 2, 1 during a 4-second half."""
        return max(1, math.ceil(self.seconds_left - 1e-9))


def _check_pace(inhale_s: float, exhale_s: float) -> None:
    if not (inhale_s > 0 and exhale_s > 0):
        raise ValueError(f"a breath needs positive in and out times, not {inhale_s} s and {exhale_s} s")


def _ease(fraction: float) -> float:
    """A sine ease from 0 to 1: slow at both ends, like a breath."""
    return (1.0 - math.cos(math.pi * fraction)) / 2.0


def breath_phase(elapsed_ms: float, inhale_s: float, exhale_s: float) -> BreathPhase:
    """Where the guide stands ``elapsed_ms`` after the first in-breath began.

    Raises:
        ValueError: for a negative time or a pace that is not positive.
    """
    _check_pace(inhale_s, exhale_s)
    if elapsed_ms < 0:
        raise ValueError(f"the time into the breathing must not be negative, not {elapsed_ms} ms")
    inhale_ms, exhale_ms = inhale_s * 1000.0, exhale_s * 1000.0
    breaths_done, within_ms = divmod(elapsed_ms, inhale_ms + exhale_ms)
    if within_ms < inhale_ms:
        progress = within_ms / inhale_ms
        return BreathPhase(BREATHE_IN, _ease(progress), (inhale_ms - within_ms) / 1000.0, int(breaths_done), progress)
    progress = (within_ms - inhale_ms) / exhale_ms
    return BreathPhase(BREATHE_OUT, 1.0 - _ease(progress), (inhale_ms + exhale_ms - within_ms) / 1000.0,
                       int(breaths_done), progress)


def equivalent_elapsed_ms(elapsed_ms: float, inhale_s: float, exhale_s: float,
                          new_inhale_s: float, new_exhale_s: float) -> float:
    """The time into the breathing, at the new pace, of the same moment of the same breath.

    A guide whose pace changes mid-breath carries on from where it was (same half, same size,
    same breath count) instead of jumping.
    """
    _check_pace(new_inhale_s, new_exhale_s)
    phase = breath_phase(elapsed_ms, inhale_s, exhale_s)
    cycle_ms = (new_inhale_s + new_exhale_s) * 1000.0
    if phase.is_inhaling:
        within_ms = phase.progress * new_inhale_s * 1000.0
    else:
        within_ms = (new_inhale_s + phase.progress * new_exhale_s) * 1000.0
    return phase.breaths_done * cycle_ms + within_ms


def change_pace(inhale_s: float, exhale_s: float, step_s: float,
                limits_s: tuple[float, float]) -> tuple[float, float]:
    """Both halves made ``step_s`` longer (negative: shorter), each kept within ``limits_s``."""
    low, high = limits_s
    return (min(high, max(low, inhale_s + step_s)), min(high, max(low, exhale_s + step_s)))


def next_frame_ms(start_ms: float, now_ms: float, frame_ms: float = FRAME_MS) -> float:
    """When the next frame is due: frame k at ``start_ms + k * frame_ms``, the first after ``now_ms``.

    Anchored to the start, a frame drawn late does not push every later one back (scheduling each
    frame from "now" lost a few milliseconds a frame: 27 frames a second instead of 30); a frame
    missed altogether is skipped, not made up.
    """
    done = math.floor((now_ms - start_ms) / frame_ms + 1e-9)  # a frame drawn right on time is done
    return start_ms + (done + 1) * frame_ms
