"""The guarded store: failed play writes kept in order, retried, set aside in a file and taken back."""

from __future__ import annotations

import logging
import shutil
import stat
from datetime import datetime, timedelta, timezone

import pytest

from games.core.engine.guarded_store import GuardedStore
from games.core.engine.unsaved import read_unsaved
from scores.store.database import StoreError

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def run(store):
    """A client ("Alex"), a sitting and a run in ``store``: (client, session id, run id)."""
    client = store.add_client("C-0001", "Alex")
    session_id = store.start_session(client, T0)
    run_id = store.start_run(
        session_id=session_id, client=client, exercise="digit_span", domain="memory", started_at=T0,
        start_level=3, seed=1, params={}, simulated=False, app_version="test",
    )
    return client, session_id, run_id


def add_trials(guarded, run_id: str, indices) -> None:
    for i in indices:
        guarded.add_trial(
            run_id, trial_index=i, started_at=T0 + timedelta(seconds=i), level=3, stimulus="123",
            response="123", correct=True, rt_ms=800.0, timed_out=False, extra={"span": 3},
        )


def saved_indices(store, run_id: str) -> list[int]:
    rows = store.select("SELECT trial_index FROM trials WHERE run_id = ? ORDER BY rowid", (run_id,))
    return [index for (index,) in rows]


def test_a_failed_write_is_kept_and_the_writes_after_it_wait_behind_it(store, run, flaky_store):
    _, session_id, run_id = run
    flaky = flaky_store(store, failing={"add_trial"})
    guarded = GuardedStore(flaky)
    add_trials(guarded, run_id, [1])
    flaky.failing.clear()
    add_trials(guarded, run_id, [2, 3])  # the store would take these, but not before trial 1
    guarded.end_session(session_id, T0 + timedelta(minutes=1))
    assert flaky.refused == 1 and saved_indices(store, run_id) == []
    assert [w.method for w in guarded.pending] == ["add_trial"] * 3 + ["end_session"]
    assert guarded.answers_pending() == 3 and isinstance(guarded.problem, StoreError)
    assert guarded.retry() and guarded.problem is None and not guarded.pending
    assert saved_indices(store, run_id) == [1, 2, 3]


def test_a_kept_row_has_its_id_before_it_is_saved(store, run, flaky_store):
    client, _, _ = run
    flaky = flaky_store(store, failing={"start_session"})
    guarded = GuardedStore(flaky)
    session_id = guarded.start_session(client, T0, kind="clinic", plan_name="Short")
    guarded.add_mood_check(session_id, moment="before", answers={"mood": 3, "calm": 4, "energy": 2}, at=T0)
    flaky.failing.clear()
    assert guarded.retry()
    assert [c["mood"] for c in store.mood_checks(session_id)] == [3]


def test_a_write_refused_for_good_is_not_kept(store, run):
    _, session_id, _ = run
    guarded = GuardedStore(store)
    with pytest.raises(ValueError):
        guarded.add_mood_check(session_id, moment="during", answers={"mood": 3, "calm": 3, "energy": 3}, at=T0)
    assert not guarded.pending and guarded.problem is None
    guarded.end_session(session_id, T0)
    assert not guarded.pending


def test_reads_and_other_writes_pass_through(store, run, flaky_store):
    guarded = GuardedStore(flaky_store(store, failing={"add_client"}))
    assert [c.code for c in guarded.list_clients()] == ["C-0001"]
    with pytest.raises(StoreError):
        guarded.add_client("C-0002")
    assert guarded.problem is None


def test_set_aside_writes_a_private_file_the_next_start_takes_back_once(store, run, flaky_store, caplog):
    _, session_id, run_id = run
    flaky = flaky_store(store, failing={"add_trial", "end_session"})
    guarded = GuardedStore(flaky)
    add_trials(guarded, run_id, [1, 2])
    guarded.end_session(session_id, T0 + timedelta(minutes=1))
    with caplog.at_level(logging.WARNING):
        path = guarded.set_aside()
    assert not guarded.pending and guarded.problem is None
    assert path.parent == store.path.parent and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Alex" not in path.read_text() and "Alex" not in caplog.text
    assert caplog.text.count("not saved:") == 3
    shutil.copy(path, path.with_name("unsaved-99999999T000000Z-copy.json"))  # the same writes twice over
    assert GuardedStore(store).take_back() == 2
    assert saved_indices(store, run_id) == [1, 2] and not list(store.path.parent.glob("unsaved-*"))
    ended = store.select("SELECT ended_at FROM sessions WHERE id = ?", (session_id,)).fetchone()[0]
    assert ended is not None


def test_a_file_that_cannot_be_taken_back_stays(store, run, flaky_store):
    _, _, run_id = run
    flaky = flaky_store(store, failing={"add_trial"})
    guarded = GuardedStore(flaky)
    add_trials(guarded, run_id, [1])
    path = guarded.set_aside()
    assert GuardedStore(flaky).take_back() == 0 and path.exists()  # the store still refuses
    damaged = path.with_name("unsaved-00000000T000000Z-damaged.json")
    damaged.write_text("[{\"method\": \"add_trial\"")
    assert GuardedStore(store).take_back() == 1
    assert damaged.exists() and not path.exists() and saved_indices(store, run_id) == [1]


def test_nothing_kept_writes_no_file(store):
    assert GuardedStore(store).set_aside() is None
    assert not list(store.path.parent.glob("unsaved-*"))


def test_kept_writes_are_on_the_disk_at_every_change_and_the_file_goes_once_saved(store, run, flaky_store):
    _, _, run_id = run
    flaky = flaky_store(store, failing={"add_trial"})
    guarded = GuardedStore(flaky)
    for i in (1, 2, 3):
        add_trials(guarded, run_id, [i])
        assert [a["trial_index"] for _, a in read_unsaved(guarded.kept_in)] == list(range(1, i + 1))
    path = guarded.kept_in
    flaky.failing.clear()
    assert guarded.retry() and guarded.kept_in is None and not path.exists()
    assert saved_indices(store, run_id) == [1, 2, 3]


def test_a_kept_write_whose_row_is_already_saved_counts_as_saved(store, run):
    from games.core.engine.guarded_store import Write

    _, _, run_id = run
    guarded = GuardedStore(store)
    add_trials(guarded, run_id, [1])
    [row_id] = [r for (r,) in store.select("SELECT id FROM trials WHERE run_id = ?", (run_id,))]
    args = dict(run_id=run_id, trial_index=1, started_at=T0, level=3, stimulus="1", response="1", correct=True,
                rt_ms=1.0, timed_out=False, extra={}, row_id=row_id)
    guarded.pending.append(Write("add_trial", args))  # its answer was lost on the way back
    add_trials(guarded, run_id, [2])  # queues behind it
    assert guarded.retry() and saved_indices(store, run_id) == [1, 2]


def test_a_file_another_start_claimed_is_left_to_it(store, run, flaky_store):
    from games.core.engine.unsaved import claim

    _, _, run_id = run
    flaky = flaky_store(store, failing={"add_trial"})
    guarded = GuardedStore(flaky)
    add_trials(guarded, run_id, [1])
    claimed = claim(guarded.set_aside())  # another start is saving it
    assert GuardedStore(store).take_back() == 0 and claimed.exists() and saved_indices(store, run_id) == []


def test_once_the_server_answers_a_long_absence_is_written_a_few_writes_each_frame(store, run, flaky_store):
    from concurrent.futures import wait

    from games.core.engine.guarded_store import WRITES_PER_FRAME

    _, _, run_id = run
    flaky = flaky_store(store, failing={"add_trial"})
    guarded = GuardedStore(flaky)
    guarded.shared = True  # as a clinic's server: play goes on, the store is asked again by itself
    n = 2 * WRITES_PER_FRAME + 5
    add_trials(guarded, run_id, range(1, n + 1))
    assert guarded.away and not guarded.tick(1_000.0) and guarded.background_work() is None  # not yet due
    flaky.failing.clear()  # the server is back
    assert not guarded.tick(6_000.0)  # due: the question goes out, off this thread
    wait([guarded.background_work()])
    written = []
    for frame in range(3):
        done = guarded.tick(6_000.0 + 16 * (frame + 1))
        written.append(len(saved_indices(store, run_id)))
    assert written == [WRITES_PER_FRAME, 2 * WRITES_PER_FRAME, n] and done and not guarded.away
    assert saved_indices(store, run_id) == list(range(1, n + 1)) and guarded.kept_in is None
