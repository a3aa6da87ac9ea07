"""Play a whole run with a simulated player on a fake clock: no window, no waiting."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any, Callable, Mapping, Sequence

from games.core.engine.adaptive.policy import LevelPlan
from games.core.engine.clock import FakeClock
from games.core.engine.exercise import Exercise, SimulatedPlayer
from games.core.engine.run import ExerciseRun
from games.core.engine.session import ROUNDING_MS, SessionRunner
from scores.clinic.records import MOOD_SCALES


class SimulationStalled(RuntimeError):
    """The logic waits for input and the player has nothing to say: a bug in one of them."""


def _next_event(driven: Any, planned: tuple[float, Any] | None, clock: FakeClock) -> bool:
    """Let the earlier of the player's planned ``(time, action)`` and the next timer of ``driven``
    (a run or a session) happen; False when neither ever will."""
    wake_ms = driven.next_change_ms()
    if planned is not None and (wake_ms is None or planned[0] <= wake_ms):
        clock.set(max(planned[0], clock.now_ms()))
        driven.handle(planned[1], clock.now_ms())
    elif wake_ms is not None:
        clock.set(max(wake_ms, clock.now_ms()))
        driven.tick(clock.now_ms())
    else:
        return False
    return True


def play_run(run: ExerciseRun, player: SimulatedPlayer, clock: FakeClock, max_steps: int = 1_000_000) -> None:
    """Drive ``run`` to its end: the earlier of the player's next action and the logic's next timer wins."""
    run.start(clock.now_ms())
    for _ in range(max_steps):
        if run.finished:
            return
        if run.awaiting_onset:
            run.mark_onset(clock.now_ms())
        if not _next_event(run, run.planned_action(player, clock.now_ms()), clock):
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


MOOD_ANSWER_MS = 20_000.0  # a simulated client takes this long over a mood check


class SimulatedClient:
    """A simulated person in a planned session: a player per exercise run, each break waited
    out, each mood check answered after a while with answers drawn from ``rng``."""

    def __init__(self, ability: float, rng: random.Random) -> None:
        self.ability, self.rng = ability, rng
        self._players: dict[str, SimulatedPlayer] = {}  # by run: some players remember their run

    def play(self, runner: Any, clock: FakeClock, until: Callable[[], bool] | None = None,
             max_steps: int = 5_000_000) -> None:
        """Drive ``runner`` to its end, or until ``until()`` holds (call again to go on)."""
        if runner.session_id is None:
            runner.start(clock.now_ms())
        for _ in range(max_steps):
            if runner.finished or (until is not None and until()):
                return
            self._step(runner, clock)
        raise SimulationStalled(f"the session did not end within {max_steps} steps")

    def _step(self, runner: Any, clock: FakeClock) -> None:
        if runner.state.item.kind == "mood":
            clock.advance(MOOD_ANSWER_MS)
            runner.answer_mood({scale: self.rng.randint(2, 5) for scale in MOOD_SCALES}, clock.now_ms())
            return
        if runner.awaiting_onset:
            runner.mark_onset(clock.now_ms())
        if not _next_event(runner, self._planned_action(runner, clock.now_ms()), clock):
            raise SimulationStalled(f"session item {runner.state.position}: nothing left to happen")

    def _planned_action(self, runner: Any, now_ms: float) -> tuple[float, Any] | None:
        """The current exercise player's next action, on the real clock, or None."""
        run = runner.run
        if run is None or run.finished:
            return None
        if run.run_id not in self._players:
            seed = self.rng.randrange(2**31)
            self._players[run.run_id] = run.exercise.make_player(self.ability, random.Random(seed))
        active_now = runner.active_ms(now_ms)
        planned = run.planned_action(self._players[run.run_id], active_now)
        if planned is None:
            return None
        return planned[0] - active_now + now_ms + ROUNDING_MS, planned[1]


def simulate_plan(
    plan: Any, store: Any, client: Any, get_exercise: Any, *, ability: float, seed: int,
    wall_start: datetime,
) -> Any:
    """One whole plan played by simulated players on a fake clock, recorded like a real session."""
    runner = SessionRunner(plan, store=store, client=client, get_exercise=get_exercise,
                           wall_start=wall_start, seed=seed, kind="simulated", simulated=True)
    SimulatedClient(ability, random.Random(seed + 1)).play(runner, FakeClock())
    return runner


def simulate_history(
    store: Any, client: Any, exercise_ids: Sequence[str], *, first_day: datetime, sessions: int, weeks: float,
    ability_from: float, ability_to: float, seed: int,
) -> datetime:
    """A simulated client's sessions spread evenly over ``weeks``, for demonstrations and tests.

    Each session asks the mood check, plays every exercise once (each run starting from the
    client's latest estimates, as the launcher does) and asks the mood check again; the player's
    ability moves in a straight line from ``ability_from`` to ``ability_to``. Returns when the
    last session ended.
    """
    from games.core.engine.adaptive.policy import plan_from_store
    from games.registry import get_exercise

    rng = random.Random(seed)
    wall = first_day
    for index in range(sessions):
        share = index / max(sessions - 1, 1)
        start = first_day + timedelta(days=round(share * weeks * 7), minutes=rng.randrange(0, 240))
        session_id = store.start_session(client, start, kind="simulated")
        before = {scale: rng.randint(2, 4) for scale in MOOD_SCALES}
        store.add_mood_check(session_id, moment="before", answers=before, at=start)
        wall = start + timedelta(minutes=1)
        for exercise_id in exercise_ids:
            exercise = get_exercise(exercise_id)
            player = exercise.make_player(ability_from + (ability_to - ability_from) * share,
                                          random.Random(rng.randrange(2**31)))
            run = ExerciseRun(exercise, store=store, session_id=session_id, client=client,
                              seed=rng.randrange(2**31), wall_start=wall, simulated=True,
                              plan=plan_from_store(store, client, exercise.spec))
            clock = FakeClock()
            play_run(run, player, clock)
            wall += timedelta(milliseconds=clock.now_ms() + 30_000)
        after = {scale: min(5, value + rng.randint(0, 1)) for scale, value in before.items()}
        store.add_mood_check(session_id, moment="after", answers=after, at=wall)
        store.end_session(session_id, wall)
    return wall
