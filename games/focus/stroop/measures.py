"""Stroop run measures: accuracy and median RT per condition, and the interference cost, kept apart."""

from __future__ import annotations

import statistics
from typing import Any, Sequence

from games.core.engine.exercise import TrialRecord
from games.focus.stroop.spec import CONGRUENT, INCONGRUENT, NEUTRAL


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def condition_accuracy(records: Sequence[TrialRecord]) -> float | None:
    """Share answered right in time; timeouts and anticipations are not right. None without trials."""
    return sum(r.is_correct for r in records) / len(records) if records else None


def condition_median_rt(records: Sequence[TrialRecord]) -> float | None:
    """Median rt_ms of the correct in-time answers (anticipations are never correct); None without any."""
    rts = [r.rt_ms for r in records if r.is_correct and not r.timed_out and r.rt_ms is not None]
    return statistics.median(rts) if rts else None


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's own measures; speed and accuracy are reported separately, never blended."""
    by_condition = {c: [r for r in records if r.extra.get("condition") == c] for c in (CONGRUENT, INCONGRUENT, NEUTRAL)}
    congruent, incongruent = by_condition[CONGRUENT], by_condition[INCONGRUENT]
    rt_c, rt_i = condition_median_rt(congruent), condition_median_rt(incongruent)
    acc_c, acc_i = condition_accuracy(congruent), condition_accuracy(incongruent)
    return {
        "incongruent_median_rt_ms": _round(rt_i, 1),
        "congruent_median_rt_ms": _round(rt_c, 1),
        "interference_cost_ms": _round(rt_i - rt_c, 1) if rt_i is not None and rt_c is not None else None,
        "congruent_accuracy": _round(acc_c, 4),
        "incongruent_accuracy": _round(acc_i, 4),
        "interference_accuracy_cost": _round(acc_c - acc_i, 4) if acc_c is not None and acc_i is not None else None,
        "congruent_trials": len(congruent),
        "incongruent_trials": len(incongruent),
        "neutral_trials": len(by_condition[NEUTRAL]),
        "timeouts": sum(r.timed_out for r in records),
        "anticipations": sum(bool(r.extra.get("anticipation")) for r in records),
    }
