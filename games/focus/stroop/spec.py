"""Stroop, in two variants (ink colours, and counting for colour-blind players): what it declares."""

from __future__ import annotations

from typing import Any, Mapping

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param

COLOUR, COUNTING = "colour", "counting"
VARIANTS = (COLOUR, COUNTING)
CONGRUENT, INCONGRUENT, NEUTRAL = "congruent", "incongruent", "neutral"
CONDITIONS = (CONGRUENT, INCONGRUENT, NEUTRAL)

# (share of incongruent trials, response window in ms) per level, easiest first. The share of
# conflict trials rises and the window shrinks together, in steps small enough that the level
# tracker can settle between them; 900 ms at the top still leaves a quick adult time to answer.
LEVEL_TABLE = (
    (0.20, 3000), (0.25, 2600), (0.30, 2250), (0.35, 1950), (0.40, 1700),
    (0.45, 1500), (0.50, 1300), (0.55, 1150), (0.62, 1020), (0.70, 900),
)


def level_summary(incongruent_share: float, window_ms: int) -> str:
    return f"{incongruent_share:.0%} of trials mismatched, {window_ms / 1000:g} s to answer"


def make_params(variant: str) -> tuple[Param, ...]:
    """The parameters both variants share; only the default of ``variant`` differs."""
    return (
        Param("variant", variant, "",
              "colour: answer the ink colour of a colour word; counting: answer how many digits or "
              "signs are in a row (no colour needed)."),
        Param("incongruent_share", LEVEL_TABLE[0][0], "proportion",
              "Share of trials where the word and the ink (or the digit and the count) differ."),
        Param("neutral_share", 0.1, "proportion",
              "Share of neutral trials (XXXX in an ink, or a row of # signs); the rest are congruent."),
        Param("response_window_ms", LEVEL_TABLE[0][1], "ms",
              "Time from the stimulus onset in which an answer counts; later answers are late."),
        Param("fixation_ms", 500, "ms", "How long the '+' shows before the stimulus."),
        Param("iti_ms", 600, "ms",
              "Pause after the answer (or the end of the window) with a small tick or '-' mark; "
              "a late answer is still taken (as late) during this pause after a timed-out trial."),
        Param("anticipation_ms", 100, "ms",
              "Answers faster than this after the onset are anticipations: flagged and scored as not "
              "correct, because no one can read the stimulus and answer that fast."),
    )


TRIAL_FIELDS = (
    Field("variant", "str", "", "Stroop variant: colour (name the ink) or counting (say how many)."),
    Field("condition", "str", "",
          "congruent (word matches ink, or digit matches count), incongruent (they differ) or neutral "
          "(XXXX, or a row of # signs)."),
    Field("word", "str", "", "Colour variant: the word shown (RED, BLUE, GREEN, YELLOW or XXXX); empty otherwise."),
    Field("ink", "str", "", "Colour variant: the ink colour, the right answer; empty otherwise."),
    Field("count", "int", "items", "Counting variant: how many items were in the row, the right answer; empty otherwise."),
    Field("digit", "str", "", "Counting variant: the digit repeated in the row (1-4), or # on neutral trials; empty otherwise."),
    Field("window_ms", "int", "ms", "Response window of the trial's level: time from the onset in which an answer counted."),
    Field("anticipation", "bool", "",
          "The answer came less than anticipation_ms (100 ms) after the onset: scored as not correct."),
    Field("late_rt_ms", "float", "ms",
          "An answer given after the window closed (during the pause): its time from the onset. A late right "
          "answer leaves the trial timed out; a late wrong one makes it an error. Empty otherwise."),
    Field("early_presses", "int", "presses", "Answers given during the '+' before the stimulus (ignored)."),
)

RUN_FIELDS = (
    Field("incongruent_median_rt_ms", "float", "ms",
          "Typical time to a right answer on mismatched (incongruent) trials, the median"),
    Field("congruent_median_rt_ms", "float", "ms",
          "Median rt_ms of the correct, in-time congruent trials; empty without any."),
    Field("interference_cost_ms", "float", "ms",
          "incongruent_median_rt_ms minus congruent_median_rt_ms: how much slower the right answers are when "
          "the word (digit) conflicts; empty unless both medians exist."),
    Field("congruent_accuracy", "float", "proportion",
          "Share of congruent trials answered right in time (timeouts and anticipations count as not right)."),
    Field("incongruent_accuracy", "float", "proportion", "Share of incongruent trials answered right in time."),
    Field("interference_accuracy_cost", "float", "proportion",
          "congruent_accuracy minus incongruent_accuracy: how many more errors the conflict causes."),
    Field("congruent_trials", "int", "trials", "Congruent trials played."),
    Field("incongruent_trials", "int", "trials", "Incongruent trials played."),
    Field("neutral_trials", "int", "trials", "Neutral trials played."),
    Field("timeouts", "int", "trials", "Trials without an answer in the window."),
    Field("anticipations", "int", "trials", "Answers faster than anticipation_ms after the onset."),
)

LEVELS = tuple(
    Level(number, level_summary(share, window), {"incongruent_share": share, "response_window_ms": window})
    for number, (share, window) in enumerate(LEVEL_TABLE, start=1)
)
QUICK = "Answer quickly. A mistake is fine: just carry on with the next one."


def check_params(params: Mapping[str, Any]) -> None:
    """Refuse parameter combinations that cannot make a sensible trial."""
    if params["variant"] not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}, not {params['variant']!r}")
    shares = (params["incongruent_share"], params["neutral_share"])
    if min(shares) < 0 or sum(shares) > 1:
        raise ValueError("incongruent_share and neutral_share must be at least 0 and add up to at most 1")
    if params["response_window_ms"] <= params["anticipation_ms"]:
        raise ValueError("response_window_ms must be longer than anticipation_ms")
    if min(params["fixation_ms"], params["iti_ms"], params["anticipation_ms"]) < 0:
        raise ValueError("fixation_ms, iti_ms and anticipation_ms cannot be negative")


def make_spec(variant: str, exercise_id: str, title: str, description: str,
              instructions: tuple[str, ...]) -> ExerciseSpec:
    return ExerciseSpec(
        id=exercise_id, title=title, domain="focus", description=description,
        instructions=instructions, params=make_params(variant), levels=LEVELS, start_level=1,
        chance_rate=0.25,  # four answers, one right: guessing succeeds a quarter of the time
        trials_per_run=60,  # about 2 minutes: 0.5 s '+', up to the window, 0.6 s pause
        typical_trial_s=1.8,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
        check_params=check_params,
        trial_fields=TRIAL_FIELDS, run_fields=RUN_FIELDS,
    )


COLOUR_SPEC = make_spec(
    COLOUR, "stroop", "Stroop: colours",
    "A colour word printed in a colour: answer the colour of the ink, not the word.",
    (
        "A colour word appears, printed in a colour.",
        "Answer the colour of the ink, not the word: BLUE printed in red means red.",
        "Press R, B, G or Y (or 1 to 4), or click the button with that colour's name.",
        QUICK,
    ),
)

COUNTING_SPEC = make_spec(
    COUNTING, "stroop_counting", "Stroop: counting",
    "A row of one to four numbers: answer how many there are, not which number. No colours needed.",
    (
        "A row of one to four numbers or # signs appears.",
        "Answer how many there are, not which number: 3\u00a03 means two.",  # no line break inside "3 3"
        "Press 1, 2, 3 or 4, or click the button.",
        QUICK,
    ),
)
