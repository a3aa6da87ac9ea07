"""Home assignments in therapist mode: a client's list with adherence, and the schedule form."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pygame

from games.core.ui.marks import draw_mark
from games.core.ui.theme import Theme
from games.core.ui.widgets import Button, FocusList, draw_more_marks, draw_text, wrap
from games.launcher.common import FramedScene
from games.launcher.confirm import ConfirmScene
from games.launcher.plan_parts import TidyList, flow
from games.launcher.week_strip import DAY_LETTERS
from scores.clinic.assignments import (
    Adherence, Assignment, AssignmentError, MAX_SPAN_DAYS, MAX_TIMES_PER_WEEK, adherence, adherence_words,
    schedule_words,
)
from scores.clinic.plans import Plan
from scores.store.database import StoreError

log = logging.getLogger(__name__)

DEFAULT_WEEKS = 4
DEFAULT_DAYS = (0, 2, 4)


def day_words(day: date) -> str:
    """"Mon 2 Mar 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def client_adherence(app: Any, client: Any) -> list[tuple[Assignment, Adherence]]:
    """Each of the client's assignments with its figures up to today."""
    sessions = app.store.assigned_sessions(client)
    return [(a, adherence(a, app.today(), sessions)) for a in app.store.assignments(client)]


def home_summary(app: Any, client: Any) -> str:
    """One line for the client's page: the running assignments' sessions done of planned."""
    try:
        figures = client_adherence(app, client)
    except StoreError:  # a clinic's database away, not read before: the page still opens
        return "Not known while the clinic database is away"
    running = [(a, f) for a, f in figures if not a.ended and a.ends_on >= app.today()]
    if not running:
        return "None running: assign a plan to practise at home"
    return "  ·  ".join(f"{a.plan_name}: {f.done} of {f.planned} done, {f.active_minutes:g} min" for a, f in running)


@dataclass(eq=False)
class DayToggle(Button):
    """A day of the week that is chosen or not: filled and ticked when chosen (a shape, not only a colour)."""

    chosen: bool = False

    def width(self, theme: Theme) -> int:
        return super().width(theme) + theme.font("body", bold=True).get_linesize()

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, primary: bool = False) -> None:
        super().draw(surface, theme, focused, primary=self.chosen)
        if self.chosen:
            side = theme.font("body", bold=True).get_linesize() * 2 // 3
            box = pygame.Rect(self.rect.left + theme.gap(0.4), self.rect.centery - side // 2, side, side)
            draw_mark(surface, "tick", box, theme.palette.accent_text)


class AssignmentListScene(FramedScene):
    """A client's home assignments, newest plans last, each with its schedule and adherence."""

    title = "Home assignments"

    def __init__(self, client: Any) -> None:
        super().__init__()
        self.client = client
        self.menu = TidyList([])
        self.status = ""

    def on_enter(self) -> None:
        self.refresh()

    def subtitle(self) -> str:
        return self.status or f"For {self.client.label}: plans to practise at home, and how it is going."

    def refresh(self) -> None:
        buttons = [Button("Assign a plan for home", self.assign, detail="Choose a plan, its days and until when")]
        for assignment, figures in client_adherence(self.app, self.client):
            state = " (ended)" if assignment.ended else " (over)" if assignment.ends_on < self.app.today() else ""
            detail = f"{schedule_words(assignment)}. {adherence_words(figures)}."
            buttons.append(Button(assignment.plan_name + state, lambda a=assignment: self.open(a), detail=detail))
        self.menu = TidyList(buttons, focus=min(self.menu.focus, len(buttons) - 1))

    def assign(self) -> None:
        from games.launcher.plans import PlanListScene

        chooser = PlanListScene(choose=True)
        chooser.title, chooser.status = "Assign a plan for home", "Choose the plan to practise at home."
        self.app.stack.push(chooser)

    def open(self, assignment: Assignment) -> None:
        self.app.stack.push(AssignmentScene(self.client, assignment.plan_name, assignment))

    def on_result(self, result: Any) -> None:
        if isinstance(result, Plan):
            self.app.stack.push(AssignmentScene(self.client, result.name, None, result))
            return
        if isinstance(result, Assignment):
            self.status = f"Saved: {result.plan_name}, {schedule_words(result)}."
        self.refresh()

    def draw(self, surface: pygame.Surface) -> None:
        content = self.draw_frame(surface)
        self.menu.layout(self.theme, content)
        self.menu.draw(surface, self.theme)


class AssignmentScene(FramedScene):
    """The schedule of one assignment: its days, times a week and last day; Save, or End it.

    New ones start today and run four weeks; the plan is kept as it is now.
    """

    hint = "Arrows or Tab to move  ·  Enter to choose  ·  Esc to go back"

    def __init__(self, client: Any, plan_name: str, assignment: Assignment | None, plan: Plan | None = None) -> None:
        super().__init__()
        self.client, self.assignment, self.plan = client, assignment, plan
        self.title = f"Home plan: {plan_name}"
        self.short_title = "Home plan"
        self.days: set[int] = set(assignment.weekdays if assignment else DEFAULT_DAYS)
        self.times = assignment.times_per_week if assignment else len(DEFAULT_DAYS)
        self.starts_on: date | None = assignment.starts_on if assignment else None
        self.ends_on: date | None = assignment.ends_on if assignment else None
        self.error = ""
        self.scroll = 0  # pixels of the form scrolled past (large type in a small window)
        self.more_marks: dict[int, tuple[pygame.Rect, pygame.Rect]] = {}
        self.toggles = [DayToggle(name, lambda d=d: self.toggle(d)) for d, name in enumerate(DAY_LETTERS)]
        self.times_buttons = [Button("One fewer", lambda: self.change_times(-1)),
                              Button("One more", lambda: self.change_times(1))]
        self.date_buttons = [Button("- 1 week", lambda: self.move_end(-7)), Button("+ 1 week", lambda: self.move_end(7)),
                             Button("- 1 day", lambda: self.move_end(-1)), Button("+ 1 day", lambda: self.move_end(1))]
        self.actions = [Button("Save", self.save)]
        if assignment is not None and not assignment.ended:
            self.actions.append(Button("End this assignment", self.ask_end))
        self.menu = FocusList([*self.toggles, *self.times_buttons, *self.date_buttons, *self.actions])

    def on_enter(self) -> None:
        if self.starts_on is None:
            self.starts_on = self.app.today()
            self.ends_on = self.starts_on + timedelta(weeks=DEFAULT_WEEKS)

    def subtitle(self) -> str:
        return f"For {self.client.label}. Starts {day_words(self.starts_on)}." if self.starts_on else ""

    # --- changes -------------------------------------------------------------------------
    def toggle(self, day: int) -> None:
        follows = self.times == len(self.days)  # times a week follows the days until set apart from them
        self.days ^= {day}
        times = len(self.days) if follows and self.days else self.times
        self.times = max(1, min(times, MAX_TIMES_PER_WEEK, 2 * (len(self.days) or 7)))
        self.error = ""

    def change_times(self, step: int) -> None:
        most = min(MAX_TIMES_PER_WEEK, 2 * (len(self.days) or 7))
        self.times = max(1, min(most, self.times + step))
        self.error = ""

    def move_end(self, days: int) -> None:
        first = max(self.starts_on, self.app.today()) if self.assignment is None else self.starts_on
        last = self.starts_on + timedelta(days=MAX_SPAN_DAYS - 1)
        self.ends_on = max(first, min(last, self.ends_on + timedelta(days=days)))
        self.error = ""

    def save(self) -> None:
        schedule = dict(weekdays=sorted(self.days), times_per_week=self.times, starts_on=self.starts_on,
                        ends_on=self.ends_on, now=self.app.now())
        try:
            if self.assignment is None:
                saved = self.app.store.add_assignment(self.client, self.plan, **schedule)
            else:
                saved = self.app.store.update_assignment(self.assignment, **schedule)
        except AssignmentError as err:
            self.error = str(err)
            return
        log.info("assignment %s of %r saved for %s", saved.id, saved.plan_name, self.client.code)
        self.app.stack.pop(saved)

    def ask_end(self) -> None:
        self.app.stack.push(ConfirmScene(self, "End this assignment?",
                                         "It stops showing at home. Its sessions and figures stay.", yes="End it"))

    def on_result(self, result: Any) -> None:
        if result is True:
            ended = self.app.store.end_assignment(self.assignment, now=self.app.now())
            log.info("assignment %s ended", ended.id)
            self.app.stack.pop(ended)

    # --- words and drawing -----------------------------------------------------------------
    def times_words(self) -> str:
        return f"Times a week: {self.times}" + ("" if self.days else " (any day of the week)")

    def until_words(self) -> str:
        weeks, days = divmod((self.ends_on - self.starts_on).days, 7)
        span = f"{weeks} week{'s' * (weeks != 1)}" + (f" {days} day{'s' * (days != 1)}" if days else "")
        return f"Until {day_words(self.ends_on)} (included): {span} from the start"

    def figures_words(self) -> str:
        if self.assignment is None:
            return ""
        sessions = self.app.store.assigned_sessions(self.client)
        return "So far: " + adherence_words(adherence(self.assignment, self.app.today(), sessions)) + "."

    def _place(self, content: pygame.Rect, top: int) -> tuple[list[tuple[Any, Any, str, int]], int]:
        """Lay the form out from ``top``: the lines of words to draw (font, colour, text, y), and
        the y below the last; the buttons get their rectangles."""
        theme, pal = self.theme, self.theme.palette
        label, small = theme.font("body", bold=True), theme.font("small")
        texts: list[tuple[Any, Any, str, int]] = []
        y = top
        rows = [("Days (none chosen: any day)", self.toggles), (self.times_words(), self.times_buttons),
                (self.until_words(), self.date_buttons), ("", self.actions)]
        for words, buttons in rows:
            for line in wrap(words, label, content.width) if words else []:
                texts.append((label, pal.text, line, y))
                y += label.get_linesize()
            y = flow(buttons, theme, content.left, y, content.width) + theme.gap()
        note = self.error or self.figures_words()
        for line in wrap(note, small, content.width):
            texts.append((small, pal.gentle if self.error else pal.muted_text, line, y))
            y += small.get_linesize()
        return texts, y

    def _scrolled(self, content: pygame.Rect) -> tuple[list[tuple[Any, Any, str, int]], int]:
        """The layout scrolled so the focused button shows, with the words just above it; the view
        always begins with a whole line of words or row of buttons."""
        texts, bottom = self._place(content, content.top - self.scroll)
        focused, above = self.menu.buttons[self.menu.focus].rect, self.theme.font("body", bold=True).get_linesize()
        # where a line or a row begins, measured from the top of the form
        starts = sorted({y + self.scroll - content.top for *_, y in texts}
                        | {b.rect.top + self.scroll - content.top for b in self.menu.buttons})
        wanted = self.scroll
        if focused.bottom > content.bottom:
            need = wanted + focused.bottom - content.bottom
            wanted = next((start for start in starts if start >= need), need)
        elif focused.top - above < content.top:
            need = wanted - (content.top - (focused.top - above))
            wanted = max((start for start in starts if start <= need), default=0)
        wanted = max(0, wanted)
        if wanted != self.scroll:
            self.scroll = wanted
            texts, bottom = self._place(content, content.top - self.scroll)
        return texts, bottom

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        for toggle, day in zip(self.toggles, range(7)):
            toggle.chosen = day in self.days
        below_mark = theme.font("small").get_linesize() + theme.gap(0.5)
        view = content.copy()
        texts, bottom = self._scrolled(view)
        if bottom > view.bottom or self.scroll:  # room for the "more" marks under the form
            view.height -= below_mark
            texts, bottom = self._scrolled(view)
        self.menu.viewport = view
        for font, colour, line, y in texts:
            if view.top <= y and y + font.get_linesize() <= view.bottom + theme.gap(0.5):  # whole lines only
                draw_text(surface, line, font, colour, (view.left, y))
        for i, button in enumerate(self.menu.buttons):
            if view.contains(button.rect):
                button.draw(surface, theme, focused=(i == self.menu.focus), primary=(button is self.actions[0]))
        self.more_marks = {}
        if bottom > view.bottom or self.scroll:
            self.more_marks = draw_more_marks(surface, theme, view.right, view.bottom + below_mark // 2,
                                              self.scroll > 0, bottom > view.bottom)

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        """The wheel, or a click on "more below" or "more above", brings the next hidden row into
        view (with the focus on it), so the form scrolls by mouse alone too."""
        if event.type == pygame.MOUSEWHEEL and event.y:
            self.reveal(-1 if event.y > 0 else 1)
            return
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            step = next((step for step, (_, rect) in self.more_marks.items() if rect.collidepoint(event.pos)), 0)
            if step:
                self.reveal(step)
                return
        super().handle_event(event, t_ms)

    def reveal(self, step: int) -> None:
        """Focus the first button hidden below the view (``step`` 1) or the last above it (-1)."""
        view, buttons = self.menu.viewport, self.menu.buttons
        hidden = [i for i, b in enumerate(buttons) if (b.rect.bottom > view.bottom if step > 0 else b.rect.top < view.top)]
        if hidden:
            self.menu.focus = hidden[0] if step > 0 else hidden[-1]
