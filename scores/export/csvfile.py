"""The one CSV writer: UTF-8 with BOM, RFC 4180, formula-like text neutralised, atomic replace."""

from __future__ import annotations

import csv
import errno
import json
import math
import numbers
import os
import uuid
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar

from scores.store.private import FILE_MODE

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FLOAT_DECIMALS = 6
T = TypeVar("T")


class ExportError(Exception):
    """An export file that cannot be written; the message names the path and the reason."""


def format_cell(value: Any) -> str:
    """The text of one cell: numbers stay numbers, text that could run as a formula gets a ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return _format_float(float(value))
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, tuple, dict)) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def text_cell(value: Any) -> str:
    """``format_cell`` with its common cases first; the same text for every value."""
    kind = type(value)
    if kind is str:
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if kind is float:
        return _format_float(value)
    if kind is bool:
        return "true" if value else "false"
    return format_cell(value)


def bool_cell(value: Any) -> str:
    """The text of a 0/1 (or true/false) column: ``true`` or ``false``, as ``format_cell(bool(value))``."""
    return "true" if value else "false"


def _format_float(value: float) -> str:
    # Rounding drops binary noise (0.30000000000000004); repr keeps the shortest exact text.
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(round(value, FLOAT_DECIMALS))


def _why(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "the folder does not exist"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder"
    if isinstance(exc, NotADirectoryError):
        return "a part of its path is a file, not a folder"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    if isinstance(exc, PermissionError):
        return "permission denied (is the file open in another program?)"
    return exc.strerror or str(exc)


def write_csv(path: Path, columns: list[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write ``rows`` under the header ``columns``; a failure never leaves half a file behind.

    Missing keys become empty cells; keys not in ``columns`` are ignored.

    Returns:
        The number of data rows written.

    Raises:
        ExportError: if ``path`` cannot be written (the rows' own errors pass through unchanged).
    """
    cells = ([format_cell(row.get(name)) for name in columns] for row in rows)
    return write_csv_cells(path, columns, cells)


def write_csv_cells(path: Path, columns: list[str], rows: Iterable[Sequence[str]]) -> int:
    """Like ``write_csv`` for rows already made into cell texts (by ``format_cell`` or its equals).

    Returns:
        The number of data rows written.

    Raises:
        ExportError: if ``path`` cannot be written (the rows' own errors pass through unchanged).
    """
    return replace_atomically(Path(path), lambda temp: _write_rows(temp, columns, rows))


def write_text_atomically(path: Path, text: str) -> None:
    """Write a UTF-8 text file (a report, a plan) the same safe way as a CSV export.

    Raises:
        ExportError: if ``path`` cannot be written; nothing half-written is left behind.
    """
    def fill(temp: Path) -> None:
        with open(create_private(temp), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    replace_atomically(Path(path), fill)


def replace_atomically(path: Path, fill: Callable[[Path], T]) -> T:
    """Fill a fresh temporary file beside ``path``, then rename it over ``path``."""
    if path.is_dir():
        raise ExportError(f"Cannot write {path}: it is a folder.")
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        result = fill(temp)
        os.replace(temp, path)
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {_why(exc)}.") from exc
    finally:
        _remove_quietly(temp)
    return result


def _remove_quietly(temp: Path) -> None:
    # On a read-only disk or under a file even removing the never-made temp fails; that must not
    # hide the error that says why the export was not written.
    try:
        temp.unlink()
    except OSError:
        pass


def create_private(temp: Path) -> int:
    """A new file (never an existing one) that only this account can read; returns its descriptor."""
    # O_EXCL: never write through someone else's file; 0600: results are for this account only
    return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)


def _write_rows(temp: Path, columns: list[str], rows: Iterable[Sequence[str]]) -> int:
    count = 0
    with open(create_private(temp), "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([format_cell(name) for name in columns])
        write, commas = handle.write, len(columns) - 1
        for row in rows:
            # The CSV writer writes a row none of whose cells holds a comma, a quote or a line break
            # as its cells joined by commas (a lone empty cell aside, which it quotes). That is
            # the common row, and joining costs far less than the writer's per-cell checks; any
            # other row goes to the writer.
            line = ",".join(row)
            if line and line.count(",") == commas and '"' not in line and "\n" not in line and "\r" not in line:
                write(line + "\r\n")
            else:
                writer.writerow(row)
            count += 1
        handle.flush()
        os.fsync(handle.fileno())
    return count
