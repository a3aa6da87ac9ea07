"""The same play written to the SQLite file and to a PostgreSQL database reads back the same:
every export kind byte for byte, the report, the progress and the session summaries.

Both stores get the same writes through the Store API, with the same ids (a counter stands in
for ``new_id``), so any difference is the backend's: a dialect, a type, a tie ordered otherwise.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from games.core.engine.simulate import simulate_session
from games.launcher.therapist_client import client_history
from games.registry import EXERCISES, exercise_infos, get_exercise
from scores.analysis.levels import newest_run
from scores.analysis.progress import load_progress
from scores.analysis.summary import session_summary
from scores.export.tables import EXPORT_KINDS, export_kind
from scores.report.html import write_report
from scores.store.store import Store
from tests.scores.export.test_export_identity import FILTERS, _fill

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
TODAY = date(2024, 6, 1)
# The audit records when each export was made (now), so it differs between any two runs; it is
# compared across backends in tests/scores/clinic/test_therapists.py.
DATA_KINDS = tuple(kind for kind in EXPORT_KINDS if kind != "audit")


def _play(store: Store) -> None:
    """The odd-valued fill of the export tests, plus real simulated play on three exercises."""
    _fill(store)
    client = store.add_client("C-0004", "Dee", now=T0)
    for i, exercise_id in enumerate(("digit_span", "stroop", "tower_of_london") * 2):
        exercise = get_exercise(exercise_id)
        player = exercise.make_player(0.4 + 0.1 * i, random.Random(30 + i))
        simulate_session(exercise, store, client, player, seed=70 + i, n_trials=12,
                         wall_start=T0 + timedelta(days=2 * i, hours=i))
    store.set_exercise_settings(client, "stroop", target_rate=0.75, locked_level=None, now=T0)
    _play_across_zones(store)


# Codes whose order differs between byte order, case-blind and accent-aware collations.
TRICKY_CODES = ("zoë", "Zoe", "ZOË", "éa", "Éb", "a-10", "a-9", "🧠-7", "ｆｕｌｌ", "_x")
# Moments whose text order is not their order in time, and a DST change.
ZONES = (timezone(timedelta(hours=2)), timezone(timedelta(hours=-5)), timezone.utc,
         timezone(timedelta(hours=5, minutes=30)))


def _play_across_zones(store: Store) -> None:
    """Clients with codes that sort differently under other collations, playing in several zones."""
    exercise = get_exercise("digit_span")
    for index, code in enumerate(TRICKY_CODES):
        client = store.add_client(code, now=T0)
        for k in range(3):
            zone = ZONES[(index + k) % len(ZONES)]
            instant = datetime(2024, 3, 31, 1, 30, tzinfo=timezone.utc) + timedelta(minutes=40 * k - index)
            start = instant.astimezone(zone)
            simulate_session(exercise, store, client, exercise.make_player(0.6, random.Random(index * 7 + k)),
                             seed=index * 7 + k, n_trials=4, wall_start=start)


def _everything(store: Store, specs, folder: Path) -> dict[str, object]:
    """What the store reads back: each export (kind, filter, names) as bytes, then the rest."""
    folder.mkdir()
    out: dict[str, object] = {}
    for kind, (f_index, filters), names in itertools.product(DATA_KINDS, enumerate(FILTERS), (False, True)):
        path = folder / f"{kind}-{f_index}-{names}.csv"
        export_kind(kind, store, specs, path, filters, include_names=names)
        out[path.name] = path.read_bytes()
    for client in store.list_clients(include_archived=True):
        report = write_report(store, client, folder / f"{client.code}.html", exercise_infos(), today=TODAY)
        out[f"report {client.code}"] = report.read_bytes()
        out[f"progress {client.code}"] = repr(load_progress(store, client, exercise_infos(), today=TODAY))
        out[f"played {client.code}"] = (store.played_runs(client), store.latest_plan_name(client),
                                        client_history(store, client))
        for exercise in EXERCISES:
            out[f"best {client.code} {exercise.id}"] = (
                store.best_run(client, exercise.id), store.recent_estimates(client, exercise.id),
                store.exercise_settings(client, exercise.id), newest_run(store, client, exercise.id))
    for row in store.iter_session_rows():
        out[f"summary {row['session_id']}"] = session_summary(store, row["session_id"])
    return out


def test_the_same_play_reads_back_the_same_on_both_backends(pg_url, tmp_path, same_ids):
    specs = [e.spec for e in EXERCISES]  # as ``cogsuite export`` has them
    read: list[dict[str, object]] = []
    for name, url in (("sqlite", None), ("postgresql", pg_url)):
        same_ids()
        with Store.open(tmp_path / name, url=url) as store:
            assert store.is_shared == (url is not None)
            _play(store)
            read.append(_everything(store, specs, tmp_path / f"{name}-out"))
    on_sqlite, on_server = read
    assert on_sqlite.keys() == on_server.keys()
    assert len([k for k in on_sqlite if k.endswith(".csv")]) == len(DATA_KINDS) * len(FILTERS) * 2
    assert on_sqlite["trials-0-False.csv"].count(b"\r\n") > 200  # the fill and the play are all there
    differing = [key for key in on_sqlite if on_sqlite[key] != on_server[key]]
    assert differing == []
