"""Domain actions: what a key press or click means to an exercise, independent of the device."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Select:
    """Choose item ``index`` (0-based): a block, a card, a button."""

    index: int


@dataclass(frozen=True)
class Respond:
    """Give a named answer, such as ``"match"`` or ``"red"``."""

    value: str


@dataclass(frozen=True)
class Undo:
    """Take back the last choice."""


Action = Select | Respond | Undo
