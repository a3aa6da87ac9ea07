"""How long cogsuite takes to start: whole-process wall times of the commands a person waits for,
each beside its floor (what Python and pygame-ce alone take to do as much).

Timed, as interleaved runs (one of each in turn, ``--runs`` rounds) so that a busy moment of the
computer falls on all of them alike, and printed as medians with the ratio to the floor:

- ``python -c 'import pygame'``, the floor of the two commands;
- ``cogsuite --help`` and ``cogsuite exercises``;
- the launcher until its first frame is on screen (``COGSUITE_EXIT_AFTER_FIRST_FRAME=1`` closes it
  right after the first flip; ``SDL_VIDEODRIVER=dummy``), on a data folder holding a store with a
  few clients, made once before the timing;
- its floor: Python, a pygame-ce window, one line of text in the launcher's font, one flip.

From the repository root, with the project installed (``pip install -e .``):

    python benchmarks/startup.py [--runs 15] [--keep DIR] [--source DIR]

``--source DIR`` times ``python -m games`` from another checkout's source folder instead (an older
commit, say, for a before-and-after; it must read ``COGSUITE_EXIT_AFTER_FIRST_FRAME``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "assets" / "fonts" / "AtkinsonHyperlegible-Regular.ttf"
WINDOW_FLOOR = f"""
import pygame
pygame.display.init()
pygame.font.init()
screen = pygame.display.set_mode((1100, 760), pygame.RESIZABLE)
font = pygame.font.Font({str(FONT)!r}, 28)
screen.fill((245, 243, 238))
screen.blit(font.render("Who is playing today?", True, (30, 30, 30)), (40, 40))
pygame.display.flip()
pygame.quit()
"""


def cogsuite_command(source: str | None) -> list[str]:
    """``python -m games`` for a ``source`` folder, else the ``cogsuite`` console script beside this
    Python, else ``python -m games``."""
    script = Path(sys.executable).with_name("cogsuite")
    return [str(script)] if script.exists() and source is None else [sys.executable, "-m", "games"]


def commands(cogsuite: list[str], data_dir: Path) -> dict[str, list[str]]:
    return {
        "import pygame": [sys.executable, "-c", "import pygame"],
        "cogsuite --help": [*cogsuite, "--help"],
        "cogsuite exercises": [*cogsuite, "exercises"],
        "window + text floor": [sys.executable, "-c", WINDOW_FLOOR],
        "launcher first frame": [*cogsuite, "--data-dir", str(data_dir)],
    }


# each command, the floor it is measured against, and the target ratio
COMPARED = (
    ("cogsuite --help", "import pygame", 1.5),
    ("cogsuite exercises", "import pygame", 1.5),
    ("launcher first frame", "window + text floor", 2.0),
)


def environment(source: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(Path(source).resolve())
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               COGSUITE_EXIT_AFTER_FIRST_FRAME="1")
    env.pop("COGSUITE_STORE", None)
    # as an installed program runs: its modules' bytecode cached (the untimed first run writes it),
    # not compiled from source at every start
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def wall_ms(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """One run's wall time; ``cwd`` holds no ``games`` package, so ``-m games`` finds PYTHONPATH's."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = (time.perf_counter() - start) * 1000.0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def make_store(cogsuite: list[str], data_dir: Path, env: dict[str, str], cwd: Path) -> None:
    """A store with three clients who each played a short run, as a launcher usually finds."""
    for client in ("A01", "B02", "C03"):
        subprocess.run([*cogsuite, "simulate", "--exercise", "n_back", "--trials", "20",
                        "--client", client, "--seed", "1", "--data-dir", str(data_dir)],
                       env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds of interleaved runs (default 15)")
    parser.add_argument("--keep", metavar="DIR", help="make the data folder here and keep it")
    parser.add_argument("--source", metavar="DIR", help="time `python -m games` from this source folder")
    args = parser.parse_args()
    env, cogsuite = environment(args.source), cogsuite_command(args.source)
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cogsuite-startup-"))
    try:
        data_dir = folder / "data"
        make_store(cogsuite, data_dir, env, folder)
        runs = commands(cogsuite, data_dir)
        for argv in runs.values():  # once each untimed: compiled bytecode and the disk cache are warm
            wall_ms(argv, env, folder)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.runs):
            for name, argv in runs.items():
                times[name].append(wall_ms(argv, env, folder))
        median = {name: statistics.median(values) for name, values in times.items()}
        print(f"{args.runs} interleaved runs each, whole-process wall time, medians (min-max):")
        for name, values in times.items():
            print(f"  {name:<22} {median[name]:7.1f} ms  ({min(values):.1f}-{max(values):.1f})")
        print("now / floor = ratio (target):")
        for name, floor, target in COMPARED:
            ratio = median[name] / median[floor]
            print(f"  {name:<22} {median[name]:7.1f} / {median[floor]:6.1f} ms = {ratio:.2f}x  "
                  f"(<= {target:g}x: {'yes' if ratio <= target else 'no'})")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
