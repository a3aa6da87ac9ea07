"""Screenshots of play kept on this PC while a clinic's database is away: ``python
tools/screenshots.py --away`` (or this file) writes them to docs/screenshots/away/ at font scale
1.0, 2.0 and in high contrast: the band during play and over the exercise tiles, the calm word for
a screen that needs the database, the word that play is saved again, and the screen at start.

The database is played by the SQLite store behind a switch (no server is needed): while it is
"away", its writes and the reads that are not remembered fail as a lost connection does.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pygame  # noqa: E402

from games.app import App  # noqa: E402
from games.core.engine.clock import FakeClock  # noqa: E402
from games.core.engine.guarded_store import PLAY_WRITES  # noqa: E402
from games.core.ui.theme import Theme  # noqa: E402
from games.launcher.clients import ClientPickerScene  # noqa: E402
from games.launcher.server_away import ServerAwayScene  # noqa: E402
from games.pilot import Pilot  # noqa: E402
from scores.store.database import StoreError  # noqa: E402
from scores.store.store import Store  # noqa: E402

THEMES = (("@1.0", Theme.create(1.0)), ("@2.0", Theme.create(2.0)),
          ("@1.0-high-contrast", Theme.create(1.0, high_contrast=True)))
LOST = "The clinic database is not reachable (server closed the connection unexpectedly)."


class SwitchedServer:
    """``store`` as a clinic's shared database that is away while ``away`` is true."""

    is_shared = True

    def __init__(self, store: Store) -> None:
        self.store, self.away = store, False

    def answers(self) -> bool:
        return not self.away

    def __getattr__(self, name: str):
        if self.away and (name in PLAY_WRITES or name == "_conn"):
            raise StoreError(LOST)
        return getattr(self.store, name)


def _open(theme: Theme, data: str) -> tuple[Pilot, SwitchedServer]:
    store = Store.open(Path(data))
    store.add_client("C-0001", "Alex")
    server = SwitchedServer(store)
    app = App(server, theme=theme, clock=FakeClock(1000.0))
    app.stack.push(ClientPickerScene())
    pilot = Pilot(app)
    pilot.step()
    return pilot, server


def take_play(out: Path, suffix: str, theme: Theme) -> None:
    """The band during play, then the word that play is saved again."""
    from screenshots import Phase, answer, in_phase

    with tempfile.TemporaryDirectory() as data:
        pilot, server = _open(theme, data)
        for _ in range(3):  # Alex, Sequence Recall, Start
            pilot.press(pygame.K_RETURN)
        answer(pilot, right=True)
        server.away = True
        answer(pilot, right=True)
        pilot.wait_until(lambda: in_phase(pilot, Phase.PRESENT))
        pilot.wait(200)
        pilot.screenshot(out / f"away-play{suffix}.png")
        server.away = False
        pilot.wait_until(lambda: not pilot.app.store.away, frame_ms=500)
        pilot.screenshot(out / f"away-saved-again{suffix}.png")
        pilot.app.quit()
        server.store.close()


def take_tiles(out: Path, suffix: str, theme: Theme) -> None:
    """The tiles as last read, with the band; the calm word for "My progress"."""
    with tempfile.TemporaryDirectory() as data:
        pilot, server = _open(theme, data)
        pilot.press(pygame.K_RETURN)  # Alex's tiles, read while the database answers
        pilot.press(pygame.K_ESCAPE)
        server.away = True
        pilot.press(pygame.K_RETURN)
        tiles = pilot.app.stack.top
        pilot.screenshot(out / f"away-tiles{suffix}.png")
        pilot.click(tiles.menu.fixed[0].rect.center)  # My progress
        pilot.screenshot(out / f"away-notice{suffix}.png")
        pilot.app.quit()
        server.store.close()


def take_start(out: Path, suffix: str, theme: Theme) -> None:
    """The screen a start without the database shows, and after a Try again that failed."""

    def still_away() -> Store:
        raise StoreError(LOST)

    app = App(None, theme=theme, clock=FakeClock(1000.0))
    app.stack.push(ServerAwayScene(still_away, ClientPickerScene))
    pilot = Pilot(app)
    pilot.step()
    pilot.screenshot(out / f"away-at-start{suffix}.png")
    pilot.press(pygame.K_RETURN)
    pilot.screenshot(out / f"away-at-start-still{suffix}.png")
    app.quit()


def take_away(out: Path) -> None:
    folder = out / "away"
    folder.mkdir(parents=True, exist_ok=True)
    for suffix, theme in THEMES:
        take_play(folder, suffix, theme)
        take_tiles(folder, suffix, theme)
        take_start(folder, suffix, theme)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    take_away(Path(__file__).resolve().parents[1] / "docs" / "screenshots")
    print("screenshots written to docs/screenshots/away/")
