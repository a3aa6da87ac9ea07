"""Exports as one spreadsheet workbook: a sheet per kind, typed cells, the header frozen and filtered.

The cells are the CSV export's own texts (the one place they are made), each written with the
type its column declares: ``bool`` columns as booleans, ``int`` and ``float`` as numbers,
``datetime`` as dates with times (in UTC, to the millisecond; the CSV keeps the offset in its
text), everything else as text, exactly as in the CSV (a text that a spreadsheet would run as a
formula keeps its leading ``'``). A cell whose text does not read as its column's type stays text
rather than being lost. XlsxWriter's constant-memory mode writes each row as it comes, so a
million trials stream; a sheet that reaches the format's row limit goes on in a second sheet.
"""

from __future__ import annotations

import math
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, Sequence

from scores.export.columns import Column
from scores.export.csvfile import create_private, replace_atomically

MAX_ROWS = 1_048_576  # rows of one sheet, the header included (the xlsx format's limit)
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss.000"
Sheet = tuple[str, Callable[[], ContextManager[tuple[Sequence[Column], Iterable[Sequence[str]]]]]]


def _number(text: str) -> float | int:
    value = float(text) if any(c in text for c in ".eEn") else int(text)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(text)  # no infinity or NaN in a spreadsheet's number
    return value


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


_READERS: dict[str, Callable[[str], Any]] = {
    "int": _number, "float": _number, "datetime": _moment,
    "bool": lambda text: {"true": True, "false": False}[text],
}


class _SheetWriter:
    """Writes one kind's rows into as many sheets as its length needs."""

    def __init__(self, book: Any, name: str, columns: Sequence[Column]) -> None:
        self.book, self.name, self.columns = book, name, columns
        self.formats = {"datetime": book.add_format({"num_format": DATETIME_FORMAT})}
        self.sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        self.sheets += 1
        self.sheet = self.book.add_worksheet(self.name if self.sheets == 1 else f"{self.name} {self.sheets}")
        self.sheet.freeze_panes(1, 0)
        for col, column in enumerate(self.columns):
            self.sheet.write_string(0, col, column.name)
            if column.type == "datetime":
                self.sheet.set_column(col, col, 23)
        self.row = 0

    def write(self, cells: Sequence[str]) -> None:
        if self.row == MAX_ROWS - 1:
            self._close_sheet()
            self._new_sheet()
        self.row += 1
        sheet, row = self.sheet, self.row
        for col, text in enumerate(cells):
            if not text:
                continue
            kind = self.columns[col].type
            reader = _READERS.get(kind)
            try:
                value = reader(text) if reader else None
            except (ValueError, KeyError):
                value = None
            if value is None:
                sheet.write_string(row, col, text)
            elif kind == "bool":
                sheet.write_boolean(row, col, value)
            elif kind == "datetime":
                sheet.write_datetime(row, col, value, self.formats["datetime"])
            else:
                sheet.write_number(row, col, value)

    def _close_sheet(self) -> None:
        self.sheet.autofilter(0, 0, self.row, max(0, len(self.columns) - 1))

    def close(self) -> int:
        self._close_sheet()
        return (self.sheets - 1) * (MAX_ROWS - 1) + self.row


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> dict[str, int]:
    """Write one workbook with a sheet per ``(name, open_table)``; ``open_table()`` is a context
    manager giving the sheet's columns and rows of cell texts. Returns the rows written per sheet.

    Raises:
        ExportError: if ``path`` cannot be written; nothing half-written is left behind.
    """
    import xlsxwriter

    def fill(temp: Path) -> dict[str, int]:
        counts: dict[str, int] = {}
        with open(create_private(temp), "wb") as handle:
            book = xlsxwriter.Workbook(handle, {
                "constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                "strings_to_urls": False,
            })
            for name, open_table in sheets:
                with open_table() as (columns, rows):
                    writer = _SheetWriter(book, name, columns)
                    for cells in rows:
                        writer.write(cells)
                    counts[name] = writer.close()
            book.close()
            handle.flush()
            os.fsync(handle.fileno())
        return counts

    return replace_atomically(Path(path), fill)
