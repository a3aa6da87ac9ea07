"""N-back logic: show a round of squares one by one, collect presses, score each square and the round."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Respond
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.timed_block import Phase, TimedBlock
from games.memory.n_back.blocks import (
    HIT, CORRECT_REJECTION, NOT_SCORED, Counts, block_length, is_lure, is_match, make_stream, outcome,
)
from games.memory.n_back.spec import GRID_SIDE, LETTERS, SPEC, STREAM_LETTER, STREAM_POSITION


@dataclass(frozen=True)
class Block:
    """One round's stimuli: cells 0..8, and letters in dual rounds (None otherwise)."""

    positions: tuple[int, ...]
    letters: tuple[str, ...] | None = None


class NBackLogic(OnTimeline):
    """State machine of one run of rounds; times are in ms and come in as arguments.

    A round is a "get ready" with n shown (LEAD_IN), then each square lit (SHOW) and gone dark
    (BLANK, where presses still count for it), then how the round went (FEEDBACK).

    Args:
        rng: the run's random generator (builds the rounds).
        overrides: parameter values that replace the level's.
        script: fixed rounds to play first, in order (for tests); later rounds are random.
        spec: the exercise played (see ``LogicBase``).
    """

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None,
                 script: Sequence[Block] = (), *, spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self._script = list(script)
        self.timeline = TimedBlock()
        self.block_number = 0
        self.block = Block(())
        self.pressed: dict[str, float] = {}  # stream -> rt_ms of the press for the current square
        self.counts: dict[str, Counts] = {}
        self.last_block_good: bool | None = None

    # -- what the view, the player and the run read ----------------------------------------
    @property
    def index(self) -> int:
        """The square within the round, from 0."""
        return self.timeline.index

    @property
    def n(self) -> int:
        return int(self.params["n"])

    @property
    def streams(self) -> tuple[str, ...]:
        return (STREAM_POSITION, STREAM_LETTER) if self.block.letters is not None else (STREAM_POSITION,)

    @property
    def lit_position(self) -> int | None:
        return self.block.positions[self.index] if self.phase is Phase.SHOW else None

    @property
    def lit_letter(self) -> str | None:
        if self.phase is not Phase.SHOW or self.block.letters is None:
            return None
        return self.block.letters[self.index]

    def truth(self, stream: str) -> tuple[bool, bool]:
        """(is a repeat, is a near-miss) for the current square in ``stream``."""
        items = self.block.positions if stream == STREAM_POSITION else self.block.letters
        return is_match(items, self.index, self.n), is_lure(items, self.index, self.n)

    def window_end_ms(self) -> float:
        """When the next square appears: presses until then count for the current one."""
        return self.timeline.item_end_ms()

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        """Start the next round at ``level`` (the run calls this whenever ``needs_trial``)."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a round is already running")
        self.take_level(level)
        self.block = self._script.pop(0) if self._script else self._make_block()
        if len(self.block.positions) <= self.n:
            raise ValueError(f"a {self.n}-back round needs more than {self.n} squares")
        self.block_number += 1
        self.pressed = {}
        self.counts = {stream: Counts() for stream in self.streams}
        self.last_block_good = None
        p = self.params
        self.timeline.begin(now_ms, len(self.block.positions), lead_in_ms=p["lead_in_ms"], fixation_ms=None,
                            shown_ms=p["stimulus_ms"], pause_ms=p["isi_ms"], feedback_ms=p["feedback_ms"])

    def tick(self, now_ms: float) -> list[TrialRecord]:
        return self.timeline.advance(now_ms, self._show_next, self._finish_square)

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if self.timeline.in_item and isinstance(action, Respond):
            if action.value in self.streams and action.value not in self.pressed:  # a second press is ignored
                self.pressed[action.value] = self.timeline.press_rt_ms(now_ms)
        return finished

    # -- internals -------------------------------------------------------------------------
    def _make_block(self) -> Block:
        p = self.params
        length = block_length(self.n, int(p["base_length"]))
        cells = range(GRID_SIDE * GRID_SIDE)
        make = lambda symbols: tuple(make_stream(self._rng, symbols, length, self.n, p["match_share"], p["lure_share"]))  # noqa: E731
        return Block(make(cells), make(LETTERS) if p["dual"] else None)

    def _show_next(self, at_ms: float) -> None:
        self.trial_index += 1
        self.pressed = {}

    def _finish_square(self) -> TrialRecord:
        scored = self.index >= self.n
        extra: dict[str, Any] = {
            "n": self.n, "streams": "+".join(self.streams), "block": self.block_number,
            "block_trial": self.index + 1, "scored": scored,
            "position": self.block.positions[self.index] + 1,
            "letter": self.block.letters[self.index] if self.block.letters is not None else "",
        }
        results = []
        for stream in (STREAM_POSITION, STREAM_LETTER):
            played = stream in self.streams
            matched, lure = self.truth(stream) if played else (None, None)
            result = outcome(scored, bool(matched), stream in self.pressed) if played else None
            if played:
                self.counts[stream].add(result)
                results.append(result)
            extra.update({f"{stream}_match": matched, f"{stream}_lure": lure, f"{stream}_outcome": result or "",
                          f"{stream}_rt_ms": self.pressed.get(stream)})
        last = self.timeline.last_item
        extra.update(self._block_scores() if last else {"block_position_d_prime": None, "block_letter_d_prime": None})
        return TrialRecord(
            trial_index=self.trial_index, level=self.level, start_ms=self.timeline.item_start_ms,
            stimulus=" ".join(str(v) for v in (extra["position"], extra["letter"]) if v != ""),
            response="+".join(s for s in self.streams if s in self.pressed) or "none",
            is_correct=(not self.pressed) if not scored else all(r in (HIT, CORRECT_REJECTION) for r in results),
            rt_ms=min(self.pressed.values()) if self.pressed else None, timed_out=False, extra=extra,
            ends_step=last, step_correct=self.last_block_good if last else None,
        )

    def _block_scores(self) -> dict[str, Any]:
        """The round's d' per stream, and whether it was good enough to move up."""
        d = {stream: counts.d_prime for stream, counts in self.counts.items()}
        self.last_block_good = all(v >= self.params["d_prime_criterion"] for v in d.values())
        return {"block_position_d_prime": d[STREAM_POSITION], "block_letter_d_prime": d.get(STREAM_LETTER)}


def summarize(records: Sequence[TrialRecord]) -> dict[str, Any]:
    """The run's measures: per-stream counts and d' pooled over its rounds, the highest n, rounds good."""
    counts = {STREAM_POSITION: Counts(), STREAM_LETTER: Counts()}
    for record in records:
        for stream, stream_counts in counts.items():
            stream_counts.add(record.extra.get(f"{stream}_outcome") or NOT_SCORED)
    dual_played = any(r.extra.get("letter_outcome") for r in records)
    measures: dict[str, Any] = {"max_n": max((r.extra["n"] for r in records), default=None)}
    for stream, c in counts.items():
        shown = stream == STREAM_POSITION or dual_played
        measures.update({
            f"{stream}_hits": c.hits if shown else None,
            f"{stream}_misses": c.misses if shown else None,
            f"{stream}_false_alarms": c.false_alarms if shown else None,
            f"{stream}_correct_rejections": c.correct_rejections if shown else None,
            f"{stream}_d_prime": round(c.d_prime, 3) if shown and records else None,
        })
    ends = [r for r in records if r.ends_step]
    measures["blocks"] = len(ends)
    measures["good_blocks"] = sum(bool(r.step_correct) for r in ends)
    return measures
