"""Sequence Recall logic: show a sequence of blocks, collect the taps, score the answer."""

from __future__ import annotations

import random
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Select, Undo
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.recall import first_error_position
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.show_then_recall import Phase, ShowThenRecall
from games.memory.sequence_recall.spec import SPEC


def join_blocks(blocks: Sequence[int]) -> str:
    """Blocks as the player sees them (numbered from 1), e.g. ``"3 7 1"``."""
    return " ".join(str(b + 1) for b in blocks)


class SequenceRecallLogic(OnTimeline):
    """State machine of the Corsi block-tapping task; times are in ms and come in as arguments."""

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None, *,
                 spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self.timeline = ShowThenRecall()
        self.sequence: list[int] = []
        self.taps: list[int] = []
        self.tap_times_ms: list[float] = []
        self.last_correct: bool | None = None
        self._n_undos = 0
        self._early_taps = 0

    # -- what the view and the run read ---------------------------------------------------
    @property
    def n_blocks(self) -> int:
        return int(self.params["n_blocks"])

    def lit_block(self, now_ms: float) -> int | None:
        """The block lit at ``now_ms`` during the presentation, if any."""
        k = self.timeline.item_at(now_ms)
        return None if k is None else self.sequence[k]

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        p = self.take_level(level)
        length = int(p["sequence_length"])
        if not 1 <= length <= self.n_blocks:
            raise ValueError(f"cannot light {length} different blocks out of {self.n_blocks}")
        self.trial_index += 1
        self.sequence = self._rng.sample(range(self.n_blocks), length)
        self.taps, self.tap_times_ms = [], []
        self.last_correct = None
        self._n_undos = self._early_taps = 0
        self.timeline.begin(now_ms, length, lead_in_ms=p["lead_in_ms"], item_ms=p["light_ms"], gap_ms=p["gap_ms"],
                            idle_timeout_ms=p["idle_timeout_ms"], feedback_ms=p["feedback_ms"])

    def tick(self, now_ms: float) -> list[TrialRecord]:
        finished = []
        while self.timeline.advance(now_ms):
            finished.append(self._finish(now_ms, timed_out=True))
        return finished

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if self.phase in (Phase.LEAD_IN, Phase.PRESENT) and isinstance(action, Select):
            self._early_taps += 1
        elif self.phase is Phase.RESPOND:
            finished += self._respond(action, now_ms)
        return finished

    # -- internals -------------------------------------------------------------------------
    def _respond(self, action: Any, now_ms: float) -> list[TrialRecord]:
        if isinstance(action, Undo):
            self.timeline.touch(now_ms)
            if self.taps:
                self.taps.pop()
                self.tap_times_ms.pop()
                self._n_undos += 1
            return []
        if not isinstance(action, Select) or not 0 <= action.index < self.n_blocks:
            return []
        self.timeline.touch(now_ms)
        self.taps.append(action.index)
        self.tap_times_ms.append(now_ms - self.onset_ms)
        if len(self.taps) < len(self.sequence):
            return []
        return [self._finish(now_ms, timed_out=False)]

    def _finish(self, now_ms: float, timed_out: bool) -> TrialRecord:
        is_correct = not timed_out and self.taps == self.sequence
        record = TrialRecord(
            trial_index=self.trial_index,
            level=self.level,
            start_ms=self.timeline.trial_start_ms,
            stimulus=join_blocks(self.sequence),
            response=join_blocks(self.taps),
            is_correct=is_correct,
            rt_ms=None if timed_out or not self.tap_times_ms else self.tap_times_ms[-1],
            timed_out=timed_out,
            extra={
                "sequence_length": len(self.sequence),
                "first_tap_ms": self.tap_times_ms[0] if self.tap_times_ms else None,
                "tap_times_ms": ";".join(f"{t:.1f}" for t in self.tap_times_ms),
                "first_error_position": None if is_correct else first_error_position(self.sequence, self.taps),
                "n_undos": self._n_undos,
                "early_taps": self._early_taps,
            },
        )
        self.last_correct = is_correct
        self.timeline.begin_feedback(now_ms)
        return record


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's own measures: the longest span repeated without error and the trials right."""
    right = [r for r in records if r.is_correct]
    return {
        "longest_span": max((r.extra["sequence_length"] for r in right), default=0),
        "correct_trials": len(right),
    }


REPLAY_STEP_MS = 700.0  # each block of the right order lights this long in the replay after a miss


def feedback_words(record: TrialRecord) -> str | None:
    """After a sequence that was not right: the right order, which the view then shows again."""
    order = ", ".join(record.stimulus.split())
    return f"Here is the order again, slowly: {order}."


def replay_ms(record: TrialRecord) -> float:
    """How long the view takes to light the right order again, block by block."""
    return REPLAY_STEP_MS * len(record.stimulus.split())
