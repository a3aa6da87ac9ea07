"""About how long a run of an exercise takes, said kindly before it starts ("about 3 min").

A client's own completed runs say it best (their median ``duration_s``); before they have any,
the spec's ``trials_per_run`` times its declared ``typical_trial_s``. Those times were measured
with ``cogsuite simulate`` (abilities 0.5, 0.7 and 0.9, seeds 1 to 3: nine runs per exercise, on
the fake clock the real runs' timers also follow) as the median ``duration_s`` of the runs export
divided by ``trials_per_run``. Simulated players answer briskly, so a first real run may take a
little longer; after one completed run the client's own times take over.
"""

from __future__ import annotations

import math
from statistics import median
from typing import Sequence

from games.core.engine.exercise import ExerciseSpec

UNKNOWN_TRIAL_S = 10.0  # an exercise not measured yet: a middling guess rather than no time at all


def spec_run_s(spec: ExerciseSpec) -> float:
    """A run's length from the spec alone: trials per run times the exercise's typical trial time."""
    typical_s = spec.typical_trial_s if spec.typical_trial_s is not None else UNKNOWN_TRIAL_S
    return spec.trials_per_run * typical_s


def run_estimate_s(spec: ExerciseSpec, own_durations_s: Sequence[float] = ()) -> float:
    """The median of the client's own completed runs when there are any, else ``spec_run_s``."""
    return median(own_durations_s) if own_durations_s else spec_run_s(spec)


def about_minutes(seconds: float) -> str:
    """Rounded kindly, halves up: whole minutes up to 10, then fives; never "0 min"."""
    minutes = seconds / 60.0
    shown = math.floor(minutes + 0.5) if minutes < 10 else 5 * math.floor(minutes / 5 + 0.5)
    return f"about {max(1, shown)} min"
