"""Screenshots of the launcher's damaged-data-file screen, headless:
``python tools/damaged_store_screenshot.py [--out DIR]`` (default docs/screenshots/damaged).

Makes a store with a backup in a temporary folder, damages the store, opens it as the launcher
does and saves the screen at font scale 1.0, 2.0, in high contrast and in the smallest window.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pygame  # noqa: E402

from games.app import MIN_WINDOW_SIZE, WINDOW_SIZE, App  # noqa: E402
from games.core.engine.clock import FakeClock  # noqa: E402
from games.core.ui.theme import Theme  # noqa: E402
from games.launcher.damaged import DamagedStoreScene, damaged_paragraphs  # noqa: E402
from scores.store.backup import make_backup  # noqa: E402
from scores.store.store import Store, StoreDamaged  # noqa: E402

SHOTS = (
    ("damaged-store@1.0.png", Theme.create(1.0), WINDOW_SIZE),
    ("damaged-store@2.0.png", Theme.create(2.0), WINDOW_SIZE),
    ("damaged-store@1.0-high-contrast.png", Theme.create(1.0, high_contrast=True), WINDOW_SIZE),
    ("damaged-store@1.0-smallest-window.png", Theme.create(1.0), MIN_WINDOW_SIZE),
)


def damaged_store_error(folder: Path) -> StoreDamaged:
    """A store with a client and a backup, then 512 bytes of page 2 overwritten; the error opening it."""
    with Store.open(folder) as store:
        for number in range(1, 200):
            store.add_client(f"C-{number:04d}")
    make_backup(folder / "cogsuite.sqlite3", datetime(2026, 3, 31, 17, 45, 2))
    with open(folder / "cogsuite.sqlite3", "r+b") as f:
        f.seek(4096)
        f.write(bytes(range(256)) * 2)
    try:
        Store.open(folder).close()
    except StoreDamaged as err:
        return err
    raise SystemExit("the damaged store opened; the screenshot shows nothing")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "damaged"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        folder = Path(data)
        error = damaged_store_error(folder)
        shown_folder = Path("/home/clinic/.local/share/cogsuite")  # a typical folder, not the temporary one
        paragraphs = damaged_paragraphs(error, shown_folder, shown_folder)
    for name, theme, size in SHOTS:
        app = App(None, theme=theme, clock=FakeClock(1000.0), size=size)
        app.stack.push(DamagedStoreScene(paragraphs))
        app.step(max_wait_ms=0)
        pygame.image.save(app.screen, str(out / name))
        print(out / name)
        app.quit()


if __name__ == "__main__":
    main()
