"""N-back (spatial, and dual with letters): what it declares about itself."""

from typing import Any, Mapping

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param

GRID_SIDE = 3  # a 3x3 grid: positions 0..8, shown to the player as 1..9 in reading order
# Letters shown in dual rounds: plain capitals that look unlike one another, and never A or L,
# the two response keys, so a letter on screen is not mistaken for a prompt to press it.
LETTERS = "BDFHKMRT"
STREAM_POSITION, STREAM_LETTER = "position", "letter"

# (n, dual, isi_ms) per level, easiest first. The pace quickens within each n before n grows.
# Letters join at level 7 with n back at 2: a second stream at 2-back is about as hard as
# 3-back with places alone, so the step stays small; letters at 1-back would crowd the easy
# levels, which must stay easy for anyone.
LEVEL_TABLE = (
    (1, False, 2500), (1, False, 2000),
    (2, False, 2500), (2, False, 2000),
    (3, False, 2500), (3, False, 2000),
    (2, True, 2500), (3, True, 2500), (3, True, 2000),
    (4, True, 2500),
)


def level_summary(n: int, dual: bool, isi_ms: int, stimulus_ms: int = 500) -> str:
    what = "places and letters" if dual else "places only"
    return f"{n} back, {what}, a new square every {(isi_ms + stimulus_ms) / 1000:g} s"


def check_params(params: Mapping[str, Any]) -> None:
    """Refuse parameter combinations that cannot make a sensible round."""
    if int(params["n"]) < 1:
        raise ValueError(f"n must be at least 1, not {params['n']}")
    if params["stimulus_ms"] <= 0 or params["isi_ms"] < 0:
        raise ValueError("stimulus_ms must be positive and isi_ms not negative")
    if not (0 < params["match_share"] and params["match_share"] + params["lure_share"] <= 0.8):
        raise ValueError("match_share must be above 0 and match_share + lure_share at most 0.8")
    if params["lure_share"] < 0 or params["base_length"] < 4:
        raise ValueError("lure_share cannot be negative and base_length must be at least 4")


SPEC = ExerciseSpec(
    id="n_back",
    title="N-back",
    domain="memory",
    description="Squares light up one by one; press when one is in the same place as n steps back.",
    instructions=(
        "Squares light up one at a time in a grid of nine.",
        "Press A, or click Same place, when a square is in the same place as n steps back (n is on the screen).",
        "Later a letter shows too: press L, or click Same letter, when it matches n steps back.",
        "If nothing repeats, do not press. The rounds get harder or easier to suit you.",
    ),
    params=(
        Param("n", 1, "steps back", "How many steps back a repeat counts from."),
        Param("dual", False, "on/off", "Whether each square also shows a letter, with its own 'Same letter' answer."),
        Param("stimulus_ms", 500, "ms", "How long each square stays lit."),
        Param("isi_ms", 2500, "ms", "Blank pause between a square going dark and the next one lighting."),
        Param("base_length", 20, "stimuli", "A round has base_length + n*n squares."),
        Param("match_share", 0.3, "proportion", "Share of the scored squares that repeat n back, per stream."),
        Param("lure_share", 0.15, "proportion",
              "Share of the scored squares that are near-misses (a repeat n-1 or n+1 back, not n back), per stream."),
        Param("d_prime_criterion", 1.8, "z units",
              "A round counts as good when d' reaches this in every stream played."),
        Param("lead_in_ms", 2500, "ms", "'Get ready' pause showing n before a round's first square."),
        Param("feedback_ms", 2500, "ms", "How long the round's feedback stays on screen."),
    ),
    levels=tuple(
        Level(number, level_summary(n, dual, isi), {"n": n, "dual": dual, "isi_ms": isi})
        for number, (n, dual, isi) in enumerate(LEVEL_TABLE, start=1)
    ),
    start_level=1,
    # The level tracker hears one answer per round (d' at the criterion); pressing at random,
    # always or never leaves d' near 0, so guessing practically never passes a round.
    chance_rate=0.0,
    trials_per_run=80,  # a run ends with its round: 4 rounds at 1-back, about 4 minutes
    typical_trial_s=3.0,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
    check_params=check_params,
    trial_fields=(
        Field("n", "int", "steps back", "n of the round: a square matches the one this many steps back."),
        Field("streams", "str", "", "Streams played: 'position', or 'position+letter' in dual rounds."),
        Field("block", "int", "round", "Round (block) number within the run, from 1."),
        Field("block_trial", "int", "stimulus", "Position of the square within its round, from 1."),
        Field("scored", "bool", "",
              "False for a round's first n squares, which have nothing n back to match: a press there is "
              "recorded (and the trial counts as not correct) but is no hit or false alarm."),
        Field("position", "int", "cell", "Cell lit, 1 to 9 in reading order."),
        Field("letter", "str", "", "Letter shown in the square (dual rounds); empty otherwise."),
        Field("position_match", "bool", "", "The cell is the same as n steps back."),
        Field("position_lure", "bool", "", "Near-miss: the cell is the same as n-1 or n+1 back but not n back."),
        Field("position_outcome", "str", "",
              "hit, miss, false_alarm, correct_rejection, or not_scored (first n squares)."),
        Field("position_rt_ms", "float", "ms", "Time from the square's onset to the 'Same place' press; empty without one."),
        Field("letter_match", "bool", "", "Dual rounds: the letter is the same as n steps back; empty otherwise."),
        Field("letter_lure", "bool", "", "Dual rounds: the letter is the same as n-1 or n+1 back but not n back."),
        Field("letter_outcome", "str", "", "Dual rounds: as position_outcome, for the letter; empty otherwise."),
        Field("letter_rt_ms", "float", "ms", "Time from the square's onset to the 'Same letter' press; empty without one."),
        Field("block_position_d_prime", "float", "z units",
              "On a round's last square only: the round's d' for places, log-linear corrected (see position_d_prime)."),
        Field("block_letter_d_prime", "float", "z units",
              "On a dual round's last square only: the round's d' for letters, log-linear corrected."),
    ),
    run_fields=(
        Field("max_n", "int", "steps back", "Highest n played"),
        Field("position_hits", "int", "stimuli", "Places: repeats pressed (scored squares of all rounds)."),
        Field("position_misses", "int", "stimuli", "Places: repeats not pressed."),
        Field("position_false_alarms", "int", "stimuli", "Places: presses on squares that were no repeat."),
        Field("position_correct_rejections", "int", "stimuli", "Places: non-repeats rightly left alone."),
        Field("position_d_prime", "float", "z units",
              "Places: d' = z(H) - z(F) over the run's counts, with the log-linear correction (Hautus 1995): "
              "H = (hits + 0.5) / (hits + misses + 1), F = (false alarms + 0.5) / (false alarms + correct "
              "rejections + 1), so d' stays finite; about 0 for pressing never, always or at random."),
        Field("letter_hits", "int", "stimuli", "Letters (dual rounds): repeats pressed; empty without dual rounds."),
        Field("letter_misses", "int", "stimuli", "Letters: repeats not pressed; empty without dual rounds."),
        Field("letter_false_alarms", "int", "stimuli", "Letters: presses on non-repeats; empty without dual rounds."),
        Field("letter_correct_rejections", "int", "stimuli", "Letters: non-repeats left alone; empty without dual rounds."),
        Field("letter_d_prime", "float", "z units",
              "Letters: d' as position_d_prime, over the dual rounds; empty without dual rounds."),
        Field("blocks", "int", "rounds", "Rounds played to the end."),
        Field("good_blocks", "int", "rounds", "Rounds whose d' reached the criterion in every stream."),
    ),
)
