"""Simulated runs for the adaptation tests: each exercise's settings, and its strong and weak runs."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import simulate_session
from games.registry import get_exercise

WALL = datetime(2026, 1, 5, 10, tzinfo=timezone.utc)
STRONG, WEAK = 0.9, 0.3  # the abilities of the simulated players that climb and that settle low


@dataclass(frozen=True)
class Climb:
    """How an exercise's strong and weak players are compared, and what each must reach."""

    seeds: int  # seeds 0..seeds-1, a strong and a weak run for each
    n_trials: int | None  # None: the spec's run length
    strong_at_least: int | None  # every strong run ends at this level or above; None: above the start
    weak_at_most: int | None  # no weak run ends above this level; None: below the top level
    ability_gap: float = 0.0  # the strong runs' mean ability exceeds the weak runs' by more than this


CLIMBS = {
    "card_pairs": Climb(5, 30, 7, 6, 2.5),
    "digit_span": Climb(6, 40, None, 5, 2.5),
    "n_back": Climb(5, 250, 6, 4),
    "sequence_recall": Climb(8, 40, None, 6, 2.5),
    "shopping_list": Climb(6, 40, 5, 5, 2),
    "flanker": Climb(8, None, None, 6),
    "go_no_go": Climb(5, 120, 5, 4),
    "stroop": Climb(6, 40, None, None),
    "stroop_counting": Climb(6, 40, None, None),
    "visual_search": Climb(6, None, 6, 5),
    "errands_planner": Climb(5, 30, 6, 5, 1.5),
    "rule_switch": Climb(6, 40, None, None),
    "tower_of_london": Climb(5, 30, 6, 5, 2),
    "trail_making": Climb(4, 30, 8, 7),
}

# (ability, seed, trials) of the run whose every trial is checked in the store; None: the spec's length
STORED = {
    "card_pairs": (0.7, 11, 12), "digit_span": (0.7, 11, 12), "n_back": (0.7, 3, None),
    "sequence_recall": (0.7, 11, 25), "shopping_list": (0.7, 11, 15), "flanker": (0.5, 3, None),
    "go_no_go": (0.7, 3, None), "stroop": (0.7, 11, 30), "stroop_counting": (0.7, 11, 30),
    "visual_search": (0.7, 11, 25), "errands_planner": (0.7, 11, 10), "rule_switch": (0.7, 3, 30),
    "tower_of_london": (0.6, 7, 10), "trail_making": (0.7, 3, 10),
}
# stored runs whose player is seeded apart from the run (their old tests built them so); others use seed + 1
STORED_PLAYER_SEEDS = {"n_back": 2, "go_no_go": 2}

# trials in the replayed run (seed 5, ability 0.6)
REPLAYED = {"stroop_counting": 40, "sequence_recall": 40, "visual_search": 20, "card_pairs": 8, "errands_planner": 6}
REPLAYED_DEFAULT = 12


def simulate(store: Any, exercise_id: str, ability: float, seed: int, n_trials: int | None = None,
             params: dict | None = None, player_seed: int | None = None) -> ExerciseRun:
    """One simulated session of one run, for a client of its own ability, recorded in ``store``."""
    exercise = get_exercise(exercise_id)
    name = f"sim-{ability}"
    client = store.get_client(name) or store.add_client(name)
    player = exercise.make_player(ability, random.Random(seed + 1 if player_seed is None else player_seed))
    return simulate_session(exercise, store, client, player, seed=seed, n_trials=n_trials, params=params,
                            wall_start=WALL)


def climb_runs(store: Any, exercise_id: str) -> tuple[list[ExerciseRun], list[ExerciseRun]]:
    """The exercise's strong runs and weak runs, one of each for every seed of its ``Climb``."""
    climb = CLIMBS[exercise_id]
    strong = [simulate(store, exercise_id, STRONG, seed, climb.n_trials) for seed in range(climb.seeds)]
    weak = [simulate(store, exercise_id, WEAK, seed, climb.n_trials) for seed in range(climb.seeds)]
    return strong, weak


def stored_run(store: Any, exercise_id: str) -> ExerciseRun:
    """The one run whose trials the store tests read back."""
    ability, seed, n_trials = STORED[exercise_id]
    return simulate(store, exercise_id, ability, seed, n_trials,
                    player_seed=STORED_PLAYER_SEEDS.get(exercise_id, seed + 1))
