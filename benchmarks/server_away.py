"""What a clinic database going away costs the screen: each figure is time on the loop's thread.

Starts a PostgreSQL server of its own (``tests/pg_server.py``: the machine's PostgreSQL, in a
temporary folder, with durable commits), plays ``--trials`` answers through the guarded store as
the launcher does, stops the server and plays ``--kept`` more (each kept in memory and in the
file of kept writes, rewritten and flushed to the disk), then starts it again and lets the frames
write what was kept. Printed: an answer written while the server answers (median), the first
answer after the server went away, an answer kept (median at 100 and at the last 50 kept), asking
the server whether it answers (which runs off the loop in the app), and the frames that write
what was kept (count, median and longest). From the repository root:

    python benchmarks/server_away.py [--trials 100] [--kept 500]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from concurrent.futures import wait
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from games.core.engine.guarded_store import GuardedStore  # noqa: E402
from pg_server import PgServer  # noqa: E402
from scores.store.store import Store  # noqa: E402

T0 = datetime.now(timezone.utc)


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0


def answer(guarded: GuardedStore, run_id: str, index: int) -> float:
    """One answer written (or kept) as a run writes it; returns its time on the loop in ms."""
    start = time.perf_counter()
    guarded.add_trial(run_id, trial_index=index, started_at=T0 + timedelta(seconds=index), level=3,
                      stimulus="1 2 3", response="1 2 3", correct=True, rt_ms=800.0, timed_out=False,
                      extra={"sequence_length": 3, "tap_times_ms": "400.0;800.0;1200.0"})
    return ms_since(start)


def drain(guarded: GuardedStore) -> list[float]:
    """The frames that write what was kept, once the server answers; each one's time in ms."""
    guarded.reconnect.next_ms = 0.0
    guarded.tick(1.0)  # the question goes out, off the loop
    wait([guarded.reconnect.asking])
    frames = []
    while True:
        start = time.perf_counter()
        done = guarded.tick(2.0)
        frames.append(ms_since(start))
        if done:
            return frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100, help="answers written while the server answers")
    parser.add_argument("--kept", type=int, default=500, help="answers kept while it is away")
    args = parser.parse_args()
    logging.getLogger().addHandler(logging.NullHandler())  # the kept writes' log lines are not figures
    server = PgServer(fast=False)
    try:
        server.start()
        url = server.create_database("away")
        with tempfile.TemporaryDirectory() as data, Store.open(Path(data), url=url) as store:
            guarded = GuardedStore(store)
            client = store.add_client("C-0001")
            session_id = guarded.start_session(client, T0)
            run_id = guarded.start_run(session_id=session_id, client=client, exercise="sequence_recall",
                                       domain="memory", started_at=T0, start_level=3, seed=1, params={},
                                       simulated=False, app_version="benchmark")
            written = [answer(guarded, run_id, i) for i in range(1, args.trials + 1)]
            server.stop()
            first = answer(guarded, run_id, args.trials + 1)
            kept = [answer(guarded, run_id, args.trials + 1 + i) for i in range(1, args.kept)]
            start = time.perf_counter()
            assert not store.answers()
            asked_away = ms_since(start)
            server.start()
            frames = drain(guarded)
            count = store._conn.execute("SELECT count(*) FROM trials WHERE run_id = ?", (run_id,)).fetchone()[0]
        print(f"answer written, server answering: median {statistics.median(written):.1f} ms")
        print(f"first answer after the server went away: {first:.1f} ms")
        print(f"answer kept on this PC: median {statistics.median(kept[:100]):.1f} ms (100 kept), "
              f"{statistics.median(kept[-50:]):.1f} ms (the last 50 of {args.kept})")
        print(f"asking a server that is away (off the loop in the app): {asked_away:.1f} ms")
        print(f"writing {args.kept} kept answers: {len(frames)} frames, median {statistics.median(frames):.1f} ms, "
              f"longest {max(frames):.1f} ms")
        print(f"trials on the server: {count} of {args.trials + args.kept}")
    finally:
        server.close()


if __name__ == "__main__":
    main()
