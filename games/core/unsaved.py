"""Writes the store refused, kept in a file in the data folder until a later start saves them.

One JSON file per closing, private to the user (0600) like the store: each write's method and its
arguments, times as ISO 8601 text and a client as the fields the store needs (never the name).
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scores.clients import Client

PREFIX, SUFFIX = "unsaved-", ".json"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$time": value.isoformat()}
    if isinstance(value, Client):
        return {"$client": asdict(replace(value, display_name=None))}
    if hasattr(value, "item") and callable(value.item):  # numpy scalars in a run's measures
        return value.item()
    raise TypeError(f"{type(value).__name__} {value!r} cannot be kept in a file")


def _revived(value: dict[str, Any]) -> Any:
    if set(value) == {"$time"}:
        return datetime.fromisoformat(value["$time"])
    if set(value) == {"$client"}:
        return Client(**value["$client"])
    return value


def as_text(method: str, args: dict[str, Any]) -> str:
    """One write as a line of JSON, as the file holds it (for the log)."""
    return json.dumps({"method": method, "args": args}, default=_plain, ensure_ascii=False)


def save_unsaved(writes: list[tuple[str, dict[str, Any]]], data_dir: Path) -> Path:
    """Write ``writes`` (method, arguments), in order, to a new private file; returns its path."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = Path(data_dir) / f"{PREFIX}{stamp}-{secrets.token_hex(4)}{SUFFIX}"
    text = json.dumps([{"method": m, "args": a} for m, a in writes], default=_plain, ensure_ascii=False, indent=1)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    return path


def read_unsaved(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """The writes in a file ``save_unsaved`` made, in order. Raises ValueError if it is damaged."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"), object_hook=_revived)
    try:
        return [(str(row["method"]), dict(row["args"])) for row in rows]
    except (KeyError, TypeError) as err:
        raise ValueError(f"{path} is not a file of unsaved writes") from err


def unsaved_files(data_dir: Path) -> list[Path]:
    """The files of unsaved writes in the data folder, oldest first."""
    return sorted(Path(data_dir).glob(f"{PREFIX}*{SUFFIX}"))
