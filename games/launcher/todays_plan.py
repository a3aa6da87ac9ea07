"""Today's plan at home: the therapist's plan as a calm card, a big Start, and the week so far."""

from __future__ import annotations

import logging
from typing import Any

import pygame

from games.core.ui.widgets import Button, FocusList, draw_text, fit, wrap
from games.launcher.common import FramedScene
from games.launcher.exercises import ExercisePictures
from games.launcher.week_strip import draw_week_strip, strip_height, week_words
from games.registry import get_exercise, level_ranges
from scores.clinic.assignments import Assignment, DayMark, due_today, next_day, week_strip
from scores.clinic.plans import Plan, PlanError, PlanItem
from scores.store.database import StoreError

log = logging.getLogger(__name__)


def _home_reads(app: Any, client: Any) -> tuple[list[Assignment], list[Any]]:
    """The client's running assignments and assigned sessions; none when a clinic's database is
    away and has not been read yet (the launcher then goes on as on a day without a plan)."""
    try:
        assignments = app.store.assignments(client, include_ended=False)
        return assignments, app.store.assigned_sessions(client) if assignments else []
    except StoreError as err:
        log.info("plans for home not read: %s", err)
        return [], []


def client_week(app: Any, client: Any) -> tuple[Assignment | None, Plan | None, list[DayMark]]:
    """The assignment due today for ``client`` (with its plan, if this PC has its exercises) and
    the week strip of their running assignments."""
    assignments, sessions = _home_reads(app, client)
    if not assignments:
        return None, None, []
    today = app.today()
    marks = week_strip(assignments, today, sessions)
    due = due_today(assignments, today, sessions)
    if due is None:
        return None, None, marks
    try:
        return due, due.plan(level_ranges()), marks
    except PlanError as err:  # an exercise this PC lacks: the launcher goes on as if nothing were due
        log.warning("assignment %s cannot be played here: %s", due.id, err)
        return None, None, marks


def next_plan_words(app: Any, client: Any) -> str:
    """A small note for the exercise list: "Today's plan is ready when you are.", "Your next plan
    is on Friday.", or '' without a plan for home."""
    assignments, sessions = _home_reads(app, client)
    if not assignments:
        return ""
    if due_today(assignments, app.today(), sessions) is not None:
        return "Today's plan is ready when you are."
    day = next_day(assignments, app.today(), [])
    if day is None:
        return ""
    return "Your next plan is tomorrow." if (day - app.today()).days == 1 else f"Your next plan is on {day:%A}."


def item_title(item: PlanItem) -> str:
    if item.kind == "mood":
        return "How are you? (a few taps)"
    minutes = f"{item.minutes:g} min"
    if item.kind == "breathing":
        return f"A breathing break  ·  {minutes}"
    return f"{get_exercise(item.exercise).spec.title}  ·  {minutes}"


class TodaysPlanScene(FramedScene):
    """First after a client chooses their name when a plan is due: its items, Start and the week.

    Start plays the plan as a session bound to the assignment; back here afterwards, the card
    says the day is done. "Not now" (or Esc) goes on to the exercises, with nothing held against it.
    """

    title = "Today's plan"
    hint = "Enter to start  ·  Esc for other exercises"

    def __init__(self, client: Any, assignment: Assignment, plan: Plan, marks: list[DayMark]) -> None:
        super().__init__()
        self.corner = Button("Not now", self.back)
        self.client, self.assignment, self.plan, self.marks = client, assignment, plan, marks
        self.done_today = False
        self.pictures: ExercisePictures | None = None
        self.menu = FocusList([Button("Start", self.start), Button("Other exercises", self.back)])

    def subtitle(self) -> str:
        if self.done_today:
            return "That's today's plan done. Well done!"
        return f"{self.plan.name}  ·  about {max(1, round(self.plan.total_minutes))} minutes"

    def start(self) -> None:
        from games.launcher.session import SessionScene

        log.info("today's plan %r started for %s", self.plan.name, self.client.code)
        self.app.stack.push(SessionScene(self.plan, self.client, assignment=self.assignment))

    def on_result(self, result: Any) -> None:
        """Back from the session: the week as it is now, and Start again only if still due."""
        due, plan, self.marks = client_week(self.app, self.client)
        log.info("week after today's plan: %s", week_words(self.marks))
        if due is not None and plan is not None:
            self.assignment, self.plan = due, plan
            return
        self.done_today = True
        self.hint = "Enter or Esc to go on"
        self.corner = Button("Go on", self.back)
        self.menu = FocusList([Button("Go on to the exercises", self.back)])

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        width = min(content.width, theme.gap(70))
        left = content.centerx - width // 2
        buttons = self.menu.buttons
        big_h = buttons[0].height(theme) + theme.gap()
        room = content.height - strip_height(theme) - big_h - theme.gap(2)
        # large type: the dates give way to the plan's items
        compact = not self.done_today and room < 2 * theme.font("body").get_linesize()
        strip_h = strip_height(theme, compact)
        room = content.height - strip_h - big_h - theme.gap(1.5)
        if not self.done_today:
            self._draw_items(surface, pygame.Rect(left, content.top, width, max(0, room)))
        y = content.top + (room + theme.gap(0.5) if not self.done_today else 0)
        widths = [max(b.width(theme), theme.gap(12)) for b in buttons]
        x = left
        for button, button_w in zip(buttons, widths):
            button.rect = pygame.Rect(x, y, min(button_w, width), buttons[0].height(theme) + theme.gap())
            x = button.rect.right + theme.gap()
        if x - theme.gap() > left + width and len(buttons) > 1:  # large type: the second under the first
            buttons[1].rect.topleft = (left, buttons[0].rect.bottom + theme.gap(0.5))
        self.menu.viewport = content
        for i, button in enumerate(buttons):
            button.draw(surface, theme, focused=(i == self.menu.focus), primary=(i == 0))
        strip_top = content.bottom - strip_h if not self.done_today else max(b.rect.bottom for b in buttons) + theme.gap(2)
        strip_top = max(strip_top, max(b.rect.bottom for b in buttons) + theme.gap())
        draw_week_strip(surface, theme, pygame.Rect(left, strip_top, width, min(strip_h, content.bottom - strip_top)),
                        self.marks)

    def _draw_items(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The plan's items, each exercise's picture beside its name and minutes; where there is no
        room for a row each (large type), their names in a few lines."""
        theme, pal = self.theme, self.theme.palette
        body, items = theme.font("body"), self.plan.items
        least_h = body.get_linesize() + theme.gap(0.4)
        if area.height < least_h * len(items):
            small = theme.font("small")
            lines = wrap(", ".join(item_title(item).split("  ·  ")[0] for item in items), small, area.width)
            room = area.height // small.get_linesize()
            if 0 < room < len(lines):  # the last line that shows ends with an ellipsis
                lines = lines[: room - 1] + [fit(" ".join(lines[room - 1:]), small, area.width)]
            for i, line in enumerate(lines[:room]):
                draw_text(surface, line, small, pal.text, (area.left, area.top + i * small.get_linesize()))
            return
        if self.pictures is None or self.pictures.theme.palette != theme.palette:
            self.pictures = ExercisePictures(theme)
        row_h = max(least_h, min(theme.gap(4.5), area.height // len(items)))
        pic_h = row_h - theme.gap(0.4)
        pic_w = pic_h * 5 // 4
        text_w = area.width - pic_w - theme.gap()
        for index, item in enumerate(items):
            y = area.top + index * row_h
            if item.kind == "exercise" and pic_h >= body.get_linesize():
                surface.blit(self.pictures.picture(get_exercise(item.exercise), (pic_w, pic_h)), (area.left, y))
            draw_text(surface, fit(item_title(item), body, text_w), body, pal.text,
                      (area.left + pic_w + theme.gap(), y + (pic_h - body.get_linesize()) // 2))
