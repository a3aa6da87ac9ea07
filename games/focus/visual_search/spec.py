"""Visual Search (selective attention): what it declares about itself."""

from typing import Any, Mapping

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param
from games.focus.visual_search.displays import SEARCH_SETS

# (search set, set sizes, response window in ms) per level, easiest first. Feature search first,
# with its distractors growing in number and then in likeness (hexagons are rounder than
# squares); then conjunctions, first of shape and fill, then the harder T-among-Ls. Every level
# mixes two or three set sizes so that a run can measure the search slope; the window stays
# several seconds long, because a careful search of 24 items takes time.
LEVEL_TABLE = (
    ("circle_squares", (4, 8), 6000),
    ("circle_squares", (8, 12, 16), 6000),
    ("circle_hexagons", (8, 12, 16), 6000),
    ("triangle_conjunction", (4, 8), 6000),
    ("triangle_conjunction", (8, 12, 16), 6000),
    ("triangle_conjunction", (12, 18, 24), 5000),
    ("t_among_l", (8, 12, 16), 6000),
    ("t_among_l", (12, 18, 24), 5000),
    ("t_among_mixed_l", (16, 20, 24), 4500),
)
DISTRACTOR_WORDS = {
    "circle_squares": "squares",
    "circle_hexagons": "hexagons",
    "triangle_conjunction": "filled squares and outlined triangles",
    "t_among_l": "turned Ts and Ls",
    "t_among_mixed_l": "turned Ts and Ls turned every way",
}


def level_summary(search_set: str, set_sizes: tuple[int, ...], window_ms: int) -> str:
    target = SEARCH_SETS[search_set].target_name
    sizes = ", ".join(str(n) for n in set_sizes[:-1]) + f" or {set_sizes[-1]}"
    kind = SEARCH_SETS[search_set].search_type
    among = DISTRACTOR_WORDS[search_set]
    return f"{kind} search: the {target} among {among}; {sizes} items; {window_ms / 1000:g} s to answer"


def check_params(params: Mapping[str, Any]) -> None:
    """Refuse parameter combinations that cannot make a sensible trial."""
    if params["search_set"] not in SEARCH_SETS:
        raise ValueError(f"unknown search set {params['search_set']!r}; use one of {sorted(SEARCH_SETS)}")
    if not params["set_sizes"] or max(params["set_sizes"]) > params["grid_cols"] * params["grid_rows"]:
        raise ValueError("set_sizes must be given and fit in the grid")
    if min(params["set_sizes"]) < 2:
        raise ValueError("a display needs at least 2 items")
    if not 0.0 < params["present_share"] < 1.0:
        raise ValueError("present_share must be between 0 and 1")
    if params["window_ms"] <= params["anticipation_ms"] or min(params["fixation_ms"], params["feedback_ms"]) < 0:
        raise ValueError("window_ms must exceed anticipation_ms, and pauses cannot be negative")


SPEC = ExerciseSpec(
    id="visual_search",
    title="Visual Search",
    domain="focus",
    description="Look for one shape among many and say whether it is there.",
    instructions=(
        "The top of the screen shows what to look for, for example the T that is upright.",
        "Then shapes appear. The one you look for is there about half of the time.",
        "If you find it, press J or click \"Yes, it's there\". If it is not there, press F or click \"No\".",
        "Take the time you need, before the shapes go. It gets easier or harder to suit you.",
    ),
    params=(
        Param("search_set", "circle_squares", "", f"Target and distractors, one of: {', '.join(SEARCH_SETS)}."),
        Param("set_sizes", (4, 8), "items", "Items on screen, drawn at random from these for each trial."),
        Param("window_ms", 6000, "ms", "Time from the display's onset to answer; then it goes and the trial times out."),
        Param("present_share", 0.5, "proportion", "Chance that the target is on the display."),
        Param("fixation_ms", 400, "ms", "A '+' in the middle before each display."),
        Param("feedback_ms", 500, "ms",
              "Pause after an answer (a small tick or a neutral '-'); after a time-out, a late answer "
              "in this pause is still recorded."),
        Param("anticipation_ms", 100, "ms",
              "An answer sooner than this after the onset is an anticipation: no one searches a display "
              "that fast, so it counts as not correct whatever the key."),
        Param("grid_cols", 8, "cells", "Columns of the grid the items are placed on."),
        Param("grid_rows", 4, "cells", "Rows of the grid the items are placed on."),
        Param("jitter", 0.2, "cell", "Largest shift of an item off its cell centre, as a share of the cell (at most 0.2)."),
    ),
    levels=tuple(
        Level(number, level_summary(name, sizes, window),
              {"search_set": name, "set_sizes": sizes, "window_ms": window})
        for number, (name, sizes, window) in enumerate(LEVEL_TABLE, start=1)
    ),
    start_level=1,
    chance_rate=0.5,  # two answers, yes or no, and the target is there half of the time
    trials_per_run=60,  # about 2 to 3 minutes: 0.9 s between displays plus 1 to 3 s of search
    typical_trial_s=2.4,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
    check_params=check_params,
    trial_fields=(
        Field("set_size", "int", "items", "Items on the display, the target included when present."),
        Field("search_type", "str", "",
              "feature (the target differs from every distractor in one feature) or conjunction "
              "(it shares one feature with each kind of distractor)."),
        Field("target_present", "bool", "", "Whether the target was on the display."),
        Field("target", "str", "", "What the player looked for, as the screen named it."),
        Field("search_window_ms", "int", "ms", "Time allowed to answer, from the display's onset."),
        Field("layout", "str", "",
              "The display, item by item as code@column,row (grid cells from 0, target marked *). "
              "Codes: O circle, S square, H hexagon, A triangle, each f filled or o outline; T and L "
              "with 0-3 quarter turns clockwise (T0 = upright T; L = crossbar with the stem at its end)."),
        Field("anticipation", "bool", "",
              "Answered within anticipation_ms (100 ms) of the onset: too soon to have searched; "
              "the trial counts as not correct."),
        Field("late_rt_ms", "float", "ms",
              "An answer after the window closed (in the pause that follows), from the onset: "
              "a right late answer stays timed out, a wrong one is an error; empty otherwise."),
        Field("early_presses", "int", "presses", "Answers given during the '+' before the display (ignored)."),
    ),
    run_fields=(
        Field("present_accuracy", "float", "proportion", "Share right of the trials with the target present (hits)."),
        Field("absent_accuracy", "float", "proportion",
              "Share right of the trials without the target (correct rejections)."),
        Field("median_rt_present_ms", "float", "ms", "Median RT of right answers on target-present trials."),
        Field("median_rt_absent_ms", "float", "ms", "Median RT of right answers on target-absent trials."),
        Field("search_slope_ms_per_item", "float", "ms/item",
              "Least-squares slope of the RTs of right target-present answers against set size, over "
              "the whole run; empty unless at least two set sizes were answered right."),
        Field("feature_slope_ms_per_item", "float", "ms/item",
              "As search_slope_ms_per_item, over feature-search trials only (usually near 0)."),
        Field("conjunction_slope_ms_per_item", "float", "ms/item",
              "As search_slope_ms_per_item, over conjunction-search trials only (often 20-40 ms/item)."),
        Field("anticipations", "int", "trials", "Trials answered within anticipation_ms of the onset."),
        Field("timeouts", "int", "trials",
              "Trials timed out: no answer inside the window (a late wrong answer counts as an error instead)."),
    ),
)
