"""What every simulated player shares: the ability check, the logistic success curve, lognormal answer times."""

from __future__ import annotations

import math
import random

MIN_ABILITY = 0.0  # the weakest simulated player
MAX_ABILITY = 1.0  # the strongest

LAPSE_SHARE = 0.03  # share of moments when a person's attention slips, whatever their ability

# Sigma of log answer times: how much a person's times vary around their median.
QUICK_RT_SIGMA = 0.2  # a quick, practised step (a key press, a glance): times vary by about a fifth
CHOICE_RT_SIGMA = 0.25  # a choice made after looking or recalling
SEARCH_RT_SIGMA = 0.3  # a step that needs a search or a plan first: the most variable


def check_ability(ability: float) -> float:
    """``ability`` itself when it lies in 0..1; a ValueError naming it otherwise."""
    if not MIN_ABILITY <= ability <= MAX_ABILITY:
        raise ValueError(f"ability {ability} must be between {MIN_ABILITY:g} and {MAX_ABILITY:g}")
    return ability


def success_probability(capacity: float, difficulty: float, spread: float, ceiling: float = 1.0) -> float:
    """The logistic curve every player's accuracy follows.

    Args:
        capacity: the difficulty this player meets half the time (in the difficulty's units).
        difficulty: what the trial asks (items to keep, moves to plan, load...).
        spread: how gently success falls as difficulty passes capacity (same units).
        ceiling: the curve's top, for a player who still lapses (or a measure that is not a share).

    Returns:
        ``ceiling`` well below capacity, ``ceiling / 2`` at it, towards 0 well above.
    """
    return ceiling / (1.0 + math.exp((difficulty - capacity) / spread))


def overload_probability(capacity: float, load: float, spread: float, ceiling: float = 1.0) -> float:
    """The mirror of ``success_probability``: the chance that ``load`` gets the better of ``capacity``."""
    return success_probability(load, capacity, spread, ceiling)


def lognormal_rt_ms(rng: random.Random, median_ms: float, sigma: float) -> float:
    """One answer time drawn around ``median_ms``: never negative, with the long right tail people show."""
    return rng.lognormvariate(math.log(median_ms), sigma)


def lognormal_factor(rng: random.Random, sigma: float) -> float:
    """A multiplier of a typical time, around 1, spread like ``lognormal_rt_ms``."""
    return rng.lognormvariate(0.0, sigma)
