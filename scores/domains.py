"""The domains every exercise belongs to, in the order screens, exports and reports show them."""

from __future__ import annotations

from typing import Mapping

DOMAINS: tuple[str, ...] = ("memory", "focus", "problem_solving")
DOMAIN_TITLES: Mapping[str, str] = {
    "memory": "Memory",
    "focus": "Focus",
    "problem_solving": "Problem solving",
}
