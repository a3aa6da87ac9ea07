"""The feedback moment: a few kind words on how a trial went, shown on their own before anything moves on.

The run opens a moment when a trial is recorded and there is something to say (every practice
trial; in scored play an answer an exercise can explain, or a change of level). While it shows,
the exercise's own time stands still, so the next stimulus only comes once the words are gone.
"""

from __future__ import annotations

from dataclasses import dataclass

from games.core.engine.exercise import Exercise, TrialRecord

RIGHT_MS = 1200.0  # "That's right!" is read at a glance
NOT_QUITE_MS = 2400.0  # a sentence saying what was right takes a little longer
CLOSING_MS = 2400.0
GOOD_PLACE_TO_STOP = ("That's a good place to stop.", "Everything you did is saved.")


@dataclass(frozen=True)
class Feedback:
    """One feedback moment: its heading, an optional sentence, and when it shows (run ms)."""

    heading: str
    words: str
    is_correct: bool | None  # None: a word that is not about an answer (the run is ending)
    start_ms: float
    duration_ms: float
    record: TrialRecord | None = None
    practice: bool = False
    replay_ms: float = 0.0  # the part of the moment an exercise's view uses to show the right answer

    @property
    def end_ms(self) -> float:
        return self.start_ms + self.duration_ms

    def showing(self, now_ms: float) -> bool:
        return self.start_ms <= now_ms < self.end_ms


def feedback_for(exercise: Exercise, record: TrialRecord, now_ms: float, *, practice: bool,
                 notice: str | None = None) -> Feedback | None:
    """What to say after ``record``, if anything: every practice answer, and in scored play an
    answer the exercise explains or a change of level (``notice``)."""
    explained = None if record.is_correct else exercise.feedback_words(record)
    if not (practice or explained or notice):
        return None
    if record.is_correct:  # in scored play a right answer has a moment only for a change of level
        heading, words = notice or "That's right! Well done.", ""
    else:
        heading = "Not quite."
        words = " ".join(part for part in (explained or "Have another go with the next one.", notice) if part)
    replay_ms = 0.0 if record.is_correct else exercise.replay_ms(record)
    duration = (RIGHT_MS if record.is_correct and not notice else NOT_QUITE_MS) + replay_ms
    return Feedback(heading, words, record.is_correct, now_ms, duration, record, practice, replay_ms)


def closing_words(start_ms: float, now_ms: float) -> Feedback:
    """The moment after the client chose to finish, from ``now_ms`` on: a kind word, then the
    results. It starts at ``start_ms`` when it takes the place of a moment already showing."""
    return Feedback(*GOOD_PLACE_TO_STOP, None, start_ms, now_ms - start_ms + CLOSING_MS)


def timing_words(record: TrialRecord) -> str | None:
    """What the timing of a timed answer says, when that is what went wrong: too soon, or too late."""
    if record.extra.get("anticipation"):
        return "That answer came a moment too soon: wait until you see it."
    if record.timed_out:
        return "Time ran out on that one. The next one is a fresh start."
    return None
