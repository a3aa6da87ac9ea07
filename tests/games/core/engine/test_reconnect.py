"""Asking an absent clinic database again: off the loop's thread, 5 s, 10 s, 20 s, then every 30 s."""

from __future__ import annotations

from concurrent.futures import wait

from games.core.engine.reconnect import Reconnect


def ask_when_due(reconnect: Reconnect, now_ms: float):
    """Returns the answer given at ``now_ms`` (the question's thread waited for)."""
    assert reconnect.answered(now_ms) is None  # due: the question starts, off this thread
    wait([reconnect.asking])
    return reconnect.answered(now_ms)


def test_the_wait_between_questions_grows_to_half_a_minute_and_starts_short_again():
    answers = [False, False, False, False, True]
    asked = []
    reconnect = Reconnect(lambda: asked.append(1) or answers[len(asked) - 1])
    reconnect.lost(0.0)
    assert reconnect.answered(4_999.0) is None and not asked and reconnect.asking is None
    now, waits = 5_000.0, []
    while True:
        answer = ask_when_due(reconnect, now)
        if answer:
            break
        waits.append(reconnect.next_ms - now)
        now = reconnect.next_ms
    assert waits == [10_000.0, 20_000.0, 30_000.0, 30_000.0] and len(asked) == 5
    reconnect.back()
    reconnect.lost(now)
    assert reconnect.next_ms == now + 5_000.0


def test_a_question_that_fails_counts_as_no_answer():
    def broken():
        raise RuntimeError("no route to host")

    reconnect = Reconnect(broken)
    reconnect.lost(0.0)
    assert ask_when_due(reconnect, 5_000.0) is False and reconnect.wait_s == 10.0
