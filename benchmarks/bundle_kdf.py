"""What one guess at a bundle's passphrase costs: deriving the key with scrypt at the parameters
cogsuite uses (``scores.bundle.sealed.KDF``), which anyone guessing must pay for every guess, and
what sealing and opening a client's bundle cost on top.

Printed: the median and range of one derivation (CPU time and wall time, in one process, so on
the machine's one core), the memory it needs (128 x n x r bytes), what a year of guessing on this
machine's cores reaches against a four-word passphrase from ``assets/words/words.txt``, and the
time to seal and to open a bundle of 10,000 trials. From the repository root:

    python benchmarks/bundle_kdf.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scores.bundle import sealed  # noqa: E402


def timed(action, repeat: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    kdf = sealed.KDF
    salt = os.urandom(16)
    walls, cpus = timed(lambda: sealed._key("river lemon oak tulip", kdf, salt), args.repeat)
    guess = statistics.median(cpus)
    words = len(sealed.asset_words())
    space = words ** 4
    cores = os.cpu_count() or 1
    per_year = cores * 365 * 24 * 3600 / guess
    print(f"scrypt n=2**{int(math.log2(kdf['n']))} r={kdf['r']} p={kdf['p']}: "
          f"{128 * kdf['n'] * kdf['r'] / 2 ** 20:.0f} MiB per guess")
    print(f"one guess: median {guess * 1000:.0f} ms CPU ({min(cpus) * 1000:.0f}-{max(cpus) * 1000:.0f}), "
          f"{statistics.median(walls) * 1000:.0f} ms wall, over {args.repeat} runs")
    print(f"four words from {words}: {space:.2e} passphrases ({math.log2(space):.1f} bits); "
          f"this machine's {cores} cores try {per_year:.2e} a year, "
          f"{per_year / space * 100:.4f}% of them")
    content = {"client_id": "x", "includes_name": False,
               "tables": {"trials": {"columns": ["id", "stimulus", "response", "rt_ms"],
                                     "rows": [[f"{i:032x}", "RED", "BLUE", 512.25 + i] for i in range(10_000)]}}}
    data = sealed.seal(content, {"counts": {}}, "river lemon oak tulip", "k")
    seal_walls, _ = timed(lambda: sealed.seal(content, {"counts": {}}, "river lemon oak tulip", "k"), 3)
    open_walls, _ = timed(lambda: sealed.open_sealed(data, "river lemon oak tulip"), 3)
    print(f"a bundle of 10,000 trials ({len(data) / 1024:.0f} KiB): seal {statistics.median(seal_walls) * 1000:.0f} ms, "
          f"open {statistics.median(open_walls) * 1000:.0f} ms (each one derivation included)")


if __name__ == "__main__":
    main()
