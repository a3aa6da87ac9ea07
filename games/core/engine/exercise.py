"""The exercise protocol: a declared spec, pure logic, a thin view and a simulated player."""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping, Protocol, Sequence

if TYPE_CHECKING:  # only for the view protocol's types: the engine never imports pygame when run
    import pygame

from scores.domains import DOMAINS  # defined once, in scores

FIELD_TYPES: tuple[str, ...] = ("int", "float", "str", "bool")


class SpecError(ValueError):
    """A spec, parameter or level that does not make sense."""


@dataclass(frozen=True)
class Param:
    """One tunable parameter of an exercise, with its unit."""

    name: str
    default: Any
    unit: str
    description: str


@dataclass(frozen=True)
class Field:
    """One declared column of a trial or run record (feeds the export and its data dictionary)."""

    name: str
    type: str
    unit: str
    description: str

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise SpecError(f"field {self.name!r} has type {self.type!r}; use one of {FIELD_TYPES}")


@dataclass(frozen=True)
class Level:
    """What one difficulty level means, in words a therapist reads, plus its parameter values."""

    number: int
    summary: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExerciseSpec:
    """Everything an exercise declares about itself; bad combinations fail at construction."""

    id: str
    title: str
    domain: str
    description: str
    instructions: tuple[str, ...]
    params: tuple[Param, ...]
    levels: tuple[Level, ...]
    start_level: int
    chance_rate: float
    trials_per_run: int
    trial_fields: tuple[Field, ...]
    run_fields: tuple[Field, ...]
    target_rate: float = 0.8  # success rate the levels aim at; a therapist may set another per client
    errorless_after: int = 3  # failed steps in a row before the level steps down regardless
    typical_trial_s: float | None = None  # a trial's usual length, for "about 3 min" before a client has runs
    # refuses parameter values that cannot make a sensible trial (raises ValueError); run over
    # every level when the spec is built, and over the overrides of a run when its logic is made
    check_params: Callable[[Mapping[str, Any]], None] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.id.isidentifier():
            raise SpecError(f"exercise id {self.id!r} must be a plain identifier")
        if self.domain not in DOMAINS:
            raise SpecError(f"{self.id}: domain {self.domain!r} is not one of {DOMAINS}")
        numbers = [lv.number for lv in self.levels]
        if not numbers or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            raise SpecError(f"{self.id}: levels must be consecutive integers, got {numbers}")
        if not numbers[0] <= self.start_level <= numbers[-1]:
            raise SpecError(f"{self.id}: start level {self.start_level} is outside {numbers[0]}..{numbers[-1]}")
        if not 0.0 <= self.chance_rate < 1.0:
            raise SpecError(f"{self.id}: chance rate {self.chance_rate} must be in [0, 1)")
        if not self.chance_rate < self.target_rate < 1.0:
            raise SpecError(f"{self.id}: target rate {self.target_rate} must lie between the chance rate and 1")
        if self.errorless_after < 1:
            raise SpecError(f"{self.id}: errorless_after must be at least 1")
        if self.trials_per_run < 1:
            raise SpecError(f"{self.id}: trials_per_run must be at least 1")
        if self.typical_trial_s is not None and not self.typical_trial_s > 0:
            raise SpecError(f"{self.id}: typical_trial_s must be above 0 seconds")
        param_names = {p.name for p in self.params}
        for lv in self.levels:
            unknown = set(lv.params) - param_names
            if unknown:
                raise SpecError(f"{self.id}: level {lv.number} sets undeclared parameters {sorted(unknown)}")
        for kind, fields in (("trial", self.trial_fields), ("run", self.run_fields)):
            names = [f.name for f in fields]
            if len(names) != len(set(names)):
                raise SpecError(f"{self.id}: duplicate {kind} field names in {names}")
        for lv in self.levels:
            self._check(lv.number, {})

    @property
    def min_level(self) -> int:
        return self.levels[0].number

    @property
    def max_level(self) -> int:
        return self.levels[-1].number

    def level(self, number: int) -> Level:
        """Return the declared level ``number`` (clamped to the declared range)."""
        number = min(max(number, self.min_level), self.max_level)
        return self.levels[number - self.min_level]

    def params_at(self, number: int, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Parameter values at a level: defaults, then the level's values, then ``overrides``."""
        values = {p.name: p.default for p in self.params}
        values.update(self.level(number).params)
        for name, value in (overrides or {}).items():
            if name not in values:
                raise SpecError(f"{self.id} has no parameter {name!r}")
            values[name] = value
        return values

    def checked_params(self, number: int, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """``params_at(number, overrides)``, once the overrides are known to suit every level.

        A run may reach any level, so overrides are checked with each; without overrides the
        levels were checked when the spec was built.
        """
        if overrides:
            for lv in self.levels:
                self._check(lv.number, overrides)
        return self.params_at(number, overrides)

    def _check(self, number: int, overrides: Mapping[str, Any]) -> None:
        """Run ``check_params`` on a level's values, naming the exercise and level when it refuses."""
        if self.check_params is None:
            return
        values = self.params_at(number, overrides)
        try:
            self.check_params(values)
        except ValueError as refused:
            given = f" with {dict(overrides)}" if overrides else ""
            raise SpecError(f"{self.id}: level {number}{given}: {refused}") from refused


@dataclass
class TrialRecord:
    """One finished trial, as the logic emits it (the run adds ids and wall-clock time).

    Most exercises adapt after every trial. An exercise played in blocks (N-back) sets
    ``ends_step=False`` on every trial but a block's last, and there ``step_correct`` to the
    block's success: the level tracker sees one answer per block, and a run ends only at the
    end of a block.
    """

    trial_index: int
    level: int
    start_ms: float
    stimulus: str
    response: str
    is_correct: bool
    rt_ms: float | None
    timed_out: bool
    extra: dict[str, Any] = field(default_factory=dict)
    ends_step: bool = True
    step_correct: bool | None = None

    @property
    def step_success(self) -> bool:
        """What the level tracker is told when this record ends a step."""
        return self.is_correct if self.step_correct is None else self.step_correct


class ExerciseLogic(Protocol):
    """Pure state machine for one run of an exercise, driven by ``(action, now_ms)``.

    The runner calls ``start_trial(level, now_ms)`` whenever ``needs_trial`` is true (for a
    block exercise, it starts the next block at that level), feeds
    actions through ``handle`` and the passage of time through ``tick``; both return the
    trials that finished. ``awaiting_onset`` is true when the next drawn frame shows a
    stimulus whose onset must be stamped with ``mark_onset`` right after the flip.
    """

    needs_trial: bool
    awaiting_onset: bool
    trial_index: int  # 1-based number of the current (or last) trial; 0 before the first

    def start_trial(self, level: int, now_ms: float) -> None: ...

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]: ...

    def tick(self, now_ms: float) -> list[TrialRecord]: ...

    def mark_onset(self, now_ms: float) -> None: ...

    def next_change_ms(self) -> float | None:
        """When the logic will next change by itself (a timer), or None if it waits for input."""
        ...


class ExerciseView(Protocol):
    """What the launcher, the session screen, the instructions and the test pilot use of a view.

    A view is made with the theme (``exercise.make_view(theme)``), draws the logic's read-only
    state and changes nothing in it; the only state it keeps is where it drew things, so that a
    click can be mapped back to an action. Key and mouse bindings live here, in one place.

    Optional member: ``draw_feedback(surface, area, record, elapsed_ms)``, on views whose
    exercise has a ``replay_ms``, see ``ReplayingView``. Callers look for it with ``hasattr``.
    """

    theme: Any  # the ui Theme; set again before each frame, as a window made smaller may change it

    def action_for(self, event: pygame.event.Event, logic: Any) -> Any:
        """The domain action a key press or click means for ``logic`` now, or None to ignore it."""
        ...

    def key_for(self, action: Any, logic: Any) -> int | None:
        """The key that gives ``action`` (the inverse of ``action_for``), or None; for the pilot."""
        ...

    def click_for(self, action: Any, logic: Any) -> tuple[int, int] | None:
        """Where to click on the frame last drawn to give ``action``, or None; for the pilot."""
        ...

    def next_redraw_ms(self, logic: Any, now_ms: float) -> float | None:
        """When the picture changes by itself though the logic does not (a flash ending), or
        None; the logic's own timers are the run's to ask for."""
        ...

    def draw(self, surface: pygame.Surface, area: pygame.Rect, logic: Any, now_ms: float) -> None:
        """Draw ``logic``'s state at ``now_ms`` (the logic's clock) inside ``area``."""
        ...

    def draw_picture(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Draw the instructions' picture (and the exercise list's tile) inside ``area``, with no logic."""
        ...


class ReplayingView(ExerciseView, Protocol):
    """A view that shows the right answer again after a miss (optional: few views have it)."""

    def draw_feedback(self, surface: pygame.Surface, area: pygame.Rect, record: TrialRecord,
                      elapsed_ms: float) -> None:
        """Draw the replay of ``record``'s right answer, ``elapsed_ms`` into the feedback moment;
        it lasts the exercise's ``replay_ms(record)``."""
        ...


class SimulatedPlayer(Protocol):
    """Answers like a person of a given ability; returns ``(at_ms, action)`` or None to wait."""

    def next_action(self, logic: Any, now_ms: float) -> tuple[float, Any] | None: ...


def lazy_view(module: str, name: str) -> Callable[..., ExerciseView]:
    """A view factory that imports its module (and so pygame) only when a view is made."""

    def make_view(*args: Any, **kwargs: Any) -> ExerciseView:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return make_view


def no_words(record: TrialRecord) -> str | None:
    """The default explanation of an answer that was not right: none (a plain "Not quite")."""
    return None


def no_replay(record: TrialRecord) -> float:
    """The default time an exercise's view takes to show the right answer after a miss: none."""
    return 0.0


@dataclass(frozen=True)
class Exercise:
    """An exercise as the registry, launcher, runner and exports see it.

    ``feedback_words(record)`` says in one plain sentence what was right after an answer that was
    not ("That was a square: wait for the circles."), or None; ``replay_ms(record)`` is how long
    the view's ``draw_feedback``, when it has one, takes to show the right answer again.
    """

    spec: ExerciseSpec
    make_logic: Callable[[random.Random, Mapping[str, Any]], ExerciseLogic]
    make_view: Callable[..., ExerciseView]  # called with the theme
    make_player: Callable[[float, random.Random], SimulatedPlayer]
    summarize: Callable[[Sequence[TrialRecord]], dict[str, Any]]
    feedback_words: Callable[[TrialRecord], str | None] = no_words
    replay_ms: Callable[[TrialRecord], float] = no_replay

    @property
    def id(self) -> str:
        return self.spec.id
