"""Trail Making (sequencing and set-shifting): what it declares about itself."""

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param

# (part, circles) per level: part A (numbers only) grows to 9 circles, then part B
# (numbers and letters in turn) grows to 18. Every label is one character, so each circle is
# one key press: 1-9 and A-I.
LEVEL_TABLE: tuple[tuple[str, int], ...] = (
    ("A", 5), ("A", 7), ("A", 9),
    ("B", 6), ("B", 8), ("B", 10), ("B", 12), ("B", 14), ("B", 16), ("B", 18),
)


def _summary(part: str, circles: int) -> str:
    if part == "A":
        return f"Part A: {circles} numbers, 1 to {circles}"
    last_letter = "ABCDEFGHI"[circles // 2 - 1]
    return f"Part B: {circles} circles, numbers and letters in turn (1-A-2-B ... {last_letter})"


SPEC = ExerciseSpec(
    id="trail_making",
    title="Trail Making",
    domain="problem_solving",
    description="Join the circles in order: 1-2-3, or numbers and letters in turn, 1-A-2-B.",
    instructions=(
        "Join the circles in order, starting at 1. A line links the ones you have joined.",
        "Sometimes it is numbers only: 1, 2, 3. Sometimes numbers and letters in turn: 1, A, 2, B.",
        "Click a circle, or type what is written on it. The arrow keys and Enter work too.",
        "Work steadily; a circle out of order is simply not joined.",
    ),
    params=(
        Param("part", "A", "", "A: numbers only; B: numbers and letters in turn."),
        Param("circles", 5, "circles", "Circles on the screen (at most 9 in part A, 18 in part B)."),
        Param("allowed_errors", 1, "errors", "Most circles chosen out of order for the trail to count as right."),
        Param("limit_base_ms", 30000, "ms", "Fixed part of the time limit of one trail."),
        Param("limit_per_circle_ms", 6000, "ms", "Time limit added per circle on the screen."),
        Param("flash_ms", 800, "ms", "How long a circle chosen out of order shows its calm mark."),
        Param("feedback_ms", 2500, "ms", "How long the finished trail and its message stay on screen."),
    ),
    levels=tuple(
        Level(n, _summary(part, circles), {"part": part, "circles": circles})
        for n, (part, circles) in enumerate(LEVEL_TABLE, start=1)
    ),
    start_level=1,
    # A trail counts only when completed with at most one circle out of order; clicking at
    # random completes even a 5-circle trail with one slip well under 1 time in 100.
    chance_rate=0.0,
    trials_per_run=10,
    typical_trial_s=30.7,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
    trial_fields=(
        Field("part", "str", "", "A (numbers only) or B (numbers and letters in turn)."),
        Field("circles", "int", "circles", "Circles on the screen."),
        Field("completed", "bool", "", "Whether the whole trail was joined before the time limit."),
        Field("completion_time_ms", "float", "ms",
              "Time from the circles' onset to joining the last circle; empty if not completed."),
        Field("errors", "int", "errors", "Circles chosen out of order."),
        Field("error_log", "str", "",
              "Each error as 'expected>chosen' (labels), e.g. '3>C;D>5', separated by ';'."),
        Field("allowed_errors", "int", "errors", "Most errors for the trail to count as right."),
        Field("circles_joined", "int", "circles", "Circles joined before the trail ended."),
        Field("path_length", "float", "board widths",
              "Length of the whole trail, in widths of the square board."),
        Field("ms_per_circle", "float", "ms", "Completion time divided by the circles after the first."),
    ),
    run_fields=(
        Field("median_time_a_ms", "float", "ms", "Median completion time of completed part A trails; empty if none."),
        Field("median_time_b_ms", "float", "ms", "Median completion time of completed part B trails; empty if none."),
        Field("b_minus_a_ms", "float", "ms",
              "Median B time minus median A time, when both were completed in the run (B trails "
              "are usually longer too; see ms_per_circle); empty otherwise."),
        Field("trails_completed", "int", "trails", "Trails joined to the end."),
        Field("total_errors", "int", "errors", "Circles chosen out of order over the run."),
    ),
)
