"""Therapist mode's exports: CSV files in the data folder's exports/, and the note that says where they went."""

from __future__ import annotations

import itertools
import logging
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pygame

from games.core.ui.widgets import draw_text, wrap
from games.paths import check_out_path
from scores.store.clients import Client

log = logging.getLogger(__name__)

MAX_NOTICE_LINES = 10


def file_part(text: str) -> str:
    """``text`` made safe as part of a file name on every system."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "client"


def file_stamp(when: datetime) -> str:
    """The minute ``when`` (the app's calendar time) as a file name says it, on this PC's local clock."""
    return when.astimezone().strftime("%Y%m%d-%H%M")


def exports_folder(app: Any) -> Path:
    """``<data folder>/exports``, created if needed.

    Raises:
        ExportError: if the folder cannot be created.
    """
    from scores.export.csvfile import ExportError
    from scores.store.private import private_folder

    folder = Path(app.store.data_dir) / "exports"
    try:
        private_folder(folder)
    except OSError as exc:
        raise ExportError(f"Cannot create the folder {folder}: {exc.strerror or exc}.") from exc
    return folder


def fresh_path(folder: Path, stem: str, suffix: str, data_folder: Path | None = None) -> Path:
    """``folder/<stem><suffix>``, or ``<stem>-2<suffix>``, ``-3``... if taken: an export never replaces a file.

    Args:
        data_folder: the data folder whose own files are out of reach; by default ``folder``'s parent
            (``folder`` is its ``exports/``).

    Raises:
        ExportError: if the name would reach the data folder's own files (see check_out_path).
    """
    names = (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}" for number in itertools.count(1))
    path = next(folder / name for name in names if not os.path.lexists(folder / name))
    return check_out_path(path, folder.parent if data_folder is None else data_folder)


def export_csvs(app: Any, prefix: str, kinds: tuple[str, ...], client: Client | None = None) -> list[Path]:
    """Write one CSV per kind into the exports folder (only ``client``'s rows when given)."""
    from games.registry import EXERCISES
    from scores.export.tables import export_kind
    from scores.store.queries import Filters

    folder, stamp = exports_folder(app), file_stamp(app.now())
    filters = Filters(client_code=client.code if client else None)
    paths = []
    for kind in kinds:
        path = fresh_path(folder, f"{file_part(prefix)}-{kind}-{stamp}", ".csv")
        export_kind(kind, app.store, [e.spec for e in EXERCISES], path, filters)
        paths.append(path)
    log.info("exported %s", ", ".join(p.name for p in paths))
    return paths


def saved_notice(what: str, paths: list[Path]) -> list[str]:
    """The note after an export: the folder in full, then each file's name."""
    return [f"{what} saved in {paths[0].parent}:", *("  " + p.name for p in paths)]


def draw_notice(surface: pygame.Surface, theme: Any, lines: list[str], rect: pygame.Rect) -> None:
    """A framed note (saved paths, a refusal) whose long words wrap by characters."""
    pal, font = theme.palette, theme.font("small")
    pygame.draw.rect(surface, pal.surface, rect, border_radius=theme.radius // 2)
    pygame.draw.rect(surface, pal.border, rect, width=2, border_radius=theme.radius // 2)
    y = rect.top + theme.gap(0.5)
    for line in notice_lines(theme, lines, rect.width):
        draw_text(surface, line, font, pal.text, (rect.left + theme.gap(), y))
        y += font.get_linesize()


def notice_lines(theme: Any, lines: list[str], width: int) -> list[str]:
    font = theme.font("small")
    wrapped = [part for line in lines for part in wrap(line, font, width - 2 * theme.gap())]
    return wrapped[:MAX_NOTICE_LINES]


def notice_height(theme: Any, lines: list[str], width: int) -> int:
    if not lines:
        return 0
    return len(notice_lines(theme, lines, width)) * theme.font("small").get_linesize() + theme.gap()
