"""Declared specs: bad combinations fail at construction; parameters merge by level."""

import dataclasses

import pytest

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param, SpecError
from games.registry import EXERCISES, UnknownExercise, by_domain, get_exercise


def spec(**changes):
    base = dict(
        id="demo", title="Demo", domain="memory", description="d", instructions=("i",),
        params=(Param("items", 2, "items", "how many"), Param("show_ms", 500, "ms", "how long")),
        levels=(Level(1, "two", {"items": 2}), Level(2, "three", {"items": 3})),
        start_level=1, chance_rate=0.0, trials_per_run=5,
        trial_fields=(Field("x", "int", "", "x"),), run_fields=(),
    )
    base.update(changes)
    return ExerciseSpec(**base)


def test_params_at_merges_defaults_level_and_overrides():
    s = spec()
    assert s.params_at(2) == {"items": 3, "show_ms": 500}
    assert s.params_at(2, {"show_ms": 200}) == {"items": 3, "show_ms": 200}
    assert s.params_at(99)["items"] == 3  # clamped to the top level
    with pytest.raises(SpecError):
        s.params_at(1, {"nope": 1})


@pytest.mark.parametrize(
    "changes",
    [
        dict(domain="cooking"),
        dict(levels=(Level(1, "a"), Level(3, "b"))),
        dict(start_level=5),
        dict(chance_rate=1.0),
        dict(levels=(Level(1, "a", {"colour": 1}),)),
        dict(trial_fields=(Field("x", "int", "", ""), Field("x", "int", "", ""))),
        dict(id="not an id"),
        dict(trials_per_run=0),
    ],
)
def test_bad_specs_fail_at_construction(changes):
    with pytest.raises(SpecError):
        spec(**changes)


def test_bad_field_type_fails():
    with pytest.raises(SpecError):
        Field("x", "complex", "", "")


def test_registry_lookup_and_grouping():
    assert get_exercise("sequence_recall").spec.domain == "memory"
    with pytest.raises(UnknownExercise, match="sequence_recall"):
        get_exercise("chess")
    grouped = by_domain()
    assert sorted(e.id for _, items in grouped for e in items) == sorted(e.id for e in EXERCISES)
    assert all(items and all(e.spec.domain == d for e in items) for d, items in grouped)


def test_every_registered_exercise_declares_units_and_fields():
    for exercise in EXERCISES:
        s = exercise.spec
        assert all(p.unit is not None and p.description for p in s.params)
        assert s.min_level < s.max_level
        assert dataclasses.is_dataclass(s)
