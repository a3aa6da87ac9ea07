"""The store as the app uses it: a write made in play that fails is kept, in order, for a retry.

A full disk, a read-only store or a lock held too long makes the store raise StoreError. During
play that must neither close the program nor lose the answer in hand: the write is kept in
memory with the id its row will have, the writes after it queue behind it (a trial after its run,
a run's end after its trials), and ``retry`` saves them in order. The app shows the problem while
any is kept; on closing, what is still kept goes to a file that the next start saves
(``games.core.unsaved``).
"""

from __future__ import annotations

import inspect
import logging
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from games.core.unsaved import as_text, read_unsaved, save_unsaved, unsaved_files
from scores.database import IntegrityError, StoreError, new_id
from scores.store import Store

log = logging.getLogger(__name__)

# the writes play makes: of a sitting, a run and its trials, a session's items and mood checks
CREATES = frozenset({"start_session", "start_run", "add_trial", "add_level_change", "start_session_item", "add_mood_check"})
PLAY_WRITES = CREATES | {"end_session", "finish_run", "finish_session_item"}
ANSWERS = frozenset({"add_trial", "add_mood_check"})  # what the person answered, as they count it


@dataclass(frozen=True)
class Write:
    """One store write, its arguments by name (a new row's id among them)."""

    method: str
    args: dict[str, Any]


class GuardedStore:
    """Wraps ``store``: reads and other writes pass through; play writes are guarded.

    Attributes:
        pending: the play writes not yet saved, oldest first.
        problem: the error of the last write tried, while any is pending.
    """

    def __init__(self, store: Any) -> None:
        self.store = store
        self.pending: list[Write] = []
        self.problem: StoreError | None = None

    def __getattr__(self, name: str) -> Any:
        if name in PLAY_WRITES:
            return partial(self._write, name)
        return getattr(self.store, name)

    @property
    def data_dir(self) -> Path:
        return Path(self.store.data_dir)

    def _write(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Save now, or keep for later (behind any already kept); returns the new row's id, if any."""
        bound = inspect.signature(getattr(Store, method)).bind(None, *args, **kwargs).arguments
        bound.pop("self")
        if method in CREATES and bound.get("row_id") is None:
            bound["row_id"] = new_id()
        self.pending.append(Write(method, dict(bound)))
        if len(self.pending) == 1:  # while others wait, a write waits behind them: no second delay
            self.retry()
        return bound.get("row_id")

    def retry(self) -> bool:
        """Save the kept writes in order, up to the first that fails; returns whether all are saved."""
        while self.pending:
            write = self.pending[0]
            try:
                getattr(self.store, write.method)(**write.args)
            except StoreError as err:
                if self.problem is None:
                    log.error("%s could not be saved; it is kept for a retry: %s", write.method, err)
                self.problem = err
                return False
            except Exception:
                self.pending.pop(0)  # refused for good (a bug, not the disk): trying again would not help
                raise
            self.pending.pop(0)
        if self.problem is not None:
            log.info("every kept write is saved now")
        self.problem = None
        return True

    def answers_pending(self) -> int:
        """How many of the person's answers (trials, mood checks) are kept unsaved."""
        return sum(write.method in ANSWERS for write in self.pending)

    def set_aside(self) -> Path | None:
        """On closing: every kept write to a file the next start saves, and to the log. Returns the
        file, or None when there was nothing to keep or it could not be written."""
        if not self.pending:
            return None
        writes, self.pending, self.problem = self.pending, [], None
        for write in writes:
            log.warning("not saved: %s", as_text(write.method, write.args))
        try:
            path = save_unsaved([(w.method, w.args) for w in writes], self.data_dir)
        except OSError as err:
            log.error("the %d unsaved writes could not be kept in a file either (%s); they are in this log", len(writes), err)
            return None
        log.warning("the %d unsaved writes are kept in %s for the next start", len(writes), path)
        return path

    def take_back(self) -> int:
        """Save the writes an earlier run of the program set aside; returns how many files were done.

        A file whose writes cannot all be saved now stays for the next start; a write found already
        saved (its row exists) is skipped, so a file is never saved twice over.
        """
        done = 0
        for path in unsaved_files(self.data_dir):
            try:
                for method, args in read_unsaved(path):
                    self._replay(method, args)
            except (StoreError, ValueError, OSError) as err:
                log.error("the unsaved writes in %s were not all saved (%s); the file stays", path, err)
                continue
            path.unlink()
            log.info("the unsaved writes in %s are saved now", path)
            done += 1
        return done

    def _replay(self, method: str, args: dict[str, Any]) -> None:
        if method not in PLAY_WRITES:
            raise ValueError(f"{method!r} is not a write this program sets aside")
        try:
            getattr(self.store, method)(**args)
        except IntegrityError as err:
            if not err.duplicate:
                raise ValueError(f"{method} could not be saved ({err})") from err
            log.info("%s %s was saved already", method, args.get("row_id", ""))
