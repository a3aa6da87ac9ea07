"""What a planned session's summary shows, read back from the store so it says what was recorded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scores.analysis.levels import counting


@dataclass(frozen=True)
class ItemSummary:
    """One item of the session as stored (exercise figures cover scored runs only)."""

    position: int
    kind: str
    exercise: str | None
    planned_s: float | None
    active_s: float | None
    outcome: str | None
    n_trials: int
    accuracy: float | None
    start_level: int | None
    end_level: int | None


@dataclass(frozen=True)
class SessionSummary:
    session_id: str
    plan_name: str | None
    stopped_early: bool
    items: tuple[ItemSummary, ...]
    mood_before: dict[str, int] | None
    mood_after: dict[str, int] | None
    levels: tuple[tuple[str, int, int | None], ...]  # (exercise, level, best before the session)

    @property
    def personal_bests(self) -> tuple[tuple[str, int], ...]:
        """(exercise, level) where the session beat every earlier counting run."""
        return tuple((exercise, level) for exercise, level, before in self.levels
                     if before is not None and level > before)

    @property
    def active_s(self) -> float:
        return sum(item.active_s or 0.0 for item in self.items)

    @property
    def n_trials(self) -> int:
        return sum(item.n_trials for item in self.items)

    @property
    def exercises(self) -> tuple[ItemSummary, ...]:
        return tuple(item for item in self.items if item.kind == "exercise" and item.n_trials)


def _mood(checks: list[dict[str, Any]], moment: str) -> dict[str, int] | None:
    chosen = [c for c in checks if c["moment"] == moment]
    if not chosen:
        return None
    check = chosen[0] if moment == "before" else chosen[-1]
    return {scale: check[scale] for scale in ("mood", "calm", "energy")}


def _levels(store: Any, session_id: str) -> tuple[tuple[str, int, int | None], ...]:
    """(exercise, the session's level, the best before the session) for each exercise played.

    The session's level is the highest level of its counting runs, as ``scores.analysis.levels`` defines it.
    """
    rows = store._conn.execute(
        "SELECT r.exercise, max(r.end_level) AS level, min(r.started_at) AS first,"
        " (SELECT max(o.end_level) FROM runs o WHERE o.client_id = r.client_id AND o.exercise = r.exercise"
        f"  AND {counting('o')} AND o.session_id != r.session_id"
        "  AND julianday(o.started_at) < julianday(min(r.started_at))) AS before"
        f" FROM runs r WHERE r.session_id = ? AND {counting('r')}"
        " GROUP BY r.exercise, r.client_id, r.session_id ORDER BY first, r.exercise",
        (session_id,),
    ).fetchall()
    return tuple((row["exercise"], row["level"], row["before"]) for row in rows)


def session_summary(store: Any, session_id: str) -> SessionSummary:
    """The session's summary from what the store holds."""
    session = store._conn.execute(
        "SELECT plan_name, stopped_early FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    if session is None:
        raise KeyError(f"no session with id {session_id!r}")
    items = tuple(
        ItemSummary(
            row["position"], row["kind"], row["exercise"], row["planned_s"], row["active_s"], row["outcome"],
            row["n_trials"], row["accuracy"], row["start_level"], row["end_level"],
        )
        for row in store.iter_item_rows(session_id=session_id)
    )
    checks = store.mood_checks(session_id)
    return SessionSummary(
        session_id, session["plan_name"], bool(session["stopped_early"]), items,
        _mood(checks, "before"), _mood(checks, "after"), _levels(store, session_id),
    )
