"""Scoring a recalled sequence against the one wanted, for the exercises that ask for one back."""

from __future__ import annotations

from typing import Sequence


def first_error_position(expected: Sequence[int], answer: Sequence[int]) -> int | None:
    """1-based position of the first item that differs from ``expected`` (or is missing or extra).

    None when the answer is exactly right.
    """
    for position, (wanted, given) in enumerate(zip(expected, answer), start=1):
        if wanted != given:
            return position
    if len(answer) == len(expected):
        return None
    return min(len(answer), len(expected)) + 1
