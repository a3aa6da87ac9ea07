"""Card Pairs logic: deal a board, turn cards two at a time, score the board when it ends."""

from __future__ import annotations

import random
import statistics
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Select
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.self_paced import Phase, SelfPaced
from games.memory.card_pairs.spec import PICTURES, SPEC

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


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


class CardPairsLogic(OnTimeline):
    """State machine of one board per trial; times are in ms and come in as arguments.

    Every card shows face up for a first look, then the player turns cards two at a time until the
    board is cleared or its time is up; two cards that do not match stay up a moment (SHOW_MISS).
    """

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None, *,
                 spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self.timeline = SelfPaced()
        self.layout: list[str] = []
        self.matched: set[int] = set()
        self.shown: list[int] = []  # cards turned in the current turn (0, 1 or 2)
        self.seen: set[int] = set()  # cards turned face up in a finished turn
        self.turns: list[tuple[int, int, bool, float]] = []  # first, second, matched, ms from onset
        self.last_correct: bool | None = None
        self.last_cleared = False
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
    def allowed_turns(self) -> int:
        return int(self.params["allowed_turns_per_pair"]) * self.pairs + int(self.params["allowed_extra_turns"])

    def face_up(self, card: int) -> bool:
        """Whether the player sees the card's picture now."""
        return self.phase in (Phase.FIRST_LOOK, Phase.FEEDBACK) or card in self.matched or card in self.shown

    def can_turn(self, card: int) -> bool:
        """Whether choosing ``card`` now turns it over."""
        return (self.phase is Phase.PLAY and 0 <= card < self.n_cards
                and card not in self.matched and card not in self.shown)

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a board is already in play")
        self.take_level(level)
        pairs = int(self.params["pairs"])
        if not 1 <= pairs <= len(PICTURES):
            raise ValueError(f"cannot deal {pairs} pairs from {len(PICTURES)} pictures")
        self.trial_index += 1
        self.layout = self._rng.sample(PICTURES, pairs) * 2
        self._rng.shuffle(self.layout)
        self.matched, self.shown, self.seen, self.turns = set(), [], set(), []
        self.last_correct, self.last_cleared = None, False
        self._repeated_known = self._ignored = 0
        self.timeline.begin(now_ms, limit_ms=self.params["board_limit_ms"], look_ms=self.params["first_look_ms"])

    def tick(self, now_ms: float) -> list[TrialRecord]:
        showing_miss = self.phase is Phase.SHOW_MISS
        timed_out = self.timeline.advance(now_ms)
        if showing_miss and self.phase is not Phase.SHOW_MISS:
            self.shown = []  # the two cards that did not match turn back
        return [self._finish(now_ms, timed_out=True)] if timed_out else []

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
    def _end_turn(self, now_ms: float) -> list[TrialRecord]:
        first, second = self.shown
        is_match = self.layout[first] == self.layout[second]
        self._repeated_known += repeated_known_cards(self.layout, self.seen, first, second)
        self.seen.update(self.shown)
        self.turns.append((first, second, is_match, now_ms - self.onset_ms))
        if not is_match:
            self.timeline.hold(now_ms, self.params["mismatch_ms"])
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
            start_ms=self.timeline.trial_start_ms,
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
        self.timeline.finish(now_ms, self.params["feedback_ms"])
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
