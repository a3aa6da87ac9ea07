"""Tower of London states, legal moves, breadth-first distances and problem generation (no pygame)."""

from __future__ import annotations

import random
from collections import deque
from functools import lru_cache
from itertools import permutations

CAPACITIES: tuple[int, ...] = (3, 2, 1)  # balls each peg holds: left, middle, right
BALLS: tuple[int, ...] = (1, 2, 3)
State = tuple[tuple[int, ...], ...]  # one tuple per peg, bottom ball first
Move = tuple[int, int]  # (from peg, to peg), 0-based


def all_states() -> list[State]:
    """The 36 ways to place the three balls on the pegs within their capacities."""
    states: set[State] = set()
    for order in permutations(BALLS):
        for a in range(4):
            for b in range(4 - a):
                pegs = (order[:a], order[a:a + b], order[a + b:])
                if all(len(p) <= cap for p, cap in zip(pegs, CAPACITIES)):
                    states.add(pegs)
    return sorted(states)


def legal_moves(state: State) -> list[Move]:
    """Every move of a top ball onto another peg with room."""
    return [(i, j) for i in range(3) for j in range(3)
            if i != j and state[i] and len(state[j]) < CAPACITIES[j]]


def apply_move(state: State, move: Move) -> State:
    """The state after ``move``; raises ValueError when it breaks the rules."""
    i, j = move
    if i == j or not state[i] or len(state[j]) >= CAPACITIES[j]:
        raise ValueError(f"move {move} is not allowed from {state}")
    pegs = [list(p) for p in state]
    pegs[j].append(pegs[i].pop())
    return tuple(tuple(p) for p in pegs)


@lru_cache(maxsize=None)
def distances_from(state: State) -> dict[State, int]:
    """Fewest moves from ``state`` to every state (breadth-first search)."""
    seen = {state: 0}
    queue = deque([state])
    while queue:
        here = queue.popleft()
        for move in legal_moves(here):
            there = apply_move(here, move)
            if there not in seen:
                seen[there] = seen[here] + 1
                queue.append(there)
    return seen


def min_moves(start: State, goal: State) -> int:
    """The fewest moves that turn ``start`` into ``goal``."""
    return distances_from(goal)[start]  # moves are reversible, so distance is symmetric


def optimal_moves(state: State, goal: State) -> list[Move]:
    """The moves from ``state`` that lie on some shortest path to ``goal``."""
    to_goal = distances_from(goal)
    return [m for m in legal_moves(state) if to_goal[apply_move(state, m)] == to_goal[state] - 1]


def max_distance() -> int:
    """The longest shortest path between two states."""
    return max(max(distances_from(s).values()) for s in all_states())


def generate_problem(rng: random.Random, moves: int) -> tuple[State, State]:
    """A random (start, goal) pair whose fewest moves is exactly ``moves``."""
    states = all_states()
    while True:
        start = rng.choice(states)
        goals = [g for g, d in sorted(distances_from(start).items()) if d == moves]
        if goals:
            return start, rng.choice(goals)


def state_text(state: State) -> str:
    """A state as text, pegs left to right, balls bottom first: ``"12|3|-"``."""
    return "|".join("".join(str(b) for b in peg) or "-" for peg in state)
