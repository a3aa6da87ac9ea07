"""Shopping List: what it declares about itself (parameters, level table, record fields)."""

from math import comb

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param
from games.memory.shopping_list.catalogue import SIMILARITY_WORDS

# level: (list items, shelf items, study ms, delay ms, star-counting filler, distractor similarity)
LEVEL_TABLE: dict[int, tuple[int, int, int, int, bool, int]] = {
    1: (2, 6, 6000, 2000, False, 0),
    2: (3, 8, 7500, 3000, False, 0),
    3: (3, 8, 7500, 5000, False, 1),
    4: (4, 10, 9000, 6000, True, 1),
    5: (4, 10, 9000, 8000, True, 2),
    6: (5, 12, 10500, 10000, True, 2),
    7: (6, 14, 12000, 12000, True, 2),
    8: (7, 16, 13500, 14000, True, 2),
    9: (8, 18, 15000, 15000, True, 2),
}
MAX_SHELF = 18


def _level(number: int) -> Level:
    items, shelf, study_ms, delay_ms, filler, similar = LEVEL_TABLE[number]
    wait = "count stars while you wait" if filler else "a calm wait"
    summary = (f"{items} items among {shelf}, {delay_ms // 1000} s wait ({wait}), "
               f"other items from {SIMILARITY_WORDS[similar]}")
    params = {"list_length": items, "shelf_size": shelf, "study_ms": study_ms, "delay_ms": delay_ms,
              "filler": filler, "distractor_similarity": similar}
    return Level(number, summary, params)


SPEC = ExerciseSpec(
    id="shopping_list",
    title="Shopping List",
    domain="memory",
    description="Remember a short shopping list, then find the items on the shop shelf.",
    instructions=(
        "You will see a short shopping list. Look at it until you feel ready, then press I'm ready.",
        "After a short wait, a shop shelf appears. Pick the items that were on your list.",
        "Click an item or press its letter. Arrow keys and Enter work too. Picking again takes it back.",
        "When you have them all, or cannot remember more, press Done (or D).",
    ),
    params=(
        Param("list_length", 2, "items", "Items on the shopping list."),
        Param("shelf_size", 6, "items", "Items on the shop shelf, the list's items included."),
        Param("study_ms", 6000, "ms", "Longest time the list stays on screen (I'm ready ends it sooner)."),
        Param("delay_ms", 2000, "ms", "Wait between the list and the shelf."),
        Param("filler", False, "yes/no", "During the wait, count the stars (a calm filler task)."),
        Param("distractor_similarity", 0, "0-2",
              "How alike the other items are: 0 other aisles, 1 same aisle, 2 look-alikes."),
        Param("finish_when_full", True, "yes/no", "The trial ends as soon as as many items as on the list are picked."),
        Param("feedback_ms", 2500, "ms", "How long the answer's feedback stays on screen."),
        Param("idle_timeout_ms", 60000, "ms", "No pick for this long on the shelf ends the trial as timed out."),
    ),
    levels=tuple(_level(n) for n in LEVEL_TABLE),
    start_level=1,
    # guessing the whole list at level 1: one chance in C(6, 2) = 15 (less at every higher level)
    chance_rate=round(1 / comb(LEVEL_TABLE[1][1], LEVEL_TABLE[1][0]), 3),
    trials_per_run=10,
    typical_trial_s=22.2,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
    trial_fields=(
        Field("list_length", "int", "items", "Items on the shopping list."),
        Field("shelf_size", "int", "items", "Items on the shop shelf, the list's items included."),
        Field("shelf", "str", "", "The shelf's items in slot order (a, b, c, ...), separated by '; '."),
        Field("delay_ms", "int", "ms", "Declared wait between the list and the shelf."),
        Field("filler", "bool", "", "Whether the wait had the star-counting filler task."),
        Field("filler_correct", "bool", "",
              "Whether the stars were counted right; empty when not asked or not answered."),
        Field("distractor_similarity", "int", "0-2",
              "Distractor similarity: 0 other aisles, 1 same aisle, 2 look-alikes first."),
        Field("similar_on_shelf", "int", "items", "Distractors on the shelf that look like a list item."),
        Field("study_ms", "float", "ms", "How long the list was on screen (until I'm ready or the time ran out)."),
        Field("hits", "int", "items", "List items picked."),
        Field("false_picks", "int", "items", "Items picked that were not on the list."),
        Field("similar_false_picks", "int", "items", "False picks that look like a list item."),
        Field("misses", "int", "items", "List items not picked."),
        Field("order_score", "int", "items",
              "Most hits picked in list order: the longest increasing subsequence of their list positions, "
              "in pick order."),
        Field("n_unpicks", "int", "picks", "Picks taken back (picking an item again, or Backspace)."),
        Field("finished_by", "str", "",
              "How the shelf ended: 'full' (as many picks as the list), 'done' or 'timeout'."),
        Field("first_pick_ms", "float", "ms",
              "Time from the shelf's onset to the first pick (even one taken back later)."),
        Field("pick_times_ms", "str", "ms",
              "Time after the shelf's onset of each item in the response, in pick order, separated by ';'."),
    ),
    run_fields=(
        Field("longest_list_perfect", "int", "items", "Longest list found without a slip"),
        Field("hits", "int", "items", "List items picked in the run."),
        Field("false_picks", "int", "items", "Items picked in the run that were not on the list."),
        Field("misses", "int", "items", "List items not picked in the run."),
        Field("mean_order_score", "float", "0-1",
              "Mean over trials with 2 or more hits of order_score / hits; empty when none."),
        Field("correct_trials", "int", "trials", "Trials with every item found and no false pick."),
    ),
)
