"""Tests run headless: no window, no sound device."""

import os
import time

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402

pytest_plugins = ["damaged_stores"]  # tests/damaged_stores.py: stores damaged in every way a test needs


@pytest.fixture(scope="session", autouse=True)
def _own_default_data_dir(tmp_path_factory):
    """A command run without --data-dir uses this session's folder, never the user's: test runs
    side by side (pytest-xdist's workers) each have their own."""
    before = os.environ.get("COGSUITE_DATA_DIR")
    os.environ["COGSUITE_DATA_DIR"] = str(tmp_path_factory.getbasetemp() / "default-data")
    yield
    if before is None:
        os.environ.pop("COGSUITE_DATA_DIR", None)
    else:
        os.environ["COGSUITE_DATA_DIR"] = before


@pytest.fixture(autouse=True)
def _fresh_fonts():
    """Fonts die with pygame.quit(); a test that quits pygame must not leave dead ones cached."""
    yield
    from games.core.ui.theme import forget_fonts

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


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server of this test session's own (tests/pg_server.py), one per xdist worker.

    Skipped, with the reason, where this machine cannot run one (no PostgreSQL installed, no
    psycopg); with ``COGSUITE_REQUIRE_PG=1`` (as ``.ci/run`` sets) that is a failure instead.
    """
    from pg_server import PgServer, ServerUnavailable

    try:
        import psycopg  # noqa: F401

        server = PgServer()
        server.start()
    except (ImportError, ServerUnavailable) as exc:
        reason = f"no PostgreSQL server for this test: {exc}"
        if os.environ.get("COGSUITE_REQUIRE_PG") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    yield server
    server.close()


@pytest.fixture
def pg_url(pg_server):
    """A libpq URL naming a new empty database on the test server, dropped after the test."""
    name = pg_server.fresh_name()
    url = pg_server.create_database(name)
    yield url
    if not pg_server.running:
        pg_server.start()
    pg_server.drop_database(name)
