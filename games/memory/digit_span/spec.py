"""Digit Span (verbal working memory, forward and backward): what it declares about itself."""

from typing import Any, Mapping

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param, SpecError

MIN_LENGTH, MAX_LENGTH = 2, 9
DIRECTIONS = ("forward", "backward", "mixed")


def check_params(params: Mapping[str, Any]) -> None:
    """Refuse settings that make no sense, with a sentence naming the parameter."""
    if params["direction"] not in DIRECTIONS:
        raise SpecError(f"direction {params['direction']!r} must be one of {DIRECTIONS}")
    if int(params["switch_every"]) < 1:
        raise SpecError("switch_every must be at least 1 trial")
    for name in ("digit_ms", "idle_timeout_ms"):
        if params[name] <= 0:
            raise SpecError(f"{name} must be more than 0 ms")
    for name in ("lead_in_ms", "gap_ms", "feedback_ms"):
        if params[name] < 0:
            raise SpecError(f"{name} cannot be negative")


SPEC = ExerciseSpec(
    id="digit_span",
    title="Digit Span",
    domain="memory",
    description="Watch digits appear one by one, then type them back, in order or backwards.",
    instructions=(
        "Digits appear one at a time. Watch and remember them.",
        "Then type them with the number keys, or click the keypad on the screen.",
        "A sign with an arrow tells you the order: the same order, or backwards (last one first).",
        "Backspace or Undo takes back a digit. The lists get longer or shorter to suit you.",
    ),
    params=(
        Param("direction", "mixed", "choice",
              "Order of the answer: 'forward', 'backward', or 'mixed' (blocks of forward then backward trials)."),
        Param("switch_every", 3, "trials", "With direction 'mixed': trials in a row before the order switches."),
        Param("sequence_length", MIN_LENGTH, "digits", "Digits shown in one sequence."),
        Param("lead_in_ms", 1500, "ms", "Pause with a 'watch' message and the order sign before the first digit."),
        Param("digit_ms", 800, "ms", "How long each digit stays on screen."),
        Param("gap_ms", 300, "ms", "Blank pause between two digits."),
        Param("feedback_ms", 1500, "ms", "How long the answer's feedback stays on screen."),
        Param("idle_timeout_ms", 30000, "ms", "No key for this long ends the trial as timed out."),
    ),
    levels=tuple(
        Level(n, f"remember {n} digits", {"sequence_length": n}) for n in range(MIN_LENGTH, MAX_LENGTH + 1)
    ),
    start_level=MIN_LENGTH + 1,
    chance_rate=0.0,
    trials_per_run=12,
    typical_trial_s=11.9,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
    check_params=check_params,
    trial_fields=(
        Field("direction", "str", "", "Order asked for in the trial: 'forward' or 'backward'."),
        Field("n_digits", "int", "digits", "Number of digits shown in the trial (the span length)."),
        Field("expected_response", "str", "", "The answer wanted: the digits shown, reversed for a backward trial."),
        Field("first_error_position", "int", "position",
              "1-based position of the first wrong or missing digit in the answer; empty when right."),
        Field("first_key_ms", "float", "ms", "Time from the response prompt to the first digit typed."),
        Field("key_times_ms", "str", "ms", "Time of each digit of the answer after the response prompt, separated by ';'."),
        Field("n_undos", "int", "entries", "Digits taken back with Backspace or the Undo button."),
        Field("ended_by", "str", "", "How the answer ended: 'length' (all digits typed), 'done' (Done pressed early) or 'timeout'."),
        Field("early_keys", "int", "keys", "Keys pressed while the digits were still showing (ignored)."),
    ),
    run_fields=(
        Field("longest_span_forward", "int", "digits",
              "Longest sequence repeated without error in the same order; empty if no forward trial was played."),
        Field("longest_span_backward", "int", "digits",
              "Longest sequence repeated without error backwards; empty if no backward trial was played."),
        Field("correct_trials", "int", "trials", "Trials answered without error."),
    ),
)
