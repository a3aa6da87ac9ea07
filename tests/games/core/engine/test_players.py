"""The simulated players' shared parts: the ability check, the success curve, lognormal answer times."""

import math
import random
import statistics

import pytest

from games.core.engine.players import (
    CHOICE_RT_SIGMA, MAX_ABILITY, MIN_ABILITY, QUICK_RT_SIGMA, SEARCH_RT_SIGMA, check_ability, lognormal_factor,
    lognormal_rt_ms, overload_probability, success_probability,
)
from games.registry import EXERCISES


@pytest.mark.parametrize("ability", [MIN_ABILITY, 0.5, MAX_ABILITY])
def test_an_ability_in_range_comes_back_unchanged(ability):
    assert check_ability(ability) == ability


@pytest.mark.parametrize("ability", [-0.01, 1.01, math.nan])
def test_an_ability_out_of_range_is_refused_by_name(ability):
    with pytest.raises(ValueError, match=f"ability {ability} must be between 0 and 1"):
        check_ability(ability)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_player_refuses_an_ability_out_of_range(exercise):
    with pytest.raises(ValueError, match="must be between 0 and 1"):
        exercise.make_player(1.5, random.Random(0))


def test_success_is_even_at_capacity_and_falls_with_difficulty():
    assert success_probability(capacity=5.0, difficulty=5.0, spread=0.6) == 0.5
    chances = [success_probability(5.0, d, 0.6) for d in range(1, 10)]
    assert chances == sorted(chances, reverse=True)
    assert chances[0] > 0.99 and chances[-1] < 0.01


def test_success_follows_the_logistic_curve_under_its_ceiling():
    # one spread above capacity: 1 / (1 + e)
    assert success_probability(4.0, 4.8, spread=0.8) == pytest.approx(1.0 / (1.0 + math.e))
    assert success_probability(4.0, 4.0, spread=0.8, ceiling=0.97) == pytest.approx(0.485)
    assert success_probability(9.0, 0.0, spread=0.5, ceiling=4.0) == pytest.approx(4.0, abs=1e-6)


def test_a_gentler_spread_gives_a_gentler_fall():
    assert success_probability(5.0, 6.0, spread=3.0) > success_probability(5.0, 6.0, spread=0.6)


def test_overload_is_the_mirror_of_success():
    for load in (2.0, 5.0, 8.0):
        assert overload_probability(5.0, load, 1.5) + success_probability(5.0, load, 1.5) == pytest.approx(1.0)
    assert overload_probability(5.0, 9.0, 1.0) > 0.98


def test_lognormal_rt_is_the_same_draw_as_lognormvariate():
    ours, theirs = random.Random(3), random.Random(3)
    drawn = [lognormal_rt_ms(ours, 650.0, CHOICE_RT_SIGMA) for _ in range(20)]
    assert drawn == [theirs.lognormvariate(math.log(650.0), CHOICE_RT_SIGMA) for _ in range(20)]
    assert ours.random() == theirs.random()  # no draw more, no draw less


def test_lognormal_rt_centres_on_its_median_and_never_goes_below_zero():
    rng = random.Random(11)
    times_ms = [lognormal_rt_ms(rng, 500.0, SEARCH_RT_SIGMA) for _ in range(4000)]
    assert min(times_ms) > 0
    assert statistics.median(times_ms) == pytest.approx(500.0, rel=0.05)
    assert statistics.mean(times_ms) > statistics.median(times_ms)  # the long right tail


def test_lognormal_factor_scales_a_time_around_one():
    rng, again = random.Random(5), random.Random(5)
    factors = [lognormal_factor(rng, QUICK_RT_SIGMA) for _ in range(4000)]
    assert factors[:5] == [again.lognormvariate(0.0, QUICK_RT_SIGMA) for _ in range(5)]
    assert statistics.median(factors) == pytest.approx(1.0, rel=0.03)
    spread = statistics.stdev(math.log(f) for f in factors)
    assert spread == pytest.approx(QUICK_RT_SIGMA, rel=0.1)


def test_the_sigmas_rank_from_quick_to_searching():
    assert 0 < QUICK_RT_SIGMA < CHOICE_RT_SIGMA < SEARCH_RT_SIGMA
