"""N-back logic on hand-worked rounds: fixed sequences, scripted presses, a fake clock."""

import random

import pytest

from games.core.engine.actions import Respond, Select
from games.core.engine.detection import d_prime
from games.core.engine.exercise import TrialRecord
from games.memory.n_back.blocks import block_length, is_lure, is_match, make_stream
from games.memory.n_back.logic import Block, NBackLogic, Phase, summarize
from games.memory.n_back.spec import LETTERS, SPEC

LEAD_IN, SOA = 2500, 3000  # level 1 and level 7: 500 ms lit + 2500 ms blank
PLACE, LETTER = Respond("position"), Respond("letter")


def play_round(logic, presses, late_stamp_ms=0.0, start_ms=0.0):
    """Play the round started at ``start_ms``: square k is stamped ``late_stamp_ms`` after its
    planned start; ``presses`` maps k to [(ms after the stamp, action)]. Returns the records."""
    records, t = [], start_ms + LEAD_IN
    for k in range(len(logic.block.positions)):
        records += logic.tick(t)
        assert logic.phase is Phase.SHOW and logic.index == k and logic.awaiting_onset
        logic.mark_onset(t + late_stamp_ms)
        for offset, action in presses.get(k, []):
            records += logic.handle(action, t + late_stamp_ms + offset)
        t += late_stamp_ms + SOA
    records += logic.tick(t)
    return records


# Round A, 1-back, cells 0..8. Repeats of the one before at 1, 5, 8; a near-miss (the same as
# 2 back) at 3. Non-repeats: 2, 3, 4, 6, 7, 9. Square 0 has nothing before it: not scored.
ROUND_A = Block((4, 4, 3, 4, 5, 5, 2, 7, 7, 1))
PRESSES_A = {
    0: [(300, PLACE)],  # nothing to compare yet: recorded, not a false alarm
    1: [(400, PLACE)],  # hit
    3: [(2000, PLACE)],  # false alarm on the near-miss, pressed in the blank
    8: [(600, PLACE), (700, PLACE)],  # hit; the second press is ignored
}


def test_hand_worked_round_counts_and_d_prime():
    logic = NBackLogic(random.Random(1), script=[ROUND_A])
    logic.start_trial(1, 0.0)
    assert logic.n == 1 and logic.streams == ("position",)
    records = play_round(logic, PRESSES_A)
    assert len(records) == 10 and [r.trial_index for r in records] == list(range(1, 11))
    outcomes = [r.extra["position_outcome"] for r in records]
    assert outcomes == ["not_scored", "hit", "correct_rejection", "false_alarm", "correct_rejection",
                        "miss", "correct_rejection", "correct_rejection", "hit", "correct_rejection"]
    # hits 2, misses 1, false alarms 1, correct rejections 5:
    # H = 2.5/4 = 0.625, F = 1.5/7 = 0.2143; d' = 0.3186 - (-0.7916) = 1.1103
    counts = logic.counts["position"]
    assert (counts.hits, counts.misses, counts.false_alarms, counts.correct_rejections) == (2, 1, 1, 5)
    assert records[-1].extra["block_position_d_prime"] == pytest.approx(1.1103, abs=1e-3)
    assert [r.ends_step for r in records] == [False] * 9 + [True]
    assert records[-1].step_correct is False and records[-1].step_success is False  # below 1.8
    assert all(r.extra["block_position_d_prime"] is None for r in records[:-1])


def test_hand_worked_round_trial_records():
    logic = NBackLogic(random.Random(1), script=[ROUND_A])
    logic.start_trial(1, 0.0)
    r = play_round(logic, PRESSES_A, late_stamp_ms=16.0)
    assert r[0].extra["scored"] is False and r[0].is_correct is False and r[0].response == "position"
    assert r[1].is_correct and r[1].rt_ms == pytest.approx(400) and r[1].stimulus == "5"
    assert r[1].extra["position_match"] and not r[1].extra["position_lure"]
    assert r[3].extra["position_lure"] and not r[3].is_correct and r[3].rt_ms == pytest.approx(2000)
    assert r[5].response == "none" and r[5].rt_ms is None and not r[5].is_correct and not r[5].timed_out
    assert r[8].extra["position_rt_ms"] == pytest.approx(600)  # the second press changed nothing
    assert r[2].is_correct and r[2].rt_ms is None
    assert all(x.extra["letter_outcome"] == "" and x.extra["letter_match"] is None for x in r)
    assert [x.extra["block_trial"] for x in r] == list(range(1, 11)) and r[0].extra["block"] == 1
    # a late stamp moves the rest of the round with it: square 1 was planned at 5500
    assert r[1].start_ms == pytest.approx(LEAD_IN + SOA + 16)


def test_timing_window_and_phases():
    logic = NBackLogic(random.Random(1), script=[ROUND_A])
    logic.start_trial(1, 1000.0)
    assert logic.phase is Phase.LEAD_IN and logic.next_change_ms() == 3500
    assert logic.handle(PLACE, 2000) == [] and logic.pressed == {}  # early presses are ignored
    logic.tick(3500)
    assert logic.lit_position == 4 and logic.awaiting_onset
    logic.mark_onset(3520)
    assert logic.next_change_ms() == 4020  # lit for 500 ms from the stamped onset
    logic.tick(4020)
    assert logic.phase is Phase.BLANK and logic.lit_position is None and logic.next_change_ms() == 6520
    [first] = logic.handle(PLACE, 6520)  # at the next onset: the press belongs to the new square
    assert first.response == "none" and logic.index == 1 and logic.pressed == {"position": 0.0}
    assert logic.handle(LETTER, 6600) == [] and "letter" not in logic.pressed  # no letters here
    assert logic.handle(Select(3), 6600) == []


def test_round_end_feedback_then_the_next_round():
    logic = NBackLogic(random.Random(1), script=[ROUND_A])
    logic.start_trial(1, 0.0)
    play_round(logic, {k: [(300, PLACE)] for k in (1, 5, 8)})
    # 3 hits, 6 correct rejections: d' = z(3.5/4) - z(0.5/7) = 1.150 + 1.465 = 2.615, a good round
    assert logic.phase is Phase.FEEDBACK and logic.last_block_good is True
    assert logic.handle(PLACE, logic.next_change_ms() - 1) == []
    logic.tick(logic.next_change_ms())
    assert logic.needs_trial
    logic.start_trial(3, 40000.0)  # a random 2-back round follows the scripted one
    assert logic.n == 2 and len(logic.block.positions) == 24 and logic.block_number == 2
    with pytest.raises(RuntimeError):
        logic.start_trial(3, 40001.0)


def test_dual_round_scores_each_stream():
    # 2-back. Places repeat at 2, 4, 5. Letters repeat at 5; square 3 is a letter near-miss (1 back).
    block = Block((0, 1, 0, 2, 0, 2), ("B", "D", "F", "F", "B", "F"))
    logic = NBackLogic(random.Random(1), script=[block])
    logic.start_trial(7, 0.0)
    assert logic.n == 2 and logic.streams == ("position", "letter")
    presses = {2: [(500, PLACE)], 3: [(600, LETTER)], 4: [(450, PLACE)], 5: [(700, LETTER), (800, LETTER)]}
    r = play_round(logic, presses)
    assert [x.extra["position_outcome"] for x in r] == ["not_scored"] * 2 + ["hit", "correct_rejection", "hit", "miss"]
    assert [x.extra["letter_outcome"] for x in r] == ["not_scored"] * 2 + [
        "correct_rejection", "false_alarm", "correct_rejection", "hit"]
    assert r[3].extra["letter_lure"] and r[3].stimulus == "3 F" and r[3].extra["streams"] == "position+letter"
    assert r[5].response == "letter" and not r[5].is_correct and r[5].extra["letter_rt_ms"] == pytest.approx(700)
    assert r[4].is_correct and r[2].is_correct
    # places: H = 2.5/4, F = 0.5/2; letters: H = 1.5/2, F = 1.5/4; both d' = 0.6745 + 0.3186
    assert r[-1].extra["block_position_d_prime"] == pytest.approx(0.9931, abs=1e-3)
    assert r[-1].extra["block_letter_d_prime"] == pytest.approx(0.9931, abs=1e-3)


def perfect_presses(logic):
    return {k: [(500, PLACE)] for k in range(len(logic.block.positions)) if is_match(logic.block.positions, k, logic.n)}


@pytest.mark.parametrize("strategy, good", [("never", False), ("always", False), ("perfect", True)])
def test_pressing_never_or_always_is_not_a_good_round(strategy, good):
    logic = NBackLogic(random.Random(4))
    logic.start_trial(1, 0.0)
    presses = {"never": {}, "always": {k: [(500, PLACE)] for k in range(21)}, "perfect": perfect_presses(logic)}
    records = play_round(logic, presses[strategy])
    assert records[-1].step_correct is good
    # 6 repeats and 14 non-repeats: never 0.369, always -0.369, perfect 3.299
    expected = {"never": 0.3687, "always": -0.3687, "perfect": 3.2991}[strategy]
    assert records[-1].extra["block_position_d_prime"] == pytest.approx(expected, abs=1e-3)


def test_d_prime_log_linear_by_hand():
    assert d_prime(0, 6, 0, 14) == pytest.approx(0.3687, abs=1e-4)
    assert d_prime(6, 0, 0, 14) == pytest.approx(3.2991, abs=1e-4)
    assert d_prime(3, 3, 7, 7) == pytest.approx(0.0)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_generated_streams_hold_the_declared_shares(n):
    length = block_length(n, 20)
    scored = length - n
    for seed in range(20):
        stream = make_stream(random.Random(seed), LETTERS, length, n, 0.3, 0.15)
        assert len(stream) == length == 20 + n * n
        assert sum(is_match(stream, i, n) for i in range(length)) == round(0.3 * scored)
        assert round(0.15 * scored) - 2 <= sum(is_lure(stream, i, n) for i in range(length)) <= round(0.15 * scored)
        assert not any(is_match(stream, i, n) or is_lure(stream, i, n) for i in range(n))


def test_same_seed_same_rounds_and_bad_params_refused():
    a, b = NBackLogic(random.Random(9)), NBackLogic(random.Random(9))
    a.start_trial(8, 0.0)
    b.start_trial(8, 0.0)
    assert a.block == b.block and a.block.letters is not None
    for bad in ({"n": 0}, {"match_share": 0.0}, {"match_share": 0.6, "lure_share": 0.3}, {"stimulus_ms": 0}):
        with pytest.raises(ValueError):
            NBackLogic(random.Random(1), bad)


def test_levels_start_easy_and_get_harder():
    first, last = SPEC.params_at(SPEC.min_level), SPEC.params_at(SPEC.max_level)
    assert (first["n"], first["dual"]) == (1, False) and (last["n"], last["dual"]) == (4, True)
    ns = [SPEC.params_at(level)["n"] for level in range(1, 7)]
    assert ns == sorted(ns)


def test_summarize_pools_rounds():
    def rec(n, pos, letter="", ends=False, good=None):
        return TrialRecord(1, 1, 0, "", "", True, None, False,
                           {"n": n, "position_outcome": pos, "letter_outcome": letter}, ends, good)

    single = [rec(1, "not_scored"), rec(1, "hit"), rec(1, "miss"), rec(1, "false_alarm", ends=True, good=False),
              rec(2, "correct_rejection", ends=True, good=True)]
    m = summarize(single)
    assert (m["position_hits"], m["position_misses"], m["position_false_alarms"], m["position_correct_rejections"]) == (1, 1, 1, 1)
    assert m["position_d_prime"] == pytest.approx(0.0) and m["letter_hits"] is None and m["letter_d_prime"] is None
    assert m["max_n"] == 2 and m["blocks"] == 2 and m["good_blocks"] == 1
    dual = summarize(single + [rec(3, "hit", "hit"), rec(3, "hit", "false_alarm")])
    assert dual["letter_hits"] == 1 and dual["letter_false_alarms"] == 1 and dual["max_n"] == 3
    assert summarize([])["position_d_prime"] is None
