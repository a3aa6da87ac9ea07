"""Writes the store refused, kept in a file in the data folder until a later start saves them.

One JSON file per run of the program that had writes kept, private to the user (0600) like the
store: each write's method and its arguments, times as ISO 8601 text and a client as the fields
the store needs (never the name). The file is replaced whole at every change (written beside it,
flushed to the disk, then renamed over it), so a crash or a power cut leaves the last whole version.
A start that saves a file first claims it by renaming it, so two starting at once never both take it.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from dataclasses import asdict, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scores.store.clients import Client

PREFIX, SUFFIX = "unsaved-", ".json"
CLAIMED = "claimed-"  # a file a start is saving: claimed-<unix time>-<token>-unsaved-….json
STALE_CLAIM_S = 15 * 60  # a claim this old was a start that stopped midway: its file is taken again


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


def unsaved_path(data_dir: Path) -> Path:
    """A new file name for kept writes in ``data_dir`` (nothing is written yet)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return Path(data_dir) / f"{PREFIX}{stamp}-{secrets.token_hex(4)}{SUFFIX}"


def save_unsaved(writes: list[tuple[str, dict[str, Any]]], data_dir: Path, path: Path | None = None) -> Path:
    """Write ``writes`` (method, arguments), in order, to a private file; returns its path.

    ``path`` (a file this program keeps its writes in) is replaced whole, never left half written;
    without it a new file is made.
    """
    path = path or unsaved_path(data_dir)
    text = json.dumps([{"method": m, "args": a} for m, a in writes], default=_plain, ensure_ascii=False, indent=1)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` last through a power cut (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows opens no folders; its renames are written through
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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


def claimable_files(data_dir: Path, now_s: float | None = None) -> list[Path]:
    """The files a start may save, oldest first: every file of kept writes, and those claimed so
    long ago that the start which claimed them must have stopped before it was done."""
    now_s = time.time() if now_s is None else now_s
    stale = [path for path in Path(data_dir).glob(f"{CLAIMED}*{SUFFIX}") if now_s - _claimed_at(path) > STALE_CLAIM_S]
    return sorted(unsaved_files(data_dir) + stale, key=lambda path: original_name(path))


def _claimed_at(path: Path) -> float:
    match = re.match(rf"{CLAIMED}(\d+)-", path.name)
    return float(match.group(1)) if match else 0.0


def original_name(path: Path) -> str:
    """The name a file of kept writes had before any claim."""
    return path.name[path.name.index(PREFIX):] if PREFIX in path.name else path.name


def claim(path: Path) -> Path | None:
    """Rename ``path`` to a name that is this start's alone; None when another start took it first."""
    claimed = path.with_name(f"{CLAIMED}{int(time.time())}-{secrets.token_hex(4)}-{original_name(path)}")
    try:
        os.rename(path, claimed)
    except FileNotFoundError:
        return None
    return claimed


def unclaim(claimed: Path) -> Path:
    """Give a claimed file its first name back (it could not be saved now); returns that name."""
    path = claimed.with_name(original_name(claimed))
    os.replace(claimed, path)
    return path
