"""The report's HTML, byte for byte, for a fixed seeded store: speed work must not change a character.

The golden file was written by the report code before its speed-up; when the report is meant to
change, write it again with ``COGSUITE_WRITE_GOLDEN=1 pytest tests/scores/report/test_report_golden.py``
and read the diff.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from scores.analysis.progress import ExerciseInfo
from scores.report.html import build_report
from scores.store.clients import Client

GOLDEN = Path(__file__).parents[1] / "golden" / "report_seeded.html"
TODAY = date(2024, 3, 1)
INFOS = (
    ExerciseInfo("span", "Digit Span", "memory", 1, 12, 0.75),
    ExerciseInfo("pairs", "Pairs", "memory", 1, 10, 0.7),
    ExerciseInfo("stroop", "Stroop", "focus", 1, 8, 0.8),
    ExerciseInfo("trails", "Trail Making", "focus", 1, 9, 0.75),
    ExerciseInfo("plans", "Errands Planner", "problem_solving", 1, 7, 0.7),
)
# (exercise, first day, days between runs, runs): five years down to a single run
PLAYS = (("span", date(2019, 3, 4), 9, 203), ("pairs", date(2024, 2, 20), 1, 8),
         ("stroop", date(2023, 12, 1), 2, 36), ("trails", date(2022, 12, 28), 6, 70),
         ("plans", date(2024, 2, 29), 1, 1))


def _seeded_store(store, seed: int = 17) -> Client:
    """One client's runs, trials, sessions, moods and a target setting, every value from ``seed``."""
    rng = random.Random(seed)

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128)))

    infos = {info.id: info for info in INFOS}
    client = Client(uid(), "C-GOLDEN", None, "2019-03-01T09:00:00.000+00:00", False)
    with store.transaction() as conn:
        conn.execute("INSERT INTO clients (id, client_code, created_at) VALUES (?, ?, ?)",
                     (client.id, client.code, client.created_at))
        conn.execute("INSERT INTO exercise_settings (id, client_id, exercise, target_rate, updated_at)"
                     " VALUES (?, ?, ?, ?, ?)", (uid(), client.id, "stroop", 0.7, client.created_at))
        for exercise, first, every, count in PLAYS:
            info, latent = infos[exercise], infos[exercise].min_level + 1.0
            for i in range(count):
                at = datetime.combine(first + timedelta(days=i * every), datetime.min.time(), timezone.utc)
                at += timedelta(hours=rng.uniform(7, 21))
                latent = min(max(latent + rng.gauss(0.02, 0.3), info.min_level), info.max_level)
                se = rng.uniform(0.25, 0.9)
                ability = latent + rng.gauss(0, se)
                level = min(max(round(ability), info.min_level), info.max_level)
                n_trials, duration = rng.randint(2, 5), rng.uniform(60, 900)
                end = at + timedelta(seconds=duration)
                session_id, run_id = uid(), uid()
                conn.execute("INSERT INTO sessions (id, client_id, started_at, ended_at, kind) VALUES (?, ?, ?, ?, ?)",
                             (session_id, client.id, at.isoformat(), end.isoformat(), rng.choice(("home", "clinic"))))
                for moment, when in (("before", at), ("after", end)):
                    if rng.random() < 0.8:
                        conn.execute("INSERT INTO mood_checks (id, session_id, moment, mood, calm, energy, at)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     (uid(), session_id, moment, rng.randint(1, 5), rng.randint(1, 5),
                                      rng.randint(1, 5), when.isoformat()))
                conn.execute(
                    "INSERT INTO runs (id, session_id, client_id, exercise, domain, started_at, ended_at,"
                    " start_level, end_level, ability, ability_se, accuracy, median_rt_ms, n_trials, duration_s,"
                    " seed, simulated, completed, practice, params_json, measures_json, app_version)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (run_id, session_id, client.id, exercise, info.domain, at.isoformat(), end.isoformat(),
                     level, level, ability, se, rng.uniform(0.55, 0.95), 700.0, n_trials, duration, i, 0,
                     int(rng.random() > 0.05), int(rng.random() < 0.04), "{}", "{}", "golden"))
                for index in range(1, n_trials + 1):
                    conn.execute("INSERT INTO trials (id, run_id, trial_index, started_at, level, stimulus, response,"
                                 " correct, rt_ms, timed_out, extra_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 (uid(), run_id, index, at.isoformat(), level, "1 2", "1 2",
                                  int(rng.random() < 0.8), 650.0, 0, "{}"))
    return client


@pytest.fixture
def amsterdam_clock(monkeypatch):
    """Local dates and times as on a PC in Amsterdam (summer time included), whatever this PC says."""
    if not hasattr(time, "tzset"):
        pytest.skip("the local time zone cannot be set on this platform")
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_report_html_is_byte_identical_for_a_seeded_store(store, amsterdam_clock):
    client = _seeded_store(store)
    text = build_report(store, client, INFOS, today=TODAY)
    if os.environ.get("COGSUITE_WRITE_GOLDEN"):
        GOLDEN.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == GOLDEN.read_bytes()
