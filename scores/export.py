"""CSV exports of trials, runs and sessions, streamed from the store through the one CSV writer."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from scores.columns import Column, SpecLike, item_columns, run_columns, session_columns, trial_columns
from scores.csvfile import write_csv
from scores.dictionary import export_dictionary
from scores.store import Filters, Store

EXPORT_KINDS: tuple[str, ...] = ("trials", "runs", "sessions", "items", "dictionary")


def format_level_changes(changes: Iterable[Mapping[str, Any]]) -> str:
    """A compact audit of level changes, e.g. ``0:start->2;3:tracker->3``."""
    return ";".join(f"{c['trial_index']}:{c['rule']}->{c['to_level']}" for c in changes)


def _cells(columns: Sequence[Column], row: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """One CSV row: base columns from the store row, exercise-own ones from its JSON (else empty)."""
    return {c.name: own.get(c.name) if c.is_own else row.get(c.key) for c in columns}


def _write(path: Path, columns: Sequence[Column], rows: Iterable[dict[str, Any]]) -> int:
    return write_csv(path, [c.name for c in columns], rows)


def export_trials(
    store: Store, specs: Sequence[SpecLike], path: Path, filters: Filters = Filters(),
    include_names: bool = False,
) -> int:
    """Write one row per trial; returns the number of rows. Names only with ``include_names``."""
    columns = trial_columns(specs, include_names)
    rows = (_cells(columns, row, row["extra"]) for row in store.iter_trial_rows(filters))
    return _write(path, columns, rows)


def export_runs(
    store: Store, specs: Sequence[SpecLike], path: Path, filters: Filters = Filters(),
    include_names: bool = False,
) -> int:
    """Write one row per exercise run, with its level-change audit; returns the number of rows."""
    columns = run_columns(specs, include_names)

    def rows() -> Iterator[dict[str, Any]]:
        for row in store.iter_run_rows(filters):
            row["level_changes"] = format_level_changes(store.level_changes(row["run_id"]))
            yield _cells(columns, row, row["measures"])

    return _write(path, columns, rows())


def export_sessions(
    store: Store, path: Path, filters: Filters = Filters(), include_names: bool = False
) -> int:
    """Write one row per session with its run and trial counts; returns the number of rows."""
    columns = session_columns(include_names)
    return _write(path, columns, (_cells(columns, row, {}) for row in store.iter_session_rows(filters)))


def export_items(
    store: Store, path: Path, filters: Filters = Filters(), include_names: bool = False
) -> int:
    """Write one row per item of a planned session; returns the number of rows."""
    columns = item_columns(include_names)
    return _write(path, columns, (_cells(columns, row, {}) for row in store.iter_item_rows(filters)))


def export_kind(
    kind: str, store: Store, specs: Sequence[SpecLike], path: Path, filters: Filters = Filters(),
    include_names: bool = False,
) -> int:
    """Run the export named by ``kind`` (one of EXPORT_KINDS); returns the number of rows."""
    if kind == "trials":
        return export_trials(store, specs, path, filters, include_names)
    if kind == "runs":
        return export_runs(store, specs, path, filters, include_names)
    if kind == "sessions":
        return export_sessions(store, path, filters, include_names)
    if kind == "items":
        return export_items(store, path, filters, include_names)
    if kind == "dictionary":
        return export_dictionary(specs, path)
    raise ValueError(f"unknown export kind {kind!r}; use one of {EXPORT_KINDS}")
