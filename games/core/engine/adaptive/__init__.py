"""Adaptive difficulty: trackers that choose each trial's integer level from the answers so far.

``make_tracker`` is the one way in, for exercises, benchmarks and tests alike. Every tracker
has ``next_level()``, ``update(level, correct)`` and ``estimate() -> (ability, standard_error)``,
where ability is in level units: the level at which the player, when attentive, succeeds at
the target rate. ``benchmarks/adaptive.py`` compares the methods; the default won there.
"""

from __future__ import annotations

from typing import Protocol

from games.core.engine.adaptive.bayes import BayesTracker
from games.core.engine.adaptive.staircase import Reversal, Staircase, transformed_for, weighted_steps

__all__ = ["METHODS", "BayesTracker", "Reversal", "Staircase", "Tracker", "make_tracker"]

METHODS: tuple[str, ...] = ("bayes", "staircase", "transformed", "weighted")
DEFAULT_METHOD = "bayes"


class Tracker(Protocol):
    def next_level(self) -> int: ...

    def update(self, level: int, correct: bool) -> None: ...

    def estimate(self) -> tuple[float, float | None]: ...


def make_tracker(
    min_level: int,
    max_level: int,
    start_level: int,
    target: float = 0.8,
    chance: float = 0.0,
    method: str = DEFAULT_METHOD,
    prior_mean: float | None = None,
    prior_sd: float = 3.0,
) -> Tracker:
    """Build the level tracker for one run.

    Args:
        min_level, max_level: the exercise's declared level range.
        start_level: the first level presented.
        target: the success rate to keep the player at (chance < target < 1).
        chance: the exercise's guessing rate (0.5 for a two-choice task).
        method: ``"bayes"`` (grid posterior with lapses; the default), ``"staircase"``
            (Levitt's 1-up/2-down, settling at 70.7%), ``"transformed"`` (n-right/1-wrong with n
            chosen for ``target``) or ``"weighted"`` (Kaernbach's weighted up-down at ``target``).
        prior_mean, prior_sd: what is known of the ability before the run (``"bayes"`` only);
            by default centred on ``start_level``.

    Raises:
        ValueError: an unknown method, rates outside ``0 <= chance < target < 1``, or a level
            range that is empty or does not hold ``start_level``.
    """
    if not 0.0 <= chance < target < 1.0:
        raise ValueError(f"target {target} and chance {chance} must satisfy 0 <= chance < target < 1")
    if method == "bayes":
        return BayesTracker(min_level, max_level, start_level, target, chance, prior_mean, prior_sd)
    if method == "staircase":
        return Staircase(min_level, max_level, start_level, correct_to_harder=2)
    if method == "transformed":
        return Staircase(min_level, max_level, start_level, correct_to_harder=transformed_for(target))
    if method == "weighted":
        harder, easier = weighted_steps(target)
        return Staircase(min_level, max_level, start_level, correct_to_harder=1, step_harder=harder, step_easier=easier)
    raise ValueError(f"unknown tracker method {method!r}; known: {', '.join(METHODS)}")
