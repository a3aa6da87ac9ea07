"""Tests run headless: no window, no sound device."""

import os
import time

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402

pytest_plugins = ["damaged_stores"]  # tests/damaged_stores.py: stores damaged in every way a test needs


@pytest.fixture(autouse=True)
def _fresh_fonts():
    """Fonts die with pygame.quit(); a test that quits pygame must not leave dead ones cached."""
    yield
    from games.core.theme import forget_fonts

    forget_fonts()


@pytest.fixture
def local_tz():
    """``local_tz("America/New_York")`` makes that this PC's time zone for the test; restored after."""
    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
