"""Level trackers on hand-worked cases and seeded observers; the policy's resume, lock, errorless,
step and end rules."""

import math
import random
import statistics

import pytest

from games.core.engine.adaptive import METHODS, Reversal, Staircase, make_tracker
from games.core.engine.adaptive.bayes import BAND_REACH
from games.core.engine.adaptive.policy import ENCOURAGEMENT, LevelPolicy, plan_run
from games.core.engine.adaptive.steps import SETTLE_STEPS, StepLimit
from games.memory.sequence_recall.spec import SPEC


def feed(tracker, answers):
    levels = []
    for correct in answers:
        level = tracker.next_level()
        levels.append(level)
        tracker.update(level, correct)
    return levels


def observer(ability, slope=0.7, lapse=0.0, guess=0.0, target=0.8):
    """P(success) at a level for a player whose target-rate level is ``ability``."""
    c = math.log((target - guess) / (1 - target))
    return lambda level: guess + (1 - guess - lapse) / (1 + math.exp(-(c - (level - ability) / slope)))


def play(tracker, p_success, trials, rng):
    for _ in range(trials):
        level = tracker.next_level()
        tracker.update(level, rng.random() < p_success(level))
    return tracker.estimate()


# -- staircases ----------------------------------------------------------------------------
def test_two_right_raise_one_wrong_lowers():
    stairs = Staircase(1, 9, 3)
    assert feed(stairs, [True, True, True, False, True]) == [3, 3, 4, 4, 3]
    assert stairs.next_level() == 3


def test_level_stays_within_bounds():
    high = Staircase(1, 4, 4)
    feed(high, [True] * 10)
    assert high.next_level() == 4
    low = Staircase(2, 6, 2)
    feed(low, [False] * 5)
    assert low.next_level() == 2


def test_reversals_are_recorded_where_the_direction_turns():
    stairs = Staircase(1, 9, 3)
    feed(stairs, [True, True, True, True, False, False, True, True])
    assert stairs.reversals == [Reversal(trial=5, level=5), Reversal(trial=8, level=3)]
    ability, se = stairs.estimate()
    assert ability == pytest.approx(4.0) and se == pytest.approx(1.0)  # sd of (5, 3) is sqrt(2)


def test_weighted_staircase_steps_a_quarter_up_and_one_down_for_80_percent():
    tracker = make_tracker(1, 9, 4, target=0.8, method="weighted")
    assert feed(tracker, [True, True, True, False]) == [4, 4, 5, 5]  # 4.25, 4.5 -> 5 (rounded), 4.75
    assert tracker.next_level() == 4  # 4.75 - 1 = 3.75 -> 4


def test_transformed_staircase_needs_three_right_for_80_percent():
    tracker = make_tracker(1, 9, 4, target=0.8, method="transformed")
    assert feed(tracker, [True, True, True, True]) == [4, 4, 4, 5]


# -- the Bayesian tracker ------------------------------------------------------------------
def test_bayes_warms_up_at_the_start_level_and_reports_an_estimate_every_trial():
    tracker = make_tracker(1, 12, 3)
    assert tracker.next_level() == 3
    tracker.update(3, True)
    ability, se = tracker.estimate()
    assert ability > 3 and se > 0


def test_bayes_converges_on_the_true_level():
    # 80 trials, no lapses: the benchmark's RMSE there is about 0.45 level, so 90% of seeded
    # runs land within 1 level and the mean error stays under half a level.
    errors = []
    for seed in range(20):
        tracker = make_tracker(1, 12, 3)
        ability, _ = play(tracker, observer(6.3), 80, random.Random(seed))
        errors.append(ability - 6.3)
    assert statistics.fmean(abs(e) for e in errors) < 0.5
    assert sum(abs(e) <= 1.0 for e in errors) >= 18


def test_a_lapse_prone_player_is_not_dragged_down():
    # 10% careless errors: the staircase's level falls with them; the tracker explains them as lapses
    bayes, stairs = [], []
    for seed in range(20):
        p = observer(6.3, lapse=0.10)
        bayes.append(play(make_tracker(1, 12, 6), p, 60, random.Random(seed))[0])
        stairs.append(play(make_tracker(1, 12, 6, method="transformed"), p, 60, random.Random(seed))[0])
    assert statistics.fmean(bayes) > 6.3 - 0.5
    assert statistics.fmean(bayes) > statistics.fmean(stairs)


def test_bayes_keeps_a_settled_player_near_the_target_rate():
    rng, tracker, outcomes = random.Random(7), make_tracker(1, 12, 6), []
    p = observer(6.3)
    for _ in range(200):
        level = tracker.next_level()
        outcomes.append(rng.random() < p(level))
        tracker.update(level, outcomes[-1])
    assert 0.72 <= statistics.fmean(outcomes[40:]) <= 0.88


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "kwargs, words",
    [
        (dict(min_level=1, max_level=9, start_level=2, target=1.0), "target"),
        (dict(min_level=1, max_level=9, start_level=2, target=0.0), "target"),
        (dict(min_level=1, max_level=9, start_level=2, target=0.5, chance=0.5), "chance"),
        (dict(min_level=9, max_level=1, start_level=2), "above"),
        (dict(min_level=1, max_level=9, start_level=12), "outside"),
    ],
)
def test_impossible_trackers_fail_at_construction(method, kwargs, words):
    with pytest.raises(ValueError, match=words):
        make_tracker(method=method, **kwargs)


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="unknown tracker method"):
        make_tracker(1, 9, 2, method="guess")


# A resumed Flanker run (levels 1..8, two choices) as it was played, level and answer per trial
# (+ right, - wrong): its 52nd level was 3 and, after a miss there, the 53rd was 1, because the
# comfort band then ranged over every level and the easiest teach most about lapses.
FLANKER_ANSWERS = "4-4+5+5+6-5-4+4+4-4+4+4+4+4+4+5+5+5+5+5+5+6+6-5-5-4+5+5-4+5+5+5+5+5+5-5+5+5-5+5+5+5+5-5+5-5+5+5+5+5+5+"


def test_the_comfort_band_stays_near_the_estimate_where_a_flanker_run_once_fell():
    tracker = make_tracker(1, 8, 4, target=0.8, chance=0.5, prior_mean=6.55, prior_sd=2.28)
    for level, sign in zip(FLANKER_ANSWERS[::2], FLANKER_ANSWERS[1::2]):
        tracker.update(int(level), sign == "+")
    assert tracker.next_level() == 5  # was 3
    tracker.update(3, False)  # the miss that sent it to 1
    ability, _ = tracker.estimate()
    assert abs(tracker.next_level() - ability) <= BAND_REACH and tracker.next_level() >= 4


# -- how far a step may move ------------------------------------------------------------------
def test_a_step_down_is_one_level_even_before_the_run_settles():
    steps = StepLimit()
    steps.stepped(6)
    assert not steps.settled and steps.limit(2) == 5
    steps.stepped(5)
    assert steps.settled  # its first step down


def test_a_run_climbs_freely_until_its_first_step_down_then_one_level_at_a_time():
    steps = StepLimit()
    for level in (1, 4):
        assert steps.limit(level) == level
        steps.stepped(level)
    steps.stepped(3)
    assert steps.limit(7) == 4 and steps.limit(3) == 3 and steps.limit(1) == 2


def test_a_run_that_only_climbs_settles_at_its_fifth_step():
    steps = StepLimit()
    for level in range(1, SETTLE_STEPS + 1):
        assert not steps.settled and steps.limit(level + 3) == level + 3
        steps.stepped(level)
    assert steps.settled and steps.limit(SETTLE_STEPS + 3) == SETTLE_STEPS + 1


# -- the policy around the tracker ----------------------------------------------------------
class Fixed:
    """A tracker that says ``level`` (change it at will), estimates ``ability`` (else the level) and
    remembers what it was told."""

    def __init__(self, level, ability=None):
        self.level, self.ability, self.told = level, ability, []

    def next_level(self):
        return self.level

    def update(self, level, correct):
        self.told.append((level, correct))

    def estimate(self):
        return float(self.level if self.ability is None else self.ability), None


@pytest.mark.parametrize("errorless_after", [2, 3, 5])
def test_errorless_step_down_fires_after_exactly_the_configured_errors(errorless_after):
    policy = LevelPolicy(SPEC, plan_run(SPEC), errorless_after=errorless_after, tracker=Fixed(6))
    for _ in range(errorless_after - 1):
        policy.update(6, False)
        assert policy.next_level() == 6 and policy.notice is None
    policy.update(6, False)
    assert policy.next_level() == 5 and policy.next_rule() == "errorless"
    assert policy.notice == ENCOURAGEMENT
    policy.update(5, True)
    assert policy.next_level() == 6 and policy.notice is None and policy.next_rule() == "tracker"


def test_errorless_count_restarts_after_a_success():
    policy = LevelPolicy(SPEC, plan_run(SPEC), errorless_after=3, tracker=Fixed(6))
    for correct in (False, False, True, False, False):
        policy.update(6, correct)
    assert policy.next_level() == 6


def test_a_lock_holds_while_answers_still_reach_the_tracker():
    tracker = Fixed(7)
    policy = LevelPolicy(SPEC, plan_run(SPEC, locked_level=4), tracker=tracker)
    for correct in [True] * 6 + [False] * 6:
        assert policy.next_level() == 4 and policy.next_rule() == "lock"
        policy.update(4, correct)
    assert len(tracker.told) == 12 and policy.notice is None


def test_resume_starts_a_little_below_the_last_estimate():
    plan = plan_run(SPEC, last_estimate=(6.4, 0.3))
    assert (plan.start_level, plan.start_rule, plan.prior_mean) == (5, "resume", 6.4)
    assert plan_run(SPEC, last_estimate=(1.2, None)).start_level == SPEC.min_level
    assert plan_run(SPEC).start_rule == "start"
    with pytest.raises(ValueError):
        plan_run(SPEC, locked_level=99)


def test_a_resumed_tracker_keeps_to_the_comfort_band_from_its_second_trial():
    from games.core.engine.adaptive.bayes import COMFORT_BAND

    fresh = make_tracker(1, 10, 4, target=0.8)
    resumed = make_tracker(1, 10, 4, target=0.8, prior_mean=6.0, prior_sd=1.2)
    for tracker in (fresh, resumed):
        tracker.update(4, True)
    level = resumed.next_level()
    assert abs(resumed.predicted_success(level) - 0.8) <= COMFORT_BAND
    # a new player is still explored: the most informative level, outside the band here
    assert abs(fresh.predicted_success(fresh.next_level()) - 0.8) > COMFORT_BAND


def test_a_tracker_falling_three_levels_moves_the_run_one_step():
    tracker = Fixed(6)
    policy = LevelPolicy(SPEC, plan_run(SPEC), tracker=tracker)
    policy.update(6, False)
    tracker.level = 3
    assert policy.next_level() == 5 and policy.next_rule() == "tracker"


def test_the_errorless_step_down_is_one_level_when_the_tracker_wants_lower():
    tracker = Fixed(7)
    policy = LevelPolicy(SPEC, plan_run(SPEC), errorless_after=3, tracker=tracker)
    for level in (7, 7, 7):  # no step down and fewer than five steps: the run has not settled
        policy.update(level, False)
    tracker.level = 3
    assert policy.next_level() == 6 and policy.notice == ENCOURAGEMENT


def test_a_completed_run_ends_no_more_than_two_below_its_estimate():
    policy = LevelPolicy(SPEC, plan_run(SPEC), tracker=Fixed(3, ability=7.4))
    assert policy.next_level() == 3 and policy.end_level() == 5
    assert policy.end_level(completed=False) == 3  # a run left early keeps its level
    near = LevelPolicy(SPEC, plan_run(SPEC), tracker=Fixed(6, ability=7.4))
    assert near.end_level() == 6
    top = LevelPolicy(SPEC, plan_run(SPEC), tracker=Fixed(3, ability=SPEC.max_level + 2.9))
    assert top.end_level() == SPEC.max_level
    locked = LevelPolicy(SPEC, plan_run(SPEC, locked_level=3), tracker=Fixed(3, ability=7.4))
    assert locked.end_level() == 3
