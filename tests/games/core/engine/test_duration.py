"""About how long a run takes: from the spec's trials and measured trial time, or the client's own runs."""

import pytest

from games.core.engine.duration import about_minutes, run_estimate_s, spec_run_s
from games.registry import EXERCISES, get_exercise


def test_from_the_spec_trials_per_run_times_the_typical_trial_time():
    spec = get_exercise("sequence_recall").spec
    assert spec_run_s(spec) == pytest.approx(12 * 10.3)
    assert run_estimate_s(spec) == spec_run_s(spec)
    assert about_minutes(run_estimate_s(spec)) == "about 2 min"
    assert about_minutes(run_estimate_s(get_exercise("card_pairs").spec)) == "about 5 min"  # 8 x 38 s


def test_from_the_clients_own_runs_their_median():
    spec = get_exercise("sequence_recall").spec
    assert run_estimate_s(spec, [300.0, 420.0, 280.0]) == 300.0
    assert run_estimate_s(spec, [60.0, 100.0]) == 80.0
    assert about_minutes(run_estimate_s(spec, [400.0, 420.0, 440.0])) == "about 7 min"


@pytest.mark.parametrize("seconds, words", [
    (0.0, "about 1 min"), (20.0, "about 1 min"), (89.0, "about 1 min"), (91.0, "about 2 min"), (150.0, "about 3 min"),
    (4 * 60 + 40, "about 5 min"), (9 * 60 + 20, "about 9 min"), (13 * 60, "about 15 min"), (21 * 60, "about 20 min"),
])
def test_rounded_kindly_and_never_zero(seconds, words):
    assert about_minutes(seconds) == words


def test_every_exercise_has_a_measured_trial_time_and_a_run_of_a_few_minutes():
    for exercise in EXERCISES:
        assert exercise.spec.typical_trial_s is not None, exercise.id
        assert 60 <= spec_run_s(exercise.spec) <= 6 * 60, exercise.id
