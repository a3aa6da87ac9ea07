"""Sequence Recall logic on hand-worked cases: scripted actions on a fake clock."""

import random

import pytest

from games.core.engine.actions import Respond, Select, Undo
from games.core.engine.recall import first_error_position
from games.memory.sequence_recall.logic import Phase, SequenceRecallLogic, summarize

FAST = {"lead_in_ms": 1000, "light_ms": 700, "gap_ms": 300, "feedback_ms": 1500, "idle_timeout_ms": 30000}


def started(level=3, seed=7, now=0.0):
    logic = SequenceRecallLogic(random.Random(seed), FAST)
    logic.start_trial(level, now)
    return logic


def to_response(logic, onset_ms):
    """Run the clock through the presentation and stamp the prompt's onset."""
    end = 1000 + 1000 * len(logic.sequence) - 300
    assert logic.tick(end - 1) == [] and logic.phase is Phase.PRESENT
    logic.tick(end)
    assert logic.phase is Phase.RESPOND and logic.awaiting_onset
    logic.mark_onset(onset_ms)
    assert not logic.awaiting_onset


def test_presentation_lights_each_block_in_turn():
    logic = started(level=3)
    assert logic.phase is Phase.LEAD_IN and logic.lit_block(500) is None
    assert logic.next_change_ms() == 1000
    logic.tick(1000)
    seq = logic.sequence
    assert len(seq) == 3 and len(set(seq)) == 3
    assert [logic.lit_block(t) for t in (1000, 1699, 1700, 2000, 3000, 3699)] == [seq[0], seq[0], None, seq[1], seq[2], seq[2]]
    assert logic.next_change_ms() == 1700


def test_correct_answer_records_taps_rt_and_feedback():
    logic = started(level=3)
    to_response(logic, onset_ms=3720)
    seq = logic.sequence
    assert logic.handle(Select(seq[0]), 4220) == []
    assert logic.handle(Select(seq[1]), 4620) == []
    [record] = logic.handle(Select(seq[2]), 5020)
    assert record.is_correct and not record.timed_out
    assert record.rt_ms == pytest.approx(1300)
    assert record.extra["tap_times_ms"] == "500.0;900.0;1300.0"
    assert record.extra["first_tap_ms"] == pytest.approx(500)
    assert record.extra["first_error_position"] is None
    assert record.stimulus == record.response == " ".join(str(b + 1) for b in seq)
    assert record.level == 3 and record.trial_index == 1
    assert logic.phase is Phase.FEEDBACK and logic.last_correct
    logic.tick(5020 + 1500)
    assert logic.needs_trial


def test_wrong_tap_gives_position_of_first_error():
    logic = started(level=3)
    to_response(logic, 3700)
    seq = logic.sequence
    other = next(b for b in range(9) if b not in seq)
    logic.handle(Select(seq[0]), 4000)
    logic.handle(Select(other), 4300)
    [record] = logic.handle(Select(seq[2]), 4600)
    assert not record.is_correct and record.extra["first_error_position"] == 2
    assert logic.last_correct is False


def test_undo_takes_back_a_tap_and_is_counted():
    logic = started(level=2)
    to_response(logic, 2700)
    seq = logic.sequence
    wrong = next(b for b in range(9) if b not in seq)
    logic.handle(Select(wrong), 3000)
    logic.handle(Undo(), 3100)
    logic.handle(Select(seq[0]), 3200)
    [record] = logic.handle(Select(seq[1]), 3400)
    assert record.is_correct and record.extra["n_undos"] == 1
    assert record.extra["tap_times_ms"] == "500.0;700.0"


def test_taps_during_presentation_are_ignored_but_counted():
    logic = started(level=2)
    logic.handle(Select(0), 500)
    logic.handle(Select(1), 1200)
    to_response(logic, 2700)
    assert logic.taps == []
    for i, block in enumerate(logic.sequence):
        records = logic.handle(Select(block), 3000 + i * 100)
    assert records[0].extra["early_taps"] == 2 and records[0].is_correct


def test_no_answer_times_out_as_incorrect():
    logic = started(level=2)
    to_response(logic, 2700)
    logic.handle(Select(logic.sequence[0]), 3000)
    assert logic.next_change_ms() == 3000 + 30000
    [record] = logic.tick(33000)
    assert record.timed_out and not record.is_correct and record.rt_ms is None
    assert record.extra["first_error_position"] == 2


def test_mashing_keys_and_strange_actions_never_break_the_trial():
    logic = started(level=4)
    rng = random.Random(1)
    for t in range(1000):  # a thousand presses during the presentation
        logic.handle(Select(rng.randrange(-3, 12)), t * 3)
    to_response(logic, 4700)
    assert logic.handle(Respond("what"), 4800) == [] and logic.handle(Select(42), 4800) == []
    records = []
    for t in range(1000):
        records += logic.handle(Select(rng.randrange(9)), 5000 + t)
    assert len(records) == 1 and records[0].extra["early_taps"] > 0
    assert records[0].trial_index == 1


def test_start_trial_while_running_is_refused():
    logic = started()
    with pytest.raises(RuntimeError):
        logic.start_trial(2, 10)


def test_same_seed_gives_same_sequences():
    a, b = started(seed=3), started(seed=3)
    assert a.sequence == b.sequence


@pytest.mark.parametrize(
    "sequence, taps, expected",
    [([1, 2, 3], [1, 2, 3], None), ([1, 2, 3], [2, 1, 3], 1), ([1, 2, 3], [1, 2, 4], 3), ([1, 2, 3], [1], 2)],
)
def test_first_error_position(sequence, taps, expected):
    assert first_error_position(sequence, taps) == expected


def test_summarize_reports_longest_span_and_correct_trials():
    from games.core.engine.exercise import TrialRecord

    def rec(length, ok):
        return TrialRecord(1, length, 0, "", "", ok, 100, False, {"sequence_length": length})

    assert summarize([rec(3, True), rec(5, False), rec(4, True)]) == {"longest_span": 4, "correct_trials": 2}
    assert summarize([]) == {"longest_span": 0, "correct_trials": 0}
