"""The store as the app uses it: a write made in play that fails is kept, in order, for a retry.

A full disk, a read-only store, a lock held too long or a clinic database that is not reachable
makes the store raise StoreError. During play that must neither close the program nor lose the
answer in hand: the write is kept in memory with the id its row will have, the writes after it
queue behind it (a trial after its run, a run's end after its trials), and ``retry`` saves them in
order. While any is kept they are also in a file in the data folder, replaced whole at every
change, so a crash or a power cut loses none; the next start saves what a closing left there
(``games.core.engine.unsaved``). A write found already saved (its row is there: it reached the server
just before the connection dropped) counts as saved, so nothing is ever saved twice.

On the SQLite file the app shows the problem and the person chooses Try again. On a clinic's
server the person plays on, and ``tick`` asks the server again now and then, off the loop's thread
(``games.core.engine.reconnect``), and writes what is kept once it answers.
"""

from __future__ import annotations

import copy
import inspect
import logging
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from games.core.engine.reconnect import Reconnect
from games.core.engine.unsaved import as_text, claim, claimable_files, read_unsaved, save_unsaved, unclaim
from scores.store.database import IntegrityError, StoreError, new_id
from scores.store.store import Store

log = logging.getLogger(__name__)

# the writes play makes: of a sitting, a run and its trials, a session's items and mood checks
CREATES = frozenset({"start_session", "start_run", "add_trial", "add_level_change", "start_session_item", "add_mood_check"})
PLAY_WRITES = CREATES | {"end_session", "finish_run", "finish_session_item"}
ANSWERS = frozenset({"add_trial", "add_mood_check"})  # what the person answered, as they count it
# reads the launcher needs to go on playing (the clients, the tiles, a run's start level): on a
# clinic's server, the last answer of each is remembered and given while the server is away
WRITES_PER_FRAME = 20  # kept writes sent per frame once the server answers again (each a round trip)
REMEMBERED_READS = frozenset({
    "list_clients", "get_client", "played_runs", "has_met", "latest_plan_name", "app_setting",
    "exercise_settings", "recent_estimates", "last_estimate", "saved_plans", "best_run",
    "assignments", "assigned_sessions", "therapists",
})


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
        shared: whether the store is a clinic's server (play goes on while it is away).
        kept_in: the file holding the pending writes, while any are pending and it could be written.
    """

    def __init__(self, store: Any) -> None:
        self.store = store
        self.pending: list[Write] = []
        self.problem: StoreError | None = None
        self.shared = bool(getattr(store, "is_shared", False))
        self.kept_in: Path | None = None
        self._file_failed = False  # the file could not be written: said once in the log
        self.reconnect = Reconnect(self._server_answers)
        self._known: dict[tuple[str, str], Any] = {}  # the remembered reads' last answers
        self._draining = False  # the server answered: the kept writes go out, a few each frame

    def __getattr__(self, name: str) -> Any:
        if name in PLAY_WRITES:
            return partial(self._write, name)
        if name in REMEMBERED_READS and self.shared:
            return partial(self._read, name)
        return getattr(self.store, name)

    def _read(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """A read from the server, or while it is away the last answer it gave (what is known)."""
        key = (name, repr((args, sorted(kwargs.items()))))
        if self.away and key in self._known:  # no wait for a server known to be away
            return copy.deepcopy(self._known[key])
        try:
            value = getattr(self.store, name)(*args, **kwargs)
        except StoreError:
            if key not in self._known:
                raise
            log.info("the clinic database did not answer %s; the last answer is shown", name)
            return copy.deepcopy(self._known[key])
        self._known[key] = copy.deepcopy(value)
        return value

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
        else:
            self._keep()
        return bound.get("row_id")

    def retry(self) -> bool:
        """Save the kept writes in order, up to the first that fails; returns whether all are saved."""
        return self._drain(None) is True

    def _drain(self, limit: int | None) -> bool | None:
        """Save up to ``limit`` kept writes (all when None), in order, up to the first that fails.
        Returns True when all are saved, False when one failed, None when more wait their turn."""
        try:
            saved = 0
            while self.pending and (limit is None or saved < limit):
                try:
                    self._save(self.pending[0].method, self.pending[0].args)
                except StoreError as err:
                    if self.problem is None:
                        log.error("%s could not be saved; it is kept for a retry: %s", self.pending[0].method, err)
                    self.problem = err
                    return False
                except Exception:
                    self.pending.pop(0)  # refused for good (a bug, not the disk): trying again would not help
                    raise
                self.pending.pop(0)
                saved += 1
        finally:
            self._keep()
        if self.pending:
            return None
        if self.problem is not None:
            log.info("every kept write is saved now")
        self.problem = None
        return True

    def _save(self, method: str, args: dict[str, Any]) -> None:
        """One write; a row found already there (same id) was saved before and is not saved again."""
        try:
            getattr(self.store, method)(**args)
        except IntegrityError as err:
            if not (err.duplicate and args.get("row_id")):
                raise
            log.info("%s %s was saved already", method, args["row_id"])

    def _keep(self) -> None:
        """The pending writes to their file, replaced whole; the file gone once nothing is pending."""
        if not self.pending:
            if self.kept_in is not None:
                self.kept_in.unlink(missing_ok=True)
                self.kept_in = None
            return
        try:
            self.kept_in = save_unsaved([(w.method, w.args) for w in self.pending], self.data_dir, self.kept_in)
        except OSError as err:
            if not self._file_failed:
                log.error("the kept writes could not be written to a file (%s); they are kept in memory", err)
            self._file_failed = True

    # -- a clinic's server that is away --------------------------------------------------------
    @property
    def away(self) -> bool:
        """Whether play is being kept on this PC because the clinic's server does not answer."""
        return self.shared and self.problem is not None

    def _server_answers(self) -> bool:
        return bool(self.store.answers())

    @property
    def draining(self) -> bool:
        """Whether the server answers again and what was kept is being written, a few each frame."""
        return self._draining and self.away

    def tick(self, now_ms: float) -> bool:
        """Called every frame: while the server is away, ask it now and then (off this thread) and,
        once it answers, write what is kept, ``WRITES_PER_FRAME`` at a time (a long absence's
        hundreds never freeze the screen at once). Returns True when the last of it was written."""
        if not self.away:
            return False
        if not self._draining:
            self.reconnect.lost(now_ms)
            if not self.reconnect.answered(now_ms):
                return False
        outcome = self._drain(WRITES_PER_FRAME)
        self._draining = outcome is None
        if outcome is True:
            log.info("the clinic database answers again; the play kept on this PC is written")
            self.reconnect.back()
            return True
        if outcome is False:
            self.reconnect.failed_again(now_ms)
        return False

    def background_work(self) -> Any:
        """The question to the server under way off the loop, if any (a test's pilot waits for it)."""
        return self.reconnect.asking if self.away else None

    def answers_pending(self) -> int:
        """How many of the person's answers (trials, mood checks) are kept unsaved."""
        return sum(write.method in ANSWERS for write in self.pending)

    def set_aside(self) -> Path | None:
        """On closing: every kept write to the file the next start saves, and to the log. Returns the
        file, or None when there was nothing to keep or it could not be written."""
        if not self.pending:
            return None
        writes = self.pending
        for write in writes:
            log.warning("not saved: %s", as_text(write.method, write.args))
        self._file_failed = False
        self._keep()
        path, self.pending, self.problem, self.kept_in = self.kept_in, [], None, None
        if path is None or self._file_failed:
            log.error("the %d unsaved writes could not be kept in a file; they are in this log", len(writes))
            return None
        log.warning("the %d unsaved writes are kept in %s for the next start", len(writes), path)
        return path

    def take_back(self) -> int:
        """Save the writes an earlier run of the program set aside; returns how many files were done.

        Each file is first claimed (renamed), so two PCs or programs starting at once never both
        take it. A file whose writes cannot all be saved now gets its name back and stays for the
        next start; a write found already saved (its row exists) is skipped, so a file is never
        saved twice over.
        """
        done = 0
        for path in claimable_files(self.data_dir):
            claimed = claim(path)
            if claimed is None:
                continue  # another start took it first
            try:
                for method, args in read_unsaved(claimed):
                    self._replay(method, args)
            except (StoreError, ValueError, OSError) as err:
                log.error("the unsaved writes in %s were not all saved (%s); the file stays", path, err)
                unclaim(claimed)
                continue
            claimed.unlink()
            log.info("the unsaved writes in %s are saved now", path)
            done += 1
        return done

    def _replay(self, method: str, args: dict[str, Any]) -> None:
        if method not in PLAY_WRITES:
            raise ValueError(f"{method!r} is not a write this program sets aside")
        try:
            self._save(method, args)
        except IntegrityError as err:
            raise ValueError(f"{method} could not be saved ({err})") from err
