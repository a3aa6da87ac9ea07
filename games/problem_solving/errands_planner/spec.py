"""Errands Planner (plan the order of a round of errands in a small town): what it declares."""

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param

# The places a town draws from: (name, what is done there, cost in pounds). The bank gives cash.
PLACES: tuple[tuple[str, str, int], ...] = (
    ("Bakery", "bread", 4),
    ("Post office", "a parcel", 8),
    ("Pharmacy", "medicine", 12),
    ("Library", "return books", 0),
    ("Florist", "flowers", 10),
    ("Hardware", "light bulbs", 6),
    ("Supermarket", "food", 25),
    ("Bank", "take out £70", 0),
)
BANK_CASH = 70  # pounds the bank errand adds to the wallet: enough for every errand

# (errands, frozen food last, places with closing times, budget) per level: more errands, then
# one more kind of rule at a time. Level 1 (2 errands, no rules) is easy for anyone.
LEVEL_TABLE: tuple[tuple[int, bool, int, bool], ...] = (
    (2, False, 0, False), (3, False, 0, False), (3, True, 0, False), (4, True, 0, False),
    (4, True, 1, False), (5, True, 1, False), (5, True, 1, True), (6, True, 2, True), (7, True, 2, True),
)


def _summary(errands: int, frozen: bool, hours: int, budget: bool) -> str:
    rules = (["frozen food last"] if frozen else []) + ([f"{hours} closing time{'s' * (hours > 1)}"] if hours else [])
    rules += ["a budget"] if budget else []
    return f"{errands} errands" + (", rules: " + ", ".join(rules) if rules else ", no rules")


SPEC = ExerciseSpec(
    id="errands_planner",
    title="Errands Planner",
    domain="problem_solving",
    description="Plan the shortest round of errands through town that keeps to the rules.",
    instructions=(
        "You start at home, do every errand on the list, and walk back home.",
        "Choose the places in the order you will visit them. The program draws the way.",
        "Keep to the rules shown, and try to walk as few blocks as you can.",
        "Click a place or press its letter. Backspace takes one back. Enter or Done when ready.",
    ),
    params=(
        Param("errands", 2, "places", "Errands to plan (places to visit besides home)."),
        Param("frozen_last", False, "", "The supermarket (frozen food) must be the last stop before home."),
        Param("hours", 0, "places", "Places that close early: they must be reached by their closing time."),
        Param("budget", False, "", "Errands cost money; the wallet holds little, so the bank comes first."),
        Param("grid_cols", 6, "streets", "North-south streets on the map."),
        Param("grid_rows", 5, "streets", "East-west streets on the map."),
        Param("minutes_per_block", 3, "min", "Walking time for one block."),
        Param("stop_minutes", 5, "min", "Time spent at each place."),
        Param("start_clock_min", 540, "min after midnight", "The clock when leaving home (540 = 9:00)."),
        Param("slack_pct", 10, "%", "A route this much longer than the shortest still counts as right."),
        Param("plan_limit_ms", 300000, "ms", "A plan not handed in this long after the map appears ends as timed out."),
        Param("feedback_ms", 4000, "ms", "How long the result stays on screen."),
    ),
    levels=tuple(
        Level(n, _summary(*row), {"errands": row[0], "frozen_last": row[1], "hours": row[2], "budget": row[3]})
        for n, row in enumerate(LEVEL_TABLE, start=1)
    ),
    start_level=1,
    # The guessing rate depends on the level: with 2 errands every order is as short as the best
    # (a round and its reverse), so guessing always succeeds; with 4 errands and the supermarket
    # last about 1 order in 3 does, and with 6-7 errands and rules well under 1 in 50. Over the
    # levels a player of middling ability works at, a random order succeeds about 1 time in 10.
    chance_rate=0.1,
    trials_per_run=8,
    typical_trial_s=13.0,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
    trial_fields=(
        Field("errands", "int", "places", "Errands on the list."),
        Field("rules", "str", "", "Rules in force, e.g. 'frozen_last,hours:2,budget'; empty for none."),
        Field("plan", "str", "", "The player's order of places as letters, e.g. 'BAC'."),
        Field("best_plan", "str", "", "The shortest order that keeps every rule, as letters."),
        Field("route_blocks", "int", "blocks", "Blocks walked on the player's route, home to home."),
        Field("best_blocks", "int", "blocks", "Blocks on the shortest route that keeps every rule."),
        Field("extra_blocks", "int", "blocks", "Route blocks beyond the best."),
        Field("route_ratio", "float", "", "Route blocks over best blocks (1.0 = as short as the best)."),
        Field("allowed_blocks", "int", "blocks", "Most blocks for the route to count as right (best plus slack)."),
        Field("errands_missing", "int", "places", "Errands left out of the plan."),
        Field("rules_broken", "str", "", "Rules the plan broke, e.g. 'hours:B;budget:C;frozen_last'; empty for none."),
        Field("n_rules_broken", "int", "rules", "How many rules the plan broke."),
        Field("planning_ms", "float", "ms", "Time from the map's onset to the first place chosen."),
        Field("total_ms", "float", "ms", "Time from the map's onset to handing in the plan."),
        Field("finish_clock", "str", "h:mm", "Clock time back home on the player's route."),
        Field("undos", "int", "actions", "Places taken back (Backspace, Undo, or choosing the last place again)."),
        Field("optimal", "bool", "", "Whole plan, no rule broken, and exactly as short as the best."),
    ),
    run_fields=(
        Field("plans_right", "int", "plans", "Plans that were right (complete, within the rules and the slack)."),
        Field("optimal_plans", "int", "plans", "Plans exactly as short as the best and within the rules."),
        Field("mean_route_ratio", "float", "", "Mean route blocks over best blocks, over complete plans."),
        Field("total_rules_broken", "int", "rules", "Rules broken over the run."),
        Field("median_planning_ms", "float", "ms", "Median time to the first place chosen."),
    ),
)
