"""A client's page in therapist mode: hand over, sessions, history, settings, reports and exports."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pygame

from games.core.ui.widgets import Button, FocusList, TextField, draw_text, wrap
from games.launcher.assignment_screens import home_summary
from games.launcher.clients import NewClientScene
from games.launcher.common import FramedScene
from games.launcher.therapist import HandOver, close_therapist_screens, draw_menu
from games.launcher.therapist_exports import (
    draw_notice, export_csvs, exports_folder, file_part, file_stamp, fresh_path, notice_height, saved_notice,
)
from scores.store.clients import Client, ClientNameError

log = logging.getLogger(__name__)

MAX_HISTORY_RUNS = 30


@dataclass(frozen=True)
class HistoryRun:
    """One exercise run as the history lists it."""

    exercise: str
    start_level: int
    end_level: int | None
    accuracy: float | None
    n_trials: int
    practice: bool
    completed: bool

    def line(self) -> str:
        levels = f"level {self.start_level}" if self.end_level in (None, self.start_level) else \
            f"level {self.start_level} to {self.end_level}"
        right = "" if self.accuracy is None else f", {self.accuracy:.0%} right"
        trials = "1 trial" if self.n_trials == 1 else f"{self.n_trials} trials"
        note = " (practice)" if self.practice else "" if self.completed else " (stopped early)"
        return f"{self.exercise}: {levels}{right}, {trials}{note}"


@dataclass(frozen=True)
class HistorySession:
    """A sitting: when, what kind (home, clinic...), its plan if any, and its runs in order."""

    started_at: datetime
    kind: str
    plan_name: str | None
    runs: tuple[HistoryRun, ...]

    def heading(self) -> str:
        when = self.started_at.astimezone().strftime("%a %d %b %Y, %H:%M")
        return f"{when}  ·  {self.kind}" + (f"  ·  {self.plan_name}" if self.plan_name else "")


def client_history(store: Any, client: Client, max_runs: int = MAX_HISTORY_RUNS) -> list[HistorySession]:
    """The client's latest runs with at least one trial, grouped by session, newest session first."""
    from games.registry import EXERCISES

    titles = {e.id: e.spec.title for e in EXERCISES}
    rows = store._conn.execute(
        "SELECT r.session_id, s.started_at AS session_start, s.kind, s.plan_name, r.exercise, r.start_level,"
        " r.end_level, r.accuracy, r.n_trials, r.practice, r.completed FROM runs r"
        " JOIN sessions s ON s.id = r.session_id WHERE r.client_id = ? AND r.n_trials > 0"
        " ORDER BY julianday(r.started_at) DESC, r.id DESC LIMIT ?",
        (client.id, max_runs),
    ).fetchall()
    sessions: dict[str, tuple[Any, list[HistoryRun]]] = {}
    for row in rows:
        run = HistoryRun(titles.get(row["exercise"], row["exercise"]), row["start_level"], row["end_level"],
                         row["accuracy"], row["n_trials"], bool(row["practice"]), bool(row["completed"]))
        sessions.setdefault(row["session_id"], (row, []))[1].append(run)
    return [
        HistorySession(datetime.fromisoformat(row["session_start"]), row["kind"], row["plan_name"],
                       tuple(reversed(runs)))
        for row, runs in sessions.values()
    ]


class RenameClientScene(NewClientScene):
    """The new-client form, filled in with the client's ID and name; pops with the renamed client."""

    title = "Rename a client"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.create_button = Button("Save", self.create)

    def on_enter(self) -> None:
        self.fields = [
            TextField("Client ID (a pseudonym, not a real name)", self.client.code),
            TextField("Display name shown on screen (optional)", self.client.display_name or ""),
        ]
        self.focus = 0

    def subtitle(self) -> str:
        return "Exports show the ID. The display name stays on this PC; leave it empty to remove it."

    def create(self) -> None:
        try:
            changed = self.app.store.update_client(
                self.client, code=self.fields[0].text, display_name=self.fields[1].text)
        except ClientNameError as err:
            self.error = str(err)
            return
        log.info("client %s renamed to %s", self.client.code, changed.code)
        self.app.stack.pop(changed)


class ClientPageScene(FramedScene):
    """What the therapist does for one client; the client's recent exercises on the right."""

    hint = "Arrows to choose  ·  Enter to open  ·  Esc to go back"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.menu = FocusList([])
        self.history: list[HistorySession] = []
        self.notice: list[str] = []

    def on_enter(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        client = self.client
        self.title = client.label
        self.history = client_history(self.app.store, client)
        self.menu = FocusList([
            Button("Let this client play", self.let_play),
            Button("Start a session", self.start_session),
            Button("Home assignments", self.open_assignments, detail=home_summary(self.app, client)),
            Button("Progress", self.open_progress),
            Button("Past sessions", self.open_sessions),
            Button("Exercise settings", self.open_settings),
            Button("Report", self.write_report),
            Button("Export data", self.export),
            Button("Prepare for home", self.prepare_for_home),
            Button("Bring in home practice", self.bring_in),
            Button("Rename", self.rename),
            Button("Show the countdown" if client.hide_countdown else "Hide the countdown", self.toggle_countdown),
            Button("Bring back" if client.archived else "Archive", self.toggle_archived),
        ], focus=self.menu.focus)

    def subtitle(self) -> str:
        added = datetime.fromisoformat(self.client.created_at).astimezone().strftime("%d %b %Y")
        parts = [f"ID {self.client.code}", f"added {added}"]
        parts += ["countdown hidden in sessions"] if self.client.hide_countdown else []
        parts += ["archived"] if self.client.archived else []
        return "  ·  ".join(parts)

    # --- actions -------------------------------------------------------------------------
    def let_play(self) -> None:
        close_therapist_screens(self.app, HandOver(self.client))

    def start_session(self) -> None:
        from games.launcher.plans import PlanListScene

        self.app.stack.push(PlanListScene(choose=True))

    def open_assignments(self) -> None:
        from games.launcher.assignment_screens import AssignmentListScene

        self.app.stack.push(AssignmentListScene(self.client))

    def open_progress(self) -> None:
        from games.launcher.progress import ProgressScene

        self.app.stack.push(ProgressScene(self.client, therapist=True))

    def open_sessions(self) -> None:
        from games.launcher.session_summary import SessionListScene

        self.app.stack.push(SessionListScene(self.client))

    def open_settings(self) -> None:
        from games.launcher.therapist_settings import ExerciseSettingsScene

        self.app.stack.push(ExerciseSettingsScene(self.client))

    def rename(self) -> None:
        self.app.stack.push(RenameClientScene(self.client))

    def prepare_for_home(self) -> None:
        from games.launcher.bundle_export import PrepareForHomeScene

        self.app.stack.push(PrepareForHomeScene(self.client))

    def bring_in(self) -> None:
        from games.launcher.bundle_import import BringInScene

        self.app.stack.push(BringInScene())

    def toggle_countdown(self) -> None:
        self.client = self.app.store.update_client(self.client, hide_countdown=not self.client.hide_countdown)
        self.refresh()

    def toggle_archived(self) -> None:
        self.client = self.app.store.set_archived(self.client, not self.client.archived)
        self.notice = ["Archived. The data stays; \"Show archived\" on the therapist home finds this client."
                       if self.client.archived else "Back in the client list."]
        self.refresh()

    def write_report(self) -> None:
        from games.registry import exercise_infos
        from scores.export.csvfile import ExportError
        from scores.report.html import write_report

        infos = exercise_infos()
        try:
            stem = f"{file_part(self.client.code)}-report-{file_stamp(self.app.now())}"
            path = fresh_path(exports_folder(self.app), stem, ".html")
            written = write_report(self.app.store, self.client, path, infos, today=self.app.today()) or path
        except (ExportError, OSError, ValueError) as err:
            log.exception("report for %s not written", self.client.code)
            self.notice = [str(err)]
            return
        self.notice = ["Report saved:", str(written)]

    def export(self) -> None:
        from scores.export.csvfile import ExportError

        try:
            paths = export_csvs(self.app, self.client.code, ("trials", "runs", "sessions"), self.client)
        except ExportError as err:
            self.notice = [str(err)]
            return
        self.notice = saved_notice("This client's data (ID only, no name)", paths)

    def on_result(self, result: Any) -> None:
        from scores.clinic.plans import Plan

        if isinstance(result, HandOver):
            return  # the therapist screens are closing
        if isinstance(result, Plan):
            self.app.store.record_audit("plan_assign", self.client, detail=f"'{result.name}'")
            close_therapist_screens(self.app, HandOver(self.client, result))
            return
        if isinstance(result, Client):
            self.client = result
            self.notice = [f"Saved: ID {result.code}, display name {result.display_name or '(none)'}."]
        self.refresh()

    # --- drawing -------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        menu_w = max(max(b.width(theme) for b in self.menu.buttons), content.width * 32 // 100)
        if menu_w <= content.width * 55 // 100:
            self.menu.layout(theme, pygame.Rect(content.left, content.top, menu_w, content.height))
            side = pygame.Rect(content.left + menu_w + theme.gap(2), content.top, 0, content.height)
            side.width = content.right - side.left
        else:  # large type in a small window: the list on top, the history under it
            menu_h = content.height // 2
            self.menu.layout(theme, pygame.Rect(content.left, content.top, content.width, menu_h))
            side = pygame.Rect(content.left, content.top + menu_h + theme.gap(), content.width, 0)
            side.height = content.bottom - side.top
        draw_menu(surface, theme, self.menu, True)
        notice_h = notice_height(theme, self.notice, side.width)
        if notice_h:
            draw_notice(surface, theme, self.notice, pygame.Rect(side.left, side.top, side.width, notice_h))
            side = pygame.Rect(side.left, side.top + notice_h + theme.gap(), side.width,
                               side.height - notice_h - theme.gap())
        self._draw_history(surface, side)

    def _draw_history(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Whole entries only, newest first: a session's heading shows with at least its first run."""
        theme, pal = self.theme, self.theme.palette
        heading, bold, small = theme.font("body", bold=True), theme.font("small", bold=True), theme.font("small")
        indent = theme.gap()
        blocks = [[(heading, pal.text, 0, "Recent exercises")]]
        if not self.history:
            blocks.append([(small, pal.muted_text, 0, "Nothing played yet.")])
        for session in self.history:
            runs = [[(small, pal.text, indent, part) for part in wrap(run.line(), small, area.width - indent)]
                    for run in session.runs]
            blocks.append([(bold, pal.text, 0, part) for part in wrap(session.heading(), bold, area.width)] + runs[0])
            blocks += runs[1:]
        y = area.top
        for block in blocks:
            if y + sum(font.get_linesize() for font, *_ in block) > area.bottom:
                break
            for font, colour, left, text in block:
                draw_text(surface, text, font, colour, (area.left + left, y))
                y += font.get_linesize()
