"""Rule Switch logic: deal a card, take the key card it is put with, score it by the hidden rule."""

from __future__ import annotations

import random
from typing import Any, Mapping, NamedTuple, Sequence

from games.core.engine.actions import Select
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.self_paced import Phase, SelfPaced
from games.problem_solving.rule_switch.spec import (
    COLOURS, DIMENSIONS, FILLS, N_KEYS, SHAPES, SPEC,
)


class Card(NamedTuple):
    """A card's value index (0-3) in each dimension; key card k has value k everywhere."""

    colour: int
    shape: int
    number: int
    fill: int = 0

    def value(self, dimension: str) -> int:
        return getattr(self, dimension)

    def describe(self, n_dimensions: int = 4) -> str:
        """E.g. ``"3 green crosses, striped"`` (fill only when it is in play)."""
        count = self.number + 1
        shape = SHAPES[self.shape] + ("es" if SHAPES[self.shape] == "cross" and count > 1 else "s" if count > 1 else "")
        text = f"{count} {COLOURS[self.colour]} {shape}"
        return f"{text}, {FILLS[self.fill]}" if n_dimensions == 4 else text


def key_card(k: int, n_dimensions: int) -> Card:
    """Key card ``k`` (0-based): one blue triangle, two green stars, three orange crosses, four purple circles."""
    return Card(k, k, k, k if n_dimensions == 4 else 0)


def matched_dimensions(card: Card, key: int, dims: Sequence[str]) -> tuple[str, ...]:
    """The dimensions in play on which ``card`` matches key card ``key``."""
    return tuple(d for d in dims if card.value(d) == key)


def deal(rng: random.Random, n_dimensions: int, previous: Card | None = None) -> Card:
    """A card that matches each key card on at most one dimension (as in Nelson's modified card
    sort), so every sort shows which one rule it followed. Never the same card twice running."""
    while True:
        values = rng.sample(range(N_KEYS), n_dimensions)
        card = Card(*values) if n_dimensions == 4 else Card(*values, 0)
        if card != previous:
            return card


class RuleSwitchLogic(OnTimeline):
    """State machine of one run of card sorts; times are in ms and come in as arguments.

    Args:
        rng: the run's random generator (cards, first rule, each new rule).
        overrides: parameter values that replace the level's.
        first_rule: the rule to begin with (for tests); otherwise drawn from ``rng``.
        spec: the exercise played (see ``LogicBase``).

    A card waits to be sorted (SORT) until it is, or until ``idle_timeout_ms`` passes; then
    "Right" or "Not quite" shows a moment (FEEDBACK).
    """

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None,
                 first_rule: str | None = None, *, spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self.timeline = SelfPaced()
        self.rule: str | None = first_rule
        self.previous_rule: str | None = None
        self.streak = 0  # right sorts in a row under the current rule
        self.category = 1
        self.card: Card | None = None
        self.chosen: int | None = None  # key card (0-based) of the current or last sort
        self.last_correct: bool | None = None
        self.last_sort: tuple[int, Card, int, bool] | None = None  # (trial, card, key, right) of the last sort

    # -- what the view, the player and the run read ----------------------------------------
    @property
    def dims(self) -> tuple[str, ...]:
        return DIMENSIONS[: int(self.params["n_dimensions"])]

    @property
    def n_dimensions(self) -> int:
        return int(self.params["n_dimensions"])

    def keys(self) -> list[Card]:
        return [key_card(k, self.n_dimensions) for k in range(N_KEYS)]

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        self.take_level(level)
        if self.rule is None:
            self.rule = self._rng.choice(self.dims)
        elif self.rule not in self.dims:
            self._change_rule()  # an easier level took fill away: a new rule, unannounced
        self.trial_index += 1
        self.card = deal(self._rng, self.n_dimensions, self.card)
        self.chosen, self.last_correct = None, None
        self.timeline.begin(now_ms, limit_ms=float(self.params["idle_timeout_ms"]))

    def tick(self, now_ms: float) -> list[TrialRecord]:
        return [self._finish(now_ms, None)] if self.timeline.advance(now_ms) else []

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if self.phase is Phase.SORT and isinstance(action, Select) and 0 <= action.index < N_KEYS:
            self.mark_onset(now_ms)  # an answer on the very frame the card appeared
            finished.append(self._finish(now_ms, action.index))
        return finished

    # -- internals -------------------------------------------------------------------------
    def _change_rule(self) -> None:
        self.previous_rule = self.rule
        self.rule = self._rng.choice([d for d in self.dims if d != self.rule])
        self.streak = 0
        self.category += 1

    def _finish(self, now_ms: float, key: int | None) -> TrialRecord:
        timed_out = key is None
        matched = () if timed_out else matched_dimensions(self.card, key, self.dims)
        is_correct = self.rule in matched
        perseverative = not is_correct and self.previous_rule is not None and self.previous_rule in matched
        category, rule = self.category, self.rule
        if is_correct:
            self.streak += 1
        elif not timed_out:
            self.streak = 0  # a time-out is no evidence about the rule: the run of right sorts stands
        category_done = self.streak >= int(self.params["run_length"])
        if category_done:
            self._change_rule()
        record = TrialRecord(
            trial_index=self.trial_index,
            level=self.level,
            start_ms=self.timeline.trial_start_ms,
            stimulus=self.card.describe(self.n_dimensions),
            response="" if timed_out else str(key + 1),
            is_correct=is_correct,
            rt_ms=None if timed_out else now_ms - self.onset_ms,
            timed_out=timed_out,
            extra={
                "rule": rule,
                "card": self.card.describe(self.n_dimensions),
                "key_card": None if timed_out else key + 1,
                "matched": ";".join(matched),
                "perseverative": perseverative,
                "category": category,
                "category_done": category_done,
                "run_length": int(self.params["run_length"]),
                "n_dimensions": self.n_dimensions,
            },
        )
        self.chosen, self.last_correct = key, is_correct
        if not timed_out:
            self.last_sort = (self.trial_index, self.card, key, is_correct)
        self.timeline.finish(now_ms, float(self.params["feedback_ms"]))
        return record


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's own measures: categories completed, perseverative and other errors, trials to the first category."""
    done = [i for i, r in enumerate(records, start=1) if r.extra.get("category_done")]
    errors = [r for r in records if not r.is_correct and not r.timed_out]
    perseverative = sum(1 for r in errors if r.extra.get("perseverative"))
    return {
        "categories_completed": len(done),
        "perseverative_errors": perseverative,
        "other_errors": len(errors) - perseverative,
        "trials_to_first_category": done[0] if done else None,
    }
