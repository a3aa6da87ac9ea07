"""Statistics of a progress series: a weighted trend line with its interval, and reliable change.

Every run's ability comes with a standard error ``se``. Runs also vary from one to the next by
more than their SEs say (sleep, mood, a noisy room): that extra run-to-run variance is ``tau2``.
Both enter the weights ``w = 1 / (se² + tau2)``, as in a random-effects meta-regression.

The trend (``fit_line``, then ``trend_of``) is the weighted least-squares line of ability against
time in weeks:

1. ``tau2`` by the DerSimonian-Laird method of moments around the line fitted with ``1 / se²``:
   ``tau2 = max(0, (Q - (n - 2)) / (Σw - tr((XᵀWX)⁻¹ XᵀW²X)))``.
2. The line refitted with ``w = 1 / (se² + tau2)``; the slope's variance is ``(XᵀWX)⁻¹`` scaled
   by ``max(1, Q* / (n - 2))``, Q* the weighted residual sum of squares (Knapp-Hartung), and
   the 95% interval uses Student's t with ``n - 2`` degrees of freedom. The factor is never
   below 1, so the interval is never narrower than the runs' own SEs allow: with a handful of
   points a lucky small scatter must not make a flat series look like change.
3. Neighbouring runs are not fully independent: a resumed run's level tracker starts from the
   pooled estimates of the latest three runs, so errors carry over. The slope's variance is multiplied by
   ``(1 + rho) / (1 - rho)``, rho the lag-1 autocorrelation of the standardized residuals in
   time order, clipped to ``0..0.9`` (the AR(1) variance allowance for a slowly varying regressor).

Reliable change (``reliable_change``) follows Jacobson & Truax (1991), with the client's own
measurement error in place of a test-retest reliability::

    baseline = mean of the first 3 abilities,   latest = mean of the last 3
    S_diff   = sqrt( Σ_first3 (se_i² + tau2) / 9  +  Σ_last3 (se_i² + tau2) / 9 )
    RCI      = (latest - baseline) / S_diff,   reliable when |RCI| > 1.96

``tau2`` is the run-to-run variance around the trend line (around the mean when the runs cannot
give a line), so drift that the line explains is not counted as noise. A run's SE, from its own
answers alone, overstates how much its estimate really varies (a short run's posterior is wide
while its mean is steady): with 8 runs or more the scatter of the runs around the client's own
trend line, ``s² = Σ residual² / (n - 2)``, measures the error directly. When it is the smaller,
``S_diff = sqrt(2 s² / 3)`` and the critical value is Student's t on ``n - 2`` degrees of freedom
(2.05 for 30 runs) instead of 1.96. The caller leaves the scatter out when it does not measure
the error (``scores.analysis.progress`` does so for runs piled up beyond an exercise's level range).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

RCI_CRITICAL = 1.96
CHANGE_WINDOW = 3  # runs averaged at each end for reliable change
MIN_RESIDUAL_DF = 6  # points around the trend line needed (beyond 2) to measure the error from them
CONFIDENCE = 0.95
MAX_AUTOCORRELATION = 0.9  # beyond this a series is one long drift, not repeated measurements


@dataclass(frozen=True)
class Trend:
    """The fitted change per week with its 95% interval."""

    per_week: float
    low: float
    high: float
    n_points: int

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


@dataclass(frozen=True)
class ReliableChange:
    """Jacobson & Truax reliable change between the first three and the last three points."""

    baseline: float
    latest: float
    difference: float
    se_difference: float
    rci: float
    critical: float = RCI_CRITICAL  # |RCI| beyond this is reliable (Student's t when the error is estimated)

    @property
    def reliable(self) -> bool:
        return abs(self.rci) > self.critical

    @property
    def direction(self) -> int:
        """+1 a reliable improvement, -1 a reliable decline, 0 no reliable change."""
        if not self.reliable:
            return 0
        return 1 if self.rci > 0 else -1


@dataclass(frozen=True)
class LineFit:
    """A weighted line ``value = intercept + slope * time`` (or a weighted mean when ``slope_se`` is None)."""

    intercept: float
    slope: float
    slope_se: float | None
    tau2: float
    df: int


# --- Student's t without scipy ----------------------------------------------------------------

def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny, c, d = 1e-300, 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return result


def _regularized_beta(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with ``df`` degrees of freedom."""
    tail = 0.5 * _regularized_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


@lru_cache(maxsize=256)
def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t with ``df`` degrees of freedom (bisection on ``t_cdf``)."""
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError(f"t_quantile needs 0 < p < 1 and df > 0, not p={p}, df={df}")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
    for _ in range(200):
        middle = 0.5 * (low + high)
        low, high = (middle, high) if t_cdf(middle, df) < p else (low, middle)
        if high - low < 1e-12 * max(1.0, high):
            break
    return 0.5 * (low + high)


# --- the weighted line ------------------------------------------------------------------------

def _weighted_fit(design: np.ndarray, values: np.ndarray, weights: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, float]:
    """Coefficients, their unscaled covariance ``(XᵀWX)⁻¹`` and the weighted residual sum of squares."""
    cov = np.linalg.inv(design.T @ (design * weights[:, None]))
    coef = cov @ (design.T @ (weights * values))
    residuals = values - design @ coef
    return coef, cov, float(weights @ residuals**2)


def _tau2(design: np.ndarray, values: np.ndarray, variances: np.ndarray) -> float:
    """DerSimonian-Laird run-to-run variance beyond the SEs (0 when the SEs explain the scatter)."""
    weights = 1.0 / variances
    _, cov, q = _weighted_fit(design, values, weights)
    n, k = design.shape
    spread = weights.sum() - np.trace(cov @ (design.T @ (design * (weights**2)[:, None])))
    if spread <= 0:
        return 0.0
    return max(0.0, (q - (n - k)) / spread)


def _serial_inflation(times: np.ndarray, standardized: np.ndarray) -> float:
    """AR(1) allowance ``(1 + rho) / (1 - rho)`` from the residuals' lag-1 autocorrelation in time order."""
    ordered = standardized[np.argsort(times, kind="stable")]
    energy = float(ordered @ ordered)
    if energy <= 1e-9 * len(ordered):  # a perfect fit: what is left is rounding, not a pattern
        return 1.0
    rho = min(max(float(ordered[1:] @ ordered[:-1]) / energy, 0.0), MAX_AUTOCORRELATION)
    return (1.0 + rho) / (1.0 - rho)


def fit_line(times: Sequence[float], values: Sequence[float], ses: Sequence[float]) -> LineFit:
    """Weighted line of ``values`` on ``times`` with run-to-run variance, or a weighted mean.

    With fewer than 3 points or a single distinct time there is no line: the fit is the
    weighted mean (``slope`` 0, ``slope_se`` None), still with its ``tau2`` when there are 2+ points.
    """
    t = np.asarray(times, dtype=float)
    y = np.asarray(values, dtype=float)
    variances = np.maximum(np.asarray(ses, dtype=float), 1e-6) ** 2
    n = len(y)
    if n == 0:
        raise ValueError("a series needs at least one point")
    has_line = n >= 3 and float(np.ptp(t)) > 0
    centre = float(t.mean())
    columns = [np.ones(n), t - centre] if has_line else [np.ones(n)]
    design = np.column_stack(columns)
    tau2 = _tau2(design, y, variances) if n > design.shape[1] else 0.0
    weights = 1.0 / (variances + tau2)
    coef, cov, q = _weighted_fit(design, y, weights)
    df = n - design.shape[1]
    if not has_line:
        return LineFit(float(coef[0]), 0.0, None, tau2, df)
    scale = max(1.0, q / df)  # Knapp-Hartung, never narrower than the SEs imply
    scale *= _serial_inflation(t, np.sqrt(weights) * (y - design @ coef))
    slope_se = math.sqrt(scale * float(cov[1, 1]))
    return LineFit(float(coef[0] - coef[1] * centre), float(coef[1]), slope_se, tau2, df)


def trend_of(fit: LineFit, n_points: int) -> Trend | None:
    """The 95% interval of a line's slope, or None when the fit is a plain mean."""
    if fit.slope_se is None:
        return None
    half = t_quantile(0.5 + CONFIDENCE / 2.0, fit.df) * fit.slope_se
    return Trend(fit.slope, fit.slope - half, fit.slope + half, n_points)


def reliable_change(values: Sequence[float], ses: Sequence[float], tau2: float,
                    residual_var: float | None = None, df: int = 0) -> ReliableChange | None:
    """Reliable change from the first to the last ``CHANGE_WINDOW`` points, or None with too few points.

    Args:
        residual_var: the scatter of the points around their trend line (its ``df`` degrees of
            freedom); when given, and smaller than what the SEs say, it is the measurement error,
            and the critical value is Student's t on ``df`` rather than 1.96.
    """
    if len(values) < 2 * CHANGE_WINDOW:
        return None
    k = CHANGE_WINDOW
    baseline = sum(values[:k]) / k
    latest = sum(values[-k:]) / k
    error_first = sum(se * se + tau2 for se in ses[:k]) / k**2
    error_last = sum(se * se + tau2 for se in ses[-k:]) / k**2
    se_difference, critical = math.sqrt(error_first + error_last), RCI_CRITICAL
    if residual_var is not None and df >= MIN_RESIDUAL_DF and math.sqrt(2 * residual_var / k) < se_difference:
        se_difference, critical = math.sqrt(2 * residual_var / k), t_quantile(0.5 + CONFIDENCE / 2, df)
    difference = latest - baseline
    return ReliableChange(baseline, latest, difference, se_difference, difference / se_difference, critical)
