"""How well each level tracker finds a player's level: ``python benchmarks/adaptive.py [--runs N]``.

Seeded simulated observers answer with a psychometric function on the level axis,
``p(x) = guess + (1 - guess - lapse) * sigmoid(c - (x - ability) / slope)``, where ``c`` puts the
attentive success rate at the 80% target exactly at ``ability``: so the true ability is the
target-rate level, in the same units every tracker reports. Conditions: true abilities 3.4, 6.2
and 8.7 on levels 1..12; guess rates 0 and 0.5; lapse rates 0%, 5% and 10%; every run starts 3
levels away (half above, half below); the observer's slope is drawn per run from 0.5, 0.75 and
1.0 levels per logistic unit (success falls from 90% to 50% over 1.1 to 2.2 levels). ``--runs`` runs per condition (default 1,000), 80 trials each, through
``make_tracker`` and the ``StepLimit`` exactly as the exercises use them (levels move at most one
per trial once a run has settled, and never drop by more than one).

Printed per method, at 20, 40 and 80 trials: bias and RMSE of the ability estimate, the share of
trials (after the first 10) presented within one level of the true ability, and the median
number of trials until the presented level stays within one level of it (n + 1 if it never
settles). Then the three figures the default tracker must reach at 40 trials, and its RMSE ratio
to the staircase at each horizon. The last two rows are references, not methods: ``oracle`` is
the same Bayesian tracker told each observer's true slope and lapse rate, which no real tracker
knows; ``oracle-free`` is that oracle also freed from the comfort band, choosing the most
informative level near its estimate on every trial. They show how close to the attainable the
default comes.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.core.engine.adaptive import METHODS, BayesTracker, make_tracker  # noqa: E402
from games.core.engine.adaptive.steps import StepLimit  # noqa: E402

ORACLE = "oracle"  # a reference, not a method: the Bayesian tracker told the observer's true slope and lapse
ORACLE_FREE = "oracle-free"  # the oracle choosing the most informative level on every trial
REFERENCES = (ORACLE, ORACLE_FREE)

MIN_LEVEL, MAX_LEVEL, TARGET = 1, 12, 0.8
ABILITIES, GUESSES, LAPSES = (3.4, 6.2, 8.7), (0.0, 0.5), (0.0, 0.05, 0.1)
SLOPES, START_OFFSET = (0.5, 0.75, 1.0), 3
HORIZONS, TRIALS, WARM_UP = (20, 40, 80), 80, 10


def p_success(level: int, ability: float, guess: float, lapse: float, slope: float) -> float:
    attentive = (TARGET - guess) / (1.0 - guess)
    c = math.log(attentive / (1.0 - attentive))
    return guess + (1.0 - guess - lapse) / (1.0 + math.exp(-(c - (level - ability) / slope)))


def one_run(method: str, ability: float, guess: float, lapse: float, seed: int) -> dict:
    rng = random.Random(seed)
    slope = rng.choice(SLOPES)
    start = round(ability) + (START_OFFSET if seed % 2 else -START_OFFSET)
    start = min(max(start, MIN_LEVEL), MAX_LEVEL)
    if method in REFERENCES:
        tracker = BayesTracker(MIN_LEVEL, MAX_LEVEL, start, TARGET, guess, slopes=(slope,), lapses=(lapse,))
        if method == ORACLE_FREE:
            tracker.learning_trials = TRIALS
    else:
        tracker = make_tracker(MIN_LEVEL, MAX_LEVEL, start, target=TARGET, chance=guess, method=method)
    levels, outcomes, estimates, steps = [], [], {}, StepLimit()
    for trial in range(1, TRIALS + 1):
        level = steps.limit(tracker.next_level())
        steps.stepped(level)
        levels.append(level)
        outcomes.append(rng.random() < p_success(level, ability, guess, lapse, slope))
        tracker.update(level, outcomes[-1])
        if trial in HORIZONS:
            estimates[trial] = tracker.estimate()[0]
    return {"levels": levels, "outcomes": outcomes, "estimates": estimates, "ability": ability, "lapse": lapse,
            "guess": guess}


def settle_trial(levels: list[int], ability: float) -> int:
    """1-based trial from which every presented level stays within one level of ``ability``."""
    settled = len(levels) + 1
    for i in range(len(levels), 0, -1):
        if abs(levels[i - 1] - ability) > 1.0:
            break
        settled = i
    return settled


def condition(args: tuple) -> list[dict]:
    method, ability, guess, lapse, runs, seed0 = args
    return [one_run(method, ability, guess, lapse, seed0 + i) for i in range(runs)]


def summarize(results: list[dict], horizon: int) -> dict[str, float]:
    errors = [r["estimates"][horizon] - r["ability"] for r in results]
    near = [abs(lv - r["ability"]) <= 1.0 for r in results for lv in r["levels"][WARM_UP:horizon]]
    success = [ok for r in results for ok in r["outcomes"][WARM_UP:horizon]]
    return {
        "bias": statistics.fmean(errors),
        "rmse": math.sqrt(statistics.fmean(e * e for e in errors)),
        "near": statistics.fmean(near),
        "success": statistics.fmean(success),
        "settle": statistics.median(settle_trial(r["levels"][:horizon], r["ability"]) for r in results),
    }


def run_all(runs: int, workers: int) -> dict[str, list[dict]]:
    jobs = []
    for m, (a, g, l) in product(METHODS + REFERENCES, product(ABILITIES, GUESSES, LAPSES)):
        seed0 = hash((a, g, l)) % 100_000 * 10_000  # the same observers for every method
        jobs.append((m, a, g, l, runs, seed0))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunks = list(pool.map(condition, jobs))
    results: dict[str, list[dict]] = {m: [] for m in METHODS + REFERENCES}
    for job, chunk in zip(jobs, chunks):
        results[job[0]].extend(chunk)
    return results


def print_table(title: str, results: dict[str, list[dict]]) -> None:
    print(f"\n{title}")
    print(f"{'method':<12}{'trials':>7}{'bias':>8}{'RMSE':>8}{'within 1':>10}{'settle':>8}{'success':>9}")
    for method, rows in results.items():
        for horizon in HORIZONS:
            s = summarize(rows, horizon)
            print(f"{method:<12}{horizon:>7}{s['bias']:>8.2f}{s['rmse']:>8.2f}{s['near']:>10.0%}{s['settle']:>8.0f}"
                  f"{s['success']:>9.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Compare the level trackers on simulated observers.")
    parser.add_argument("--runs", type=int, default=1000, help="runs per condition (default 1000)")
    parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    args = parser.parse_args()
    results = run_all(args.runs, args.workers)
    n_cond = len(ABILITIES) * len(GUESSES) * len(LAPSES)
    print(f"{n_cond} conditions x {args.runs} runs x {TRIALS} trials per method; target {TARGET:.0%}")
    print_table("All conditions", results)
    lapsy = {m: [r for r in rows if r["lapse"] == 0.1] for m, rows in results.items()}
    print_table("Lapse rate 10%", lapsy)
    best, base = summarize(results["bayes"], 40), summarize(results["staircase"], 40)
    best_l, base_l = summarize(lapsy["bayes"], 40), summarize(lapsy["staircase"], 40)
    print("\nThe default tracker (bayes) at 40 trials:")
    print(f"  RMSE ratio to 1-up/2-down staircase: {best['rmse'] / base['rmse']:.2f} (must be <= 0.60)")
    print(f"  RMSE with 10% lapses: {best_l['rmse']:.2f} vs staircase {base_l['rmse']:.2f} (must be lower)")
    print(f"  trials within one level after the first {WARM_UP}: {best['near']:.0%} (must be >= 70%)")
    ratios = ", ".join(
        f"{h} trials {summarize(results['bayes'], h)['rmse'] / summarize(results['staircase'], h)['rmse']:.2f}"
        for h in HORIZONS
    )
    print(f"  RMSE ratio to the staircase by length of run: {ratios}")


if __name__ == "__main__":
    main()
