"""Every export kind, byte for byte, for a fixed store full of odd values: speed work and new
backends must not change a character of what a therapist or an analyst opens.

The store is the reference fill of ``test_export_identity`` (formula-like text, quotes, line
breaks, unicode, NaN and infinities, bools, JSON, planned and assigned sessions, unfinished runs)
with its row ids from a counter, on each backend. When an export is meant to change, write the
files again with ``COGSUITE_WRITE_GOLDEN=1 pytest tests/scores/export/test_export_golden.py`` and read
the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scores.export.tables import export_kind
from scores.store.queries import Filters
from tests.scores.export.test_export_identity import _fill, wide_specs  # noqa: F401 (wide_specs is a fixture)

GOLDEN = Path(__file__).parents[1] / "golden"


@pytest.mark.parametrize("kind", ["trials", "runs", "sessions", "items"])
def test_each_export_kind_is_byte_identical_to_its_golden_file(kind, store, wide_specs, same_ids, tmp_path):
    _fill(store)
    out = tmp_path / f"{kind}.csv"
    assert export_kind(kind, store, wide_specs, out, Filters(), include_names=True) > 0
    golden = GOLDEN / f"export_{kind}.csv"
    if os.environ.get("COGSUITE_WRITE_GOLDEN"):
        golden.write_bytes(out.read_bytes())
    assert out.read_bytes() == golden.read_bytes()
