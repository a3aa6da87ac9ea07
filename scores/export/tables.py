"""CSV exports of trials, runs and sessions, streamed from the store through the one CSV writer."""

from __future__ import annotations

import json
from functools import partial
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, Iterator, Mapping, Sequence

from scores.clinic.audit import period_words
from scores.export.columns import Column, SpecLike, audit_columns, item_columns, run_columns, session_columns, trial_columns
from scores.export.csvfile import FORMULA_STARTS, bool_cell, text_cell, write_csv_cells
from scores.export.dictionary import DICTIONARY_TABLE, dictionary_rows
from scores.store.queries import TRIAL_BOOLS, TRIAL_RUN_COLUMNS
from scores.store.store import Filters, Store

EXPORT_KINDS: tuple[str, ...] = ("trials", "runs", "sessions", "items", "audit", "dictionary")
# what a workbook holds unless asked for other kinds: the records of play (the audit is asked for)
WORKBOOK_KINDS: tuple[str, ...] = tuple(kind for kind in EXPORT_KINDS if kind != "audit")


def format_level_changes(changes: Iterable[Mapping[str, Any]]) -> str:
    """A compact audit of level changes, e.g. ``0:start->2;3:tracker->3``."""
    return ";".join(f"{c['trial_index']}:{c['rule']}->{c['to_level']}" for c in changes)


class RowFormat:
    """How each exported column's text is made, decided once per export rather than per cell.

    Base columns are read from the store's row (by position or by key) with a formatter fixed by
    the column: ``true``/``false`` for the row's 0/1 columns, else ``text_cell``. Exercise-own
    columns come from the row's JSON: only the keys a row has are looked at, every other own
    cell stays empty, which is most of the ~140 columns of a trial export. Columns named in
    ``group`` are the same on every row with the same ``group_by`` value (a trial's run, client
    and session), so a run's cells are made once and copied onto each of its trials.
    """

    def __init__(
        self, columns: Sequence[Column], source: Sequence[str] = (), bools: Iterable[str] = (),
        group: Iterable[str] = (), group_by: str = "",
    ) -> None:
        position = {name: index for index, name in enumerate(source)}
        bool_keys, grouped = set(bools), set(group)
        self.columns = list(columns)
        self.names = [c.name for c in columns]
        self._base: list[tuple[int, int, str, Callable[[Any], str]]] = [
            (index, position.get(c.key, -1), c.key, bool_cell if c.key in bool_keys else text_cell)
            for index, c in enumerate(columns) if not c.is_own
        ]
        self._per_row = [(i, at, fmt) for i, at, key, fmt in self._base if at >= 0 and key not in grouped]
        self._per_group = [(i, at, fmt) for i, at, key, fmt in self._base if at >= 0 and key in grouped]
        self._group_at = position.get(group_by, -1)
        self._group_value: Any = object()
        self._template: list[str] = [""] * len(self.names)
        self._own = {c.name: index for index, c in enumerate(columns) if c.is_own}

    def from_tuple(self, values: Sequence[Any], own: Mapping[str, Any]) -> list[str]:
        """The cells of a row given as a tuple in the order of ``source``."""
        group_value = values[self._group_at] if self._group_at >= 0 else None
        if group_value is None or group_value != self._group_value:
            self._template = [""] * len(self.names)
            for index, at, fmt in self._per_group:
                self._template[index] = fmt(values[at])
            self._group_value = group_value
        cells = self._template.copy()
        for index, at, fmt in self._per_row:
            cells[index] = fmt(values[at])
        self._fill_own(cells, own)
        return cells

    def from_mapping(self, row: Mapping[str, Any], own: Mapping[str, Any]) -> list[str]:
        """The cells of a row given as a dict (a missing key is an empty cell)."""
        cells: list[str] = [""] * len(self.names)
        for index, _at, key, fmt in self._base:
            cells[index] = fmt(row.get(key))
        self._fill_own(cells, own)
        return cells

    def _fill_own(self, cells: list[str], own: Mapping[str, Any]) -> None:
        # Written out rather than a call per cell: a trial has ~10 of these.
        positions = self._own
        for key, value in own.items():
            index = positions.get(key)
            if index is None:
                continue
            kind = type(value)
            if kind is int:
                cells[index] = str(value)
            elif kind is str:
                cells[index] = "'" + value if value.startswith(FORMULA_STARTS) else value
            else:
                cells[index] = text_cell(value)


def _own_json(text: str | None) -> Mapping[str, Any]:
    return json.loads(text) if text and text != "{}" else {}


Table = tuple[list[Column], Iterator[list[str]]]


@contextmanager
def _trials(store: Store, specs: Sequence[SpecLike], filters: Filters, include_names: bool) -> Iterator[Table]:
    names, rows = store.iter_trial_tuples(filters)
    layout = RowFormat(trial_columns(specs, include_names), names, TRIAL_BOOLS, TRIAL_RUN_COLUMNS, "run_id")
    extra = names.index("extra_json")
    with closing(rows):  # a failed write must not leave the query open (and the store's WAL behind)
        yield layout.columns, (layout.from_tuple(row, _own_json(row[extra])) for row in rows)


@contextmanager
def _runs(store: Store, specs: Sequence[SpecLike], filters: Filters, include_names: bool) -> Iterator[Table]:
    layout = RowFormat(run_columns(specs, include_names))

    def rows() -> Iterator[list[str]]:
        for row in store.iter_run_rows(filters):
            row["level_changes"] = format_level_changes(store.level_changes(row["run_id"]))
            yield layout.from_mapping(row, row["measures"])

    yield layout.columns, rows()


@contextmanager
def _plain(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> Iterator[Table]:
    layout = RowFormat(columns)
    yield layout.columns, (layout.from_mapping(row, {}) for row in rows)


def export_table(
    kind: str, store: Store | None, specs: Sequence[SpecLike], filters: Filters = Filters(),
    include_names: bool = False,
) -> ContextManager[Table]:
    """The columns and cell texts of the export named by ``kind`` (one of EXPORT_KINDS), streamed:
    use it as a context manager, which closes the store's query when left. ``store`` may be None
    for the dictionary, which reads no data."""
    if kind == "dictionary":
        return _plain(DICTIONARY_TABLE, dictionary_rows(specs))
    if store is None:
        raise ValueError(f"the {kind} export reads the store")
    if kind == "trials":
        return _trials(store, specs, filters, include_names)
    if kind == "runs":
        return _runs(store, specs, filters, include_names)
    if kind == "sessions":
        return _plain(session_columns(include_names), store.iter_session_rows(filters))
    if kind == "items":
        return _plain(item_columns(include_names), store.iter_item_rows(filters))
    if kind == "audit":
        return _plain(audit_columns(include_names), store.iter_audit_rows(filters))
    raise ValueError(f"unknown export kind {kind!r}; use one of {EXPORT_KINDS}")


def export_trials(
    store: Store, specs: Sequence[SpecLike], path: Path, filters: Filters = Filters(),
    include_names: bool = False,
) -> int:
    """Write one row per trial; returns the number of rows. Names only with ``include_names``."""
    return export_kind("trials", store, specs, path, filters, include_names)


def export_runs(
    store: Store, specs: Sequence[SpecLike], path: Path, filters: Filters = Filters(),
    include_names: bool = False,
) -> int:
    """Write one row per exercise run, with its level-change audit; returns the number of rows."""
    return export_kind("runs", store, specs, path, filters, include_names)


def export_sessions(
    store: Store, path: Path, filters: Filters = Filters(), include_names: bool = False
) -> int:
    """Write one row per session with its run and trial counts; returns the number of rows."""
    return export_kind("sessions", store, (), path, filters, include_names)


def export_items(
    store: Store, path: Path, filters: Filters = Filters(), include_names: bool = False
) -> int:
    """Write one row per item of a planned session; returns the number of rows."""
    return export_kind("items", store, (), path, filters, include_names)


def export_kind(
    kind: str, store: Store | None, specs: Sequence[SpecLike], path: Path, filters: Filters = Filters(),
    include_names: bool = False,
) -> int:
    """Write the export named by ``kind`` (one of EXPORT_KINDS) as CSV; returns the number of rows.
    An export of records is audited (the dictionary holds none)."""
    with export_table(kind, store, specs, filters, include_names) as (columns, rows):
        count = write_csv_cells(path, [c.name for c in columns], rows)
    if kind != "dictionary" and store is not None:
        _audit_export(store, f"{kind} to {path.name}: {count} rows", filters, include_names)
    return count


def _audit_export(store: Store, what: str, filters: Filters, include_names: bool) -> None:
    """Add the audit row of an export: what went where, its client, period and whether names went too."""
    client = store.get_client(filters.client_code) if filters.client_code else None
    names = ", with names" if include_names else ""
    store.record_audit("export", client, detail=f"{what}{names}{period_words(filters.since, filters.until)}")


def export_workbook(
    store: Store, specs: Sequence[SpecLike], path: Path, kinds: Sequence[str] = WORKBOOK_KINDS,
    filters: Filters = Filters(), include_names: bool = False,
) -> dict[str, int]:
    """Write the exports named by ``kinds`` as the sheets of one xlsx workbook, the data dictionary
    always last; returns the rows written per sheet."""
    from scores.export.xlsx import write_workbook

    kinds = [kind for kind in kinds if kind != "dictionary"] + ["dictionary"]
    counts = write_workbook(path, [
        (kind, partial(export_table, kind, store, specs, filters, include_names)) for kind in kinds
    ])
    sheets = ", ".join(f"{kind} {n} rows" for kind, n in counts.items() if kind != "dictionary")
    _audit_export(store, f"workbook to {path.name}: {sheets}", filters, include_names)
    return counts
