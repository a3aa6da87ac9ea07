"""Play a whole run with a simulated player on a fake clock: no window, no waiting."""

from __future__ import annotations

from games.core.clock import FakeClock
from games.core.exercise import SimulatedPlayer
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
