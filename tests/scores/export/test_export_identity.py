"""The exports, byte for byte, against the straightforward per-cell writer they replaced.

The reference below is the original path (a dict per row, ``Column.is_own`` and ``format_cell``
per cell), kept here so that any change to how the exports are written must give the same bytes.
"""

from __future__ import annotations

import csv
import json
import math
import numbers
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pytest

from games.core.engine.exercise import Field
from scores.clinic.plans import Plan, PlanItem
from scores.export.columns import Column, item_columns, run_columns, session_columns, trial_columns
from scores.export.csvfile import write_csv
from scores.export.tables import export_kind, format_level_changes
from scores.store.store import Filters, Store
from tests.scores.conftest import make_spec

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ODD_TEXT = ["=1+1", "+x", "-3 apples", "@sum", "\tTab", "\rCR", "plain", "", "a,b", 'say "hi"',
            "line\nbreak", "ünïcødé ✓ 漢字", " =lead space", "'quoted", "-", "0123"]
ODD_VALUES: list[Any] = [None, 0, -7, 3.25, -0.5, 0.1 + 0.2, 1e-9, 12345678.123456789, float("nan"),
                         float("inf"), float("-inf"), True, False, [1, "=a", None], {"k": "-v", "n": 2},
                         [], {}, *ODD_TEXT]


def ref_format_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        value = float(value)
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(round(value, 6))
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, tuple, dict)) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def ref_write(path: Path, columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([ref_format_cell(c.name) for c in columns])
        for row in rows:
            cells = {c.name: row["__own"].get(c.name) if c.is_own else row.get(c.key) for c in columns}
            writer.writerow([ref_format_cell(cells.get(c.name)) for c in columns])
            count += 1
    return count


def ref_export(kind: str, store: Store, specs, path: Path, filters: Filters, names: bool) -> int:
    if kind == "trials":
        rows = (dict(r, __own=r["extra"]) for r in store.iter_trial_rows(filters))
        return ref_write(path, trial_columns(specs, names), rows)
    if kind == "runs":
        rows = (dict(r, __own=r["measures"],
                     level_changes=format_level_changes(store.level_changes(r["run_id"])))
                for r in store.iter_run_rows(filters))
        return ref_write(path, run_columns(specs, names), rows)
    if kind == "sessions":
        return ref_write(path, session_columns(names), (dict(r, __own={}) for r in store.iter_session_rows(filters)))
    return ref_write(path, item_columns(names), (dict(r, __own={}) for r in store.iter_item_rows(filters)))


@pytest.fixture
def wide_specs(specs):
    """The two test specs plus one with a field of every type, so own columns are many and mixed."""
    odd = make_spec(
        "fake_odd", "problem_solving",
        (Field("note", "str", "", "Free text."), Field("ratio", "float", "", "A ratio."),
         Field("moves", "str", "", "Moves made."), Field("board", "str", "", "The board."),
         Field("congruent", "bool", "", "Agreement."), Field("count", "int", "", "A count.")),
        (Field("excess_moves", "int", "moves", "Moves over the minimum."),
         Field("note", "str", "", "Free text.")),
    )
    return [*specs, odd]


def _fill(store: Store) -> None:
    """Clients, planned and free sessions, runs (finished, unfinished, practice) and odd trial values."""
    clients = [store.add_client(code, name, now=T0) for code, name in
               (("C-0002", "=Bob, \"B\" Smith"), ("C-0001", "Ann Ünïcødé"), ("C-0003", None))]
    exercises = [("fake_span", "memory"), ("fake_stroop", "focus"), ("fake_odd", "problem_solving")]
    keys = ["span", "probe", "congruent", "note", "ratio", "moves", "board", "count", "unknown"]
    value_at = 0
    home_plan = Plan("=Home", (PlanItem("breathing", minutes=2),))
    assigned = store.add_assignment(clients[0], home_plan, weekdays=[0, 3], times_per_week=2,
                                    starts_on=T0.date(), ends_on=T0.date() + timedelta(days=27), now=T0)
    for c_index, client in enumerate(clients):
        for s_index in range(3):
            start = T0 + timedelta(days=3 * s_index + c_index, hours=c_index)
            bound = assigned.id if c_index == 0 and s_index == 1 else None  # a home session of an assignment
            session = store.start_session(client, start, kind="home" if bound else "clinic",
                                          plan_name="=Plan" if s_index else None, assignment_id=bound)
            item = store.start_session_item(session, position=1, kind="exercise", exercise="fake_span",
                                            planned_s=300.0, started_at=start)
            store.add_mood_check(session, moment="before", answers={"mood": 2, "calm": 3, "energy": 4}, at=start)
            for r_index, (exercise, domain) in enumerate(exercises):
                run = store.start_run(
                    session_id=session, client=client, exercise=exercise, domain=domain,
                    started_at=start + timedelta(minutes=r_index), start_level=2, seed=7,
                    params={"items": 4}, simulated=False, app_version="0.1", practice=r_index == 2 and s_index == 0,
                    session_item_id=item if r_index == 0 else None,
                )
                store.add_level_change(run, trial_index=0, from_level=None, to_level=2, rule="start", at=start)
                for t_index in range(1, 6):
                    extra = {keys[(value_at + k) % len(keys)]: ODD_VALUES[(value_at * 3 + k) % len(ODD_VALUES)]
                             for k in range(t_index % 4)}
                    text = ODD_TEXT[value_at % len(ODD_TEXT)]
                    store.add_trial(
                        run, trial_index=t_index, started_at=start + timedelta(seconds=t_index), level=t_index,
                        stimulus=text, response=ODD_TEXT[(value_at + 5) % len(ODD_TEXT)],
                        correct=value_at % 3 == 0, rt_ms=None if value_at % 4 == 0 else 100.0 / (value_at + 3),
                        timed_out=value_at % 5 == 0, extra=extra,
                    )
                    value_at += 1
                if (c_index + r_index) % 3:
                    store.finish_run(
                        run, ended_at=start + timedelta(minutes=2), end_level=3, ability=2.0 / 3, ability_se=None,
                        accuracy=0.1 + 0.2, median_rt_ms=float("nan") if r_index == 1 else 480.5, n_trials=5,
                        duration_s=120.0, completed=r_index != 1,
                        measures={"excess_moves": 2, "note": "-ok", "interference_ms": 12.5, "max_span": None},
                    )
            store.finish_session_item(item, ended_at=start + timedelta(minutes=5), active_s=299.5, outcome="done")
            if s_index != 1:
                store.end_session(session, start + timedelta(minutes=9), stopped_early=s_index == 2)


FILTERS = [Filters(), Filters(client_code="C-0001"), Filters(since=date(2024, 5, 4)),
           Filters(until=date(2024, 5, 5)), Filters(client_code="C-0002", since=date(2024, 5, 2), until=date(2024, 5, 8)),
           Filters(client_code="C-9999")]


@pytest.mark.parametrize("kind", ["trials", "runs", "sessions", "items"])
def test_each_export_kind_matches_the_reference_writer_byte_for_byte(kind, store, wide_specs, tmp_path):
    _fill(store)
    for f_index, filters in enumerate(FILTERS):
        for names in (False, True):
            ours, ref = tmp_path / f"ours{f_index}{names}.csv", tmp_path / f"ref{f_index}{names}.csv"
            count = export_kind(kind, store, wide_specs, ours, filters, include_names=names)
            assert count == ref_export(kind, store, wide_specs, ref, filters, names)
            assert ours.read_bytes() == ref.read_bytes(), (kind, filters, names)
    assert count == 0 and f_index == len(FILTERS) - 1  # the last filter matches nothing


def test_the_filled_store_exercises_the_edge_cases(store, wide_specs, tmp_path):
    """Guards the test above: the fixed store really holds formulas, quotes, newlines and numbers."""
    _fill(store)
    path = tmp_path / "trials.csv"
    export_kind("trials", store, wide_specs, path, Filters(), include_names=True)
    text = path.read_bytes().decode("utf-8-sig")
    for needle in ("'=1+1", "'+x", "'@sum", "\"line\nbreak\"", "\"say \"\"hi\"\"\"", "ünïcødé ✓ 漢字", "\"'=Bob",
                   ",inf,", ",-inf,", ",0.3,", "true", "false", "\"[1, \"\"=a\"\", null]\""):
        assert needle in text, needle


def test_write_csv_cells_match_the_reference_for_every_odd_value(tmp_path):
    columns = [f"c{i}" for i in range(len(ODD_VALUES))] + ["=head", "missing"]
    rows = [dict(zip(columns, ODD_VALUES[shift:] + ODD_VALUES[:shift])) for shift in range(len(ODD_VALUES))]
    ours, ref = tmp_path / "ours.csv", tmp_path / "ref.csv"
    assert write_csv(ours, columns, rows) == len(rows)
    ref_write(ref, [Column(name, "str", "", "") for name in columns], (dict(r, __own={}) for r in rows))
    assert ours.read_bytes() == ref.read_bytes()


@pytest.mark.parametrize("rows", [[{"a": ""}], [{"a": "x"}, {"a": None}, {"a": "a,b"}], [{}]])
def test_one_column_files_match_the_reference(rows, tmp_path):
    ours, ref = tmp_path / "ours.csv", tmp_path / "ref.csv"
    write_csv(ours, ["a"], rows)
    ref_write(ref, [Column("a", "str", "", "")], (dict(r, __own={}) for r in rows))
    assert ours.read_bytes() == ref.read_bytes()
