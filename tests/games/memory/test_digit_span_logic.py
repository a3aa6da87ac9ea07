"""Digit Span logic on hand-worked cases (scripted actions on a fake clock), plus the view's key and click maps."""

import random

import pygame
import pytest

from games.core.engine.actions import Respond, Select, Undo
from games.core.engine.exercise import SpecError, TrialRecord
from games.core.engine.recall import first_error_position
from games.memory.digit_span.logic import (
    DONE, DigitSpanLogic, Phase, make_sequence, summarize, trial_direction,
)

TIMES = {"lead_in_ms": 1500, "digit_ms": 800, "gap_ms": 300, "feedback_ms": 1500, "idle_timeout_ms": 30000}


def started(level=3, seed=7, now=0.0, **params):
    logic = DigitSpanLogic(random.Random(seed), {**TIMES, **params})
    logic.start_trial(level, now)
    return logic


def to_response(logic, onset_ms):
    """Run the clock through the presentation (lead-in 1500, then 1100 ms a digit less one gap)."""
    end = 1500 + 1100 * len(logic.sequence) - 300
    assert logic.tick(end - 1) == [] and logic.phase is Phase.PRESENT
    logic.tick(end)
    assert logic.phase is Phase.RESPOND and logic.awaiting_onset
    logic.mark_onset(onset_ms)
    assert not logic.awaiting_onset


def type_digits(logic, digits, start_ms, step_ms=400):
    records = []
    for i, d in enumerate(digits):
        records += logic.handle(Select(d), start_ms + i * step_ms)
    return records


def test_digits_appear_one_at_a_time_after_the_lead_in():
    logic = started(level=3)
    assert logic.phase is Phase.LEAD_IN and logic.shown_digit(1000) is None
    assert logic.next_change_ms() == 1500
    logic.tick(1500)
    seq = logic.sequence
    times = (1500, 2299, 2300, 2599, 2600, 3700, 4499)
    assert [logic.shown_digit(t) for t in times] == [seq[0], seq[0], None, None, seq[1], seq[2], seq[2]]
    assert [logic.digits_begun(t) for t in (1500, 2599, 2600, 4000)] == [1, 1, 2, 3]
    assert logic.next_change_ms() == 2300


def test_correct_forward_answer_records_keys_rt_and_direction():
    logic = started(level=3, direction="forward")
    to_response(logic, onset_ms=4520)
    seq = logic.sequence
    assert type_digits(logic, seq[:2], 5020) == []
    [record] = logic.handle(Select(seq[2]), 5820)
    assert record.is_correct and not record.timed_out
    assert record.rt_ms == pytest.approx(1300)  # 5820 - 4520
    assert record.extra["key_times_ms"] == "500.0;900.0;1300.0"
    assert record.extra["first_key_ms"] == pytest.approx(500)
    assert record.extra["first_error_position"] is None
    assert record.extra["direction"] == "forward" and record.extra["ended_by"] == "length"
    assert record.stimulus == record.response == record.extra["expected_response"] == " ".join(map(str, seq))
    assert record.level == 3 and record.trial_index == 1 and record.extra["n_digits"] == 3
    assert logic.phase is Phase.FEEDBACK and logic.last_correct
    logic.tick(5820 + 1500)
    assert logic.needs_trial


def test_backward_answer_must_be_reversed():
    logic = started(level=3, direction="backward")
    to_response(logic, 4500)
    seq = logic.sequence
    [record] = type_digits(logic, seq[::-1], 5000)
    assert record.is_correct and record.extra["direction"] == "backward"
    assert record.response == record.extra["expected_response"] == " ".join(map(str, seq[::-1]))
    assert record.stimulus == " ".join(map(str, seq))


def test_backward_trial_typed_in_the_shown_order_is_wrong_at_position_one():
    logic = started(level=3, direction="backward")
    to_response(logic, 4500)
    [record] = type_digits(logic, logic.sequence, 5000)
    assert not record.is_correct and record.extra["first_error_position"] == 1


def test_wrong_digit_gives_position_of_first_error():
    logic = started(level=4, direction="forward")
    to_response(logic, 5600)
    seq = logic.sequence
    other = next(d for d in range(10) if d not in seq)
    [record] = type_digits(logic, [seq[0], seq[1], other, seq[3]], 6000)
    assert not record.is_correct and record.extra["first_error_position"] == 3
    assert logic.last_correct is False


def test_undo_takes_back_a_digit_and_is_counted():
    logic = started(level=2, direction="forward")
    to_response(logic, 3400)
    seq = logic.sequence
    wrong = next(d for d in range(10) if d not in seq)
    logic.handle(Select(wrong), 3700)
    logic.handle(Undo(), 3800)
    logic.handle(Undo(), 3850)  # nothing left to take back: not counted
    logic.handle(Select(seq[0]), 3900)
    [record] = logic.handle(Select(seq[1]), 4100)
    assert record.is_correct and record.extra["n_undos"] == 1
    assert record.extra["key_times_ms"] == "500.0;700.0" and record.rt_ms == pytest.approx(700)


def test_done_pressed_early_ends_the_answer_as_wrong():
    logic = started(level=4, direction="forward")
    to_response(logic, 5600)
    seq = logic.sequence
    type_digits(logic, seq[:2], 6000)
    [record] = logic.handle(Respond(DONE), 7000)
    assert not record.is_correct and not record.timed_out
    assert record.extra["ended_by"] == "done" and record.extra["first_error_position"] == 3
    assert record.rt_ms == pytest.approx(800)  # to the last digit typed, not to Done


def test_done_with_nothing_typed_is_a_pass_without_rt():
    logic = started(level=2)
    to_response(logic, 3400)
    [record] = logic.handle(Respond(DONE), 5000)
    assert record.response == "" and record.rt_ms is None and record.extra["first_error_position"] == 1


def test_keys_during_the_presentation_are_ignored_but_counted():
    logic = started(level=2, direction="forward")
    logic.handle(Select(0), 500)
    logic.handle(Respond(DONE), 1600)
    logic.handle(Undo(), 2000)
    to_response(logic, 3400)
    assert logic.answer == []
    records = type_digits(logic, logic.sequence, 3600)
    assert records[0].extra["early_keys"] == 3 and records[0].is_correct


def test_no_key_for_the_idle_time_ends_the_trial_as_timed_out():
    logic = started(level=2)
    to_response(logic, 3400)
    logic.handle(Select(logic.expected[0]), 4000)
    assert logic.next_change_ms() == 4000 + 30000
    assert logic.tick(33999) == []
    [record] = logic.tick(34000)
    assert record.timed_out and not record.is_correct and record.rt_ms is None
    assert record.extra["ended_by"] == "timeout" and record.extra["first_error_position"] == 2


def test_mixed_runs_blocks_of_forward_then_backward():
    assert [trial_direction("mixed", 4, i) for i in range(1, 11)] == ["forward"] * 4 + ["backward"] * 4 + ["forward"] * 2
    assert trial_direction("backward", 4, 1) == "backward"
    logic = DigitSpanLogic(random.Random(1), {**TIMES, "switch_every": 1})
    seen = []
    for t in range(3):
        logic.start_trial(2, t * 100_000)
        seen.append(logic.direction)
        logic.handle(Respond(DONE), t * 100_000 + 10_000)  # lets time pass to the answer, then passes
        logic.tick(t * 100_000 + 20_000)
    assert seen == ["forward", "backward", "forward"]


@pytest.mark.parametrize("bad", [{"direction": "sideways"}, {"switch_every": 0}, {"digit_ms": 0}, {"gap_ms": -1}])
def test_bad_parameters_fail_at_construction(bad):
    with pytest.raises(SpecError):
        DigitSpanLogic(random.Random(0), bad)


def test_sequences_never_repeat_a_digit_nor_count_by_one_three_times():
    rng = random.Random(4)
    for length in range(2, 10):
        for _ in range(60):
            seq = make_sequence(rng, length)
            assert len(seq) == length and len(set(seq)) == length
            for a, b, c in zip(seq, seq[1:], seq[2:]):
                assert not (b - a == c - b and abs(b - a) == 1), seq
    long = make_sequence(rng, 14)  # longer than ten only by an override: digits come back, never close
    assert all(d not in long[max(0, i - 2):i] for i, d in enumerate(long))


def test_mashing_keys_and_strange_actions_never_break_the_trial():
    logic = started(level=4)
    rng = random.Random(1)
    for t in range(1000):
        logic.handle(Select(rng.randrange(-3, 12)), t * 3)
    to_response(logic, 5600)
    assert logic.handle(Respond("what"), 5700) == [] and logic.handle(Select(42), 5700) == []
    records = []
    for t in range(1000):
        records += logic.handle(Select(rng.randrange(10)), 6000 + t)
    assert len(records) == 1 and records[0].extra["early_keys"] > 0 and records[0].trial_index == 1


def test_start_trial_while_running_is_refused_and_seeds_replay():
    logic = started()
    with pytest.raises(RuntimeError):
        logic.start_trial(2, 10)
    assert started(seed=3).sequence == started(seed=3).sequence


@pytest.mark.parametrize(
    "expected, answer, position",
    [([1, 2, 3], [1, 2, 3], None), ([1, 2, 3], [2, 1, 3], 1), ([1, 2, 3], [1, 2, 4], 3), ([1, 2, 3], [1], 2),
     ([1, 2, 3], [], 1)],
)
def test_first_error_position(expected, answer, position):
    assert first_error_position(expected, answer) == position


def test_summarize_gives_longest_span_each_way_empty_when_not_played():
    def rec(length, ok, direction):
        return TrialRecord(1, length, 0, "", "", ok, 100, False, {"n_digits": length, "direction": direction})

    records = [rec(3, True, "forward"), rec(6, False, "forward"), rec(5, True, "forward"), rec(4, False, "backward")]
    assert summarize(records) == {"longest_span_forward": 5, "longest_span_backward": 0, "correct_trials": 2}
    assert summarize(records[:3]) == {"longest_span_forward": 5, "longest_span_backward": None, "correct_trials": 2}
    assert summarize([]) == {"longest_span_forward": None, "longest_span_backward": None, "correct_trials": 0}


# -- the view: every key and click maps to the action the player means ---------------------------


@pytest.fixture
def drawn():
    """A view that has drawn a trial's response screen, with the logic waiting for the answer."""
    from games.core.ui.theme import Theme, forget_fonts
    from games.memory.digit_span.view import DigitSpanView

    forget_fonts()  # fonts loaded before an earlier pygame.quit() are dead
    pygame.init()
    surface = pygame.Surface((1100, 760))
    view = DigitSpanView(Theme.create(1.5))
    logic = started(level=5)
    to_response(logic, 6700)
    view.draw(surface, pygame.Rect(40, 100, 1020, 640), logic, 6700)
    yield view, logic
    pygame.quit()
    forget_fonts()


ACTIONS = [Select(d) for d in range(10)] + [Undo(), Respond(DONE)]


@pytest.mark.parametrize("action", ACTIONS)
def test_key_for_and_action_for_agree(drawn, action):
    view, logic = drawn
    key = view.key_for(action, logic)
    assert view.action_for(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0), logic) == action


@pytest.mark.parametrize("action", ACTIONS)
def test_click_for_and_action_for_agree(drawn, action):
    view, logic = drawn
    pos = view.click_for(action, logic)
    assert view.action_for(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos), logic) == action


def test_keypad_digits_enter_and_delete_also_work(drawn):
    view, logic = drawn
    press = lambda key: view.action_for(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0), logic)  # noqa: E731
    assert [press(getattr(pygame, f"K_KP{d}")) for d in range(10)] == [Select(d) for d in range(10)]
    assert press(pygame.K_KP_ENTER) == Respond(DONE) and press(pygame.K_DELETE) == Undo()
    assert press(pygame.K_a) is None and view.key_for(Respond("other"), logic) is None
    assert view.action_for(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(1, 1)), logic) is None


@pytest.mark.parametrize("scale, area", [(1.0, (1020, 560)), (1.5, (1020, 560)), (2.0, (990, 540))])
def test_keypad_keys_stay_tall_enough_for_their_labels(scale, area):
    from games.core.ui.theme import Theme, forget_fonts
    from games.memory.digit_span.view import DigitSpanView

    forget_fonts()
    pygame.init()
    try:
        theme = Theme.create(scale)
        view, logic = DigitSpanView(theme), started(level=5)
        to_response(logic, 6700)
        room = pygame.Rect(40, 100, *area)
        view.draw(pygame.Surface((1100, 760)), room, logic, 6700)
        keys = list(view.keys.values())
        assert len(keys) == 12 and all(room.contains(key) for key in keys)
        assert not any(a.colliderect(b) for i, a in enumerate(keys) for b in keys[i + 1:])
        assert min(key.height for key in keys) >= theme.font("body").get_linesize()
        phone = view.keys["Undo"].top > view.keys["7"].top  # Undo under 7, as on a phone
        if scale == 1.0:
            assert phone  # with room to spare the keypad is the phone's
        if scale == 2.0:
            assert not phone  # four rows would be too low here: two rows of six
    finally:
        pygame.quit()
        forget_fonts()
