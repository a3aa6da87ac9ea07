"""Play a whole run with a simulated player on a fake clock: no window, no waiting."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Mapping

from games.core.adaptive.policy import LevelPlan
from games.core.clock import FakeClock
from games.core.exercise import Exercise, SimulatedPlayer
from games.core.run import ExerciseRun


class SimulationStalled(RuntimeError):
    """The logic waits for input and the player has nothing to say: a bug in one of them."""


def play_run(run: ExerciseRun, player: SimulatedPlayer, clock: FakeClock, max_steps: int = 1_000_000) -> None:
    """Drive ``run`` to its end: the earlier of the player's next action and the logic's next timer wins."""
    run.start(clock.now_ms())
    for _ in range(max_steps):
        if run.finished:
            return
        if run.awaiting_onset:
            run.mark_onset(clock.now_ms())
        planned = player.next_action(run.logic, clock.now_ms())
        wake_ms = run.next_change_ms()
        if planned is not None and (wake_ms is None or planned[0] <= wake_ms):
            clock.set(max(planned[0], clock.now_ms()))
            run.handle(planned[1], clock.now_ms())
        elif wake_ms is not None:
            clock.set(max(wake_ms, clock.now_ms()))
            run.tick(clock.now_ms())
        else:
            raise SimulationStalled(f"{run.exercise.id}: nothing left to happen before the run ended")
    raise SimulationStalled(f"{run.exercise.id}: the run did not end within {max_steps} steps")


def simulate_session(
    exercise: Exercise,
    store: Any,
    client: Any,
    player: SimulatedPlayer,
    *,
    seed: int,
    wall_start: datetime,
    n_trials: int | None = None,
    params: Mapping[str, Any] | None = None,
    plan: LevelPlan | None = None,
) -> ExerciseRun:
    """One simulated session of one run, recorded exactly like a person's (marked simulated)."""
    session_id = store.start_session(client, wall_start, kind="simulated")
    run = ExerciseRun(exercise, store=store, session_id=session_id, client=client, seed=seed,
                      wall_start=wall_start, n_trials=n_trials, params=params, plan=plan, simulated=True)
    clock = FakeClock()
    play_run(run, player, clock)
    store.end_session(session_id, wall_start + timedelta(milliseconds=clock.now_ms()))
    return run
