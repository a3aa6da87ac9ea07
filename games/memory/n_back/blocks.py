"""N-back rounds: building a stream with declared shares of repeats and near-misses, and scoring it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Sequence

from games.core.engine.detection import d_prime

HIT, MISS, FALSE_ALARM, CORRECT_REJECTION, NOT_SCORED = (
    "hit", "miss", "false_alarm", "correct_rejection", "not_scored",
)


def block_length(n: int, base_length: int) -> int:
    """Stimuli in a round: longer rounds for larger n, so each has enough scored squares."""
    return base_length + n * n


def is_match(stream: Sequence[object], i: int, n: int) -> bool:
    """Whether item ``i`` repeats the item ``n`` steps back (never for the first ``n``)."""
    return i >= n and stream[i] == stream[i - n]


def is_lure(stream: Sequence[object], i: int, n: int) -> bool:
    """A near-miss: item ``i`` repeats the item n-1 or n+1 back, but not n back (scored items only)."""
    if i < n or is_match(stream, i, n):
        return False
    near = [i - n - 1] + ([i - n + 1] if n >= 2 else [])  # n-1 back is the item itself when n = 1
    return any(j >= 0 and stream[j] == stream[i] for j in near)


def make_stream(
    rng: random.Random, symbols: Sequence[object], length: int, n: int, match_share: float, lure_share: float
) -> list:
    """A stream of ``length`` symbols where the declared shares of scored items are repeats and lures.

    Repeats go to randomly chosen places. Lures are drawn one non-repeat at a time with the
    chance (lures still wanted) / (non-repeats left), skipping places where no near-miss is
    possible (the symbols n-1 and n+1 back equal the one n back), so the count comes out exact
    or, rarely, one or two short. Plain non-repeats avoid the symbols n-1, n and n+1 back.
    """
    scored = list(range(n, length))
    matches = set(rng.sample(scored, round(match_share * len(scored))))
    lures_wanted = round(lure_share * len(scored))
    slots_left = len(scored) - len(matches)
    stream: list = []
    for i in range(length):
        if i in matches:
            stream.append(stream[i - n])
            continue
        back = {stream[j] for j in (i - n - 1, i - n + 1) if 0 <= j < i}  # n+1 and n-1 back
        avoid = {stream[i - n]} if i >= n else set()
        lure_symbols = sorted(back - avoid, key=symbols.index)
        if i >= n:
            if lure_symbols and rng.random() * slots_left < lures_wanted:
                stream.append(rng.choice(lure_symbols))
                lures_wanted, slots_left = lures_wanted - 1, slots_left - 1
                continue
            slots_left -= 1
        stream.append(rng.choice([s for s in symbols if s not in avoid | back]))
    return stream


def outcome(scored: bool, matched: bool, pressed: bool) -> str:
    """Signal-detection outcome of one item in one stream; a missed repeat is never a false alarm."""
    if not scored:
        return NOT_SCORED
    if matched:
        return HIT if pressed else MISS
    return FALSE_ALARM if pressed else CORRECT_REJECTION


@dataclass
class Counts:
    """Hits, misses, false alarms and correct rejections of one stream."""

    hits: int = 0
    misses: int = 0
    false_alarms: int = 0
    correct_rejections: int = 0

    def add(self, result: str) -> None:
        if result == HIT:
            self.hits += 1
        elif result == MISS:
            self.misses += 1
        elif result == FALSE_ALARM:
            self.false_alarms += 1
        elif result == CORRECT_REJECTION:
            self.correct_rejections += 1

    @property
    def d_prime(self) -> float:
        return d_prime(self.hits, self.misses, self.false_alarms, self.correct_rejections)

    @property
    def repeats(self) -> int:
        return self.hits + self.misses
