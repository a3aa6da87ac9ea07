"""The shop's catalogue: everyday items in aisles, how each is drawn, and which ones look alike."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    """One thing on the shelf; ``shape`` and ``tint`` (a palette role) say how it is drawn."""

    name: str
    category: str
    shape: str
    tint: str


CATEGORIES: tuple[str, ...] = ("fruit and veg", "dairy", "bakery", "drinks", "cupboard", "cleaning")

_ROWS = (
    # fruit and veg
    ("apples", 0, "round", "positive"), ("oranges", 0, "round", "block_lit"),
    ("lemons", 0, "oval", "block_lit"), ("bananas", 0, "banana", "block_lit"),
    ("grapes", 0, "bunch", "gentle"), ("tomatoes", 0, "round", "gentle"),
    ("potatoes", 0, "oval", "muted_text"), ("carrots", 0, "carrot", "block_lit"),
    # dairy
    ("milk", 1, "carton", "accent"), ("oat milk", 1, "carton", "muted_text"),
    ("cream", 1, "tub", "block_tapped"), ("butter", 1, "bar", "block_lit"),
    ("margarine", 1, "tub", "block_lit"), ("cheese", 1, "wedge", "block_lit"),
    ("yoghurt", 1, "tub", "accent"), ("eggs", 1, "eggbox", "muted_text"),
    # bakery
    ("bread", 2, "loaf", "muted_text"), ("bread rolls", 2, "buns", "muted_text"),
    ("banana bread", 2, "loaf", "block_lit"), ("apple pie", 2, "pie", "positive"),
    ("carrot cake", 2, "cake", "block_lit"), ("crackers", 2, "box", "block_lit"),
    ("biscuits", 2, "box", "gentle"),
    # drinks
    ("apple juice", 3, "carton", "positive"), ("orange juice", 3, "carton", "block_lit"),
    ("lemonade", 3, "bottle", "block_lit"), ("water", 3, "bottle", "block_tapped"),
    ("sparkling water", 3, "bottle", "accent"), ("tea", 3, "box", "positive"),
    ("coffee", 3, "jar", "muted_text"), ("cola", 3, "can", "block"),
    # cupboard
    ("raisins", 4, "box", "gentle"), ("tomato soup", 4, "can", "gentle"),
    ("baked beans", 4, "can", "accent"), ("crisps", 4, "bag", "block_lit"),
    ("rice", 4, "bag", "block_tapped"), ("pasta", 4, "bag", "block_lit"),
    ("egg noodles", 4, "bag", "muted_text"), ("flour", 4, "bag", "surface"),
    ("sugar", 4, "bag", "accent"), ("jam", 4, "jar", "gentle"), ("honey", 4, "jar", "block_lit"),
    # cleaning
    ("soap", 5, "bar", "block_tapped"), ("dish soap", 5, "bottle", "positive"),
    ("sponges", 5, "sponge", "block_lit"), ("toilet paper", 5, "roll", "surface"),
    ("kitchen roll", 5, "roll", "block_tapped"), ("window spray", 5, "spray", "accent"),
)

CATALOGUE: tuple[Item, ...] = tuple(Item(name, CATEGORIES[c], shape, tint) for name, c, shape, tint in _ROWS)
BY_NAME: dict[str, Item] = {item.name: item for item in CATALOGUE}

# Items easy to take for one another: a shared word ("apples", "apple juice") or a look-alike
# package ("butter", "margarine"). An item may sit in more than one group.
SIMILAR_GROUPS: tuple[tuple[str, ...], ...] = (
    ("apples", "apple juice", "apple pie"),
    ("oranges", "orange juice", "lemons"),
    ("lemons", "lemonade"),
    ("bananas", "banana bread"),
    ("grapes", "raisins"),
    ("tomatoes", "tomato soup"),
    ("potatoes", "crisps"),
    ("carrots", "carrot cake"),
    ("milk", "oat milk", "cream"),
    ("butter", "margarine", "cheese"),
    ("yoghurt", "cream"),
    ("eggs", "egg noodles"),
    ("bread", "bread rolls", "banana bread"),
    ("crackers", "biscuits"),
    ("water", "sparkling water"),
    ("tea", "coffee"),
    ("cola", "lemonade"),
    ("rice", "pasta", "egg noodles"),
    ("flour", "sugar"),
    ("jam", "honey"),
    ("baked beans", "tomato soup"),
    ("soap", "dish soap"),
    ("sponges", "dish soap"),
    ("toilet paper", "kitchen roll"),
    ("window spray", "dish soap"),
)

SIMILARITY_WORDS: dict[int, str] = {0: "other aisles", 1: "same aisle", 2: "look-alikes"}


def look_alikes(name: str) -> frozenset[str]:
    """The items that share a similar group with ``name`` (not ``name`` itself)."""
    return frozenset(other for group in SIMILAR_GROUPS if name in group for other in group) - {name}


def similarity(candidate: str, wanted: list[str]) -> int:
    """2 when ``candidate`` looks like a wanted item, 1 when it shares an aisle, else 0."""
    if any(candidate in look_alikes(w) for w in wanted):
        return 2
    aisles = {BY_NAME[w].category for w in wanted}
    return 1 if BY_NAME[candidate].category in aisles else 0


def tier_order(level: int) -> tuple[int, ...]:
    """Which similarity tiers fill the shelf first at a distractor similarity ``level`` (0..2)."""
    return {0: (0, 1, 2), 1: (1, 0, 2), 2: (2, 1, 0)}[level]


def choose_list(rng: random.Random, n_items: int) -> list[str]:
    """``n_items`` different items, no two of them look-alikes of each other."""
    names = [item.name for item in CATALOGUE]
    rng.shuffle(names)
    chosen: list[str] = []
    for name in names:
        if len(chosen) == n_items:
            break
        if not any(name in look_alikes(c) for c in chosen):
            chosen.append(name)
    if len(chosen) < n_items:
        raise ValueError(f"the catalogue cannot give {n_items} items that do not look alike")
    return chosen


def build_shelf(rng: random.Random, wanted: list[str], shelf_size: int, level: int) -> list[str]:
    """The wanted items plus distractors, the most similar tiers first at higher ``level``, shuffled."""
    if shelf_size < len(wanted) or shelf_size > len(CATALOGUE):
        raise ValueError(f"a shelf of {shelf_size} cannot hold {len(wanted)} wanted items")
    tiers: dict[int, list[str]] = {0: [], 1: [], 2: []}
    for item in CATALOGUE:
        if item.name not in wanted:
            tiers[similarity(item.name, wanted)].append(item.name)
    distractors: list[str] = []
    for tier in tier_order(level):
        pool = tiers[tier]
        rng.shuffle(pool)
        distractors += pool[: shelf_size - len(wanted) - len(distractors)]
    shelf = list(wanted) + distractors
    rng.shuffle(shelf)
    return shelf
