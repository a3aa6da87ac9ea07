"""Fixtures for the scores tests: a fresh store on each backend, two small exercise specs and a run
recorder.

Every test that takes ``store`` or ``make_store`` runs twice: on the embedded SQLite file and on
a PostgreSQL database of its own (``pg_url``), since both must behave the same. A test about the
SQLite file itself (WAL, damaged files, backups, file permissions) says so with
``@pytest.mark.sqlite_only`` and runs once.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import pytest

import games.core.engine.guarded_store
import scores.clinic.assignment_records
import scores.clinic.records
import scores.store.store

from games.core.engine.exercise import ExerciseSpec, Field, Level, Param
from scores.store.store import Client, Store

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)


def make_spec(
    exercise_id: str, domain: str, trial_fields: tuple[Field, ...], run_fields: tuple[Field, ...]
) -> ExerciseSpec:
    return ExerciseSpec(
        id=exercise_id,
        title=exercise_id.replace("_", " ").title(),
        domain=domain,
        description="A test exercise.",
        instructions=("Answer.",),
        params=(Param("items", 3, "items", "How many items are shown."),),
        levels=(Level(1, "Three items", {"items": 3}), Level(2, "Four items", {"items": 4})),
        start_level=1,
        chance_rate=0.5,
        trials_per_run=10,
        trial_fields=trial_fields,
        run_fields=run_fields,
    )


@pytest.fixture
def specs() -> list[ExerciseSpec]:
    span = make_spec(
        "fake_span", "memory",
        (Field("span", "int", "items", "Items to recall."), Field("probe", "str", "", "The probed item.")),
        (Field("max_span", "int", "items", "Longest span recalled."),),
    )
    stroop = make_spec(
        "fake_stroop", "focus",
        (Field("congruent", "bool", "", "Word and colour agree."),
         Field("span", "int", "items", "Items shown.")),
        (Field("interference_ms", "float", "ms", "Incongruent minus congruent median RT."),),
    )
    return [span, stroop]


BACKENDS: tuple[str, ...] = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: run on the SQLite backend only (a test of the file itself, or one whose reason is beside it)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("backend", BACKENDS[:1] if sqlite_only else BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The store's backend for this test: ``sqlite`` or ``postgresql``."""
    return request.param


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest) -> str | None:
    """The ``url`` given to ``Store.open``: None for the SQLite file, else a fresh server database."""
    return request.getfixturevalue("pg_url") if backend == "postgresql" else None


@pytest.fixture
def make_store(store_url: str | None, tmp_path) -> Callable[..., Store]:
    """``make_store(data_dir=None, create=True)`` opens the test's store on its backend; opening it
    again reaches the same data (the same file, or the same server database). Closed after."""
    opened: list[Store] = []

    def make(data_dir: Any = None, create: bool = True) -> Store:
        store = Store.open(data_dir or tmp_path / "data", create=create, url=store_url)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: Callable[..., Store]) -> Store:
    return make_store()


@pytest.fixture
def record_run(store: Store) -> Callable[..., str]:
    """Record a finished run of ``exercise`` for ``client`` with the given trials; return its id."""

    def record(
        client: Client, exercise: str = "fake_span", domain: str = "memory", started_at: datetime = T0,
        trials: list[dict[str, Any]] | None = None, finish: bool = True,
        measures: dict[str, Any] | None = None,
    ) -> str:
        session_id = store.start_session(client, started_at, kind="clinic")
        run_id = store.start_run(
            session_id=session_id, client=client, exercise=exercise, domain=domain, started_at=started_at,
            start_level=2, seed=1234, params={"items": 4}, simulated=False, app_version="0.1.0",
        )
        store.add_level_change(
            run_id, trial_index=0, from_level=None, to_level=2, rule="start", at=started_at
        )
        for index, trial in enumerate(trials or [{}], start=1):
            store.add_trial(
                run_id, trial_index=index, started_at=started_at + timedelta(seconds=index), level=2,
                stimulus=trial.get("stimulus", "A B C"), response=trial.get("response", "A B C"),
                correct=trial.get("correct", True), rt_ms=trial.get("rt_ms", 512.25), timed_out=False,
                extra=trial.get("extra", {}),
            )
        if finish:
            store.finish_run(
                run_id, ended_at=started_at + timedelta(minutes=2), end_level=2, ability=2.4, ability_se=0.3,
                accuracy=0.75, median_rt_ms=512.25, n_trials=len(trials or [{}]), duration_s=120.0,
                completed=True, measures=measures or {},
            )
        return run_id

    return record


# The modules that make row ids, each with its own ``new_id`` name to replace.
ID_MODULES = (scores.store.store, scores.clinic.records, scores.clinic.assignment_records, games.core.engine.guarded_store)


@pytest.fixture
def same_ids(monkeypatch):
    """Row ids from a counter (``restart()`` starts it again), so that two stores, or two runs of
    a test, get the same ones."""
    counter = itertools.count(1)

    def fresh_id() -> str:
        return f"00000000-0000-4000-8000-{next(counter):012d}"

    def restart() -> None:
        nonlocal counter
        counter = itertools.count(1)

    for module in ID_MODULES:
        monkeypatch.setattr(module, "new_id", fresh_id)
    return restart
