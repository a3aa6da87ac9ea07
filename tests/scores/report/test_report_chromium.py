"""The report as a browser shows and prints it: headless Chromium renders a simulated client's report."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from games.core.engine.simulate import simulate_history
from games.registry import exercise_infos
from scores.report.html import write_report
from scores.store.store import Store

CHROMIUM = shutil.which("chromium")
FIRST_DAY = datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc)
DEMO_EXERCISES = ("digit_span", "sequence_recall", "go_no_go", "tower_of_london")
N_SESSIONS = 30
WEEKS = 10


def build_improving_client(
    store: Store, exercise_ids: tuple[str, ...] = DEMO_EXERCISES, seed: int = 8, code: str = "C-0042",
) -> tuple[object, date]:
    """A simulated client whose ability rises from 0.35 to 0.85 over 30 sessions in 10 weeks.

    Returns the client and the day after the last session (the report's "today").
    """
    client = store.add_client(code, "Demo client")
    last = simulate_history(store, client, exercise_ids, first_day=FIRST_DAY, sessions=N_SESSIONS, weeks=WEEKS,
                            ability_from=0.35, ability_to=0.85, seed=seed)
    return client, (last + timedelta(days=1)).date()


def chromium(*args: str, profile: Path) -> None:
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", *args],
        check=True, capture_output=True, timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_chromium_shows_and_prints_the_report_of_an_improving_client(tmp_path):
    import pygame

    with Store.open(tmp_path / "data") as store:
        client, today = build_improving_client(store, ("digit_span", "go_no_go", "tower_of_london"))
        page = write_report(store, client, tmp_path / "report.html", exercise_infos(), today=today)
    png = tmp_path / "report.png"
    chromium(f"--screenshot={png}", "--window-size=1240,1754", page.resolve().as_uri(), profile=tmp_path / "profile")
    image = pygame.image.load(str(png))
    assert image.get_size() == (1240, 1754)
    colours = {tuple(image.get_at((x, y)))[:3] for x in range(0, 1240, 20) for y in range(0, 1754, 20)}
    assert len(colours) > 8, "the screenshot is blank"
    pdf = tmp_path / "report.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.resolve().as_uri(), profile=tmp_path / "profile")
    pages = re.findall(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf.read_bytes())
    assert len(pages) >= 2  # the summary and charts, then the sessions
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in pages), "not A4"
