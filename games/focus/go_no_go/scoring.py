"""Go/No-Go scoring: each trial's outcome, a round's d', and the run's measures."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, Sequence

from games.core.engine.exercise import TrialRecord
from games.focus.go_no_go.spec import (
    ANTICIPATION, COMMISSION, CORRECT_REJECTION, GO, HIT, NOGO, OMISSION,
)
# The one d' with the log-linear correction; it lives with N-back, which needed it first.
from games.core.engine.detection import d_prime


def classify(stimulus: str, press_rt_ms: float | None, window_ms: float, anticipation_ms: float) -> str:
    """The outcome of one trial from its first press after onset (None: no press before the next shape).

    A square pressed at any time is a commission: holding back failed, however slowly. A GO
    circle pressed too soon is an anticipation, pressed after the window an omission (late).
    """
    if stimulus not in (GO, NOGO):
        raise ValueError(f"unknown stimulus {stimulus!r}")
    if stimulus == NOGO:
        return CORRECT_REJECTION if press_rt_ms is None else COMMISSION
    if press_rt_ms is None or press_rt_ms >= window_ms:
        return OMISSION
    return ANTICIPATION if press_rt_ms < anticipation_ms else HIT


@dataclass
class Tally:
    """Outcome counts of a round or a run."""

    hits: int = 0
    omissions: int = 0
    go_anticipations: int = 0
    commissions: int = 0
    correct_rejections: int = 0

    def add(self, outcome: str) -> None:
        field = {HIT: "hits", OMISSION: "omissions", ANTICIPATION: "go_anticipations",
                 COMMISSION: "commissions", CORRECT_REJECTION: "correct_rejections"}[outcome]
        setattr(self, field, getattr(self, field) + 1)

    @property
    def go_trials(self) -> int:
        return self.hits + self.omissions + self.go_anticipations

    @property
    def nogo_trials(self) -> int:
        return self.commissions + self.correct_rejections

    @property
    def d_prime(self) -> float:
        """Hits against commissions; an anticipation on a GO circle is no hit, so it counts as a miss."""
        return d_prime(self.hits, self.go_trials - self.hits, self.commissions, self.correct_rejections)


def rt_spread(rts_ms: Sequence[float]) -> tuple[float | None, float | None, float | None]:
    """(median, sample SD, coefficient of variation) of reaction times; None where too few."""
    if not rts_ms:
        return None, None, None
    median = statistics.median(rts_ms)
    if len(rts_ms) < 2:
        return median, None, None
    sd = statistics.stdev(rts_ms)
    return median, sd, sd / statistics.fmean(rts_ms)


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's measures: errors of each kind, RT and its steadiness on hits, d', rounds good."""
    tally = Tally()
    for record in records:
        tally.add(record.extra["outcome"])
    hit_rts = [r.rt_ms for r in records if r.extra["outcome"] == HIT and r.rt_ms is not None]
    median, sd, cv = rt_spread(hit_rts)
    ends = [r for r in records if r.ends_step]
    return {
        "go_trials": tally.go_trials,
        "nogo_trials": tally.nogo_trials,
        "go_hits": tally.hits,
        "omission_errors": tally.omissions,
        "commission_errors": tally.commissions,
        "anticipations": sum(bool(r.extra["anticipation"]) for r in records),
        "omission_rate": _rounded(tally.omissions / tally.go_trials if tally.go_trials else None, 3),
        "commission_rate": _rounded(tally.commissions / tally.nogo_trials if tally.nogo_trials else None, 3),
        "median_go_rt_ms": _rounded(median, 1),
        "go_rt_sd_ms": _rounded(sd, 1),
        "go_rt_cv": _rounded(cv, 3),
        "d_prime": round(tally.d_prime, 3) if records else None,
        "blocks": len(ends),
        "good_blocks": sum(bool(r.step_correct) for r in ends),
    }


def feedback_words(record: TrialRecord) -> str | None:
    """What was right, in a sentence, after a shape that did not go right."""
    outcome = record.extra.get("outcome")
    if outcome == COMMISSION:
        return "That was a square: wait for the circles."
    if outcome == ANTICIPATION:
        return "That press came just before the circle: wait until you see it."
    if outcome == OMISSION:
        return "That was a circle: press for the circles."
    return None
