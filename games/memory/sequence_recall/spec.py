"""Sequence Recall (Corsi block tapping): what it declares about itself."""

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param

MIN_LENGTH, MAX_LENGTH = 2, 9

SPEC = ExerciseSpec(
    id="sequence_recall",
    title="Sequence Recall",
    domain="memory",
    description="Watch the blocks light up, then tap them in the same order.",
    instructions=(
        "Some of the numbered blocks will light up, one after another.",
        "When they stop, tap the same blocks in the same order.",
        "Click a block, or press its number on the keyboard. Backspace takes back a tap.",
        "The sequences get longer as you go, and shorter again if needed. Take your time.",
    ),
    params=(
        Param("n_blocks", 9, "blocks", "Blocks on the board."),
        Param("sequence_length", MIN_LENGTH, "blocks", "Blocks lit in one sequence."),
        Param("lead_in_ms", 1000, "ms", "Pause with a 'watch' message before the first block lights."),
        Param("light_ms", 700, "ms", "How long each block stays lit."),
        Param("gap_ms", 300, "ms", "Dark pause between two lit blocks."),
        Param("feedback_ms", 1500, "ms", "How long the answer's feedback stays on screen."),
        Param("idle_timeout_ms", 30000, "ms", "No tap for this long ends the trial as timed out."),
    ),
    levels=tuple(
        Level(n, f"remember {n} blocks", {"sequence_length": n}) for n in range(MIN_LENGTH, MAX_LENGTH + 1)
    ),
    start_level=MIN_LENGTH,
    chance_rate=0.0,
    trials_per_run=12,
    typical_trial_s=10.3,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
    trial_fields=(
        Field("sequence_length", "int", "blocks", "Number of blocks lit in the trial's sequence."),
        Field("first_tap_ms", "float", "ms", "Time from the response prompt to the first tap."),
        Field("tap_times_ms", "str", "ms", "Time of each tap after the response prompt, separated by ';'."),
        Field("first_error_position", "int", "position", "1-based position of the first wrong tap; empty when all right."),
        Field("n_undos", "int", "entries", "Taps taken back with Backspace or the Undo button."),
        Field("early_taps", "int", "taps", "Taps made while the sequence was still showing (ignored)."),
    ),
    run_fields=(
        Field("longest_span", "int", "blocks", "Longest sequence repeated without error in the run."),
        Field("correct_trials", "int", "trials", "Trials repeated without error."),
    ),
)
