"""The one explicit list of exercises the launcher shows, in the order it shows them."""

from __future__ import annotations

from games.core.exercise import DOMAINS, Exercise
from games.memory.sequence_recall import EXERCISE as SEQUENCE_RECALL

EXERCISES: tuple[Exercise, ...] = (SEQUENCE_RECALL,)


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
