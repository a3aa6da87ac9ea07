"""The progress statistics on hand-worked cases: t quantiles, the weighted line, tau², reliable change."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scores.analysis.trend import (
    ReliableChange, Trend, _serial_inflation, fit_line, reliable_change, t_cdf, t_quantile, trend_of,
)


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.7062), (2, 4.3027), (3, 3.1824), (5, 2.5706), (10, 2.2281), (28, 2.0484), (120, 1.9799)],
)
def test_t_quantile_matches_the_printed_table(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=5e-4)


def test_t_quantile_is_symmetric_and_inverts_the_cdf() -> None:
    assert t_quantile(0.025, 5) == pytest.approx(-2.5706, abs=5e-4)
    assert t_quantile(0.995, 7) == pytest.approx(3.4995, abs=5e-4)
    assert t_cdf(t_quantile(0.9, 4), 4) == pytest.approx(0.9, abs=1e-9)
    assert t_cdf(0.0, 3) == pytest.approx(0.5)


def test_t_quantile_refuses_impossible_arguments() -> None:
    with pytest.raises(ValueError):
        t_quantile(1.0, 3)
    with pytest.raises(ValueError):
        t_quantile(0.9, 0)


def test_points_on_an_exact_line_give_its_slope_and_the_ses_interval() -> None:
    # y = 1 + 0.5 t, se 0.1: no scatter, tau² 0, slope SE = 0.1 / sqrt(Σ(t - t̄)²) = 0.1 / sqrt(10)
    fit = fit_line([0, 1, 2, 3, 4], [1.0, 1.5, 2.0, 2.5, 3.0], [0.1] * 5)
    assert fit.slope == pytest.approx(0.5)
    assert fit.intercept == pytest.approx(1.0)
    assert fit.tau2 == 0.0
    assert fit.slope_se == pytest.approx(0.1 / math.sqrt(10))
    trend = trend_of(fit, 5)
    half = 3.1824 * 0.1 / math.sqrt(10)
    assert (trend.low, trend.high) == (pytest.approx(0.5 - half, abs=1e-4), pytest.approx(0.5 + half, abs=1e-4))
    assert trend.excludes_zero and trend.n_points == 5


def test_scatter_beyond_the_ses_becomes_tau2_and_widens_the_interval() -> None:
    # y = 0,2,0,2,0 at t = 0..4, se 1: slope 0, residuals ±, Q = 4.8 on 3 df,
    # tau² = (4.8 - 3) / (5 - 2) = 0.6; then weights 1/1.6, Q* = 3 so no Knapp-Hartung change;
    # the residuals alternate (negative autocorrelation), so no serial allowance either.
    fit = fit_line([0, 1, 2, 3, 4], [0.0, 2.0, 0.0, 2.0, 0.0], [1.0] * 5)
    assert fit.slope == pytest.approx(0.0, abs=1e-12)
    assert fit.tau2 == pytest.approx(0.6)
    assert fit.slope_se == pytest.approx(math.sqrt(1.6 / 10))
    trend = trend_of(fit, 5)
    assert trend.high == pytest.approx(3.1824 * 0.4, abs=1e-3)
    assert not trend.excludes_zero


def test_one_moment_gives_a_weighted_mean_with_tau2_and_no_trend() -> None:
    # values 0,2,0,2 with se 0.5 (w = 4): Q = 16 on 3 df, Σw - Σw²/Σw = 16 - 4 = 12, tau² = 13/12
    fit = fit_line([2.0] * 4, [0.0, 2.0, 0.0, 2.0], [0.5] * 4)
    assert fit.slope_se is None
    assert fit.intercept == pytest.approx(1.0)
    assert fit.tau2 == pytest.approx(13 / 12)
    assert trend_of(fit, 4) is None


def test_unequal_ses_weight_the_precise_runs_more() -> None:
    # a wild point with a huge SE barely moves the line through the precise ones
    fit = fit_line([0, 1, 2, 3], [0.0, 1.0, 9.0, 3.0], [0.1, 0.1, 50.0, 0.1])
    assert fit.slope == pytest.approx(1.0, abs=0.01)


def test_serial_allowance_follows_the_lag_one_autocorrelation_in_time_order() -> None:
    # residuals +1 +1 -1 -1 in time order: rho = (1 - 1 + 1) / 4 = 0.25, allowance 1.25 / 0.75
    assert _serial_inflation(np.array([0.0, 1, 2, 3]), np.array([1.0, 1, -1, -1])) == pytest.approx(5 / 3)
    shuffled = _serial_inflation(np.array([3.0, 0, 2, 1]), np.array([-1.0, 1, -1, 1]))
    assert shuffled == pytest.approx(5 / 3)
    assert _serial_inflation(np.array([0.0, 1, 2, 3]), np.array([1.0, -1, 1, -1])) == 1.0
    assert _serial_inflation(np.array([0.0, 1]), np.zeros(2)) == 1.0


def test_reliable_change_by_hand() -> None:
    # baseline 1, latest 3; S_diff = sqrt(2 * 3 * (0.36 + 0.04) / 9) = sqrt(0.8 / 3)
    change = reliable_change([1.0, 1.0, 1.0, 3.0, 3.0, 3.0], [0.6] * 6, tau2=0.04)
    assert (change.baseline, change.latest, change.difference) == (1.0, 3.0, 2.0)
    assert change.se_difference == pytest.approx(math.sqrt(0.8 / 3))
    assert change.rci == pytest.approx(2.0 / math.sqrt(0.8 / 3))
    assert change.reliable and change.direction == 1


def test_reliable_change_uses_only_the_three_runs_at_each_end() -> None:
    change = reliable_change([4.0, 4.0, 4.0, 99.0, -99.0, 3.0, 3.0, 3.0], [0.3] * 8, tau2=0.0)
    assert change.difference == pytest.approx(-1.0)
    assert change.rci == pytest.approx(-1.0 / math.sqrt(2 * 3 * 0.09 / 9))
    assert change.direction == -1


def test_small_change_is_not_reliable_and_few_points_give_none() -> None:
    change = reliable_change([1.0, 1.2, 0.8, 1.3, 1.1, 1.2], [0.5] * 6, tau2=0.1)
    assert not change.reliable and change.direction == 0
    assert reliable_change([1.0] * 5, [0.5] * 5, tau2=0.0) is None


def test_flags_on_the_records() -> None:
    assert Trend(0.1, 0.01, 0.2, 5).excludes_zero
    assert Trend(-0.1, -0.2, -0.01, 5).excludes_zero
    assert not Trend(0.1, -0.01, 0.2, 5).excludes_zero
    assert not ReliableChange(1.0, 2.0, 1.0, 0.6, 1.96).reliable
    assert ReliableChange(2.0, 1.0, -1.0, 0.5, -2.0).direction == -1


def test_reliable_change_measures_the_error_from_the_scatter_when_the_ses_overstate_it() -> None:
    values = [4.0, 4.0, 4.0, 5.0, 5.0, 5.0, 5.0, 6.0, 6.0, 6.0]
    # SE-based: sqrt(3 * 4 / 9 * 2) = 1.633; scatter-based: sqrt(2 * 0.09 / 3) = 0.245, smaller
    change = reliable_change(values, [2.0] * 10, tau2=0.0, residual_var=0.09, df=8)
    assert change.se_difference == pytest.approx(math.sqrt(0.06))
    assert change.critical == pytest.approx(t_quantile(0.975, 8)) and change.critical > 1.96
    assert change.rci == pytest.approx(2.0 / math.sqrt(0.06)) and change.direction == 1
    # too few points to trust the scatter, or a scatter larger than the SEs say: the SEs stand
    for residual_var, df in ((0.09, 4), (9.0, 8)):
        kept = reliable_change(values, [2.0] * 10, tau2=0.0, residual_var=residual_var, df=df)
        assert kept.se_difference == pytest.approx(math.sqrt(8 / 3)) and kept.critical == 1.96
