"""Tower of London (planning): what it declares about itself."""

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param

MIN_MOVES, MAX_MOVES = 1, 8  # 8 is the longest shortest path between two of the 36 states

SPEC = ExerciseSpec(
    id="tower_of_london",
    title="Tower of London",
    domain="problem_solving",
    description="Move the numbered balls one at a time until your board looks like the goal.",
    instructions=(
        "Make your board look like the goal picture beside it.",
        "Move one ball at a time: pick up a top ball, then choose the peg to put it on.",
        "The pegs hold 3, 2 and 1 balls. Press 1, 2 or 3, or click a peg.",
        "Try to plan first and use as few moves as you can. Take your time.",
    ),
    params=(
        Param("min_moves", 2, "moves", "Fewest moves that solve the problem (worked out by the program)."),
        Param("move_limit_factor", 2, "x", "Moves allowed: this many times the fewest, plus the extra below."),
        Param("move_limit_extra", 4, "moves", "Moves allowed on top of the multiple of the fewest."),
        Param("time_limit_ms", 180000, "ms", "A problem not solved this long after it appears ends as timed out."),
        Param("feedback_ms", 2500, "ms", "How long the solved board and its message stay on screen."),
    ),
    levels=tuple(
        Level(n, f"problems solved in {n} move{'s' if n > 1 else ''} at the fewest", {"min_moves": n})
        for n in range(MIN_MOVES, MAX_MOVES + 1)
    ),
    start_level=2,
    # A trial counts as right only when solved in the fewest moves. Moving at random from a
    # 2-move problem hits the goal in exactly 2 moves about 1 time in 10 and far less often
    # for longer ones, so the guessing rate that matters for adaptation is close to 0.
    chance_rate=0.0,
    trials_per_run=12,
    typical_trial_s=15.9,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
    trial_fields=(
        Field("min_moves", "int", "moves", "Fewest moves that solve the problem."),
        Field("moves", "int", "moves", "Moves made (a ball put down on another peg)."),
        Field("excess_moves", "int", "moves", "Moves made beyond the fewest (moves minus min_moves)."),
        Field("move_limit", "int", "moves", "Most moves allowed before the problem ends unsolved."),
        Field("solved", "bool", "", "Whether the goal was reached within the move and time limits."),
        Field("solved_in_min", "bool", "", "Whether the goal was reached in the fewest moves."),
        Field("planning_time_ms", "float", "ms", "Time from the problem's onset to the first ball picked up."),
        Field("total_time_ms", "float", "ms", "Time from the problem's onset to its last action."),
        Field("rule_breaks", "int", "tries",
              "Moves tried that the rules refuse: picking from an empty peg or putting onto a full one."),
        Field("move_list", "str", "",
              "Every move as 'ball:from>to@ms' (pegs 1-3 left to right, ms from onset), separated by spaces."),
    ),
    run_fields=(
        Field("problems_solved", "int", "problems", "Problems solved within the limits."),
        Field("problems_solved_in_min", "int", "problems", "Problems solved in the fewest moves."),
        Field("mean_excess_moves", "float", "moves", "Mean moves beyond the fewest, over solved problems."),
        Field("median_planning_time_ms", "float", "ms", "Median time to the first pick-up, over all problems."),
        Field("median_total_time_ms", "float", "ms", "Median time per solved problem."),
        Field("total_rule_breaks", "int", "tries", "Refused moves over the run."),
    ),
)
