"""Rule Switch (a card sort in the manner of the Wisconsin card sort): what it declares about itself."""

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param

# The dimensions a card can be sorted by; the fourth joins at the higher levels.
COLOUR, SHAPE, NUMBER, FILL = "colour", "shape", "number", "fill"
DIMENSIONS = (COLOUR, SHAPE, NUMBER, FILL)
# Value k of every dimension is the one on key card k (0-based): key 1 is one blue solid triangle.
COLOURS = ("blue", "green", "orange", "purple")
SHAPES = ("triangle", "star", "cross", "circle")
FILLS = ("solid", "outline", "striped", "dotted")
N_KEYS = 4

# (dimensions in play, correct sorts in a row before the rule changes), easiest first.
LEVEL_TABLE = ((3, 10), (3, 8), (3, 6), (3, 5), (4, 8), (4, 6), (4, 5), (4, 4))

SPEC = ExerciseSpec(
    id="rule_switch",
    title="Rule Switch",
    domain="problem_solving",
    description="Sort each card by a hidden rule: colour, shape or number. The rule changes now and then.",
    instructions=(
        "Put each new card with one of the four cards at the top.",
        "There is a hidden rule: match by colour, by shape or by number. Find it from the feedback.",
        "Now and then the rule changes without warning. When it stops working, try another one.",
        "Press 1, 2, 3 or 4, or click the card to put it with.",
    ),
    params=(
        Param("n_dimensions", 3, "dimensions", "Ways a card can be sorted: colour, shape, number (and fill at 4)."),
        Param("run_length", 10, "sorts", "Correct sorts in a row after which the rule changes, unannounced."),
        Param("feedback_ms", 1200, "ms", "How long 'Right' or 'Not quite' stays on screen."),
        Param("idle_timeout_ms", 30000, "ms", "No answer for this long ends the trial as timed out."),
    ),
    levels=tuple(
        Level(i, f"{'colour, shape, number and fill' if dims == 4 else 'colour, shape or number'}; "
                 f"the rule changes after {run} right in a row", {"n_dimensions": dims, "run_length": run})
        for i, (dims, run) in enumerate(LEVEL_TABLE, start=1)
    ),
    start_level=1,
    chance_rate=0.25,  # one of four key cards matches by the current rule
    # Even a flawless sorter errs at least once after each unannounced change, so the best
    # reachable rate is about 0.87 at level 1 and 0.67 at level 8: aim lower than the usual 0.8.
    target_rate=0.7,
    # Right after a change a careful sorter may err three times running while testing rules
    # (the old one, then two wrong guesses with four dimensions): not a reason to step down.
    errorless_after=4,
    trials_per_run=40,
    typical_trial_s=2.6,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
    trial_fields=(
        Field("rule", "str", "dimension", "The hidden rule of the trial: colour, shape, number or fill."),
        Field("card", "str", "", "The card to sort, e.g. '3 green crosses, striped'."),
        Field("key_card", "int", "key card", "Key card the card was put with (1-4); empty when timed out."),
        Field("matched", "str", "dimensions", "Dimensions on which the card matched the chosen key card, ';'-separated."),
        Field("perseverative", "bool", "", "An error that sorted by the previous rule after a change."),
        Field("category", "int", "category", "1-based number of the rule period the trial belongs to."),
        Field("category_done", "bool", "", "This sort completed a run of right sorts; the rule changed after it."),
        Field("run_length", "int", "sorts", "Right sorts in a row needed before the rule changes."),
        Field("n_dimensions", "int", "dimensions", "Dimensions in play (3, or 4 with fill)."),
    ),
    run_fields=(
        Field("categories_completed", "int", "categories", "Rule periods completed (runs of right sorts)."),
        Field("perseverative_errors", "int", "trials", "Errors that sorted by the previous rule after a change."),
        Field("other_errors", "int", "trials", "Errors that were not perseverative (time-outs not counted)."),
        Field("trials_to_first_category", "int", "trials", "Trials up to and including the first completed category; empty if none."),
    ),
)
