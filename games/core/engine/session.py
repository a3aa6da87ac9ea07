"""A timed session: a plan's items back to back on active time, so a pause stops every timer.

The runner takes the real clock's milliseconds and keeps its account of pauses on an
``ActiveClock``: exercise runs see only *active* time, so no reaction time and no item countdown
includes a pause. When an exercise item's time is up the trial on screen still counts, then the
item moves on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Mapping

from games.core.engine.adaptive.policy import plan_from_store
from games.core.engine.clock import ActiveClock
from games.core.engine.exercise import Exercise
from games.core.engine.run import ExerciseRun
from scores.clinic.plans import Plan, PlanItem

PRACTICE_TRIALS = 3  # unscored trials with feedback the first time a client meets an exercise
TIMED_RUN_TRIALS = 100_000  # a timed item's run ends when its time is up, not on a count
ROUNDING_MS = 0.001


@dataclass
class ItemState:
    """The item being played: its plan entry, its row in the store and when it began."""

    item: PlanItem
    position: int  # from 1, as stored
    item_id: str
    start_active_ms: float
    run: ExerciseRun | None = None
    time_up: bool = False


class SessionRunner:
    """Plays ``plan`` for ``client`` and records the session, its items, runs and mood checks."""

    on_trial: Callable[[Any], None] | None = None  # handed to each exercise run (the app's sound)

    def __init__(
        self, plan: Plan, *, store: Any, client: Any, get_exercise: Callable[[str], Exercise],
        wall_start: datetime, seed: int, kind: str = "clinic", simulated: bool = False,
        assignment_id: str | None = None,
    ) -> None:
        self.plan, self.client = plan, client
        self.assignment_id = assignment_id  # the home assignment the session follows, if any
        self.session_id: str | None = None
        self.state: ItemState | None = None
        self.finished = False
        self.stopped_early = False
        self._store, self._get_exercise = store, get_exercise
        self._kind, self._simulated = kind, simulated
        self._rng = random.Random(seed)
        self._time = ActiveClock(wall_start)  # pauses left out; calendar times with pauses and sleeps added back
        self._done_timed_ms = 0.0  # active time of finished timed items, for the session countdown
        self._exercise_seen = False

    # -- time ------------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self._time.paused

    def active_ms(self, now_ms: float) -> float:
        """Time since the start less every pause (frozen while paused)."""
        return self._time.active_ms(now_ms)

    def _real_ms(self, active_ms: float) -> float:
        return self._time.clock_ms(active_ms)

    def _wall(self, now_ms: float) -> datetime:
        return self._time.wall_now(now_ms)

    def wall_at_active(self, active_ms: float) -> datetime:
        """The wall time of a moment given in active time (the pauses and sleeps before it added back)."""
        return self._time.wall_at(active_ms)

    def item_elapsed_ms(self, now_ms: float) -> float:
        return 0.0 if self.state is None else self.active_ms(now_ms) - self.state.start_active_ms

    def item_remaining_s(self, now_ms: float) -> float | None:
        """Seconds left in a timed item (0 while its last trial finishes); None for a mood check."""
        if self.state is None or self.state.item.planned_s is None:
            return None
        return max(0.0, self.state.item.planned_s - self.item_elapsed_ms(now_ms) / 1000.0)

    def session_remaining_s(self, now_ms: float) -> float:
        """Planned minutes left over the whole session, in seconds."""
        current = 0.0
        if self.state is not None and self.state.item.planned_s is not None:
            current = self.item_elapsed_ms(now_ms)
        return max(0.0, self.plan.total_minutes * 60.0 - (self._done_timed_ms + current) / 1000.0)

    # -- driving ---------------------------------------------------------------------------
    def start(self, now_ms: float) -> None:
        self._time.start(now_ms)
        self.session_id = self._store.start_session(
            self.client, self._time.wall_start, kind=self._kind, plan_name=self.plan.name,
            assignment_id=self.assignment_id,
        )
        self._begin_item(0, now_ms)

    def tick(self, now_ms: float) -> None:
        if self.finished or self.paused:
            return
        if self.run is not None:
            self.run.tick(self.active_ms(now_ms))
        self._check(now_ms)

    def handle(self, action: Any, now_ms: float) -> None:
        """An exercise action from the player; ignored while paused or between exercises."""
        if self.finished or self.paused or self.run is None:
            return
        self.run.handle(action, self.active_ms(now_ms))
        self._check(now_ms)

    def mark_onset(self, now_ms: float) -> None:
        if self.run is not None:
            self.run.mark_onset(self.active_ms(now_ms))

    @property
    def run(self) -> ExerciseRun | None:
        return None if self.state is None else self.state.run

    @property
    def awaiting_onset(self) -> bool:
        return not self.paused and self.run is not None and self.run.awaiting_onset

    def next_change_ms(self) -> float | None:
        """The real-clock time at which something changes by itself (None while paused)."""
        if self.finished or self.paused or self.state is None:
            return None
        times = []
        if self.run is not None and not self.run.finished and self.run.next_change_ms() is not None:
            times.append(self._real_ms(self.run.next_change_ms()))
        planned_s = self.state.item.planned_s
        if planned_s is not None and not self.state.time_up:
            times.append(self._real_ms(self.state.start_active_ms + planned_s * 1000.0))
        # a hair late, so that the rounding of real to active time cannot land just short of it
        return min(times) + ROUNDING_MS if times else None

    def pause(self, now_ms: float) -> None:
        if not self.finished:
            self._time.pause(now_ms)

    def note_sleep(self, now_ms: float, slept_ms: float) -> None:
        """The computer slept ``slept_ms`` just before ``now_ms`` (the app's clock stood still):
        calendar times from here on move on by it, active time does not."""
        self._time.note_sleep(now_ms, slept_ms)

    def resume(self, now_ms: float) -> None:
        self._time.resume(now_ms)

    def skip(self, now_ms: float) -> None:
        """Leave the current item now; what it recorded stays."""
        if self.finished:
            return
        self.resume(now_ms)
        if self.run is not None:
            self.run.stop(self.active_ms(now_ms))
        self._end_item(now_ms, "skipped")

    def stop(self, now_ms: float) -> None:
        """End the session early; everything recorded so far stays."""
        if self.finished or self.session_id is None:
            return
        self.resume(now_ms)
        if self.run is not None:
            self.run.stop(self.active_ms(now_ms))
        self._finish_item(now_ms, "stopped")
        self._end_session(now_ms, stopped_early=True)

    def finish_after_trial(self, now_ms: float) -> None:
        """The client would like to stop this exercise at a natural point: after the trial on
        screen (and a kind word) the item ends as if its time were up, and the session goes on."""
        if self.run is not None and not self.paused:
            self.run.finish_after_trial(self.active_ms(now_ms))
            self._check(now_ms)

    def answer_mood(self, answers: Mapping[str, int], now_ms: float) -> None:
        """The client's answers to the current mood check (before any exercise, else after)."""
        if self.finished or self.state is None or self.state.item.kind != "mood":
            raise RuntimeError("there is no mood check to answer now")
        self.resume(now_ms)
        self._store.add_mood_check(
            self.session_id, moment="after" if self._exercise_seen else "before", answers=answers,
            at=self._wall(now_ms), session_item_id=self.state.item_id,
        )
        self._end_item(now_ms, "done")

    # -- items -----------------------------------------------------------------------------
    def _begin_item(self, index: int, now_ms: float) -> None:
        if index >= len(self.plan.items):
            self._end_session(now_ms, stopped_early=False)
            return
        item = self.plan.items[index]
        item_id = self._store.start_session_item(
            self.session_id, position=index + 1, kind=item.kind, exercise=item.exercise,
            planned_s=item.planned_s, started_at=self._wall(now_ms),
        )
        self.state = ItemState(item, index + 1, item_id, self.active_ms(now_ms))
        if item.kind == "exercise":
            self._exercise_seen = True
            exercise = self._get_exercise(item.exercise)
            self._start_run(exercise, now_ms, practice=not self._store.has_met(self.client, exercise.id))

    def _start_run(self, exercise: Exercise, now_ms: float, practice: bool) -> None:
        plan = plan_from_store(self._store, self.client, exercise.spec, locked_level=self.state.item.level)
        run = ExerciseRun(
            exercise, store=self._store, session_id=self.session_id, client=self.client,
            seed=self._rng.randrange(2**31), wall_start=self._wall(now_ms),
            n_trials=PRACTICE_TRIALS if practice else TIMED_RUN_TRIALS, plan=plan,
            simulated=self._simulated, practice=practice, session_item_id=self.state.item_id,
            wall_clock=self.wall_at_active,
        )
        self.state.run = run
        run.on_trial = self.on_trial
        run.start(self.active_ms(now_ms))

    def _check(self, now_ms: float) -> None:
        """Move on when the item's time is up or the client chose to finish (after the trial on
        screen), or when its practice ends."""
        state = self.state
        if state is None:
            return
        planned_s = state.item.planned_s
        if planned_s is not None and self.item_elapsed_ms(now_ms) >= planned_s * 1000.0:
            state.time_up = True
        if state.item.kind == "breathing" and state.time_up:
            self._end_item(now_ms, "done")
        elif state.run is not None:
            if state.time_up and not state.run.finished:
                state.run.end_after_trial(self.active_ms(now_ms))
            if state.run.finished:
                if state.time_up or state.run.finish_chosen:
                    self._end_item(now_ms, "done")
                else:  # practice is over (or a run ended by itself): the scored run begins
                    self._start_run(state.run.exercise, now_ms, practice=False)

    def _finish_item(self, now_ms: float, outcome: str) -> None:
        state = self.state
        elapsed_ms = self.item_elapsed_ms(now_ms)
        self._store.finish_session_item(
            state.item_id, ended_at=self._wall(now_ms), active_s=elapsed_ms / 1000.0, outcome=outcome
        )
        if state.item.planned_s is not None:
            self._done_timed_ms += elapsed_ms

    def _end_item(self, now_ms: float, outcome: str) -> None:
        position = self.state.position
        self._finish_item(now_ms, outcome)
        self._begin_item(position, now_ms)

    def _end_session(self, now_ms: float, stopped_early: bool) -> None:
        self._store.end_session(self.session_id, self._wall(now_ms), stopped_early=stopped_early)
        self.state, self.finished, self.stopped_early = None, True, stopped_early
