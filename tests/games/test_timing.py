"""Reaction times on the real clock: a key pressed d ms after the prompt's onset is recorded as d ms.

The real ``App`` loop plays Sequence Recall while a helper thread posts each digit key at a known
moment after the response prompt's onset. The difference between the tap time the logic records
and the true time from onset to post is the loop's stamping latency.
"""

from __future__ import annotations

import dataclasses
import statistics
import threading
import time
from typing import Callable

import pygame
import pytest

from games.app import App
from games.launcher.play import ExerciseScene
from games.memory.sequence_recall.logic import Phase
from games.registry import get_exercise
from scores.store.store import Store

N_TRIALS = 3  # two level-2 trials, then (two right in a row) one at level 3
# a quicker presentation than the spec's (1 s lead-in, 700 ms per block): what is measured is the
# response phase, whose timing these leave as it is
QUICK = {"lead_in_ms": 200, "light_ms": 150, "gap_ms": 50, "feedback_ms": 300}
FIRST_TAP_MS = (150.0, 200.0, 160.0)  # per trial, after the prompt's onset
TAP_GAP_MS = 190.0  # between taps of one trial; keeps the last tap well inside the trial
STEP_WAIT_MS = 100  # at least 1 ms, so the loop blocks in pygame.event.wait while keys arrive
SPIN_MS = 2.0  # the helper sleeps until this close to a post time, then spins
PHASE_DEADLINE_S = 8.0  # generous bound on any one wait, so a broken loop fails instead of hanging


def now_ms() -> float:
    return time.perf_counter() * 1000.0


def sleep_until(t_ms: float) -> None:
    """Sleep most of the way (coarse but cheap), then spin to hit ``t_ms`` within microseconds."""
    remaining = t_ms - now_ms()
    if remaining > SPIN_MS:
        time.sleep((remaining - SPIN_MS) / 1000.0)
    while now_ms() < t_ms:
        pass


class Tapper(threading.Thread):
    """Posts one digit key per block at ``onset_ms + delay``, noting the true time of each post."""

    def __init__(self, onset_ms: float, delays_ms: list[float], blocks: list[int]) -> None:
        super().__init__(daemon=True)
        self.onset_ms, self.delays_ms, self.blocks = onset_ms, delays_ms, blocks
        self.post_ms: list[float] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for delay_ms, block in zip(self.delays_ms, self.blocks):
                sleep_until(self.onset_ms + delay_ms)
                self.post_ms.append(now_ms())
                key = pygame.K_1 + block
                pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
        except BaseException as err:  # handed to the main thread, which fails the test
            self.error = err


def step_until(app: App, done: Callable[[], bool], what: str) -> None:
    """Run the real loop, blocking in its event wait, until ``done()``; fail if it never is."""
    deadline = time.perf_counter() + PHASE_DEADLINE_S
    while not done():
        assert time.perf_counter() < deadline, f"timed out waiting for {what}"
        app.step(max_wait_ms=STEP_WAIT_MS)


@pytest.fixture
def app(tmp_path):
    store = Store.open(tmp_path)
    app = App(store)  # the real clock: perf_counter
    app.begin_session(store.add_client("T-1"))
    yield app
    app.quit()
    store.close()


def play_trial(app: App, scene: ExerciseScene, first_tap_ms: float) -> tuple[list[float], list[float]]:
    """Answer one trial right with posted keys. Returns (tap times recorded, true post delays)."""
    logic = scene.run.logic
    step_until(app, lambda: logic.phase is Phase.RESPOND and logic.onset_ms is not None, "the response prompt")
    onset_ms, blocks = logic.onset_ms, list(logic.sequence)
    delays = [first_tap_ms + k * TAP_GAP_MS for k in range(len(blocks))]
    tapper = Tapper(onset_ms, delays, blocks)
    tapper.start()
    step_until(app, lambda: logic.phase is not Phase.RESPOND, "the taps")
    tapper.join(timeout=PHASE_DEADLINE_S)
    assert tapper.error is None, tapper.error
    assert logic.taps == blocks and logic.last_correct
    return list(logic.tap_times_ms), [t - onset_ms for t in tapper.post_ms]


def test_key_is_stamped_when_dequeued_not_at_the_next_frame(app):
    store = app.store
    exercise = get_exercise("sequence_recall")
    quick = dataclasses.replace(exercise, make_logic=lambda rng, params: exercise.make_logic(rng, {**params, **QUICK}))
    scene = ExerciseScene(quick, n_trials=N_TRIALS, seed=11)
    app.stack.push(scene)
    recorded, true_delays, last_taps = [], [], []
    for first_tap_ms in FIRST_TAP_MS:
        taps, delays = play_trial(app, scene, first_tap_ms)
        recorded += taps
        true_delays += delays
        last_taps.append(taps[-1])

    errors = [r - d for r, d in zip(recorded, true_delays)]  # recorded RT minus true RT
    report = ", ".join(f"{e:.2f}" for e in errors)
    print(f"stamping errors (ms): {report}")
    assert len(errors) == len(true_delays) >= 2 * len(FIRST_TAP_MS)  # every tap of every trial
    assert min(errors) > -1e-6, f"a key was stamped before it was posted: {report}"
    # The loop waits in 1 ms steps inside SDL, so a typical error is well under 2 ms. The max
    # bound is looser: on a shared 2-core machine the scheduler, or a frame being drawn when
    # the key arrives, can delay one dequeue by a few ms.
    assert statistics.median(errors) < 2.0, f"stamping errors (ms): {report}"
    assert max(errors) < 10.0, f"stamping errors (ms): {report}"

    rows = list(store.iter_trial_rows())
    assert [row["trial_index"] for row in rows] == [1, 2, 3]
    assert [row["rt_ms"] for row in rows] == pytest.approx(last_taps, abs=1e-9)
    assert all(row["correct"] and not row["timed_out"] for row in rows)
