"""One run of an exercise: logic, level tracker and store tied together, with no pygame and no clock."""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Callable, Mapping, Protocol

import games
from games.core.adaptive import Tracker
from games.core.adaptive.policy import LevelPlan, LevelPolicy, plan_run
from games.core.exercise import Exercise, TrialRecord


class Recorder(Protocol):
    """The part of the store a run writes to (``scores.store.Store`` provides it)."""

    def start_run(self, **kwargs: Any) -> str: ...

    def add_trial(self, run_id: str, **kwargs: Any) -> str: ...

    def add_level_change(self, run_id: str, **kwargs: Any) -> str: ...

    def finish_run(self, run_id: str, **kwargs: Any) -> None: ...


@dataclass(frozen=True)
class RunSummary:
    """What the results screen and the run export show about a finished run."""

    start_level: int
    end_level: int
    n_trials: int
    accuracy: float | None
    median_rt_ms: float | None
    ability: float
    ability_se: float | None
    duration_s: float
    completed: bool
    measures: dict[str, Any]


def practice_feedback(record: TrialRecord) -> str:
    """What a practice trial says about the answer: kind either way."""
    if record.is_correct:
        return "Practice: that's right! Well done."
    return "Practice: not quite. Have another go; practice never counts."


def summarize_trials(records: list[TrialRecord]) -> tuple[float | None, float | None]:
    """Accuracy over all trials and the median RT of correct answered trials."""
    if not records:
        return None, None
    accuracy = sum(r.is_correct for r in records) / len(records)
    rts = [r.rt_ms for r in records if r.is_correct and not r.timed_out and r.rt_ms is not None]
    return accuracy, (statistics.median(rts) if rts else None)


class ExerciseRun:
    """Plays trials until ``n_trials`` are recorded, each committed to the store as it finishes."""

    on_trial: Callable[[TrialRecord], None] | None = None  # told of each trial recorded (the app's sound)

    def __init__(
        self,
        exercise: Exercise,
        *,
        store: Recorder,
        session_id: str,
        client: Any,
        seed: int,
        wall_start: datetime,
        n_trials: int | None = None,
        plan: LevelPlan | None = None,
        params: Mapping[str, Any] | None = None,
        simulated: bool = False,
        tracker: Tracker | None = None,
        practice: bool = False,
        session_item_id: str | None = None,
        wall_clock: Callable[[float], datetime] | None = None,
    ) -> None:
        spec = exercise.spec
        self.exercise = exercise
        self.seed = seed
        self.n_trials = n_trials if n_trials is not None else spec.trials_per_run
        if self.n_trials < 1:
            raise ValueError("a run needs at least one trial")
        self.plan = plan or plan_run(spec)
        if practice:  # practice never moves levels: it is held where the real run will start
            self.plan = replace(self.plan, start_rule="practice", locked_level=self.plan.start_level)
        self.start_level = self.plan.start_level
        self.params = dict(params or {})
        self.logic = exercise.make_logic(random.Random(seed), self.params)
        self.policy = LevelPolicy(spec, self.plan, tracker=tracker)
        self.records: list[TrialRecord] = []
        self.summary: RunSummary | None = None
        self._store, self._session_id, self._client = store, session_id, client
        self._simulated, self._wall_start = simulated, wall_start
        self._start_ms: float | None = None
        self._last_ms = 0.0
        self.run_id: str | None = None
        self.notice: str | None = None  # a word of encouragement for the screen, with its time
        self.notice_ms = 0.0
        self.onsets = 0  # stimulus onsets stamped so far
        self.practice = practice
        self._session_item_id = session_item_id
        self._ending = False  # time is up: finish once the current trial is recorded
        self._wall_clock = wall_clock  # the run's ms as wall time, when pauses come between them

    # -- driving -------------------------------------------------------------------------
    def start(self, now_ms: float) -> None:
        self._start_ms = self._last_ms = now_ms
        spec = self.exercise.spec
        self.run_id = self._store.start_run(
            session_id=self._session_id, client=self._client, exercise=spec.id,
            domain=spec.domain, started_at=self._wall_start, start_level=self.start_level,
            seed=self.seed, params=self.params, simulated=self._simulated,
            app_version=games.__version__, practice=self.practice,
            session_item_id=self._session_item_id,
        )
        self._store.add_level_change(
            self.run_id, trial_index=0, from_level=None, to_level=self.start_level,
            rule=self.plan.start_rule, at=self._wall_start,
        )
        self._advance(now_ms)

    def handle(self, action: Any, now_ms: float) -> None:
        if not self.finished:
            self._record(self.logic.handle(action, now_ms), now_ms)
            self._advance(now_ms)

    def tick(self, now_ms: float) -> None:
        if not self.finished:
            self._record(self.logic.tick(now_ms), now_ms)
            self._advance(now_ms)

    def mark_onset(self, now_ms: float) -> None:
        self.logic.mark_onset(now_ms)
        self.onsets += 1

    def stop(self, now_ms: float) -> None:
        """End the run early (the player chose to leave); what was recorded stays."""
        if self.summary is None and self.run_id is not None:
            self._finish(now_ms, completed=False)

    def end_after_trial(self) -> None:
        """Time is up: the trial on screen still counts, then the run ends as completed."""
        self._ending = True

    @property
    def awaiting_onset(self) -> bool:
        return self.logic.awaiting_onset

    @property
    def finished(self) -> bool:
        # a run ended by its count lets the last trial's feedback show; one ended on time or by
        # the player is over at once
        return self.summary is not None and (
            self.logic.needs_trial or not self.summary.completed or self._ending
        )

    def next_change_ms(self) -> float | None:
        return None if self.finished else self.logic.next_change_ms()

    # -- bookkeeping ---------------------------------------------------------------------
    def _advance(self, now_ms: float) -> None:
        self._last_ms = max(self._last_ms, now_ms)
        if self.logic.needs_trial and self.summary is None:
            self.logic.start_trial(self.policy.next_level(), now_ms)

    def _wall(self, at_ms: float) -> datetime:
        if self._wall_clock is not None:
            return self._wall_clock(at_ms)
        return self._wall_start + timedelta(milliseconds=at_ms - (self._start_ms or 0.0))

    def _record(self, records: list[TrialRecord], now_ms: float) -> None:
        for record in records:
            if self.summary is not None:
                break
            self.records.append(record)
            self._store.add_trial(
                self.run_id, trial_index=record.trial_index, started_at=self._wall(record.start_ms),
                level=record.level, stimulus=record.stimulus, response=record.response,
                correct=record.is_correct, rt_ms=record.rt_ms, timed_out=record.timed_out,
                extra=record.extra,
            )
            if self.on_trial is not None:
                self.on_trial(record)
            if self.practice:
                self.notice, self.notice_ms = practice_feedback(record), now_ms
            if record.ends_step:
                self._step(record, now_ms)
            if (record.ends_step and len(self.records) >= self.n_trials) or self._ending:
                self._finish(now_ms, completed=True)

    def _step(self, record: TrialRecord, now_ms: float) -> None:
        """Tell the level policy how the step went, and store the level change it makes."""
        self.policy.update(record.level, record.step_success)
        after = self.policy.next_level()
        if after != record.level:
            self._store.add_level_change(
                self.run_id, trial_index=record.trial_index, from_level=record.level,
                to_level=after, rule=self.policy.next_rule(), at=self._wall(now_ms),
            )
        if self.policy.notice:
            self.notice, self.notice_ms = self.policy.notice, now_ms

    def _finish(self, now_ms: float, completed: bool) -> None:
        accuracy, median_rt_ms = summarize_trials(self.records)
        ability, ability_se = self.policy.estimate()
        end_level, next_level = self.policy.end_level(completed), self.policy.next_level()
        if end_level != next_level:  # raised to near the estimate: the trail says so
            self._store.add_level_change(
                self.run_id, trial_index=self.records[-1].trial_index, from_level=next_level,
                to_level=end_level, rule="end", at=self._wall(now_ms),
            )
        self.summary = RunSummary(
            start_level=self.start_level, end_level=end_level,
            n_trials=len(self.records), accuracy=accuracy, median_rt_ms=median_rt_ms,
            ability=ability, ability_se=ability_se,
            duration_s=(max(now_ms, self._last_ms) - (self._start_ms or 0.0)) / 1000.0,
            completed=completed, measures=self.exercise.summarize(self.records),
        )
        s = self.summary
        self._store.finish_run(
            self.run_id, ended_at=self._wall(now_ms), end_level=s.end_level, ability=s.ability,
            ability_se=s.ability_se, accuracy=s.accuracy, median_rt_ms=s.median_rt_ms,
            n_trials=s.n_trials, duration_s=s.duration_s, completed=s.completed,
            measures=s.measures,
        )
