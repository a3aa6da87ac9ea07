"""The audit: who exported, reported, changed settings or plans, removed a PIN or added a therapist.

Every such act, from the launcher or the command line, on one PC's store or a clinic's shared one,
adds a row to ``audit``: when (UTC), who (the therapist signed in, if any), from where (the
launcher or the command line), what, which client, and a line of detail. Rows are only ever
added; the clinic's role for the PCs may not change or delete them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Callable, Iterator

from scores.store.clients import Client
from scores.store.connection import Connection
from scores.store.database import iso, new_id
from scores.store.queries import Filters, _where

VIA_LAUNCHER, VIA_COMMAND_LINE = "launcher", "command line"
# What the audit records; the words a therapist reads for each on the Activity page.
ACTION_WORDS: dict[str, str] = {
    "sign_in": "signed in",
    "export": "exported",
    "import": "brought in a bundle",
    "report": "wrote a progress report",
    "settings": "changed exercise settings",
    "plan_edit": "saved a plan",
    "plan_delete": "deleted a plan",
    "plan_assign": "started a planned session",
    "home_assign": "assigned a plan for home",
    "home_change": "changed a plan for home",
    "home_end": "ended a plan for home",
    "pin_removed": "removed a PIN",
    "therapist_added": "added a therapist",
}


@dataclass(frozen=True)
class Actor:
    """Who acts on a store: a therapist signed in (by id and name), or nobody named, from ``via``."""

    therapist_id: str | None = None
    therapist_name: str | None = None
    via: str = VIA_COMMAND_LINE


COMMAND_LINE = Actor()
LAUNCHER = Actor(via=VIA_LAUNCHER)


def who(therapist_name: str | None, via: str) -> str:
    """The "who" a person reads: the therapist's name, else where the act came from."""
    if therapist_name:
        return therapist_name
    return "Command line" if via == VIA_COMMAND_LINE else "Therapist (this PC's PIN)"


def period_words(since: date | None, until: date | None) -> str:
    """', from 2026-03-01 to 2026-03-31' (either end alone), or '' for no period: an audit's detail."""
    return (f", from {since}" if since else "") + (f" to {until}" if until else "")


@dataclass(frozen=True)
class AuditEntry:
    """One audit row as the Activity page shows it (``client`` is the label the therapist view uses)."""

    at: str
    who: str
    action: str
    client: str
    detail: str

    @property
    def what(self) -> str:
        return ACTION_WORDS.get(self.action, self.action.replace("_", " "))


_SELECT = (
    "SELECT a.id AS audit_id, a.at, t.name AS therapist, a.via, a.action, c.client_code, c.display_name, a.detail"
    " FROM audit a LEFT JOIN therapists t ON t.id = a.therapist_id LEFT JOIN clients c ON c.id = a.client_id"
)


class AuditRecords:
    """Adding to and reading the audit (mixed into Store). ``actor`` says who acts now."""

    _conn: Connection
    _write: Callable[..., int]
    actor: Actor = COMMAND_LINE

    def act_as(self, actor: Actor) -> None:
        """From now on the audit records ``actor`` (a therapist signing in or out)."""
        self.actor = actor

    def record_audit(self, action: str, client: Client | None = None, detail: str = "",
                     now: datetime | None = None, actor: Actor | None = None) -> str:
        """Add one audit row for ``action`` by ``actor`` (by default the current one); returns its id."""
        if action not in ACTION_WORDS:
            raise ValueError(f"audit action {action!r} is not one of {tuple(ACTION_WORDS)}")
        row_id = new_id()
        actor = actor or self.actor
        self._write(
            "INSERT INTO audit (id, at, therapist_id, via, action, client_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (row_id, iso((now or datetime.now(timezone.utc)).astimezone(timezone.utc)), actor.therapist_id, actor.via, action,
             client.id if client else None, detail),
        )
        return row_id

    def recent_audit(self, limit: int = 200) -> list[AuditEntry]:
        """The newest ``limit`` audit rows, newest first, as the Activity page shows them."""
        rows = self._conn.execute(f"{_SELECT} ORDER BY a.at DESC, a.rowid DESC LIMIT ?", (limit,)).fetchall()
        return [
            AuditEntry(row["at"], who(row["therapist"], row["via"]), row["action"],
                       (row["display_name"] or row["client_code"] or ""), row["detail"])
            for row in rows
        ]

    def iter_audit_rows(self, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
        """Audit rows oldest first, for the export; dates and a client filter as the other exports'."""
        where, params = _where(filters, "a.at")
        for row in self._conn.execute(f"{_SELECT} WHERE {where} ORDER BY a.at, a.rowid", params):
            out = dict(row)
            out["who"] = who(out["therapist"], out["via"])
            yield out
