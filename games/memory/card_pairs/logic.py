"""Card Pairs logic: deal a board, turn cards two at a time, score the board when it ends."""

from __future__ import annotations

import random
import statistics
from enum import Enum
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Select
from games.core.engine.exercise import TrialRecord
from games.memory.card_pairs.spec import PICTURES, SPEC

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Phase(Enum):
    IDLE = "idle"  # between boards: the run starts the next one
    FIRST_LOOK = "first_look"  # every card face up for a moment
    PLAY = "play"  # the player turns cards
    SHOW_MISS = "show_miss"  # two cards that do not match stay up, then turn back
    FEEDBACK = "feedback"  # board over: the message stays a moment


def card_label(index: int) -> str:
    """The letter printed on card ``index`` (0-based), the key that turns it."""
    return LETTERS[index]


def partner_of(layout: Sequence[str], card: int) -> int:
    """The other card with the same picture."""
    return next(i for i, p in enumerate(layout) if p == layout[card] and i != card)


def repeated_known_cards(layout: Sequence[str], seen: set[int], first: int, second: int) -> int:
    """Cards of one non-matching turn that count as repeated turns of known cards.

    A card counts when, before this turn, both it and its partner had been turned face up:
    the player had seen where its match was and still did not make the pair. A matching
    turn counts nothing; a turn can count 0, 1 or 2.
    """
    if layout[first] == layout[second]:
        return 0
    return sum(1 for c in (first, second) if c in seen and partner_of(layout, c) in seen)


class CardPairsLogic:
    """State machine of one board per trial; times are in ms and come in as arguments."""

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None) -> None:
        self._rng = rng
        self._overrides = dict(overrides or {})
        self.params = SPEC.params_at(SPEC.start_level, self._overrides)
        self.phase = Phase.IDLE
        self.trial_index = 0
        self.level = SPEC.start_level
        self.layout: list[str] = []
        self.matched: set[int] = set()
        self.shown: list[int] = []  # cards turned in the current turn (0, 1 or 2)
        self.seen: set[int] = set()  # cards turned face up in a finished turn
        self.turns: list[tuple[int, int, bool, float]] = []  # first, second, matched, ms from onset
        self.onset_ms: float | None = None
        self.last_correct: bool | None = None
        self.last_cleared = False
        self._phase_end_ms: float | None = None
        self._play_start_ms = 0.0
        self._trial_start_ms = 0.0
        self._repeated_known = 0
        self._ignored = 0

    # -- what the view, the player and the run read -----------------------------------------
    @property
    def n_cards(self) -> int:
        return len(self.layout)

    @property
    def pairs(self) -> int:
        return len(self.layout) // 2

    @property
    def needs_trial(self) -> bool:
        return self.phase is Phase.IDLE

    @property
    def awaiting_onset(self) -> bool:
        return self.phase is Phase.PLAY and self.onset_ms is None

    @property
    def allowed_turns(self) -> int:
        return int(self.params["allowed_turns_per_pair"]) * self.pairs + int(self.params["allowed_extra_turns"])

    def face_up(self, card: int) -> bool:
        """Whether the player sees the card's picture now."""
        return self.phase in (Phase.FIRST_LOOK, Phase.FEEDBACK) or card in self.matched or card in self.shown

    def can_turn(self, card: int) -> bool:
        """Whether choosing ``card`` now turns it over."""
        return (self.phase is Phase.PLAY and 0 <= card < self.n_cards
                and card not in self.matched and card not in self.shown)

    def next_change_ms(self) -> float | None:
        if self.phase is Phase.PLAY:
            return self._deadline_ms()
        return self._phase_end_ms

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a board is already in play")
        self.level = level
        self.params = SPEC.params_at(level, self._overrides)
        pairs = int(self.params["pairs"])
        if not 1 <= pairs <= len(PICTURES):
            raise ValueError(f"cannot deal {pairs} pairs from {len(PICTURES)} pictures")
        self.trial_index += 1
        self.layout = self._rng.sample(PICTURES, pairs) * 2
        self._rng.shuffle(self.layout)
        self.matched, self.shown, self.seen, self.turns = set(), [], set(), []
        self.onset_ms, self.last_correct, self.last_cleared = None, None, False
        self._repeated_known = self._ignored = 0
        self._trial_start_ms = now_ms
        look_ms = self.params["first_look_ms"]
        if look_ms > 0:
            self._enter(Phase.FIRST_LOOK, now_ms, now_ms + look_ms)
        else:
            self._enter(Phase.PLAY, now_ms, None)

    def tick(self, now_ms: float) -> list[TrialRecord]:
        if self.phase in (Phase.FIRST_LOOK, Phase.SHOW_MISS, Phase.FEEDBACK):
            if self._phase_end_ms is not None and now_ms >= self._phase_end_ms:
                self._leave_phase(self._phase_end_ms)
        if self.phase is Phase.PLAY and now_ms >= self._deadline_ms():
            return [self._finish(now_ms, timed_out=True)]
        return []

    def mark_onset(self, now_ms: float) -> None:
        if self.awaiting_onset:
            self.onset_ms = now_ms

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if not isinstance(action, Select) or self.phase in (Phase.IDLE, Phase.FEEDBACK):
            return finished
        if not self.can_turn(action.index):
            self._ignored += 1  # a face-up card, a third card, or a card during the first look
            return finished
        if self.onset_ms is None:  # a choice on the very frame the board appeared
            self.mark_onset(now_ms)
        self.shown.append(action.index)
        if len(self.shown) == 2:
            finished += self._end_turn(now_ms)
        return finished

    # -- internals -------------------------------------------------------------------------
    def _deadline_ms(self) -> float:
        start = self.onset_ms if self.onset_ms is not None else self._play_start_ms
        return start + self.params["board_limit_ms"]

    def _enter(self, phase: Phase, now_ms: float, end_ms: float | None) -> None:
        if phase is Phase.PLAY and self.phase is not Phase.SHOW_MISS:
            self._play_start_ms = now_ms
        self.phase, self._phase_end_ms = phase, end_ms

    def _leave_phase(self, at_ms: float) -> None:
        if self.phase is Phase.SHOW_MISS:
            self.shown = []
        if self.phase is Phase.FEEDBACK:
            self._enter(Phase.IDLE, at_ms, None)
        else:
            self._enter(Phase.PLAY, at_ms, None)

    def _end_turn(self, now_ms: float) -> list[TrialRecord]:
        first, second = self.shown
        is_match = self.layout[first] == self.layout[second]
        self._repeated_known += repeated_known_cards(self.layout, self.seen, first, second)
        self.seen.update(self.shown)
        self.turns.append((first, second, is_match, now_ms - self.onset_ms))
        if not is_match:
            self._enter(Phase.SHOW_MISS, now_ms, now_ms + self.params["mismatch_ms"])
            return []
        self.matched.update(self.shown)
        self.shown = []
        if len(self.matched) == self.n_cards:
            return [self._finish(now_ms, timed_out=False)]
        return []

    def turn_log(self) -> str:
        """The turns so far as text, e.g. ``"A-B:miss@1520;C-D:match@3010"``."""
        return ";".join(f"{card_label(a)}-{card_label(b)}:{'match' if hit else 'miss'}@{t:.0f}"
                        for a, b, hit, t in self.turns)

    def _finish(self, now_ms: float, timed_out: bool) -> TrialRecord:
        n_turns, pairs = len(self.turns), self.pairs
        cleared = not timed_out
        is_correct = cleared and n_turns <= self.allowed_turns
        last_turn_ms = self.turns[-1][3] if self.turns else None
        record = TrialRecord(
            trial_index=self.trial_index,
            level=self.level,
            start_ms=self._trial_start_ms,
            stimulus=" ".join(f"{card_label(i)}:{p}" for i, p in enumerate(self.layout)),
            response=" ".join(f"{card_label(a)}-{card_label(b)}" for a, b, _, _ in self.turns),
            is_correct=is_correct,
            rt_ms=None if timed_out else last_turn_ms,
            timed_out=timed_out,
            extra={
                "pairs": pairs,
                "first_look_ms": int(self.params["first_look_ms"]),
                "turns": n_turns,
                "min_turns": pairs,
                "turns_above_min": n_turns - pairs,
                "allowed_turns": self.allowed_turns,
                "pairs_found": len(self.matched) // 2,
                "cleared": cleared,
                "repeated_known_turns": self._repeated_known,
                "time_to_clear_ms": last_turn_ms if cleared else None,
                "turn_log": self.turn_log(),
                "ignored_selections": self._ignored,
            },
        )
        self.last_correct, self.last_cleared = is_correct, cleared
        self.shown = []
        self._enter(Phase.FEEDBACK, now_ms, now_ms + self.params["feedback_ms"])
        return record


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's own measures: boards cleared, extra turns, repeated known cards, board time."""
    cleared = [r for r in records if r.extra.get("cleared")]
    times = [r.extra["time_to_clear_ms"] for r in cleared if r.extra.get("time_to_clear_ms") is not None]
    return {
        "boards_cleared": len(cleared),
        "mean_turns_above_min": (round(statistics.fmean(r.extra["turns_above_min"] for r in cleared), 2)
                                 if cleared else None),
        "total_repeated_known_turns": sum(int(r.extra.get("repeated_known_turns", 0)) for r in records),
        "median_board_time_ms": float(statistics.median(times)) if times else None,
    }
