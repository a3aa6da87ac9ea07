"""Sequence Recall logic: show a sequence of blocks, collect the taps, score the answer."""

from __future__ import annotations

import random
from enum import Enum
from typing import Any, Mapping, Sequence

from games.core.actions import Select, Undo
from games.core.exercise import TrialRecord
from games.memory.sequence_recall.spec import SPEC


class Phase(Enum):
    IDLE = "idle"  # between trials: the run starts the next one
    LEAD_IN = "lead_in"  # "watch" message before the first block
    PRESENT = "present"  # blocks light one by one
    RESPOND = "respond"  # the player taps the blocks back
    FEEDBACK = "feedback"  # right / not quite


def first_error_position(sequence: Sequence[int], taps: Sequence[int]) -> int | None:
    """1-based position of the first tap that differs from the sequence, or None if all match."""
    for position, (wanted, tapped) in enumerate(zip(sequence, taps), start=1):
        if wanted != tapped:
            return position
    return None if len(taps) >= len(sequence) else len(taps) + 1


def join_blocks(blocks: Sequence[int]) -> str:
    """Blocks as the player sees them (numbered from 1), e.g. ``"3 7 1"``."""
    return " ".join(str(b + 1) for b in blocks)


class SequenceRecallLogic:
    """State machine of the Corsi block-tapping task; times are in ms and come in as arguments."""

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None) -> None:
        self._rng = rng
        self._overrides = dict(overrides or {})
        self.params = SPEC.params_at(SPEC.start_level, self._overrides)
        self.phase = Phase.IDLE
        self.trial_index = 0
        self.level = SPEC.start_level
        self.sequence: list[int] = []
        self.taps: list[int] = []
        self.tap_times_ms: list[float] = []
        self.onset_ms: float | None = None
        self.last_correct: bool | None = None
        self._phase_end_ms: float | None = None
        self._present_start_ms = 0.0
        self._trial_start_ms = 0.0
        self._seen_ms = 0.0
        self._last_activity_ms = 0.0
        self._n_undos = 0
        self._early_taps = 0

    # -- what the view and the run read ---------------------------------------------------
    @property
    def n_blocks(self) -> int:
        return int(self.params["n_blocks"])

    @property
    def needs_trial(self) -> bool:
        return self.phase is Phase.IDLE

    @property
    def awaiting_onset(self) -> bool:
        return self.phase is Phase.RESPOND and self.onset_ms is None

    def lit_block(self, now_ms: float) -> int | None:
        """The block lit at ``now_ms`` during the presentation, if any."""
        if self.phase is not Phase.PRESENT:
            return None
        step = self.params["light_ms"] + self.params["gap_ms"]
        k, into = divmod(now_ms - self._present_start_ms, step)
        if 0 <= k < len(self.sequence) and into < self.params["light_ms"]:
            return self.sequence[int(k)]
        return None

    def next_change_ms(self) -> float | None:
        if self.phase is Phase.PRESENT:
            return self._next_present_edge()
        if self.phase is Phase.RESPOND:
            return self._last_activity_ms + self.params["idle_timeout_ms"]
        return self._phase_end_ms

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a trial is already running")
        self.level = level
        self.params = SPEC.params_at(level, self._overrides)
        length = int(self.params["sequence_length"])
        if not 1 <= length <= self.n_blocks:
            raise ValueError(f"cannot light {length} different blocks out of {self.n_blocks}")
        self.trial_index += 1
        self.sequence = self._rng.sample(range(self.n_blocks), length)
        self.taps, self.tap_times_ms = [], []
        self.onset_ms, self.last_correct = None, None
        self._n_undos = self._early_taps = 0
        self._trial_start_ms = self._seen_ms = now_ms
        self._enter(Phase.LEAD_IN, now_ms, now_ms + self.params["lead_in_ms"])

    def tick(self, now_ms: float) -> list[TrialRecord]:
        self._seen_ms = max(self._seen_ms, now_ms)
        finished: list[TrialRecord] = []
        while True:
            if self.phase is Phase.RESPOND:
                if now_ms >= self._last_activity_ms + self.params["idle_timeout_ms"]:
                    finished.append(self._finish(now_ms, timed_out=True))
                    continue
                return finished
            if self._phase_end_ms is None or now_ms < self._phase_end_ms:
                return finished
            self._leave_phase(self._phase_end_ms)

    def mark_onset(self, now_ms: float) -> None:
        if self.awaiting_onset:
            self.onset_ms = now_ms
            self._last_activity_ms = now_ms

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if self.phase in (Phase.LEAD_IN, Phase.PRESENT) and isinstance(action, Select):
            self._early_taps += 1
        elif self.phase is Phase.RESPOND:
            finished += self._respond(action, now_ms)
        return finished

    # -- internals -------------------------------------------------------------------------
    def _enter(self, phase: Phase, now_ms: float, end_ms: float | None) -> None:
        self.phase, self._phase_end_ms = phase, end_ms
        if phase is Phase.PRESENT:
            self._present_start_ms = now_ms
        if phase is Phase.RESPOND:
            self._last_activity_ms = now_ms

    def _leave_phase(self, at_ms: float) -> None:
        if self.phase is Phase.LEAD_IN:
            step = self.params["light_ms"] + self.params["gap_ms"]
            end = at_ms + step * len(self.sequence) - self.params["gap_ms"]
            self._enter(Phase.PRESENT, at_ms, end)
        elif self.phase is Phase.PRESENT:
            self._enter(Phase.RESPOND, at_ms, None)
        elif self.phase is Phase.FEEDBACK:
            self._enter(Phase.IDLE, at_ms, None)

    def _next_present_edge(self) -> float:
        """The next moment a block lights or goes dark, after the last time the logic saw."""
        step, light = self.params["light_ms"] + self.params["gap_ms"], self.params["light_ms"]
        k = max((self._seen_ms - self._present_start_ms) // step, 1)
        starts = (self._present_start_ms + i * step for i in (k - 1, k, k + 1))
        edges = [t for start in starts for t in (start, start + light) if t > self._seen_ms]
        return min(edges + [self._phase_end_ms])

    def _respond(self, action: Any, now_ms: float) -> list[TrialRecord]:
        if self.onset_ms is None:  # a tap on the very frame the prompt appeared
            self.mark_onset(now_ms)
        if isinstance(action, Undo):
            if self.taps:
                self.taps.pop()
                self.tap_times_ms.pop()
                self._n_undos += 1
            self._last_activity_ms = now_ms
            return []
        if not isinstance(action, Select) or not 0 <= action.index < self.n_blocks:
            return []
        self.taps.append(action.index)
        self.tap_times_ms.append(now_ms - self.onset_ms)
        self._last_activity_ms = now_ms
        if len(self.taps) < len(self.sequence):
            return []
        return [self._finish(now_ms, timed_out=False)]

    def _finish(self, now_ms: float, timed_out: bool) -> TrialRecord:
        is_correct = not timed_out and self.taps == self.sequence
        record = TrialRecord(
            trial_index=self.trial_index,
            level=self.level,
            start_ms=self._trial_start_ms,
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
        self._enter(Phase.FEEDBACK, now_ms, now_ms + self.params["feedback_ms"])
        return record


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's own measures: the longest span repeated without error and the trials right."""
    right = [r for r in records if r.is_correct]
    return {
        "longest_span": max((r.extra["sequence_length"] for r in right), default=0),
        "correct_trials": len(right),
    }
