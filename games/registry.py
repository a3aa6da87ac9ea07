"""The one explicit list of exercises the launcher shows, in the order it shows them."""

from __future__ import annotations

from games.core.engine.exercise import DOMAINS, Exercise
from games.focus.flanker import EXERCISE as FLANKER
from games.focus.go_no_go import EXERCISE as GO_NO_GO
from games.focus.stroop import COUNTING_EXERCISE as STROOP_COUNTING
from games.focus.stroop import EXERCISE as STROOP
from games.focus.visual_search import EXERCISE as VISUAL_SEARCH
from games.memory.card_pairs import EXERCISE as CARD_PAIRS
from games.memory.digit_span import EXERCISE as DIGIT_SPAN
from games.memory.n_back import EXERCISE as N_BACK
from games.memory.sequence_recall import EXERCISE as SEQUENCE_RECALL
from games.memory.shopping_list import EXERCISE as SHOPPING_LIST
from games.problem_solving.errands_planner import EXERCISE as ERRANDS_PLANNER
from games.problem_solving.rule_switch import EXERCISE as RULE_SWITCH
from games.problem_solving.tower_of_london import EXERCISE as TOWER_OF_LONDON
from games.problem_solving.trail_making import EXERCISE as TRAIL_MAKING

EXERCISES: tuple[Exercise, ...] = (
    SEQUENCE_RECALL, DIGIT_SPAN, N_BACK, CARD_PAIRS, SHOPPING_LIST,
    GO_NO_GO, STROOP, STROOP_COUNTING, VISUAL_SEARCH, FLANKER,
    TOWER_OF_LONDON, TRAIL_MAKING, RULE_SWITCH, ERRANDS_PLANNER,
)


class UnknownExercise(KeyError):
    """An exercise id the registry does not hold."""

    def __str__(self) -> str:
        known = ", ".join(e.id for e in EXERCISES)
        return f"There is no exercise {self.args[0]!r}; the exercises are: {known}."


def get_exercise(exercise_id: str) -> Exercise:
    for exercise in EXERCISES:
        if exercise.id == exercise_id:
            return exercise
    raise UnknownExercise(exercise_id)


def by_domain() -> list[tuple[str, list[Exercise]]]:
    """The exercises grouped by domain, in the domains' fixed order, leaving out empty domains."""
    groups = [(d, [e for e in EXERCISES if e.spec.domain == d]) for d in DOMAINS]
    return [(d, items) for d, items in groups if items]


def level_ranges() -> dict[str, tuple[int, int]]:
    """Each exercise's lowest and highest level, which is what a plan file is checked against."""
    return {e.id: (e.spec.min_level, e.spec.max_level) for e in EXERCISES}


def all_plans(store) -> list:
    """The ready plans that ship with the program, then the plans saved in ``store``."""
    from scores.clinic.plans import ready_plans

    ranges = level_ranges()
    return ready_plans(ranges) + store.saved_plans(ranges)


def exercise_infos() -> list:
    """What the progress model and the report need to know of each exercise, in the list's order."""
    from scores.analysis.progress import ExerciseInfo

    return [ExerciseInfo(e.id, e.spec.title, e.spec.domain, e.spec.min_level, e.spec.max_level, e.spec.target_rate)
            for e in EXERCISES]
