"""The example report and its screenshots: ``python tools/report_example.py``.

Builds a seeded simulated client who improves over 30 sessions in 10 weeks (Digit Span,
Sequence Recall, Go/No-Go and Tower of London), writes docs/report-example.html, and, where
Debian's ``chromium`` is installed, screenshots its top and its exercise charts into
docs/screenshots/report/ the way a browser shows them (A4 width at 150 dpi).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.core.engine.simulate import simulate_history  # noqa: E402
from games.registry import exercise_infos  # noqa: E402
from scores.report.html import write_report  # noqa: E402
from scores.store.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def shoot(page: Path, png: Path, height: int, profile: Path) -> None:
    subprocess.run([shutil.which("chromium"), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                    f"--screenshot={png}", f"--window-size=1240,{height}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)


def main() -> None:
    out = ROOT / "docs" / "report-example.html"
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder)) as store:
        client = store.add_client("C-0042", "Demo client")
        last = simulate_history(store, client, ("digit_span", "sequence_recall", "go_no_go", "tower_of_london"),
                                first_day=datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc), sessions=30, weeks=10,
                                ability_from=0.35, ability_to=0.85, seed=8)
        write_report(store, client, out, exercise_infos(), today=(last + timedelta(days=1)).date())
    print(f"Wrote {out}")
    if shutil.which("chromium") is None:
        print("chromium is not installed (apt-get install chromium): no screenshots taken")
        return
    shots = ROOT / "docs" / "screenshots" / "report"
    shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        shoot(out, shots / "report.png", 1754, Path(profile))
        tall = Path(profile) / "tall.png"
        shoot(out, tall, 3600, Path(profile))
        import pygame

        image = pygame.image.load(str(tall))
        pygame.image.save(image.subsurface((0, 1754, 1240, 3600 - 1754)), str(shots / "report-exercise-charts.png"))
    print(f"Saved the screenshots in {shots}")


if __name__ == "__main__":
    main()
