"""A clinic's database that goes away mid-run: play goes on, kept on this PC, and is written when
the database answers again, each trial once, in order, with its own time. Against a real server."""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pygame
import pytest

from games.app import App
from games.core.engine.clock import FakeClock
from games.core.engine.unsaved import read_unsaved
from games.launcher import band
from games.launcher.clients import ClientPickerScene
from games.launcher.instructions import InstructionsScene
from games.launcher.play import ExerciseScene
from games.launcher.results import ResultsScene
from games.launcher.save_problem import AWAY_QUESTION, SaveProblemScene
from games.pilot import Pilot
from games.registry import get_exercise
from scores.store.database import iso
from scores.store.store import Store

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
EXERCISE = "sequence_recall"  # 12 trials a run


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def apps():
    """Every app a test opens, closed after it, and then its store."""
    opened = []
    yield opened
    for app in opened:
        if pygame.display.get_init():
            app.quit()
        if app.store is not None:
            app.store.store.close()


def open_app(apps, store) -> Pilot:
    app = App(store, clock=FakeClock(1000.0))
    apps.append(app)
    app.stack.push(ClientPickerScene())
    pilot = Pilot(app)
    pilot.step()
    return pilot


def start_scored_run(pilot) -> ExerciseScene:
    """Alex (who has played before, so no practice), Sequence Recall, Start."""
    pilot.press(pygame.K_RETURN)
    store, client = pilot.app.store, pilot.app.client
    exercise = get_exercise(EXERCISE)
    run_id = store.start_run(session_id=pilot.app.session_id, client=client, exercise=EXERCISE, domain="memory",
                             started_at=T0, start_level=3, seed=1, params={}, simulated=False, app_version="test")
    store.finish_run(run_id, ended_at=T0, end_level=3, ability=None, ability_se=None, accuracy=1.0,
                     median_rt_ms=None, n_trials=1, duration_s=1.0, completed=False, measures={})
    pilot.app.stack.push(InstructionsScene(exercise))
    pilot.step()
    pilot.press(pygame.K_RETURN)  # Start
    assert isinstance(pilot.app.stack.top, ExerciseScene) and not pilot.app.stack.top.practice
    return pilot.app.stack.top


def play_until(pilot, scene, n_trials: int | None, seed: int) -> None:
    player = get_exercise(EXERCISE).make_player(0.8, random.Random(seed))
    until = None if n_trials is None else (lambda: len(scene.run.records) >= n_trials)
    pilot.play(player, frame_ms=100.0, until=until)


def on_server(url: str, data, sql: str, params: tuple) -> list[tuple]:
    """Rows read on a connection of their own (one made before the server stopped is gone)."""
    with Store.open(data, url=url) as store:
        return [tuple(row) for row in store.select(sql, params).fetchall()]


def server_trials(url: str, data, run_id: str) -> list[tuple]:
    return on_server(url, data, "SELECT id, trial_index, started_at FROM trials WHERE run_id = ? ORDER BY rowid",
                     (run_id,))


RUN_END = "SELECT n_trials, completed, ended_at FROM runs WHERE id = ?"


def kept_trials(path) -> list[tuple]:
    return [(a["row_id"], a["trial_index"], iso(a["started_at"]))
            for m, a in read_unsaved(path) if m == "add_trial"]


@pytest.fixture
def shared(pg_server, pg_url, data):
    """The clinic database, holding one client, Alex. Its commits are durable, as on a clinic's
    server: the test server's fast settings would lose the last ones when it is stopped at once."""
    name = pg_url.split("@/", 1)[1].split("?", 1)[0]
    pg_server.psql(f'ALTER DATABASE "{name}" SET synchronous_commit = on')
    with Store.open(data, url=pg_url) as store:
        store.add_client("C-0001", "Alex")


def test_a_server_lost_mid_run_keeps_the_play_and_writes_it_once_in_order_when_it_answers(
        pg_server, pg_url, shared, data, apps):
    pilot = open_app(apps, Store.open(data, url=pg_url))
    scene = start_scored_run(pilot)
    play_until(pilot, scene, 4, seed=1)
    run_id = scene.run.run_id
    assert [t[1] for t in server_trials(pg_url, data, run_id)] == [1, 2, 3, 4]

    pg_server.stop()
    play_until(pilot, scene, 8, seed=2)
    guarded = pilot.app.store
    assert guarded.away and pilot.app.band_text() == band.AWAY
    assert pilot.app.stack.top is scene and not any(isinstance(s, SaveProblemScene) for s in pilot.app.stack)
    kept = kept_trials(guarded.kept_in)
    assert [t[1] for t in kept] == [5, 6, 7, 8]  # on the disk, as well as in memory
    pilot.wait(40_000, frame_ms=1000)  # asked again, and again, while it is away: still kept
    assert guarded.away and guarded.reconnect.wait_s > 5.0

    pg_server.start()
    player = get_exercise(EXERCISE).make_player(0.8, random.Random(3))
    pilot.play(player, frame_ms=100.0, until=lambda: not guarded.away)  # play goes on; it is written
    assert pilot.app.band_text() == band.SAVED_AGAIN and pilot.app.stack.top is scene
    assert guarded.kept_in is None and not list(data.glob("unsaved-*"))
    play_until(pilot, scene, None, seed=4)  # to the end of the run, each trial written at once
    assert isinstance(pilot.app.stack.top, ResultsScene)
    written = server_trials(pg_url, data, run_id)
    assert [t[1] for t in written] == list(range(1, 13))  # every trial once, in order
    by_id = {t[0]: t for t in written}
    for row_id, index, started_at in kept:  # with the trial's own time, not the server's
        assert by_id[row_id][1] == index and by_id[row_id][2] == started_at
    [(n_trials, completed, ended_at)] = on_server(pg_url, data, RUN_END, (run_id,))
    assert n_trials == 12 and completed and ended_at is not None
    pilot.wait(band.SAVED_SHOWN_MS + 100, frame_ms=1000)
    assert pilot.app.band_text() is None


def test_a_write_that_reached_the_server_before_the_connection_dropped_is_not_written_twice(pg_url, shared, data):
    from games.core.engine.guarded_store import GuardedStore, Write

    guarded = GuardedStore(Store.open(data, url=pg_url))
    client = guarded.get_client("C-0001")
    session_id = guarded.start_session(client, T0)
    trial = dict(run_id=None, trial_index=1, started_at=T0, level=2, stimulus="a", response="a", correct=True,
                 rt_ms=500.0, timed_out=False, extra={}, row_id="0" * 32)
    run_id = guarded.start_run(session_id=session_id, client=client, exercise=EXERCISE, domain="memory",
                               started_at=T0, start_level=2, seed=1, params={}, simulated=False, app_version="t")
    trial["run_id"] = run_id
    guarded.add_trial(**trial)  # it reached the server ...
    guarded.pending.append(Write("add_trial", trial))  # ... but its answer was lost, so it is kept
    assert guarded.retry() and not guarded.pending
    assert [t[0] for t in server_trials(pg_url, data, run_id)] == ["0" * 32]
    guarded.store.close()


def test_a_run_kept_when_the_program_closed_is_written_on_the_next_start(pg_server, pg_url, shared, data, apps):
    pilot = open_app(apps, Store.open(data, url=pg_url))
    scene = start_scored_run(pilot)
    play_until(pilot, scene, 3, seed=1)
    run_id = scene.run.run_id
    pg_server.stop()
    play_until(pilot, scene, 6, seed=2)
    pilot.app.quit()  # closed while the server is away: the run's end and the sitting's too are kept
    [kept] = list(data.glob("unsaved-*.json"))
    writes = [m for m, _ in read_unsaved(kept) if m != "add_level_change"]
    assert writes == ["add_trial"] * 3 + ["finish_run", "end_session"]

    pg_server.start()
    open_app(apps, Store.open(data, url=pg_url))  # the next start writes them
    assert [t[1] for t in server_trials(pg_url, data, run_id)] == [1, 2, 3, 4, 5, 6]
    [(n_trials, completed, ended_at)] = on_server(pg_url, data, RUN_END, (run_id,))
    assert n_trials == 6 and not completed and ended_at is not None
    assert not list(data.glob("unsaved-*")) and not list(data.glob("claimed-*"))


def test_screens_read_while_the_server_is_away_show_what_is_known_or_a_calm_word(pg_server, pg_url, shared, data,
                                                                                  apps):
    from games.launcher.confirm import ChoiceScene
    from games.launcher.exercises import ExerciseListScene
    from games.launcher.therapist import TherapistHomeScene

    pilot = open_app(apps, Store.open(data, url=pg_url))
    pilot.press(pygame.K_RETURN)  # Alex: the tiles, read from the server
    assert isinstance(pilot.app.stack.top, ExerciseListScene)
    pilot.press(pygame.K_ESCAPE)  # back to the clients
    pg_server.stop()

    pilot.press(pygame.K_RETURN)  # Alex again: the sitting is kept, the tiles are what is known
    tiles = pilot.app.stack.top
    assert isinstance(tiles, ExerciseListScene) and pilot.app.band_text() == band.AWAY
    pilot.click(tiles.menu.fixed[0].rect.center)  # "My progress" needs the server
    notice = pilot.app.stack.top
    assert isinstance(notice, ChoiceScene) and notice.question == AWAY_QUESTION and notice.below is tiles
    assert "error" not in notice.detail.lower() and "kept on this PC" in notice.detail
    pilot.press(pygame.K_RETURN)  # OK
    assert pilot.app.stack.top is tiles and pilot.app.running
    pilot.press(pygame.K_ESCAPE)  # back to the clients (no PIN guards that, as last read); the sitting's end is kept
    assert type(pilot.app.stack.top).__name__ == "ClientPickerScene"
    pilot.press(pygame.K_DOWN)  # "Therapist mode": "Who are you?" with the names as last read
    pilot.press(pygame.K_RETURN)
    assert type(pilot.app.stack.top).__name__ == "WhoAreYouScene"
    assert not any(isinstance(s, TherapistHomeScene) for s in pilot.app.stack) and pilot.app.running

    pg_server.start()
    pilot.wait_until(lambda: not pilot.app.store.away, limit_ms=60_000, frame_ms=1000)
    [(ended,)] = on_server(pg_url, data, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", ())
    assert ended == 2  # both sittings, the one kept on this PC with its end


def test_a_server_away_at_start_gets_a_calm_screen_that_opens_the_clients_once_it_answers(
        pg_server, pg_url, shared, data, apps):
    from games.launcher.server_away import STILL, ServerAwayScene

    pg_server.stop()
    with pytest.raises(Exception):
        Store.open(data, url=pg_url)
    app = App(None, clock=FakeClock(1000.0))
    apps.append(app)
    app.stack.push(ServerAwayScene(lambda: Store.open(data, url=pg_url), ClientPickerScene))
    pilot = Pilot(app)
    pilot.step()
    away = app.stack.top
    assert away.title == "The clinic database is not reachable" and "Nothing was changed" in away.paragraphs[0]
    pilot.press(pygame.K_RETURN)  # Try again: still away
    assert app.stack.top is away and away.paragraphs[0] == STILL and app.store is None
    pg_server.start()
    pilot.press(pygame.K_RETURN)
    picker = app.stack.top
    assert isinstance(picker, ClientPickerScene) and app.store is not None and app.store.shared
    assert [b.label for b in picker.menu.buttons][0] == "Alex"



def test_the_launcher_opens_the_calm_screen_when_the_server_is_away(pg_server, pg_url, shared, data, monkeypatch):
    from games import cli
    from games.app import App as RealApp
    from games.launcher.server_away import ServerAwayScene

    shown = []
    monkeypatch.setattr(RealApp, "run", lambda app, first: shown.append((app.store, first)))
    monkeypatch.setenv("COGSUITE_STORE", pg_url)
    pg_server.stop()
    assert cli.main(["--data-dir", str(data)]) == 0
    [(store, first)] = shown
    assert store is None and isinstance(first, ServerAwayScene)
    assert "not reachable" in (data / "cogsuite.log").read_text()
    monkeypatch.delenv("COGSUITE_STORE")
    assert cli.main(["--data-dir", str(data / "elsewhere")]) == 0  # the SQLite file: as always
    assert shown[-1][0] is not None and not shown[-1][0].shared


def test_two_starts_at_once_never_both_take_a_file(pg_url, shared, data):
    import threading

    from games.core.engine.guarded_store import GuardedStore
    from games.core.engine.unsaved import save_unsaved

    with Store.open(data, url=pg_url) as store:
        client = store.get_client("C-0001")
        session_id = store.start_session(client, T0)
        run_id = store.start_run(session_id=session_id, client=client, exercise=EXERCISE, domain="memory",
                                 started_at=T0, start_level=2, seed=1, params={}, simulated=False, app_version="t")
    for f in range(6):  # six closings' files, two trials each
        save_unsaved([("add_trial", dict(run_id=run_id, trial_index=2 * f + i, started_at=T0, level=2, stimulus="a",
                                         response="a", correct=True, rt_ms=1.0, timed_out=False, extra={},
                                         row_id=f"{f}-{i}")) for i in (1, 2)], data)
    done, errors, go = [], [], threading.Barrier(2)

    def start() -> None:
        try:
            with Store.open(data, url=pg_url) as opened:
                go.wait()
                done.append(GuardedStore(opened).take_back())
        except Exception as err:  # noqa: BLE001 - the test reports it
            errors.append(err)

    starts = [threading.Thread(target=start) for _ in range(2)]
    for thread in starts:
        thread.start()
    for thread in starts:
        thread.join()
    assert not errors and sum(done) == 6 and not list(data.glob("*.json"))
    written = [t[1] for t in server_trials(pg_url, data, run_id)]
    assert sorted(written) == list(range(1, 13))  # each once
    assert all(written.index(2 * f + 1) < written.index(2 * f + 2) for f in range(6))  # each file in order


def test_a_run_that_ends_while_the_server_is_away_shows_its_results_and_is_written_later(
        pg_server, pg_url, shared, data, apps):
    pilot = open_app(apps, Store.open(data, url=pg_url))
    scene = start_scored_run(pilot)
    play_until(pilot, scene, 2, seed=1)
    pg_server.stop()
    play_until(pilot, scene, None, seed=2)  # to the end, with the server away
    results = pilot.app.stack.top
    assert isinstance(results, ResultsScene) and results.lines and pilot.app.band_text() == band.AWAY
    assert f"level {scene.run.summary.end_level}" in " ".join(results.lines)  # the run alone, kindly said
    pilot.press(pygame.K_RETURN)  # Play again: the run starts from what was last read
    again = pilot.app.stack.top
    assert isinstance(again, ExerciseScene) and again is not scene
    play_until(pilot, again, 2, seed=3)
    pg_server.start()
    pilot.wait_until(lambda: not pilot.app.store.away, limit_ms=60_000, frame_ms=1000)
    assert [t[1] for t in server_trials(pg_url, data, scene.run.run_id)] == list(range(1, 13))
    assert [t[1] for t in server_trials(pg_url, data, again.run.run_id)][:2] == [1, 2]


def test_a_session_goes_on_while_the_server_is_away_and_its_mood_check_is_written_later(
        pg_server, pg_url, shared, data, apps):
    from games.launcher.session import SessionScene
    from scores.clinic.plans import Plan, PlanItem

    pilot = open_app(apps, Store.open(data, url=pg_url))
    plan = Plan("Short", (PlanItem("mood"), PlanItem("breathing", minutes=1)))
    scene = SessionScene(plan, pilot.app.store.get_client("C-0001"), seed=3)
    pilot.app.stack.push(scene)
    pilot.step()
    pg_server.stop()
    for key in (pygame.K_3, pygame.K_4, pygame.K_2, pygame.K_RETURN):
        pilot.press(key)
    assert pilot.app.stack.top is scene and not scene.runner.paused  # no question: the session goes on
    assert scene.runner.state.item.kind == "breathing" and pilot.app.band_text() == band.AWAY
    pg_server.start()
    pilot.wait_until(lambda: not pilot.app.store.away, limit_ms=60_000, frame_ms=1000)
    [(mood, calm, energy)] = on_server(pg_url, data, "SELECT mood, calm, energy FROM mood_checks WHERE session_id = ?",
                                       (scene.runner.session_id,))
    assert (mood, calm, energy) == (3, 4, 2)


@pytest.mark.parametrize("seed", [2026, 15])
def test_random_keys_clicks_and_waits_while_the_server_comes_and_goes_break_nothing_and_lose_nothing(
        pg_server, pg_url, shared, data, apps, seed):
    pilot = open_app(apps, Store.open(data, url=pg_url))
    pilot.draw_every = 5
    rng = random.Random(seed)
    keys = [pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN, pygame.K_TAB, pygame.K_SPACE,
            pygame.K_LEFT, pygame.K_RIGHT] + [pygame.K_1 + d for d in range(9)]
    width, height = pilot.app.screen.get_size()
    seen_away = False
    for turn in range(600):
        top = pilot.app.stack.top  # the server missed by a write (the band) or by a read (a calm notice)
        seen_away = seen_away or pilot.app.store.away or getattr(top, "question", None) == AWAY_QUESTION
        if turn == 150:
            pg_server.stop()
            for key in [pygame.K_ESCAPE] * 6 + [pygame.K_RETURN] * 3:  # on to something that writes, from anywhere
                pilot.press(key)
        elif turn == 400:
            pg_server.start()
        if not pilot.app.running:
            break
        roll = rng.random()
        if roll < 0.75:
            pilot.press(rng.choice(keys))
        elif roll < 0.9:
            pilot.click((rng.randrange(width), rng.randrange(height)))
        else:
            pilot.wait(rng.choice([50, 400, 2000]), frame_ms=50)
    if not pg_server.running:
        pg_server.start()
    if pilot.app.running:
        pilot.wait_until(lambda: not pilot.app.store.away, limit_ms=120_000, frame_ms=1000)
    pilot.app.quit()  # what is still kept (the app closed while the server was away) ...
    open_app(apps, Store.open(data, url=pg_url))  # ... the next start writes
    assert seen_away and not list(data.glob("unsaved-*")) and not list(data.glob("claimed-*"))
    runs = on_server(pg_url, data, "SELECT id, n_trials, ended_at FROM runs", ())
    for run_id, n_trials, ended_at in runs:
        indices = [t[1] for t in server_trials(pg_url, data, run_id)]
        assert indices == list(range(1, len(indices) + 1))
        if ended_at is not None:
            assert n_trials == len(indices)


def test_a_power_cut_while_the_server_is_away_loses_no_trial_up_to_the_last(pg_server, pg_url, shared, data, apps):
    pilot = open_app(apps, Store.open(data, url=pg_url))
    scene = start_scored_run(pilot)
    play_until(pilot, scene, 2, seed=1)
    pg_server.stop()
    play_until(pilot, scene, 7, seed=2)
    cut = apps.pop()  # the power goes: nothing more runs, nothing is closed
    cut.store.store.close()
    pg_server.start()
    open_app(apps, Store.open(data, url=pg_url))  # the next start writes what the file held
    assert [t[1] for t in server_trials(pg_url, data, scene.run.run_id)] == [1, 2, 3, 4, 5, 6, 7]
    assert not list(data.glob("unsaved-*"))
