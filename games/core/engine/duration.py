"""About how long a run of an exercise takes, said kindly before it starts ("about 3 min").

A client's own completed runs say it best (their median ``duration_s``); before they have any,
the spec's ``trials_per_run`` times a typical trial time per exercise. Those times were measured
with ``cogsuite simulate`` (abilities 0.5, 0.7 and 0.9, seeds 1 to 3: nine runs per exercise, on
the fake clock the real runs' timers also follow) as the median ``duration_s`` of the runs export
divided by ``trials_per_run``. Simulated players answer briskly, so a first real run may take a
little longer; after one completed run the client's own times take over.
"""

from __future__ import annotations

import math
from statistics import median
from typing import Mapping, Sequence

from games.core.engine.exercise import ExerciseSpec

TYPICAL_TRIAL_S: Mapping[str, float] = {
    "sequence_recall": 10.3, "digit_span": 11.9, "n_back": 3.0, "card_pairs": 38.0, "shopping_list": 22.2,
    "go_no_go": 2.0, "stroop": 1.8, "stroop_counting": 1.8, "visual_search": 2.4, "flanker": 1.9,
    "tower_of_london": 15.9, "trail_making": 30.7, "rule_switch": 2.6, "errands_planner": 13.0,
}
UNKNOWN_TRIAL_S = 10.0  # an exercise not measured yet: a middling guess rather than no time at all


def spec_run_s(spec: ExerciseSpec) -> float:
    """A run's length from the spec alone: trials per run times the exercise's typical trial time."""
    return spec.trials_per_run * TYPICAL_TRIAL_S.get(spec.id, UNKNOWN_TRIAL_S)


def run_estimate_s(spec: ExerciseSpec, own_durations_s: Sequence[float] = ()) -> float:
    """The median of the client's own completed runs when there are any, else ``spec_run_s``."""
    return median(own_durations_s) if own_durations_s else spec_run_s(spec)


def about_minutes(seconds: float) -> str:
    """Rounded kindly, halves up: whole minutes up to 10, then fives; never "0 min"."""
    minutes = seconds / 60.0
    shown = math.floor(minutes + 0.5) if minutes < 10 else 5 * math.floor(minutes / 5 + 0.5)
    return f"about {max(1, shown)} min"
