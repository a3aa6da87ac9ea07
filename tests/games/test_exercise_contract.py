"""The exercise contract, checked for every registered exercise, and the run's refusals of what is not declared."""

import dataclasses
import random
from datetime import datetime, timezone

import pygame
import pytest

from games.core.engine.adaptive.policy import plan_run
from games.core.engine.clock import FakeClock
from games.core.engine.exercise import (
    Exercise, ExerciseLogic, ExerciseSpec, ExerciseView, Field, Level, Param, ReplayingView, SpecError, TrialRecord,
    no_replay,
)
from games.core.engine.run import ExerciseRun
from games.core.engine.simulate import play_run
from games.core.ui.theme import Theme
from games.registry import EXERCISES
from recorder import Recorder

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def members(protocol: type) -> set[str]:
    """The names a protocol declares itself: its attributes and its methods."""
    own = {name for name in vars(protocol) if not name.startswith("_")}
    return own | set(getattr(protocol, "__annotations__", {}))


def played(exercise: Exercise, level: int, seed: int = 3) -> ExerciseRun:
    """A whole run by a simulated player, held at ``level``."""
    run = ExerciseRun(exercise, store=Recorder(), session_id="s", client=None, seed=seed, wall_start=NOW,
                      plan=plan_run(exercise.spec, locked_level=level), simulated=True)
    play_run(run, exercise.make_player(0.7, random.Random(seed)), FakeClock())
    return run


def test_the_protocols_name_what_the_launcher_and_the_pilot_use():
    assert members(ExerciseView) == {
        "theme", "action_for", "key_for", "click_for", "next_redraw_ms", "draw", "draw_picture"}
    assert members(ReplayingView) == {"draw_feedback"}  # the optional member, on its own
    assert members(ExerciseLogic) >= {
        "needs_trial", "awaiting_onset", "trial_index", "start_trial", "handle", "tick", "mark_onset", "next_change_ms"}


# -- every registered exercise ---------------------------------------------------------------
@pytest.fixture(params=EXERCISES, ids=[e.id for e in EXERCISES])
def exercise(request):
    return request.param


def test_the_spec_validates_every_level(exercise):
    spec = exercise.spec
    rebuilt = dataclasses.replace(spec)  # builds it again: every level goes through check_params
    assert rebuilt == spec
    for level in spec.levels:
        if spec.check_params is not None:
            spec.check_params(spec.params_at(level.number))
        assert spec.checked_params(level.number) == spec.params_at(level.number)


def test_the_logic_has_every_member_of_the_logic_protocol(exercise):
    logic = exercise.make_logic(random.Random(1), {})
    missing = {name for name in members(ExerciseLogic) if not hasattr(logic, name)}
    assert not missing
    assert logic.needs_trial and logic.trial_index == 0
    logic.start_trial(exercise.spec.start_level, 0.0)
    assert not logic.needs_trial


def test_the_view_has_every_required_member_and_draws_its_picture(exercise):
    pygame.init()
    view = exercise.make_view(Theme.create())
    missing = {name for name in members(ExerciseView) if not hasattr(view, name)}
    assert not missing
    assert all(callable(getattr(view, name)) for name in members(ExerciseView) - {"theme"})
    if exercise.replay_ms is not no_replay:  # its feedback moment shows the answer again
        assert callable(getattr(view, "draw_feedback", None))
    surface = pygame.Surface((500, 400))
    surface.fill((0, 0, 0))
    view.draw_picture(surface, pygame.Rect(10, 10, 480, 380))
    assert pygame.transform.average_color(surface) != (0, 0, 0, 255)


@pytest.mark.parametrize("end", ["lowest", "highest"])
def test_a_simulated_run_records_only_what_its_spec_declares(exercise, end):
    spec = exercise.spec
    run = played(exercise, spec.min_level if end == "lowest" else spec.max_level)
    declared = {f.name for f in spec.trial_fields}
    assert run.records and all(set(r.extra) <= declared for r in run.records)
    assert set(run.summary.measures) == {f.name for f in spec.run_fields}
    assert set(exercise.summarize([])) == {f.name for f in spec.run_fields}
    for record in run.records:
        words = exercise.feedback_words(record)
        assert words is None or (isinstance(words, str) and words)
        assert exercise.replay_ms(record) >= 0.0


# -- the refusals, with a tiny exercise -----------------------------------------------------
def tiny_spec(**changes) -> ExerciseSpec:
    def check(params):
        if params["show_ms"] <= params["fixation_ms"]:
            raise ValueError("show_ms must be longer than fixation_ms")

    base = dict(
        id="tiny", title="Tiny", domain="focus", description="d", instructions=("i",),
        params=(Param("show_ms", 900, "ms", "how long"), Param("fixation_ms", 100, "ms", "the '+'")),
        levels=(Level(1, "slow", {"show_ms": 900}), Level(2, "quick", {"show_ms": 300})),
        start_level=1, chance_rate=0.0, trials_per_run=2, check_params=check,
        trial_fields=(Field("side", "str", "", "Where."),), run_fields=(Field("score", "int", "", "How many."),),
    )
    return ExerciseSpec(**{**base, **changes})


class TinyLogic:
    """Each tick finishes one trial, whose extras are the ones it was given."""

    extra: dict = {"side": "left"}

    def __init__(self, rng, overrides):
        self.needs_trial, self.awaiting_onset, self.trial_index = True, False, 0

    def start_trial(self, level, now_ms):
        self.needs_trial, self.level = False, level

    def tick(self, now_ms):
        self.trial_index += 1
        self.needs_trial = True
        return [TrialRecord(self.trial_index, self.level, now_ms, "s", "r", True, 300.0, False, dict(self.extra))]

    def handle(self, action, now_ms):
        return []

    def mark_onset(self, now_ms):
        pass

    def next_change_ms(self):
        return None


def tiny_run(extra, measures) -> tuple[ExerciseRun, Recorder]:
    logic = type("Logic", (TinyLogic,), {"extra": extra})
    exercise = Exercise(tiny_spec(), logic, lambda theme: None, lambda ability, rng: None, lambda records: measures)
    recorder = Recorder()
    run = ExerciseRun(exercise, store=recorder, session_id="s", client=None, seed=1, wall_start=NOW)
    run.start(0.0)
    return run, recorder


def test_a_run_of_declared_records_is_stored():
    run, recorder = tiny_run({"side": "left"}, {"score": 2})
    run.tick(1.0)
    run.tick(2.0)
    assert len(recorder.trials) == 2 and recorder.finished["measures"] == {"score": 2}


def test_an_undeclared_trial_extra_is_refused_before_it_is_stored():
    run, recorder = tiny_run({"side": "left", "colour": "red"}, {"score": 1})
    with pytest.raises(SpecError, match=r"tiny: trial 1 has extras \['colour'\] not declared"):
        run.tick(1.0)
    assert recorder.trials == []


@pytest.mark.parametrize("measures, wrong", [
    ({}, r"declared \['score'\] missing"),
    ({"score": 2, "bonus": 1}, r"\['bonus'\] not declared"),
])
def test_a_summary_that_differs_from_the_run_fields_is_refused(measures, wrong):
    run, recorder = tiny_run({"side": "left"}, measures)
    run.tick(1.0)
    with pytest.raises(SpecError, match=f"tiny: summary has measures {wrong}"):
        run.tick(2.0)
    assert recorder.finished is None


def test_a_level_that_breaks_check_params_fails_when_the_spec_is_built():
    tiny_spec()  # both levels sensible
    with pytest.raises(SpecError, match="tiny: level 2: show_ms must be longer than fixation_ms"):
        tiny_spec(levels=(Level(1, "slow", {"show_ms": 900}), Level(2, "too quick", {"show_ms": 50})))


def test_overrides_are_checked_at_every_level_a_run_may_reach():
    spec = tiny_spec()
    assert spec.checked_params(1, {"fixation_ms": 200}) == {"show_ms": 900, "fixation_ms": 200}
    with pytest.raises(SpecError, match=r"tiny: level 2 with \{'fixation_ms': 500\}"):
        spec.checked_params(1, {"fixation_ms": 500})  # fine at level 1, not at level 2
    assert spec.params_at(1, {"fixation_ms": 500})["fixation_ms"] == 500  # unchecked, as before
