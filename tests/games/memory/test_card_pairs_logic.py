"""Card Pairs logic on hand-worked boards (scripted turns, fake times), and the view's key and click mapping."""

import random

import pygame
import pytest

from games.core.engine.actions import Respond, Select
from games.core.engine.exercise import TrialRecord
from games.memory.card_pairs.logic import CardPairsLogic, Phase, repeated_known_cards, summarize
from games.memory.card_pairs.spec import SPEC

# A B C D E F: circle and circle are A and D, star B and E, moon C and F.
BOARD = ["circle", "star", "moon", "circle", "star", "moon"]


def dealt(layout=BOARD, look_ms=0, onset_ms=100.0, **params):
    """A board of ``layout`` (dealt by hand over the random one) in play, its onset stamped."""
    logic = CardPairsLogic(random.Random(7), {"first_look_ms": look_ms, **params})
    logic.start_trial(1, 0.0)
    logic.layout = list(layout)
    if look_ms:
        logic.tick(look_ms)
    assert logic.phase is Phase.PLAY and logic.awaiting_onset
    logic.mark_onset(onset_ms)
    return logic


def turn(logic, a, b, at_ms):
    """Turn cards a and b (0-based); after a miss, let the two cards turn back."""
    records = logic.handle(Select(a), at_ms) + logic.handle(Select(b), at_ms + 400)
    if logic.phase is Phase.SHOW_MISS:
        assert logic.next_change_ms() == at_ms + 400 + 1200
        records += logic.tick(at_ms + 400 + 1200)
        assert logic.phase is Phase.PLAY and logic.shown == []
    return records


def test_level_one_deals_three_pairs_after_a_first_look():
    logic = CardPairsLogic(random.Random(3))
    logic.start_trial(1, 0.0)
    assert logic.phase is Phase.FIRST_LOOK and logic.n_cards == 6
    assert all(logic.layout.count(p) == 2 for p in logic.layout)
    assert all(logic.face_up(c) for c in range(6)) and not logic.awaiting_onset
    assert logic.handle(Select(0), 500) == [] and logic.shown == []  # no turning during the look
    assert logic.next_change_ms() == 3000
    logic.tick(3000)
    assert logic.phase is Phase.PLAY and logic.awaiting_onset and not any(logic.face_up(c) for c in range(6))


def test_top_level_has_twelve_pairs_and_no_first_look():
    logic = CardPairsLogic(random.Random(3))
    logic.start_trial(SPEC.max_level, 0.0)
    assert logic.n_cards == 24 and logic.phase is Phase.PLAY
    assert all(logic.layout.count(p) == 2 for p in logic.layout)


def test_hand_worked_board_records_turns_repeats_and_times():
    logic = dealt()
    assert turn(logic, 0, 1, 600) == []  # A-B miss: nothing seen before
    assert turn(logic, 2, 3, 2600) == []  # C-D miss: both new
    turn(logic, 0, 2, 4600)  # A-C miss: A and its partner D were both seen -> 1; C's partner F unseen -> 0
    turn(logic, 0, 3, 6600)  # A-D match
    turn(logic, 1, 4, 7600)  # B-E match
    [record] = turn(logic, 2, 5, 8600)  # C-F match clears the board
    x = record.extra
    assert (x["turns"], x["min_turns"], x["turns_above_min"], x["allowed_turns"]) == (6, 3, 3, 6)
    assert x["repeated_known_turns"] == 1 and x["pairs_found"] == 3 and x["cleared"]
    assert record.is_correct and not record.timed_out
    assert record.rt_ms == pytest.approx(8900) and x["time_to_clear_ms"] == pytest.approx(8900)
    assert x["turn_log"] == ("A-B:miss@900;C-D:miss@2900;A-C:miss@4900;"
                             "A-D:match@6900;B-E:match@7900;C-F:match@8900")
    assert record.response == "A-B C-D A-C A-D B-E C-F"
    assert record.stimulus == "A:circle B:star C:moon D:circle E:star F:moon"
    assert logic.phase is Phase.FEEDBACK and logic.last_correct and all(logic.face_up(c) for c in range(6))
    logic.tick(8900 + 100 + 2500)
    assert logic.needs_trial


def test_both_cards_of_a_miss_can_be_repeated_known_turns_and_extra_turns_fail_the_board():
    logic = dealt(["circle", "star", "circle", "star", "moon", "moon"])
    turn(logic, 0, 1, 1000)  # A-B miss: 0
    turn(logic, 2, 3, 3000)  # C-D miss: 0; now both circles and both stars are known
    turn(logic, 0, 3, 5000)  # A-D miss: A (partner C seen) and D (partner B seen) -> 2
    turn(logic, 1, 0, 7000)  # B-A miss again: -> 2 more
    turn(logic, 0, 2, 9000)
    turn(logic, 1, 3, 10000)
    [record] = turn(logic, 4, 5, 11000)
    assert record.extra["repeated_known_turns"] == 4
    assert record.extra["turns"] == 7 > record.extra["allowed_turns"] == 6
    assert record.extra["cleared"] and not record.is_correct  # cleared, but beyond the allowance


@pytest.mark.parametrize(
    "seen, first, second, expected",
    [
        (set(), 0, 1, 0),  # nothing known
        ({0, 3}, 0, 1, 1),  # A and its partner D seen: A counts; B new
        ({0, 3, 1, 4}, 0, 1, 2),  # both cards' partners seen: both count
        ({0, 3, 1, 4}, 1, 0, 2),  # the order does not matter
        ({0, 3}, 0, 3, 0),  # a match never counts
        ({0}, 0, 1, 0),  # A seen, but its partner never: turning it again is no memory failure
        ({3}, 0, 1, 0),  # the partner was seen but A itself is new: not a repeat of a known card
        ({0, 1, 3}, 1, 0, 1),  # B seen, its partner E not: only A counts
    ],
)
def test_repeated_known_cards(seen, first, second, expected):
    assert repeated_known_cards(BOARD, seen, first, second) == expected


def test_the_first_look_does_not_make_cards_known():
    logic = dealt(look_ms=3000, onset_ms=3000)
    turn(logic, 0, 1, 3500)  # every card was on view during the look, yet these are first turns
    assert logic._repeated_known == 0


def test_face_up_cards_a_third_card_and_strange_actions_are_ignored_and_counted():
    logic = dealt()
    logic.handle(Select(0), 500)
    assert logic.handle(Select(0), 600) == [] and logic.shown == [0]  # already face up
    logic.handle(Select(1), 700)  # a miss: A and B stay up
    assert logic.phase is Phase.SHOW_MISS
    logic.handle(Select(2), 800)  # a third card while two are shown
    assert logic.shown == [0, 1] and logic.turns[-1][:3] == (0, 1, False)
    logic.handle(Select(42), 900)
    logic.handle(Respond("what"), 950)  # not a choice of card: not counted either
    logic.tick(1900)
    turn(logic, 0, 3, 2000)
    logic.handle(Select(3), 3000)  # a matched card
    for a, b, t in ((1, 4, 4000), (2, 5, 5000)):
        records = turn(logic, a, b, t)
    assert records[0].extra["ignored_selections"] == 4 and records[0].extra["turns"] == 4


def test_a_board_not_cleared_in_time_times_out():
    logic = dealt(board_limit_ms=60000)
    turn(logic, 0, 3, 1000)
    logic.handle(Select(1), 2000)
    assert logic.next_change_ms() == 100 + 60000
    assert logic.tick(60099) == []
    [record] = logic.tick(60100)
    assert record.timed_out and not record.is_correct and record.rt_ms is None
    assert record.extra["pairs_found"] == 1 and not record.extra["cleared"] and record.extra["turns"] == 1
    assert record.extra["time_to_clear_ms"] is None
    assert logic.phase is Phase.FEEDBACK and logic.last_cleared is False


def test_a_card_turned_on_the_first_frame_stamps_the_onset():
    logic = CardPairsLogic(random.Random(1), {"first_look_ms": 0})
    logic.start_trial(1, 0.0)
    logic.handle(Select(0), 40)
    assert logic.onset_ms == 40 and not logic.awaiting_onset


def test_start_trial_while_running_is_refused_and_same_seed_deals_same_board():
    a, b = CardPairsLogic(random.Random(5)), CardPairsLogic(random.Random(5))
    a.start_trial(4, 0)
    b.start_trial(4, 0)
    assert a.layout == b.layout
    with pytest.raises(RuntimeError):
        a.start_trial(4, 10)


def random_success_rate(level, boards, seed=11):
    """How often turning face-down cards at random clears a board within the allowance."""
    rng, wins = random.Random(seed), 0
    logic = CardPairsLogic(random.Random(seed + 1), {"first_look_ms": 0, "feedback_ms": 1})
    for k in range(boards):
        logic.start_trial(level, k * 1e7)
        logic.mark_onset(k * 1e7)
        now, records = k * 1e7, []
        while not records:
            now += 2000
            records = logic.tick(now)
            down = [c for c in range(logic.n_cards) if logic.can_turn(c)]
            records += logic.handle(Select(rng.choice(down)), now) if down else []
        wins += records[0].is_correct
        logic.tick(now + 10)
    return wins / boards


def test_luck_helps_on_the_smallest_board_only_so_the_guessing_rate_is_zero():
    assert abs(random_success_rate(1, 1500) - 0.38) < 0.05  # worked out: 1 - P(more than 6 turns)
    assert random_success_rate(6, 300) < 0.02
    assert SPEC.chance_rate == 0.0


def test_summarize_hand_worked():
    def rec(cleared, above, repeats, time_ms):
        extra = {"cleared": cleared, "turns_above_min": above, "repeated_known_turns": repeats,
                 "time_to_clear_ms": time_ms if cleared else None}
        return TrialRecord(1, 1, 0, "", "", cleared, time_ms, not cleared, extra)

    records = [rec(True, 2, 1, 30000.0), rec(True, 5, 3, 50000.0), rec(False, 9, 4, None), rec(True, 0, 0, 10000.0)]
    assert summarize(records) == {"boards_cleared": 3, "mean_turns_above_min": 2.33,
                                  "total_repeated_known_turns": 8, "median_board_time_ms": 30000.0}
    assert summarize([]) == {"boards_cleared": 0, "mean_turns_above_min": None,
                             "total_repeated_known_turns": 0, "median_board_time_ms": None}


# -- the view: every card's key and click give the same action, arrows move the focus --------
@pytest.fixture
def view_and_logic():
    from games.core.ui.theme import Theme
    from games.memory.card_pairs.view import CardPairsView

    pygame.init()
    surface = pygame.Surface((1100, 760))
    view = CardPairsView(Theme.create(1.0))
    logic = CardPairsLogic(random.Random(2))
    logic.start_trial(SPEC.max_level, 0.0)
    view.draw(surface, pygame.Rect(55, 90, 990, 650), logic, 0.0)
    return view, logic


def key(k):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def test_view_keys_and_clicks_agree_for_every_card(view_and_logic):
    view, logic = view_and_logic
    assert len(view.rects) == 24
    for i in range(24):
        action = Select(i)
        assert view.action_for(key(view.key_for(action, logic)), logic) == action
        click = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=view.click_for(action, logic), button=1)
        assert view.action_for(click, logic) == action
    assert view.key_for(Respond("x"), logic) is None and view.click_for(Select(30), logic) is None
    assert view.action_for(key(pygame.K_z), logic) is None  # no card Z on a 24-card board


def test_view_arrow_keys_move_the_focus_and_enter_turns_it(view_and_logic):
    view, logic = view_and_logic
    view.focus = 0
    assert view.action_for(key(pygame.K_RIGHT), logic) is None and view.focus == 1
    view.action_for(key(pygame.K_DOWN), logic)
    assert view.focus == 1 + view.cols
    view.action_for(key(pygame.K_UP), logic)
    view.action_for(key(pygame.K_UP), logic)  # already on the top row: stays
    assert view.focus == 1
    view.action_for(key(pygame.K_LEFT), logic)
    view.action_for(key(pygame.K_LEFT), logic)  # wraps to the last card
    assert view.focus == 23 and view.show_focus
    assert view.action_for(key(pygame.K_RETURN), logic) == Select(23)
    assert view.action_for(key(pygame.K_SPACE), logic) == Select(23)
