"""Go/No-Go logic: rounds of shapes, each a '+', the shape with its window, and a short pause."""

from __future__ import annotations

import random
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Respond
from games.core.engine.exercise import ExerciseSpec, TrialRecord
from games.core.engine.trials.base import OnTimeline
from games.core.engine.trials.timed_block import Phase, TimedBlock
from games.focus.go_no_go.scoring import Tally, classify
from games.focus.go_no_go.spec import CORRECT_REJECTION, GO, HIT, NO_PRESS, NOGO, PRESS, SPEC

GO_ACTION = Respond(GO)


class GoNoGoLogic(OnTimeline):
    """State machine of one run of rounds; times are in ms and come in as arguments.

    A round is a "get ready" (LEAD_IN), then each shape: a '+' where presses are early and only
    counted (FIXATION), the shape with its response window (STIMULUS), and a pause where a press is
    late and a small tick or '-' shows (PAUSE); then how the round went (FEEDBACK).

    Args:
        rng: the run's random generator (orders each round's shapes).
        overrides: parameter values that replace the level's.
        script: fixed rounds (sequences of "go"/"nogo") to play first, for tests.
        spec: the exercise played (see ``LogicBase``).
    """

    default_spec = SPEC

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None,
                 script: Sequence[Sequence[str]] = (), *, spec: ExerciseSpec | None = None) -> None:
        super().__init__(rng, overrides, spec=spec)
        self._script = [tuple(block) for block in script]
        self.timeline = TimedBlock()
        self.block_number = 0
        self.block: tuple[str, ...] = ()
        self.press_rt_ms: float | None = None  # the first press after onset, from onset
        self.early_presses = 0
        self.tally = Tally()  # the current round's outcomes
        self.last_block_good: bool | None = None

    # -- what the view, the player and the run read ----------------------------------------
    @property
    def index(self) -> int:
        """The shape within the round, from 0."""
        return self.timeline.index

    @property
    def stimulus(self) -> str | None:
        """The current trial's shape ("go" or "nogo") from its '+' to the end of its pause."""
        in_trial = self.phase in (Phase.FIXATION, Phase.STIMULUS, Phase.PAUSE)
        return self.block[self.index] if in_trial else None

    @property
    def shown(self) -> str | None:
        """The shape on screen, if any."""
        return self.stimulus if self.phase is Phase.STIMULUS else None

    @property
    def pressed(self) -> bool:
        return self.press_rt_ms is not None and self.phase in (Phase.STIMULUS, Phase.PAUSE)

    def trial_right(self) -> bool | None:
        """During the pause: whether the trial went right so far (a late press may still change it)."""
        if self.phase is not Phase.PAUSE:
            return None
        return self._outcome() in (HIT, CORRECT_REJECTION)

    def window_end_ms(self) -> float:
        return self.timeline.shown_end_ms()

    def trial_end_ms(self) -> float:
        """When the pause ends: a press until then still belongs to the current shape."""
        return self.timeline.item_end_ms()

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        """Start the next round at ``level`` (the run calls this whenever ``needs_trial``)."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a round is already running")
        self.take_level(level)
        self.block = self._script.pop(0) if self._script else self._make_block()
        if not self.block or set(self.block) - {GO, NOGO}:
            raise ValueError(f"a round is a non-empty sequence of 'go' and 'nogo', not {self.block!r}")
        self.block_number += 1
        self.tally = Tally()
        self.last_block_good = None
        p = self.params
        self.timeline.begin(now_ms, len(self.block), lead_in_ms=p["lead_in_ms"], fixation_ms=p["fixation_ms"],
                            shown_ms=p["window_ms"], pause_ms=p["iti_ms"], feedback_ms=p["feedback_ms"])

    def tick(self, now_ms: float) -> list[TrialRecord]:
        return self.timeline.advance(now_ms, self._next_trial, self._finish_trial)

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if action != GO_ACTION:
            return finished
        if self.phase is Phase.FIXATION:
            self.early_presses += 1
        elif self.timeline.in_item and self.press_rt_ms is None:
            self.press_rt_ms = self.timeline.press_rt_ms(now_ms)  # later presses change nothing
        return finished

    # -- internals -------------------------------------------------------------------------
    def _make_block(self) -> tuple[str, ...]:
        length = int(self.params["block_length"])
        n_go = round(self.params["go_share"] * length)
        shapes = [GO] * n_go + [NOGO] * (length - n_go)
        self._rng.shuffle(shapes)
        return tuple(shapes)

    def _next_trial(self, at_ms: float) -> None:
        self.trial_index += 1
        self.press_rt_ms = None
        self.early_presses = 0

    def _outcome(self) -> str:
        p = self.params
        return classify(self.block[self.index], self.press_rt_ms, p["window_ms"], p["anticipation_ms"])

    def _finish_trial(self) -> TrialRecord:
        p, rt, stimulus = self.params, self.press_rt_ms, self.block[self.index]
        outcome = self._outcome()
        self.tally.add(outcome)
        late = rt is not None and rt >= p["window_ms"]
        last = self.timeline.last_item
        block_d = self.tally.d_prime if last else None
        if last:
            self.last_block_good = block_d >= p["d_prime_criterion"]
        extra = {
            "block": self.block_number, "block_trial": self.index + 1,
            "go_share": round(self.block.count(GO) / len(self.block), 3), "window_ms": int(p["window_ms"]),
            "outcome": outcome, "anticipation": rt is not None and rt < p["anticipation_ms"],
            "late_rt_ms": rt if late else None, "early_presses": self.early_presses,
            "block_d_prime": None if block_d is None else round(block_d, 3),
        }
        return TrialRecord(
            trial_index=self.trial_index, level=self.level, start_ms=self.timeline.item_start_ms,
            stimulus=stimulus, response=PRESS if rt is not None else NO_PRESS,
            is_correct=outcome in (HIT, CORRECT_REJECTION),
            rt_ms=None if rt is None or late else rt,
            timed_out=stimulus == GO and (rt is None or late), extra=extra,
            ends_step=last, step_correct=self.last_block_good if last else None,
        )
