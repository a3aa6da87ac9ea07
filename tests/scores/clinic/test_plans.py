"""Session plans: the file format's round trip, every refusal with its sentence, ready plans, and the store's plans."""

from __future__ import annotations

import copy
import json

import pytest

from games.registry import level_ranges
from scores.clinic.plans import (MAX_FILE_BYTES, MAX_ITEMS, Plan, PlanError, PlanItem, plan_from_dict, plan_from_json,
                          read_plan_file, ready_plans)

RANGES = {"flanker": (1, 8), "digit_span": (2, 9), "go_no_go": (1, 9)}

GOOD = {
    "format": "cogsuite-plan", "version": 1, "name": "Zoë's plan", "description": "Two things.",
    "items": [
        {"kind": "mood"},
        {"kind": "exercise", "exercise": "flanker", "minutes": 4, "level": 3},
        {"kind": "breathing", "minutes": 2.5, "inhale_s": 3, "exhale_s": 7},
        {"kind": "exercise", "exercise": "digit_span", "minutes": 0.5},
    ],
}


def changed(path: tuple, value) -> dict:
    """GOOD with the value at ``path`` (keys and indexes) replaced, or removed when ``value`` is ...."""
    raw = copy.deepcopy(GOOD)
    target = raw
    for step in path[:-1]:
        target = target[step]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return raw


def test_round_trip_keeps_every_field():
    plan = plan_from_dict(GOOD, RANGES)
    assert plan.name == "Zoë's plan" and plan.description == "Two things." and not plan.ready
    assert plan.items == (
        PlanItem("mood"),
        PlanItem("exercise", exercise="flanker", minutes=4.0, level=3),
        PlanItem("breathing", minutes=2.5, inhale_s=3.0, exhale_s=7.0),
        PlanItem("exercise", exercise="digit_span", minutes=0.5),
    )
    assert plan.total_minutes == 7.0
    assert [item.planned_s for item in plan.items] == [None, 240.0, 150.0, 30.0]
    again = plan_from_json(plan.to_json(), RANGES)
    assert again == plan and again.to_dict() == plan.to_dict()
    assert json.loads(plan.to_json())["items"][1] == {"kind": "exercise", "exercise": "flanker", "minutes": 4.0,
                                                      "level": 3}
    assert "level" not in json.loads(plan.to_json())["items"][3]


def test_breathing_pace_defaults_when_left_out():
    raw = changed(("items", 2), {"kind": "breathing", "minutes": 2})
    item = plan_from_dict(raw, RANGES).items[2]
    assert (item.inhale_s, item.exhale_s) == (4.0, 6.0)


def test_name_and_description_are_trimmed():
    plan = plan_from_dict(changed(("name",), "  Morning  "), RANGES)
    assert plan.name == "Morning"
    assert plan_from_dict(changed(("description",), "x" * 900), RANGES).description == "x" * 500


@pytest.mark.parametrize("path, value, message", [
    (("format",), "other", 'This is not a cogsuite plan (it has no "format": "cogsuite-plan").'),
    (("format",), ..., 'This is not a cogsuite plan (it has no "format": "cogsuite-plan").'),
    (("version",), 2, "This plan has format version 2; this cogsuite reads version 1."),
    (("name",), ..., "A plan needs a name."),
    (("name",), "   ", "A plan needs a name."),
    (("name",), 7, "A plan needs a name."),
    (("name",), "x" * 81, "A plan name can be at most 80 characters long."),
    (("name",), "two\nlines", "A plan name cannot contain control characters such as line breaks or tabs."),
    (("description",), ["a"], "The plan's 'description' must be text."),
    (("items",), [], "The plan has no items; it needs a list of at least one."),
    (("items",), {"kind": "mood"}, "The plan has no items; it needs a list of at least one."),
    (("items",), [{"kind": "mood"}] * (MAX_ITEMS + 1), "The plan has 41 items; at most 40 are allowed."),
    (("items", 1), "flanker", "Item 2 is not an object with a 'kind'."),
    (("items", 0, "kind"), "game", "Item 1: kind 'game' is not one of exercise, breathing, mood."),
    (("items", 1, "minutes"), ..., "Item 2: 'minutes' must be a number, not None."),
    (("items", 1, "minutes"), "4", "Item 2: 'minutes' must be a number, not '4'."),
    (("items", 1, "minutes"), True, "Item 2: 'minutes' must be a number, not True."),
    (("items", 1, "minutes"), float("nan"), "Item 2: 'minutes' must be a number, not nan."),
    (("items", 1, "minutes"), -3, "Item 2: 'minutes' must be from 0.5 to 120, not -3."),
    (("items", 1, "minutes"), 0, "Item 2: 'minutes' must be from 0.5 to 120, not 0."),
    (("items", 1, "minutes"), 121, "Item 2: 'minutes' must be from 0.5 to 120, not 121."),
    (("items", 2, "minutes"), -1, "Item 3: 'minutes' must be from 0.5 to 120, not -1."),
    (("items", 1, "minutes"), 1e-300, "Item 2: 'minutes' must be from 0.5 to 120, not 1e-300."),
    (("items", 2, "minutes"), 0.49, "Item 3: 'minutes' must be from 0.5 to 120, not 0.49."),
    (("items", 2, "inhale_s"), 1, "Item 3: 'inhale_s' must be from 2 to 12, not 1."),
    (("items", 2, "exhale_s"), 12.5, "Item 3: 'exhale_s' must be from 2 to 12, not 12.5."),
    (("items", 2, "exhale_s"), None, "Item 3: 'exhale_s' must be a number, not None."),
    (("items", 1, "exercise"), "chess", "Item 2: there is no exercise 'chess' (see `cogsuite exercises`)."),
    (("items", 1, "exercise"), ..., "Item 2: there is no exercise None (see `cogsuite exercises`)."),
    (("items", 1, "exercise"), ["flanker"], "Item 2: there is no exercise ['flanker'] (see `cogsuite exercises`)."),
    (("items", 1, "exercise"), {"id": "flanker"}, "Item 2: there is no exercise {'id': 'flanker'} (see `cogsuite exercises`)."),
    (("items", 1, "level"), 9, "Item 2: level 9 is not a level of flanker (1 to 8)."),
    (("items", 3, "level"), 1, "Item 4: level 1 is not a level of digit_span (2 to 9)."),
    (("items", 1, "level"), 3.0, "Item 2: level 3.0 is not a level of flanker (1 to 8)."),
    (("items", 1, "level"), True, "Item 2: level True is not a level of flanker (1 to 8)."),
])
def test_every_refusal_names_the_item_and_field(path, value, message):
    with pytest.raises(PlanError) as caught:
        plan_from_dict(changed(path, value), RANGES)
    assert str(caught.value) == message


def test_not_json_and_not_an_object_are_refused():
    with pytest.raises(PlanError, match=r"^This is not a cogsuite plan \(not JSON: .* at line 1\)\.$"):
        plan_from_json("{name: plan", RANGES)
    with pytest.raises(PlanError, match="This is not a cogsuite plan"):
        plan_from_json("[1, 2]", RANGES)


def test_hostile_numbers_and_nesting_are_refused_with_a_sentence():
    huge = json.dumps(changed(("items", 1, "minutes"), 10**400))
    with pytest.raises(PlanError, match=r"^Item 2: 'minutes' must be from 0.5 to 120, not a far larger"):
        plan_from_json(huge, RANGES)
    with pytest.raises(PlanError, match=r"^This is not a cogsuite plan \(too deeply nested, or a number far too long"):
        plan_from_json('{"format": ' + "9" * 5000 + "}", RANGES)
    with pytest.raises(PlanError, match=r"^This is not a cogsuite plan \(too deeply nested"):
        plan_from_json("[" * 100_000 + "]" * 100_000, RANGES)


def test_read_plan_file_accepts_a_bom_and_names_the_file_on_problems(tmp_path):
    good = tmp_path / "good.cogsuite-plan.json"
    good.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode("utf-8"))
    assert read_plan_file(good, RANGES).name == "Zoë's plan"
    missing = tmp_path / "missing.json"
    with pytest.raises(PlanError, match=r"^Cannot read the plan file .*missing\.json \(No such file"):
        read_plan_file(missing, RANGES)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(PlanError, match=r"big\.json is larger than a plan can be \(256 KB\); it is not a plan\."):
        read_plan_file(big, RANGES)
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"name": "Zo\xeb"}')
    with pytest.raises(PlanError, match=r"latin\.json is not a cogsuite plan \(it is not UTF-8 text\)\."):
        read_plan_file(latin, RANGES)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(changed(("items", 1, "minutes"), -2)), encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        read_plan_file(bad, RANGES)
    assert str(caught.value) == f"{bad}: Item 2: 'minutes' must be from 0.5 to 120, not -2."


def test_ready_plans_parse_and_last_as_long_as_their_names_say():
    plans = ready_plans(level_ranges())
    assert {plan.name: plan.total_minutes for plan in plans} == {
        "Focus 10 minutes": 10.0, "Memory 20 minutes": 20.0, "Mixed 15 minutes": 15.0,
    }
    assert all(plan.ready for plan in plans)
    for plan in plans:
        assert plan.items[0] == PlanItem("mood") and plan.items[-1] == PlanItem("mood")
        assert any(item.kind == "breathing" for item in plan.items)


def test_a_ready_plan_for_a_missing_exercise_is_not_offered():
    ranges = level_ranges()
    del ranges["flanker"]
    assert "Focus 10 minutes" not in [plan.name for plan in ready_plans(ranges)]
    assert len(ready_plans(ranges)) == 2


# --- the store's plans ------------------------------------------------------------------------

def plan(name: str, minutes: float = 4.0) -> Plan:
    return Plan(name, (PlanItem("mood"), PlanItem("exercise", exercise="flanker", minutes=minutes)))


def test_save_lists_by_name_and_only_replacing_overwrites(store):
    store.save_plan(plan("Tuesday"))
    store.save_plan(plan("Monday"))
    assert [p.name for p in store.saved_plans(RANGES)] == ["Monday", "Tuesday"]
    with pytest.raises(PlanError, match="already exists"):
        store.save_plan(plan("Tuesday", minutes=9))  # a new plan never overwrites another
    assert store.saved_plans(RANGES)[1] == plan("Tuesday")
    store.save_plan(plan("Tuesday", minutes=9), replacing="Tuesday")
    assert store.saved_plans(RANGES)[1] == plan("Tuesday", minutes=9)
    assert not any(p.ready for p in store.saved_plans(RANGES))


def test_rename_through_replacing_keeps_one_plan(store):
    store.save_plan(plan("Tuesday"))
    store.save_plan(plan("Tuesday group", minutes=5), replacing="Tuesday")
    assert store.saved_plans(RANGES) == [plan("Tuesday group", minutes=5)]


def test_renaming_onto_another_plans_name_is_refused_and_changes_nothing(store):
    store.save_plan(plan("Monday"))
    store.save_plan(plan("Tuesday", minutes=6))
    with pytest.raises(PlanError, match=r"^A plan called 'Monday' already exists; choose another name\.$"):
        store.save_plan(plan("Monday", minutes=6), replacing="Tuesday")
    assert store.saved_plans(RANGES) == [plan("Monday"), plan("Tuesday", minutes=6)]


def test_delete_removes_only_the_named_plan(store):
    store.save_plan(plan("Monday"))
    store.save_plan(plan("Tuesday"))
    assert store.delete_plan("Monday") is True
    assert store.delete_plan("Monday") is False
    assert [p.name for p in store.saved_plans(RANGES)] == ["Tuesday"]


def test_a_saved_plan_naming_a_removed_exercise_is_left_out(store):
    store.save_plan(plan("Monday"))
    assert store.saved_plans({"digit_span": (2, 9)}) == []
    assert store.saved_plans(RANGES) == [plan("Monday")]
