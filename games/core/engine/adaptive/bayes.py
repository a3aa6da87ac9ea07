"""A Bayesian level tracker: a numpy grid posterior over the player's level, slope and lapse rate.

The model (on the level axis, higher is harder) is the chance of success at level ``x``::

    p(x) = chance + (1 - chance - lapse) * sigmoid(c - (x - ability) / slope)

where ``c`` puts the attentive success rate at exactly ``target`` when ``x == ability``. So
``ability`` is what the interface promises: the level at which the player, when attentive,
succeeds at the target rate. Slope and lapse rate are nuisance parameters, summed out; the
lapse dimension lets a few careless errors at easy levels be explained as lapses instead of
dragging the level down (Wichmann and Hill 2001; QUEST+, Watson 2017).
"""

from __future__ import annotations

import math

import numpy as np

from games.core.engine.adaptive.staircase import check_range

# Levels per logistic unit, steep to shallow: an exercise's levels are meant to be noticeable
# steps, so success falls from about 90% to 50% over one to three levels.
SLOPES = (0.35, 0.5, 0.7, 1.0, 1.4)
LAPSES = (0.0, 0.02, 0.05, 0.1, 0.2)
LAPSE_PRIOR_POWER = 5  # prior weight (1 - lapse) ** 5: lapses of 10-20% are possible, not expected
GRID_STEP = 0.1  # levels
GRID_MARGIN = 3.0  # levels beyond the range, so an ability past either end can show
LEARNING_TRIALS = 20  # answers during which the most informative nearby level is chosen
COMFORT_BAND = 0.1  # afterwards, only nearby levels whose expected success is this close to the target
LEARNING_REACH = 1.0  # levels from the estimate the learning phase may go
BAND_REACH = 2.0  # and the comfort band: its levels often lie a little below the estimate


class BayesTracker:
    """Chooses, next to the current ability estimate, the level that teaches the most.

    For the first ``LEARNING_TRIALS`` answers of a new player (none when the run resumes from an
    earlier estimate) any level within ``LEARNING_REACH`` of the estimate may be chosen, the one
    expected to shrink the estimate's variance most; after that only levels within
    ``BAND_REACH`` of it whose expected success is within ``COMFORT_BAND`` of the target (or
    else the closest), so that a settled player spends the run near the target success rate.
    The band alone is no limit: when the lapse rate is uncertain every easy level can be
    expected near the target, and the level that teaches most about lapses may be the easiest
    one, far below the estimate.
    """

    def __init__(
        self,
        min_level: int,
        max_level: int,
        start_level: int,
        target: float = 0.8,
        chance: float = 0.0,
        prior_mean: float | None = None,
        prior_sd: float = 3.0,
        slopes: tuple[float, ...] = SLOPES,
        lapses: tuple[float, ...] = LAPSES,
    ) -> None:
        check_range(min_level, max_level, start_level)
        if not 0.0 <= chance < target < 1.0:
            raise ValueError(f"target {target} and chance {chance} must satisfy 0 <= chance < target < 1")
        if prior_sd <= 0:
            raise ValueError("prior_sd must be positive")
        self.min_level, self.max_level, self.start_level = min_level, max_level, start_level
        self.target, self.chance = target, chance
        self.slopes, self.lapses = np.asarray(slopes, dtype=float), np.asarray(lapses, dtype=float)
        self.abilities = np.arange(min_level - GRID_MARGIN, max_level + GRID_MARGIN + 1e-9, GRID_STEP)
        self.levels = np.arange(min_level, max_level + 1)
        self._success = self._success_table()
        self.posterior = self._prior(start_level if prior_mean is None else prior_mean, prior_sd)
        self.n_updates = 0
        # a player resumed from an earlier estimate is already known: no learning phase, so the
        # run stays near the target success rate from its first trials
        self.learning_trials = LEARNING_TRIALS if prior_mean is None else 0

    def _success_table(self) -> np.ndarray:
        """P(success) for every level x ability x slope x lapse, computed once."""
        attentive_target = (self.target - self.chance) / (1.0 - self.chance)
        offset = math.log(attentive_target / (1.0 - attentive_target))
        x = self.levels[:, None, None, None]
        ability = self.abilities[None, :, None, None]
        slope = self.slopes[None, None, :, None]
        lapse = self.lapses[None, None, None, :]
        attentive = 1.0 / (1.0 + np.exp(-(offset - (x - ability) / slope)))
        return self.chance + (1.0 - self.chance - lapse) * attentive

    def _prior(self, mean: float, sd: float) -> np.ndarray:
        ability = np.exp(-0.5 * ((self.abilities - mean) / sd) ** 2)
        lapse = (1.0 - self.lapses) ** LAPSE_PRIOR_POWER
        prior = ability[:, None, None] * np.ones(len(self.slopes))[None, :, None] * lapse[None, None, :]
        return prior / prior.sum()

    # -- the interface -------------------------------------------------------------------
    def next_level(self) -> int:
        """The start level first (a gentle warm-up), then the most informative level near the estimate."""
        if self.n_updates == 0:
            return self.start_level
        ability, _ = self.estimate()
        learning = self.n_updates < self.learning_trials
        reach = LEARNING_REACH if learning else BAND_REACH
        near = [int(x) for x in self.levels if abs(x - ability) <= reach]
        if not near:  # the estimate lies beyond an end of the range
            return int(min(max(round(ability), self.min_level), self.max_level))
        if not learning:  # of those, the ones expected near the target rate
            gaps = {x: abs(self.predicted_success(x) - self.target) for x in near}
            near = [x for x in near if gaps[x] <= COMFORT_BAND] or [min(near, key=gaps.get)]
        return min(near, key=self._expected_variance)

    def update(self, level: int, correct: bool) -> None:
        index = int(min(max(level, self.min_level), self.max_level)) - self.min_level
        likelihood = self._success[index] if correct else 1.0 - self._success[index]
        posterior = self.posterior * likelihood
        self.posterior = posterior / posterior.sum()
        self.n_updates += 1

    def estimate(self) -> tuple[float, float]:
        """Posterior mean ability (in levels) and its posterior standard deviation."""
        return self._mean_sd(self.posterior)

    # -- helpers ---------------------------------------------------------------------------
    def _mean_sd(self, posterior: np.ndarray) -> tuple[float, float]:
        marginal = posterior.sum(axis=(1, 2))
        mean = float(marginal @ self.abilities)
        var = float(marginal @ (self.abilities - mean) ** 2)
        return mean, math.sqrt(max(var, 0.0))

    def _expected_variance(self, level: int) -> float:
        """The ability's posterior variance expected after one more trial at ``level``."""
        success = self._success[level - self.min_level]
        expected = 0.0
        for likelihood in (success, 1.0 - success):
            joint = self.posterior * likelihood
            p_outcome = float(joint.sum())
            if p_outcome > 0:
                expected += p_outcome * self._mean_sd(joint / p_outcome)[1] ** 2
        return expected

    def predicted_success(self, level: int) -> float:
        """The chance of success at ``level`` given everything seen so far."""
        return float((self.posterior * self._success[level - self.min_level]).sum())
