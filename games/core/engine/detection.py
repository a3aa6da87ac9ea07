"""Signal detection: sensitivity d' from hits, misses, false alarms and correct rejections."""

from __future__ import annotations

from statistics import NormalDist


def d_prime(hits: int, misses: int, false_alarms: int, correct_rejections: int) -> float:
    """d' = z(H) - z(F) with the log-linear correction (Hautus 1995): 0.5 added to each count.

    The correction keeps d' finite when a rate is 0 or 1, and a player who never presses (or
    always presses) scores 0 whatever the counts.
    """
    z = NormalDist().inv_cdf
    hit_rate = (hits + 0.5) / (hits + misses + 1)
    fa_rate = (false_alarms + 0.5) / (false_alarms + correct_rejections + 1)
    return z(hit_rate) - z(fa_rate)
