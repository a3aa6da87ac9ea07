"""Card Pairs (the concentration memory game): what it declares about itself."""

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param

# The pictures a board draws from, in a fixed order; each has its own shape, colour and label.
PICTURES: tuple[str, ...] = (
    "circle", "triangle", "star", "heart", "moon", "house",
    "tree", "fish", "key", "cup", "bell", "leaf",
)

# (pairs, first look in ms) per level: more pairs and a shorter first look as the level rises.
# Level 1 (6 cards, a 3 s look at all of them) is easy for anyone; from level 8 there is no look.
LEVEL_TABLE: tuple[tuple[int, int], ...] = (
    (3, 3000), (4, 3000), (5, 3000), (6, 2500), (7, 2000),
    (8, 1500), (9, 1000), (10, 0), (11, 0), (12, 0),
)


def _summary(pairs: int, first_look_ms: int) -> str:
    look = f"a {first_look_ms / 1000:g} s first look" if first_look_ms else "no first look"
    return f"{pairs} pairs ({2 * pairs} cards), {look}"


SPEC = ExerciseSpec(
    id="card_pairs",
    title="Card Pairs",
    domain="memory",
    description="Turn the cards two at a time and find the matching pairs.",
    instructions=(
        "The cards lie face down. Each picture is on two cards.",
        "Turn two cards at a time. A matching pair stays face up; other cards turn back.",
        "Click a card, or press the letter on it. The arrow keys and Enter work too.",
        "At first you may see all the pictures for a moment. Take your time.",
    ),
    # Why 2 turns per pair: a player who forgets nothing clears any board within 2 x pairs - 1
    # turns even with no first look (a missed turn shows two unseen cards, so at most pairs - 1
    # turns miss). The allowance is met by perfect memory with one turn to spare, and missed
    # through forgetting, which grows with the board: the success signal the tracker needs.
    params=(
        Param("pairs", 3, "pairs", "Pairs of cards on the board."),
        Param("first_look_ms", 3000, "ms", "All cards shown face up before play starts; 0 for none."),
        Param("mismatch_ms", 1200, "ms", "How long two cards that do not match stay face up."),
        Param("allowed_turns_per_pair", 2, "turns", "Turns allowed per pair for the board to count as right."),
        Param("allowed_extra_turns", 0, "turns", "Turns allowed on top of the per-pair allowance."),
        Param("board_limit_ms", 300000, "ms", "A board not cleared this long after it starts ends as timed out."),
        Param("feedback_ms", 2500, "ms", "How long the cleared board and its message stay on screen."),
    ),
    levels=tuple(
        Level(n, _summary(pairs, look), {"pairs": pairs, "first_look_ms": look})
        for n, (pairs, look) in enumerate(LEVEL_TABLE, start=1)
    ),
    start_level=1,
    # The guessing rate is the success a player reaches by luck on boards beyond their memory:
    # turning face-down cards at random clears 8 pairs within 16 turns well under 1 time in
    # 100, so it is 0. (Luck does help on the smallest boards: 3 pairs within 6 turns about
    # 38% of the time, 4 within 8: 16%, 6 within 12: 2%; see the logic tests.)
    chance_rate=0.0,
    trials_per_run=8,
    typical_trial_s=38.0,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
    trial_fields=(
        Field("pairs", "int", "pairs", "Pairs of cards on the board."),
        Field("first_look_ms", "int", "ms", "How long all cards were shown face up before play."),
        Field("turns", "int", "turns", "Turns taken (a turn is two cards turned over)."),
        Field("min_turns", "int", "turns", "Fewest turns the board can be cleared in: one per pair."),
        Field("turns_above_min", "int", "turns", "Turns taken beyond the minimum (turns minus pairs)."),
        Field("allowed_turns", "int", "turns", "Most turns for the board to count as right."),
        Field("pairs_found", "int", "pairs", "Pairs matched before the board ended."),
        Field("cleared", "bool", "", "Whether every pair was found before the time limit."),
        Field("repeated_known_turns", "int", "cards",
              "Cards turned in a non-matching turn when that card and its partner had both been "
              "turned face up in earlier turns (the first look does not count)."),
        Field("time_to_clear_ms", "float", "ms",
              "Time from the board's start (after the first look) to the last match; empty if not cleared."),
        Field("turn_log", "str", "",
              "Every turn as 'A-B:miss@1520' (card letters, match or miss, ms from the board's start "
              "to the second card), separated by ';'."),
        Field("ignored_selections", "int", "cards",
              "Cards chosen that could not turn (already face up, during the first look, or while two were shown)."),
    ),
    run_fields=(
        Field("boards_cleared", "int", "boards", "Boards cleared."),
        Field("mean_turns_above_min", "float", "turns", "Mean turns beyond the minimum, over cleared boards."),
        Field("total_repeated_known_turns", "int", "cards", "Repeated turns of known cards over the run."),
        Field("median_board_time_ms", "float", "ms", "Median time to clear a board, over cleared boards."),
    ),
)
