"""A simulated Tower of London player who plans a number of moves ahead that grows with ability."""

from __future__ import annotations

import random
from typing import Any

from games.core.engine.actions import Select
from games.core.engine.players import LAPSE_SHARE, SEARCH_RT_SIGMA, check_ability, lognormal_rt_ms
from games.problem_solving.tower_of_london.logic import Phase, TowerOfLondonLogic
from games.problem_solving.tower_of_london.puzzle import (
    Move, State, apply_move, distances_from, legal_moves, optimal_moves,
)

GREEDY_LOOKAHEAD = 1  # beyond its plan the player only checks one move further: a weak heuristic


def planning_depth(ability: float) -> int:
    """Moves the player can plan in full: 1 at ability 0, 8 (every problem) at ability 1."""
    return round(1 + 7 * ability)


def misplaced(state: State, goal: State) -> int:
    """Balls not yet where the goal has them (same peg, same height)."""
    return sum(1 for peg, want in zip(state, goal) for h, ball in enumerate(peg) if h >= len(want) or want[h] != ball)


def best_reachable(state: State, goal: State, depth: int) -> int:
    """The fewest misplaced balls among the states reachable from ``state`` within ``depth`` moves."""
    reach = distances_from(state)
    return min(misplaced(s, goal) for s, d in reach.items() if d <= depth)


class TowerOfLondonPlayer:
    """Plays the shortest path when the goal is within its look-ahead; otherwise greedy.

    Beyond its depth it picks the move whose look-ahead reaches the state with the fewest
    misplaced balls, which often leads off the shortest path on long problems: the excess
    moves a weaker planner makes. It picks only balls from pegs that have one and puts them
    only on pegs with room, one ``Select`` per choice.
    """

    def __init__(self, ability: float, rng: random.Random, lapse: float = LAPSE_SHARE) -> None:
        self.ability, self.lapse, self.depth = check_ability(ability), lapse, planning_depth(ability)
        self._rng = rng
        self._plan_key: tuple[Any, ...] | None = None
        self._plan: tuple[float, Any] | None = None
        self._move: Move | None = None

    def next_action(self, logic: TowerOfLondonLogic, now_ms: float) -> tuple[float, Any] | None:
        if logic.phase is not Phase.PLAY or logic.onset_ms is None:
            return None
        key = (logic.trial_index, len(logic.moves), logic.held)
        if key != self._plan_key:
            self._plan_key = key
            if logic.held is None:
                self._move = self._choose(logic.state, logic.goal)
                delay = self._think_ms(logic) if not logic.moves else self._step_ms(700.0)
                self._plan = (now_ms + delay, Select(self._move[0]))
            else:
                self._plan = (now_ms + self._step_ms(500.0), Select(self._move[1]))
        return self._plan

    def _choose(self, state: State, goal: State) -> Move:
        moves = legal_moves(state)
        if self._rng.random() < self.lapse:
            return self._rng.choice(moves)
        if distances_from(goal)[state] <= self.depth:
            return self._rng.choice(optimal_moves(state, goal))
        scored = [(best_reachable(apply_move(state, m), goal, GREEDY_LOOKAHEAD), self._rng.random(), m) for m in moves]
        return min(scored)[2]

    def _think_ms(self, logic: TowerOfLondonLogic) -> float:
        """Planning before the first pick-up: longer for longer problems and weaker planners."""
        median = 1200.0 + 500.0 * logic.min_moves * (1.5 - self.ability)
        return lognormal_rt_ms(self._rng, median, SEARCH_RT_SIGMA)

    def _step_ms(self, base: float) -> float:
        return lognormal_rt_ms(self._rng, base + 600.0 * (1.0 - self.ability), SEARCH_RT_SIGMA)
