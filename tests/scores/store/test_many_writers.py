"""Eight PCs of one clinic play at once on one server database, one of them exporting as it goes:
nothing is lost, nobody sees an error, and no two PCs' rows share an id.

Each PC is a process of its own (spawned, as separate programs would be), opens the store as
the program does and plays simulated runs through the game's own run, one transaction per trial.
"""

from __future__ import annotations

import csv
import multiprocessing
import random
import time
import traceback
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

WRITERS = 8
SESSIONS_PER_WRITER = 4
TRIALS_PER_RUN = 20
EXERCISES = ("digit_span", "stroop", "tower_of_london")
COUNTED = {"start_session": "sessions", "start_run": "runs", "add_trial": "trials",
           "add_level_change": "level_changes"}
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class CountingStore:
    """The store, with the ids of the rows each write reported as written kept by table."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.ids: dict[str, list[str]] = {table: [] for table in COUNTED.values()}

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.store, name)
        if name not in COUNTED:
            return method

        def counted(*args: Any, **kwargs: Any) -> Any:
            row_id = method(*args, **kwargs)
            self.ids[COUNTED[name]].append(row_id)
            return row_id

        return counted


def _export_counts(store: Any, folder: Path, round_index: int) -> dict[str, int]:
    """Export trials, runs and sessions now; the rows each file holds (read back, not as told)."""
    from games.registry import EXERCISES as ALL
    from scores.export.tables import export_kind

    counts = {}
    for kind in ("trials", "runs", "sessions"):
        path = folder / f"{kind}-{round_index}.csv"
        told = export_kind(kind, store, [e.spec for e in ALL], path)
        with open(path, encoding="utf-8-sig", newline="") as handle:
            counts[kind] = len(list(csv.DictReader(handle)))
        assert counts[kind] == told
    return counts


def play_on_one_pc(number: int, url: str, folder: str, exports: bool, ready: Any, results: Any) -> None:
    """One PC: its own client, a few sessions of simulated play, started with the others (``ready``
    is a barrier); ``exports`` also exports after each session while the others go on writing.
    Puts on ``results`` what it wrote, or the error it saw."""
    results.put(_play(number, url, folder, exports, ready))


def _play(number: int, url: str, folder: str, exports: bool, ready: Any) -> dict[str, Any]:
    try:
        from games.core.engine.simulate import simulate_session
        from games.registry import get_exercise
        from scores.store.store import Store

        data = Path(folder)
        with Store.open(data, url=url) as store:
            counting = CountingStore(store)
            client = store.add_client(f"PC{number}-client")
            export_rounds = []
            ready.wait(timeout=60)
            for index in range(SESSIONS_PER_WRITER):
                exercise = get_exercise(EXERCISES[(number + index) % len(EXERCISES)])
                player = exercise.make_player(0.5 + 0.05 * index, random.Random(number * 100 + index))
                simulate_session(exercise, counting, client, player, seed=number * 100 + index,
                                 n_trials=TRIALS_PER_RUN, wall_start=T0 + timedelta(days=index, minutes=number))
                if exports:
                    export_rounds.append(dict(_export_counts(store, data, index), at=time.monotonic()))
            return {"number": number, "ids": counting.ids, "exports": export_rounds, "done_at": time.monotonic(),
                    "error": None}
    except BaseException:  # the parent reports it: a PC must see no error at all
        return {"error": traceback.format_exc()}


def _server_counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("clients", *COUNTED.values())}


def _server_ids(url: str, table: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        return [row[0] for row in conn.execute(f"SELECT id FROM {table}")]


def test_eight_pcs_writing_and_one_exporting_at_once_lose_nothing(pg_url, tmp_path):
    from scores.store.store import Store

    Store.open(tmp_path / "first", url=pg_url).close()  # the schema, made once as a clinic's IT would
    spawn = multiprocessing.get_context("spawn")
    ready, queue = spawn.Barrier(WRITERS), spawn.Queue()
    pcs = [spawn.Process(target=play_on_one_pc, args=(n, pg_url, str(tmp_path / f"pc{n}"), n == 0, ready, queue))
           for n in range(WRITERS)]
    for pc in pcs:
        pc.start()
    results = sorted((queue.get(timeout=120) for _ in pcs), key=lambda r: r.get("number", -1))
    for pc in pcs:
        pc.join(timeout=30)
    assert [r["error"] for r in results] == [None] * WRITERS
    assert [pc.exitcode for pc in pcs] == [0] * WRITERS

    written = Counter()
    for result in results:
        written.update({table: len(ids) for table, ids in result["ids"].items()})
    assert written["trials"] == WRITERS * SESSIONS_PER_WRITER * TRIALS_PER_RUN
    assert _server_counts(pg_url) == {"clients": WRITERS, **written}
    for table in COUNTED.values():
        reported = [row_id for result in results for row_id in result["ids"][table]]
        assert len(set(reported)) == len(reported)
        assert sorted(_server_ids(pg_url, table)) == sorted(reported)

    rounds = results[0]["exports"]
    assert len(rounds) == SESSIONS_PER_WRITER
    for kind in ("trials", "runs", "sessions"):
        seen = [r[kind] for r in rounds]
        assert seen == sorted(seen) and seen[-1] <= written[kind]
    assert rounds[0]["trials"] >= TRIALS_PER_RUN  # at least its own first session was in it
    assert rounds[0]["at"] < max(r["done_at"] for r in results[1:])  # it exported while others wrote
    with Store.open(tmp_path / "office", url=pg_url) as store:
        assert _export_counts(store, tmp_path, 99) == {k: written[k] for k in ("trials", "runs", "sessions")}
