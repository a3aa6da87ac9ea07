"""The store's clinic records: saved plans, a session's items and mood checks, settings of this PC."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Callable, Mapping

from scores.clinic.plans import LevelRanges, Plan, PlanError, plan_from_json
from scores.store.connection import Connection
from scores.store.database import IntegrityError, iso, new_id

MOOD_MOMENTS: tuple[str, ...] = ("before", "after")
MOOD_SCALES: tuple[str, ...] = ("mood", "calm", "energy")
ITEM_OUTCOMES: tuple[str, ...] = ("done", "skipped", "stopped")


def _now() -> str:
    return iso(datetime.now(timezone.utc))


class ClinicRecords:
    """Writes and reads for plans, session items, mood checks and app settings (mixed into Store)."""

    _conn: Connection
    _write: Callable[..., int]
    _update_one: Callable[..., None]
    record_audit: Callable[..., str]

    # --- settings of this PC (the therapist's PIN record lives here) --------------------
    def app_setting(self, key: str) -> Any:
        """The JSON value stored under ``key``, or None."""
        row = self._conn.execute("SELECT value_json FROM app_settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row["value_json"]) if row else None

    def set_app_setting(self, key: str, value: Any) -> None:
        self._write(
            "INSERT INTO app_settings (id, key, value_json, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at",
            (new_id(), key, json.dumps(value, sort_keys=True), _now()),
        )

    # --- plans ---------------------------------------------------------------------------
    def save_plan(self, plan: Plan, replacing: str | None = None) -> None:
        """Save a new plan, or with ``replacing`` overwrite (and maybe rename) that saved plan.

        Raises:
            PlanError: when another saved plan already has the name.
        """
        try:
            if replacing is None or self._write(
                "UPDATE plans SET name = ?, plan_json = ?, updated_at = ? WHERE name = ?",
                (plan.name, plan.to_json(), _now(), replacing),
            ) == 0:
                self._write("INSERT INTO plans (id, name, plan_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                            (new_id(), plan.name, plan.to_json(), _now(), _now()))
        except IntegrityError:
            raise PlanError(f"A plan called '{plan.name}' already exists; choose another name.") from None
        renamed = f" (was '{replacing}')" if replacing not in (None, plan.name) else ""
        self.record_audit("plan_edit", detail=f"'{plan.name}'{renamed}")

    def saved_plans(self, exercises: LevelRanges) -> list[Plan]:
        """The plans saved in this store, by name; one naming a removed exercise is left out."""
        plans = []
        for row in self._conn.execute("SELECT plan_json FROM plans ORDER BY name"):
            try:
                plans.append(plan_from_json(row["plan_json"], exercises))
            except PlanError:
                continue
        return plans

    def delete_plan(self, name: str) -> bool:
        deleted = self._write("DELETE FROM plans WHERE name = ?", (name,)) == 1
        if deleted:
            self.record_audit("plan_delete", detail=f"'{name}'")
        return deleted

    # --- a session's items and mood checks -------------------------------------------------
    def start_session_item(
        self, session_id: str, *, position: int, kind: str, exercise: str | None,
        planned_s: float | None, started_at: datetime, row_id: str | None = None,
    ) -> str:
        """Record that item ``position`` (from 1) of a session's plan began. Returns its id."""
        item_id = row_id or new_id()
        self._write(
            "INSERT INTO session_items (id, session_id, position, kind, exercise, planned_s, started_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (item_id, session_id, position, kind, exercise, planned_s, iso(started_at)),
        )
        return item_id

    def finish_session_item(self, item_id: str, *, ended_at: datetime, active_s: float, outcome: str) -> None:
        """Close an item: ``active_s`` excludes pauses; outcome is done, skipped or stopped."""
        if outcome not in ITEM_OUTCOMES:
            raise ValueError(f"item outcome {outcome!r} is not one of {ITEM_OUTCOMES}")
        self._update_one(
            "UPDATE session_items SET ended_at = ?, active_s = ?, outcome = ? WHERE id = ?",
            (iso(ended_at), active_s, outcome, item_id), "session item",
        )

    def add_mood_check(
        self, session_id: str, *, moment: str, answers: Mapping[str, int], at: datetime,
        session_item_id: str | None = None, row_id: str | None = None,
    ) -> str:
        """Record a mood check: ``answers`` maps mood, calm and energy to 1..5. Returns its id."""
        if moment not in MOOD_MOMENTS:
            raise ValueError(f"mood check moment {moment!r} is not one of {MOOD_MOMENTS}")
        values = [answers[scale] for scale in MOOD_SCALES]
        if any(isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 5 for v in values):
            raise ValueError(f"mood check answers must be whole numbers 1 to 5, not {dict(answers)}")
        check_id = row_id or new_id()
        self._write(
            "INSERT INTO mood_checks (id, session_id, session_item_id, moment, mood, calm, energy, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (check_id, session_id, session_item_id, moment, *values, iso(at)),
        )
        return check_id

    def mood_checks(self, session_id: str) -> list[dict[str, Any]]:
        """A session's mood checks in the order they were answered."""
        rows = self._conn.execute(
            "SELECT moment, mood, calm, energy, at FROM mood_checks WHERE session_id = ? ORDER BY at, rowid",
            (session_id,),
        )
        return [dict(row) for row in rows]
