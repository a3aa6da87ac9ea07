"""Go/No-Go logic: rounds of shapes, each a '+', the shape with its window, and a short pause."""

from __future__ import annotations

import random
from enum import Enum
from typing import Any, Mapping, Sequence

from games.core.engine.actions import Respond
from games.core.engine.exercise import TrialRecord
from games.focus.go_no_go.scoring import Tally, classify
from games.focus.go_no_go.spec import CORRECT_REJECTION, GO, HIT, NO_PRESS, NOGO, PRESS, SPEC

GO_ACTION = Respond(GO)


class Phase(Enum):
    IDLE = "idle"  # between rounds: the run starts the next one
    LEAD_IN = "lead_in"  # "get ready", with the two shapes explained
    FIXATION = "fixation"  # a '+' before each shape; presses here are early and ignored
    STIMULUS = "stimulus"  # the shape shows: the response window
    PAUSE = "pause"  # the shape has gone; a press now is late. A small tick or '-' shows
    FEEDBACK = "feedback"  # how the round went


class GoNoGoLogic:
    """State machine of one run of rounds; times are in ms and come in as arguments.

    Args:
        rng: the run's random generator (orders each round's shapes).
        overrides: parameter values that replace the level's.
        script: fixed rounds (sequences of "go"/"nogo") to play first, for tests.
    """

    def __init__(self, rng: random.Random, overrides: Mapping[str, Any] | None = None,
                 script: Sequence[Sequence[str]] = ()) -> None:
        self._rng = rng
        self._overrides = dict(overrides or {})
        self._script = [tuple(block) for block in script]
        self.params = SPEC.checked_params(SPEC.start_level, self._overrides)
        self.phase = Phase.IDLE
        self.level = SPEC.start_level
        self.trial_index = 0
        self.block_number = 0
        self.block: tuple[str, ...] = ()
        self.index = -1  # shape within the round, from 0
        self.onset_ms: float | None = None
        self.press_rt_ms: float | None = None  # the first press after onset, from onset
        self.early_presses = 0
        self.tally = Tally()  # the current round's outcomes
        self.last_block_good: bool | None = None
        self._start_ms = 0.0  # planned start of the current phase
        self._trial_start_ms = 0.0

    # -- what the view, the player and the run read ----------------------------------------
    @property
    def needs_trial(self) -> bool:
        return self.phase is Phase.IDLE

    @property
    def awaiting_onset(self) -> bool:
        return self.phase is Phase.STIMULUS and self.onset_ms is None

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
        return self._anchor_ms() + self.params["window_ms"]

    def trial_end_ms(self) -> float:
        """When the pause ends: a press until then still belongs to the current shape."""
        return self.window_end_ms() + self.params["iti_ms"]

    def next_change_ms(self) -> float | None:
        p = self.params
        if self.phase is Phase.LEAD_IN:
            return self._start_ms + p["lead_in_ms"]
        if self.phase is Phase.FIXATION:
            return self._start_ms + p["fixation_ms"]
        if self.phase is Phase.STIMULUS:
            return self.window_end_ms()
        if self.phase is Phase.PAUSE:
            return self.trial_end_ms()
        if self.phase is Phase.FEEDBACK:
            return self._start_ms + p["feedback_ms"]
        return None

    # -- driving ---------------------------------------------------------------------------
    def start_trial(self, level: int, now_ms: float) -> None:
        """Start the next round at ``level`` (the run calls this whenever ``needs_trial``)."""
        if self.phase is not Phase.IDLE:
            raise RuntimeError("a round is already running")
        self.level = level
        self.params = SPEC.params_at(level, self._overrides)
        self.block = self._script.pop(0) if self._script else self._make_block()
        if not self.block or set(self.block) - {GO, NOGO}:
            raise ValueError(f"a round is a non-empty sequence of 'go' and 'nogo', not {self.block!r}")
        self.block_number += 1
        self.index = -1
        self.tally = Tally()
        self.last_block_good = None
        self._enter(Phase.LEAD_IN, now_ms)

    def tick(self, now_ms: float) -> list[TrialRecord]:
        finished: list[TrialRecord] = []
        while (due := self.next_change_ms()) is not None and now_ms >= due:
            finished += self._leave_phase(due)
        return finished

    def mark_onset(self, now_ms: float) -> None:
        if self.awaiting_onset:
            self.onset_ms = now_ms

    def handle(self, action: Any, now_ms: float) -> list[TrialRecord]:
        finished = self.tick(now_ms)
        if action != GO_ACTION:
            return finished
        if self.phase is Phase.FIXATION:
            self.early_presses += 1
        elif self.phase in (Phase.STIMULUS, Phase.PAUSE) and self.press_rt_ms is None:
            if self.onset_ms is None:  # a press on the very frame the shape appeared
                self.mark_onset(now_ms)
            self.press_rt_ms = now_ms - self._anchor_ms()  # later presses change nothing
        return finished

    # -- internals -------------------------------------------------------------------------
    def _make_block(self) -> tuple[str, ...]:
        length = int(self.params["block_length"])
        n_go = round(self.params["go_share"] * length)
        shapes = [GO] * n_go + [NOGO] * (length - n_go)
        self._rng.shuffle(shapes)
        return tuple(shapes)

    def _anchor_ms(self) -> float:
        """The shape's onset, or its planned start until the onset is stamped."""
        return self.onset_ms if self.onset_ms is not None else self._start_ms

    def _enter(self, phase: Phase, at_ms: float) -> None:
        self.phase, self._start_ms = phase, at_ms

    def _leave_phase(self, at_ms: float) -> list[TrialRecord]:
        if self.phase is Phase.LEAD_IN:
            self._next_trial(at_ms)
        elif self.phase is Phase.FIXATION:
            self.onset_ms = None
            self._enter(Phase.STIMULUS, at_ms)
        elif self.phase is Phase.STIMULUS:
            self.phase = Phase.PAUSE  # same anchor: the pause is timed from the onset
        elif self.phase is Phase.PAUSE:
            record = self._finish_trial()
            if self.index + 1 < len(self.block):
                self._next_trial(at_ms)
            else:
                self._enter(Phase.FEEDBACK, at_ms)
            return [record]
        elif self.phase is Phase.FEEDBACK:
            self._enter(Phase.IDLE, at_ms)
        return []

    def _next_trial(self, at_ms: float) -> None:
        self.index += 1
        self.trial_index += 1
        self.onset_ms = self.press_rt_ms = None
        self.early_presses = 0
        self._trial_start_ms = at_ms
        self._enter(Phase.FIXATION, at_ms)

    def _outcome(self) -> str:
        p = self.params
        return classify(self.block[self.index], self.press_rt_ms, p["window_ms"], p["anticipation_ms"])

    def _finish_trial(self) -> TrialRecord:
        p, rt, stimulus = self.params, self.press_rt_ms, self.block[self.index]
        outcome = self._outcome()
        self.tally.add(outcome)
        late = rt is not None and rt >= p["window_ms"]
        last = self.index + 1 == len(self.block)
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
            trial_index=self.trial_index, level=self.level, start_ms=self._trial_start_ms,
            stimulus=stimulus, response=PRESS if rt is not None else NO_PRESS,
            is_correct=outcome in (HIT, CORRECT_REJECTION),
            rt_ms=None if rt is None or late else rt,
            timed_out=stimulus == GO and (rt is None or late), extra=extra,
            ends_step=last, step_correct=self.last_block_good if last else None,
        )
