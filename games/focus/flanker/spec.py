"""Flanker (the Eriksen flanker task): what it declares about itself."""

from typing import Any, Mapping

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param

CONGRUENT, INCONGRUENT = "congruent", "incongruent"
LEFT, RIGHT = "left", "right"
DIRECTIONS = (LEFT, RIGHT)
N_ARROWS = 5  # the middle one is the target; two flankers on each side

# (share of incongruent rows, response window in ms) per level, easiest first. The window
# shrinks faster at first (2.5 s is generous for anyone, 1.3 s still is for most), then in
# small steps, because below about 1 s a few tens of ms decide whether a slow responder
# makes it; the incongruent share rises alongside, so a level is harder both ways at once.
LEVEL_TABLE = (
    (0.20, 2500), (0.30, 2000), (0.40, 1600), (0.50, 1300),
    (0.55, 1100), (0.60, 900), (0.65, 750), (0.70, 600),
)


def level_summary(incongruent_share: float, window_ms: int) -> str:
    return (f"{round(incongruent_share * 100)}% of rows with the middle arrow turned the other way, "
            f"{window_ms / 1000:g} s to answer")


def check_params(params: Mapping[str, Any]) -> None:
    """Refuse parameter values that cannot make a sensible trial."""
    if not 0.0 <= params["incongruent_share"] <= 1.0:
        raise ValueError(f"incongruent_share must be between 0 and 1, not {params['incongruent_share']}")
    if params["window_ms"] <= params["anticipation_ms"] or params["anticipation_ms"] < 0:
        raise ValueError("window_ms must be longer than anticipation_ms, which cannot be negative")
    if min(params["fixation_ms"], params["fixation_jitter_ms"], params["feedback_ms"]) < 0:
        raise ValueError("fixation_ms, fixation_jitter_ms and feedback_ms cannot be negative")


SPEC = ExerciseSpec(
    id="flanker",
    title="Flanker",
    domain="focus",
    description="A row of arrows appears; say which way the middle one points.",
    instructions=(
        "A row of five arrows appears in the middle of the screen.",
        "Look only at the middle arrow: which way does it point?",
        "Press the Left or Right arrow key (or F and J), or click the Left or Right button.",
        "Sometimes the other arrows point the other way. Answer quickly, but try to be right.",
    ),
    params=(
        Param("incongruent_share", 0.2, "proportion",
              "Chance that a row is incongruent (middle arrow against the others), drawn per trial."),
        Param("window_ms", 2500, "ms", "Time from the arrows' onset in which an answer counts; they stay up until then."),
        Param("fixation_ms", 500, "ms", "Shortest time the '+' shows before the arrows."),
        Param("fixation_jitter_ms", 300, "ms",
              "Up to this much is added at random to each fixation, so the onset cannot be timed by rhythm."),
        Param("feedback_ms", 700, "ms",
              "Pause after an answer, or after time runs out, showing a small mark; a press in it after "
              "time ran out is recorded as late."),
        Param("anticipation_ms", 100, "ms",
              "Answers faster than this after the onset are anticipations: too fast to come from seeing the arrows."),
    ),
    levels=tuple(
        Level(number, level_summary(share, window), {"incongruent_share": share, "window_ms": window})
        for number, (share, window) in enumerate(LEVEL_TABLE, start=1)
    ),
    start_level=1,
    chance_rate=0.5,  # two answers, left or right: guessing is right half the time
    trials_per_run=60,  # about 2 s a trial: a run takes 2 to 3 minutes
    typical_trial_s=1.9,  # s, measured with cogsuite simulate (see games/core/engine/duration.py)
    check_params=check_params,
    trial_fields=(
        Field("condition", "str", "", "congruent (all five arrows point the same way) or incongruent "
              "(the middle arrow points against the four others)."),
        Field("direction", "str", "", "Where the middle arrow points: left or right (the right answer)."),
        Field("window_ms", "int", "ms", "Response window of the trial's level."),
        Field("fixation_ms", "float", "ms", "How long the '+' showed before the arrows."),
        Field("anticipation", "bool", "",
              "Answered less than anticipation_ms (100 ms) after the onset: counted as not correct, "
              "whatever the key, since no one can see and answer that fast; left out of the RT medians."),
        Field("late_rt_ms", "float", "ms",
              "Time from the onset to a press that came after the window closed (during the pause after it); "
              "empty otherwise. A late right press stays timed out; a late wrong press is recorded as an error."),
        Field("early_presses", "int", "presses", "Presses while the '+' showed, before the arrows (ignored)."),
    ),
    run_fields=(
        Field("congruent_trials", "int", "trials", "Congruent rows shown."),
        Field("incongruent_trials", "int", "trials", "Incongruent rows shown."),
        Field("congruent_accuracy", "float", "proportion",
              "Congruent rows answered right within the window, over all congruent rows (time-outs count as not right)."),
        Field("incongruent_accuracy", "float", "proportion", "As congruent_accuracy, for incongruent rows."),
        Field("congruent_median_rt_ms", "float", "ms", "Median RT of the congruent rows answered right (not anticipations)."),
        Field("incongruent_median_rt_ms", "float", "ms", "Median RT of the incongruent rows answered right."),
        Field("congruency_cost_ms", "float", "ms",
              "incongruent_median_rt_ms minus congruent_median_rt_ms: the time the turned-away arrows cost; "
              "empty unless both conditions have a right answer."),
        Field("congruency_cost_accuracy", "float", "proportion",
              "congruent_accuracy minus incongruent_accuracy: the accuracy the turned-away arrows cost."),
        Field("anticipations", "int", "trials", "Answers faster than anticipation_ms after the onset."),
        Field("timeouts", "int", "trials", "Trials with no answer within the window (late right presses included)."),
    ),
)
