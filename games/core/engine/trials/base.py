"""What every exercise logic builds on: the set-up each one repeats, and the answers its trial template gives."""

from __future__ import annotations

import random
from typing import Any, Callable, ClassVar, Mapping, TypeVar

from games.core.engine.exercise import ExerciseSpec
from games.core.engine.trials.template import TrialTemplate

L = TypeVar("L", bound="LogicBase")


class LogicBase:
    """The state every logic starts with: its spec, randomness, overrides, and the start level's parameters.

    ``default_spec`` is the exercise a logic class plays when it is made without a ``spec`` (as tests
    do); an exercise's ``make_logic`` (see ``logic_factory``) always names its spec, so one class can
    play two exercises (Stroop's colour and counting variants).

    Args:
        rng: the run's random generator; the logic's only source of randomness.
        overrides: parameter values that replace the level's, at every level.
        spec: the exercise played; ``default_spec`` when None.
    """

    default_spec: ClassVar[ExerciseSpec]

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None, *,
                 spec: ExerciseSpec | None = None) -> None:
        self.spec = spec if spec is not None else self.default_spec
        self._rng = rng
        self._overrides = dict(overrides or {})
        self.params = self.spec.checked_params(self.spec.start_level, self._overrides)
        self.level = self.spec.start_level
        self.trial_index = 0  # 1-based number of the current (or last) trial; 0 before the first

    def take_level(self, level: int) -> dict[str, Any]:
        """Play the next trial at ``level``: its parameters (with the overrides) become ``params``."""
        self.level = level
        self.params = self.spec.params_at(level, self._overrides)
        return self.params


class OnTimeline(LogicBase):
    """A logic whose trial timing is a template kept in ``self.timeline`` (``TimedResponse``,
    ``ShowThenRecall``, ``SelfPaced`` or ``TimedBlock``): the part of the logic protocol it answers."""

    timeline: TrialTemplate

    @property
    def phase(self) -> Any:
        return self.timeline.phase

    @phase.setter
    def phase(self, phase: Any) -> None:
        """Tests set the phase to skip a trial they do not play (e.g. back to IDLE)."""
        self.timeline.phase = phase

    @property
    def onset_ms(self) -> float | None:
        return self.timeline.onset_ms

    @property
    def needs_trial(self) -> bool:
        return self.timeline.idle

    @property
    def awaiting_onset(self) -> bool:
        return self.timeline.awaiting_onset

    def next_change_ms(self) -> float | None:
        return self.timeline.next_change_ms()

    def mark_onset(self, now_ms: float) -> None:
        self.timeline.mark_onset(now_ms)


def logic_factory(logic_class: type[L], spec: ExerciseSpec) -> Callable[[random.Random, Mapping[str, Any]], L]:
    """An exercise's ``make_logic``: a new ``logic_class`` playing ``spec`` for each run."""

    def make_logic(rng: random.Random, overrides: Mapping[str, Any]) -> L:
        return logic_class(rng, overrides, spec=spec)

    return make_logic
