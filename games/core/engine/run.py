"""One run of an exercise: logic, level tracker and store tied together, with no pygame and no clock."""

from __future__ import annotations

import math
import random
import statistics
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Callable, Mapping, Protocol

from games.core.engine.adaptive import Tracker
from games.core.engine.adaptive.policy import LevelPlan, LevelPolicy, plan_run
from games.core.engine.exercise import Exercise, SimulatedPlayer, SpecError, TrialRecord
from games.core.engine.feedback import Feedback, closing_words, feedback_for
from scores import __version__


class Recorder(Protocol):
    """The part of the store a run writes to (``scores.store.store.Store`` provides it)."""

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
    finish_chosen: bool = False  # the client chose to finish after a trial (completed, fewer trials)


def summarize_trials(records: list[TrialRecord]) -> tuple[float | None, float | None]:
    """Accuracy over all trials and the median RT of correct answered trials."""
    if not records:
        return None, None
    accuracy = sum(r.is_correct for r in records) / len(records)
    rts = [r.rt_ms for r in records if r.is_correct and not r.timed_out and r.rt_ms is not None]
    return accuracy, (statistics.median(rts) if rts else None)


class ExerciseRun:
    """Plays trials until ``n_trials`` are recorded, each committed to the store as it finishes.

    Times given to the run are the run's own (``now_ms``); the logic sees them less the feedback
    moments, during which it stands still (``logic_ms``), so every onset and answer it stamps
    lies on one clock and no reaction time includes a moment of feedback.
    """

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
        self.feedback: Feedback | None = None  # the feedback moment showing, if any
        self._held_ms = 0.0  # the logic's time stood still this long in finished moments
        self._holds: list[tuple[float, float]] = []  # (logic ms at a moment, its length ms)
        self.finish_chosen = False  # the client asked to finish after the trial on screen
        self.onsets = 0  # stimulus onsets stamped so far
        self.practice = practice
        self._session_item_id = session_item_id
        self._ending = False  # time is up: finish once the current trial is recorded
        self._wall_clock = wall_clock  # the run's ms as wall time, when pauses come between them
        self._trial_fields = frozenset(f.name for f in spec.trial_fields)
        self._run_fields = frozenset(f.name for f in spec.run_fields)

    # -- driving -------------------------------------------------------------------------
    def start(self, now_ms: float) -> None:
        self._start_ms = self._last_ms = now_ms
        spec = self.exercise.spec
        self.run_id = self._store.start_run(
            session_id=self._session_id, client=self._client, exercise=spec.id,
            domain=spec.domain, started_at=self._wall_start, start_level=self.start_level,
            seed=self.seed, params=self.params, simulated=self._simulated,
            app_version=__version__, practice=self.practice,
            session_item_id=self._session_item_id,
        )
        self._store.add_level_change(
            self.run_id, trial_index=0, from_level=None, to_level=self.start_level,
            rule=self.plan.start_rule, at=self._wall_start,
        )
        self._advance(now_ms)

    def handle(self, action: Any, now_ms: float) -> None:
        """An action of the player; none is taken while a feedback moment shows."""
        self._close_feedback(now_ms)
        if not self.finished and self.feedback is None:
            self._record(self.logic.handle(action, self.logic_ms(now_ms)), now_ms)
            self._advance(now_ms)

    def tick(self, now_ms: float) -> None:
        self._close_feedback(now_ms)
        if not self.finished and self.feedback is None:
            self._record(self.logic.tick(self.logic_ms(now_ms)), now_ms)
            self._advance(now_ms)

    def mark_onset(self, now_ms: float) -> None:
        self.logic.mark_onset(self.logic_ms(now_ms))
        self.onsets += 1

    def logic_ms(self, now_ms: float) -> float:
        """The logic's time at run time ``now_ms``: the feedback moments taken out."""
        if self.feedback is not None:
            now_ms = min(now_ms, self.feedback.start_ms)
        return now_ms - self._held_ms

    def planned_action(self, player: SimulatedPlayer, now_ms: float) -> tuple[float, Any] | None:
        """A simulated player's next action and its time on the run's clock; none while the run
        is over or a feedback moment shows."""
        if self.finished or self.feedback is not None:
            return None
        logic_now = self.logic_ms(now_ms)
        planned = player.next_action(self.logic, logic_now)
        return None if planned is None else (planned[0] - logic_now + now_ms, planned[1])

    def feedback_at(self, now_ms: float) -> Feedback | None:
        """The feedback moment on screen at ``now_ms``, if any."""
        return self.feedback if self.feedback is not None and self.feedback.showing(now_ms) else None

    def stop(self, now_ms: float) -> None:
        """End the run early (the player chose to leave); what was recorded stays."""
        if self.summary is None and self.run_id is not None:
            self._finish(now_ms, completed=False)

    def end_after_trial(self, now_ms: float) -> None:
        """Time is up: the trial on screen still counts, then the run ends as completed (at once
        between trials, or while a feedback moment holds the next one back)."""
        self._ending = True
        if self.summary is None and (self.feedback is not None or not self._in_trial()):
            self._finish(now_ms, completed=True)

    def finish_after_trial(self, now_ms: float) -> None:
        """The client would like to stop: as ``end_after_trial``, then a kind word; the run is
        recorded as completed, shorter than planned."""
        if self.summary is not None or self.finish_chosen:
            return
        self.finish_chosen = True
        self.end_after_trial(now_ms)
        if self.summary is not None:
            self._say_goodbye(now_ms)

    def _in_trial(self) -> bool:
        """Whether a trial has begun that is not recorded yet."""
        if self.logic.needs_trial:
            return False
        return not self.records or self.logic.trial_index != self.records[-1].trial_index

    @property
    def awaiting_onset(self) -> bool:
        return self.feedback is None and self.logic.awaiting_onset

    @property
    def finished(self) -> bool:
        # a run ended by its count lets the last trial's feedback show; one stopped by the player
        # is over at once, one ended on time or by choice once its feedback moment is over
        if self.summary is None:
            return False
        return not self.summary.completed or (
            self.feedback is None and (self.logic.needs_trial or self._ending)
        )

    def next_change_ms(self) -> float | None:
        if self.finished:
            return None
        if self.feedback is not None:
            return self.feedback.end_ms
        logic_next = self.logic.next_change_ms()
        if logic_next is None:
            return None
        run_next = logic_next + self._held_ms
        while run_next - self._held_ms < logic_next:  # a run time that really reaches it, rounding and all
            run_next = math.nextafter(run_next, math.inf)
        return run_next

    # -- bookkeeping ---------------------------------------------------------------------
    def _advance(self, now_ms: float) -> None:
        self._last_ms = max(self._last_ms, now_ms)
        if self.logic.needs_trial and self.summary is None and self.feedback is None:
            self.logic.start_trial(self.policy.next_level(), self.logic_ms(now_ms))

    def _open_feedback(self, record: TrialRecord, now_ms: float) -> None:
        notice = self.policy.notice if record.ends_step else None
        shown = feedback_for(self.exercise, record, now_ms, practice=self.practice, notice=notice)
        if shown is not None:
            self.feedback = shown

    def _say_goodbye(self, now_ms: float) -> None:
        """A kind word in place of any other: the moment (and the logic's standstill) runs on."""
        self.feedback = closing_words(self.feedback.start_ms if self.feedback else now_ms, now_ms)

    def _close_feedback(self, now_ms: float) -> None:
        """End the feedback moment once its time is over; the logic's time goes on from there."""
        shown = self.feedback
        if shown is not None and now_ms >= shown.end_ms:
            self._holds.append((shown.start_ms - self._held_ms, shown.duration_ms))
            self._held_ms += shown.duration_ms
            self.feedback = None

    def _run_ms(self, logic_ms: float) -> float:
        """The run's time of a moment on the logic's clock (the moments before it added back)."""
        return logic_ms + sum(length for at, length in self._holds if at <= logic_ms)

    def _wall(self, at_ms: float) -> datetime:
        if self._wall_clock is not None:
            return self._wall_clock(at_ms)
        return self._wall_start + timedelta(milliseconds=at_ms - (self._start_ms or 0.0))

    def _record(self, records: list[TrialRecord], now_ms: float) -> None:
        for record in records:
            if self.summary is not None:
                break
            self._check_declared(f"trial {record.trial_index} has extras", record.extra, self._trial_fields,
                                 exact=False)
            self.records.append(record)
            self._store.add_trial(
                self.run_id, trial_index=record.trial_index, started_at=self._wall(self._run_ms(record.start_ms)),
                level=record.level, stimulus=record.stimulus, response=record.response,
                correct=record.is_correct, rt_ms=record.rt_ms, timed_out=record.timed_out,
                extra=record.extra,
            )
            if self.on_trial is not None:
                self.on_trial(record)
            if record.ends_step:
                self._step(record, now_ms)
            self._open_feedback(record, now_ms)
            if (record.ends_step and len(self.records) >= self.n_trials) or self._ending:
                self._finish(now_ms, completed=True)
                if self.finish_chosen:
                    self._say_goodbye(now_ms)

    def _step(self, record: TrialRecord, now_ms: float) -> None:
        """Tell the level policy how the step went, and store the level change it makes."""
        self.policy.update(record.level, record.step_success)
        after = self.policy.next_level()
        if after != record.level:
            self._store.add_level_change(
                self.run_id, trial_index=record.trial_index, from_level=record.level,
                to_level=after, rule=self.policy.next_rule(), at=self._wall(now_ms),
            )

    def _check_declared(self, what: str, given: Mapping[str, Any], declared: frozenset[str], exact: bool) -> None:
        """Refuse keys the spec does not declare (and, when ``exact``, declared keys left out):
        the export and its data dictionary are built from the declarations."""
        undeclared, missing = set(given) - declared, (declared - set(given) if exact else set())
        problems = [f"{sorted(undeclared)} not declared in its spec"] if undeclared else []
        problems += [f"declared {sorted(missing)} missing"] if missing else []
        if problems:
            raise SpecError(f"{self.exercise.id}: {what} {' and '.join(problems)}")

    def _finish(self, now_ms: float, completed: bool) -> None:
        accuracy, median_rt_ms = summarize_trials(self.records)
        measures = self.exercise.summarize(self.records)
        self._check_declared("summary has measures", measures, self._run_fields, exact=True)
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
            completed=completed, measures=measures,
            finish_chosen=self.finish_chosen,
        )
        s = self.summary
        self._store.finish_run(
            self.run_id, ended_at=self._wall(now_ms), end_level=s.end_level, ability=s.ability,
            ability_se=s.ability_se, accuracy=s.accuracy, median_rt_ms=s.median_rt_ms,
            n_trials=s.n_trials, duration_s=s.duration_s, completed=s.completed,
            measures=s.measures,
        )
