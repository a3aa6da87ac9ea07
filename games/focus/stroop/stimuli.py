"""Stroop stimuli: a colour word in an ink, or a row of repeated digits, and the answer each asks for."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Mapping

from games.focus.stroop.spec import COLOUR, CONGRUENT, COUNTING, INCONGRUENT, NEUTRAL, VARIANTS

INKS = ("red", "blue", "green", "yellow")  # the colour answers, in button order (keys 1-4)
COUNTS = ("1", "2", "3", "4")  # the counting answers, in button order
COUNT_WORDS = {"1": "one", "2": "two", "3": "three", "4": "four"}
NEUTRAL_WORD = "XXXX"  # no colour meaning, about as long as a colour word
NEUTRAL_SIGN = "#"  # no number meaning


def answers_for(variant: str) -> tuple[str, ...]:
    """The four answers of a variant, in the order of the buttons and the keys 1 to 4."""
    return INKS if variant == COLOUR else COUNTS


@dataclass(frozen=True)
class Stimulus:
    """One trial's stimulus.

    Attributes:
        variant: colour or counting.
        answer: the right answer: the ink colour, or the count as a digit ("1".."4").
        cue: what may mislead: the word shown (RED, XXXX), or the digit repeated in the row (or #).
    """

    variant: str
    answer: str
    cue: str

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS or self.answer not in answers_for(self.variant):
            raise ValueError(f"{self.answer!r} is not an answer of the {self.variant!r} variant")
        allowed = {w.upper() for w in INKS} | {NEUTRAL_WORD} if self.variant == COLOUR else set(COUNTS) | {NEUTRAL_SIGN}
        if self.cue not in allowed:
            raise ValueError(f"{self.cue!r} cannot be shown in the {self.variant!r} variant")

    @classmethod
    def colour(cls, word: str, ink: str) -> "Stimulus":
        return cls(COLOUR, ink, word)

    @classmethod
    def counting(cls, count: int, digit: str) -> "Stimulus":
        return cls(COUNTING, str(count), digit)

    @property
    def condition(self) -> str:
        if self.cue in (NEUTRAL_WORD, NEUTRAL_SIGN):
            return NEUTRAL
        return CONGRUENT if self.cue.lower() == self.answer else INCONGRUENT

    @property
    def count(self) -> int | None:
        return int(self.answer) if self.variant == COUNTING else None

    @property
    def row(self) -> str:
        """The counting row as shown, e.g. "3 3"; empty for the colour variant."""
        return " ".join([self.cue] * int(self.answer)) if self.variant == COUNTING else ""

    @property
    def text(self) -> str:
        """The stimulus as one line of text for the trial export, e.g. "RED in blue" or "3 3"."""
        return f"{self.cue} in {self.answer}" if self.variant == COLOUR else self.row

    def fields(self) -> dict[str, Any]:
        """The variant's own trial fields (the other variant's stay empty)."""
        colour = self.variant == COLOUR
        return {"word": self.cue if colour else "", "ink": self.answer if colour else "",
                "count": self.count, "digit": "" if colour else self.cue}


def pick_condition(rng: random.Random, params: Mapping[str, Any]) -> str:
    """Incongruent, neutral or congruent, with the level's shares."""
    roll = rng.random()
    if roll < params["incongruent_share"]:
        return INCONGRUENT
    return NEUTRAL if roll < params["incongruent_share"] + params["neutral_share"] else CONGRUENT


def make_stimulus(rng: random.Random, variant: str, condition: str) -> Stimulus:
    """A stimulus of ``condition``: the answer is uniform over the four, the conflicting cue over the other three."""
    answers = answers_for(variant)
    answer = rng.choice(answers)
    if condition == NEUTRAL:
        cue = NEUTRAL_WORD if variant == COLOUR else NEUTRAL_SIGN
    elif condition == CONGRUENT:
        cue = answer
    else:
        cue = rng.choice([a for a in answers if a != answer])
    return Stimulus(variant, answer, cue.upper() if variant == COLOUR else cue)
