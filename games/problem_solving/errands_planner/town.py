"""Towns and errands: generate a problem from the rng, score an order, and find the best order exactly."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from games.problem_solving.errands_planner.spec import BANK_CASH, PLACES

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
Point = tuple[int, int]  # (column, row) of a street corner


@dataclass(frozen=True)
class Errand:
    """One place to visit: its corner, its kind, what it costs, and when it closes (None = open all day)."""

    name: str
    task: str
    at: Point
    cost: int = 0
    closes_min: int | None = None


@dataclass(frozen=True)
class Town:
    """One problem: the map, home, the errands (their order gives the letters) and the rules."""

    cols: int
    rows: int
    home: Point
    errands: tuple[Errand, ...]
    frozen_last: bool = False
    wallet: int | None = None  # pounds at the start when the budget rule holds, else None
    minutes_per_block: int = 3
    stop_minutes: int = 5
    start_min: int = 540

    def letter(self, index: int) -> str:
        return LETTERS[index]

    def index_of(self, name: str) -> int | None:
        return next((i for i, e in enumerate(self.errands) if e.name == name), None)


@dataclass(frozen=True)
class Score:
    """How an order of stops fares: blocks walked, rules broken, arrival clock at each stop."""

    blocks: int
    broken: tuple[str, ...]
    arrivals_min: tuple[int, ...]
    finish_min: int
    missing: int = 0


def blocks_between(a: Point, b: Point) -> int:
    """Shortest street path on a full grid of streets: blocks across plus blocks along."""
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def street_path(a: Point, b: Point) -> list[Point]:
    """The corners of one shortest street path: along the row first, then along the column."""
    return [a, (b[0], a[1]), b] if a[0] != b[0] and a[1] != b[1] else [a, b]


def clock_text(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def score(town: Town, order: Sequence[int]) -> Score:
    """Walk ``order`` (errand indices) from home and back, noting every rule it breaks."""
    broken: list[str] = []
    here, blocks, clock = town.home, 0, town.start_min
    cash, arrivals = town.wallet, []
    for i in order:
        e = town.errands[i]
        step = blocks_between(here, e.at)
        blocks, clock, here = blocks + step, clock + step * town.minutes_per_block, e.at
        arrivals.append(clock)
        if e.closes_min is not None and clock > e.closes_min:
            broken.append(f"hours:{town.letter(i)}")
        if cash is not None:
            if e.name == "Bank":
                cash += BANK_CASH
            elif e.cost > cash:
                broken.append(f"budget:{town.letter(i)}")
            else:
                cash -= e.cost
        clock += town.stop_minutes
    step = blocks_between(here, town.home)
    blocks, clock = blocks + step, clock + step * town.minutes_per_block
    market = town.index_of("Supermarket")
    if town.frozen_last and market is not None and order and order[-1] != market and market in order:
        broken.append("frozen_last")
    return Score(blocks, tuple(broken), tuple(arrivals), clock, len(town.errands) - len(set(order)))


def best_order(town: Town, keep_rules: bool = True) -> tuple[int, ...] | None:
    """The shortest order (first in index order among ties) that breaks no rule; None if none does.

    An exact depth-first search over the orders, cutting a branch once its blocks plus the walk
    home reach the best so far (the walk home can only grow) or once it breaks a rule.
    """
    best: list[Any] = [None, None]  # blocks, order
    _walk(town, keep_rules, [], town.home, 0, town.start_min, town.wallet, best)
    return best[1]


def _walk(town: Town, keep_rules: bool, order: list[int], here: Point, blocks: int, clock: int,
          cash: int | None, best: list[Any]) -> None:
    n = len(town.errands)
    home_blocks = blocks + blocks_between(here, town.home)
    if best[0] is not None and home_blocks >= best[0]:
        return
    if len(order) == n:
        best[0], best[1] = home_blocks, tuple(order)
        return
    for i, e in enumerate(town.errands):
        if i in order:
            continue
        step = blocks_between(here, e.at)
        arrival, left = clock + step * town.minutes_per_block, cash
        if keep_rules:
            if e.closes_min is not None and arrival > e.closes_min:
                continue
            if town.frozen_last and e.name == "Supermarket" and len(order) < n - 1:
                continue
            if cash is not None:
                if e.name == "Bank":
                    left = cash + BANK_CASH
                elif e.cost > cash:
                    continue
                else:
                    left = cash - e.cost
        order.append(i)
        _walk(town, keep_rules, order, e.at, blocks + step, arrival + town.stop_minutes, left, best)
        order.pop()


def make_town(rng: random.Random, params: Mapping[str, Any], tries: int = 60) -> Town:
    """A town whose rules matter: the shortest order ignoring them breaks at least one, when it can."""
    town = _draw_town(rng, params)
    for _ in range(tries):
        rules = town.frozen_last or town.wallet is not None or any(e.closes_min for e in town.errands)
        kept = best_order(town)
        if kept is not None and (not rules or score(town, best_order(town, keep_rules=False)).broken):
            return town
        town = _draw_town(rng, params)
    while best_order(town) is None:  # rules that cannot all be kept are never dealt
        town = _draw_town(rng, params)
    return town


def _draw_town(rng: random.Random, params: Mapping[str, Any]) -> Town:
    cols, rows, n = int(params["grid_cols"]), int(params["grid_rows"]), int(params["errands"])
    frozen, budget = bool(params["frozen_last"]), bool(params["budget"])
    names = [p[0] for p in PLACES if p[0] not in ("Supermarket", "Bank")]
    chosen = (["Supermarket"] if frozen else []) + (["Bank"] if budget else [])
    pool = names + [p for p in ("Supermarket", "Bank") if p not in chosen]
    chosen += rng.sample(pool, n - len(chosen))
    rng.shuffle(chosen)
    corners = rng.sample([(c, r) for c in range(cols) for r in range(rows)], n + 1)
    home, spots = corners[0], corners[1:]
    catalogue = {p[0]: p for p in PLACES}
    errands = [Errand(name, catalogue[name][1], at, catalogue[name][2]) for name, at in zip(chosen, spots)]
    town = Town(cols, rows, home, tuple(errands), frozen, None, int(params["minutes_per_block"]),
                int(params["stop_minutes"]), int(params["start_clock_min"]))
    if budget:
        costs = [e.cost for e in errands if e.name != "Bank" and e.cost]
        wallet = max(0, min(costs) + rng.choice([0, 2, 5]) if costs else 0)
        town = replace(town, wallet=min(wallet, sum(costs) - 1) if costs else 0)
    return _with_hours(rng, town, int(params["hours"]))


def _with_hours(rng: random.Random, town: Town, count: int) -> Town:
    """Give ``count`` places (never the supermarket) a closing time that some order keeps.

    The times come from a random order that keeps the other rules (bank first, supermarket
    last): each chosen place closes a little after that order reaches it, so it can be kept.
    """
    if count <= 0:
        return town
    order = list(range(len(town.errands)))
    rng.shuffle(order)
    firsts = [i for i in order if town.wallet is not None and town.errands[i].name == "Bank"]
    lasts = [i for i in order if town.frozen_last and town.errands[i].name == "Supermarket"]
    order = firsts + [i for i in order if i not in firsts + lasts] + lasts
    arrivals = dict(zip(order, score(town, order).arrivals_min))
    options = [i for i, e in enumerate(town.errands) if e.name != "Supermarket"]
    errands = list(town.errands)
    for i in rng.sample(options, min(count, len(options))):
        closes = -(-(arrivals[i] + rng.choice([0, 5])) // 5) * 5  # on a round 5 minutes
        errands[i] = replace(errands[i], closes_min=closes)
    return replace(town, errands=tuple(errands))
