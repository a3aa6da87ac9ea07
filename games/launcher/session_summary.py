"""After a session: an encouraging summary for the client, and the full figures for the therapist."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pygame

from games.core.ui.widgets import Button, FocusList, draw_text, wrap
from games.launcher.common import FramedScene
from games.launcher.results import best_words
from games.registry import get_exercise
from scores.analysis.summary import ItemSummary, SessionSummary, session_summary

MOOD_NAMES = {"mood": "Mood", "calm": "Calm", "energy": "Energy"}


def _title(exercise_id: str | None) -> str:
    return get_exercise(exercise_id).spec.title if exercise_id else ""


def _minutes(seconds: float | None) -> str:
    minutes = round((seconds or 0.0) / 60.0)
    return "less than a minute" if minutes < 1 else f"{minutes} minute{'s' if minutes != 1 else ''}"


def client_lines(summary: SessionSummary) -> list[str]:
    """Kind words about what the client did: time, exercises, levels and any new bests."""
    lines = [f"You practised for {_minutes(summary.active_s)}."]
    names = [_title(item.exercise) for item in summary.exercises]
    if names:
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        lines.append(f"You played {listed}.")
    lines += [f"{_title(exercise)}: level {level}{best_words(level, before)}"
              for exercise, level, before in summary.levels]
    if any(item.kind == "breathing" and item.active_s for item in summary.items):
        lines.append("You took time to breathe calmly, too.")
    if summary.stopped_early:
        lines.append("You stopped a little early, and that is fine: everything you did is saved.")
    lines.append("Well done for showing up and doing the work.")
    return lines

OUTCOME_WORDS = {"not_closed": "not finished"}


def _item_line(item: ItemSummary) -> str:
    planned = f" of {item.planned_s / 60:g}" if item.planned_s else ""
    time = f"{(item.active_s or 0) / 60:.1f}{planned} min"
    outcome = "" if item.outcome == "done" else f" · {OUTCOME_WORDS.get(item.outcome, item.outcome)}"
    if item.kind == "mood":
        return f"{item.position}. Mood check{outcome}"
    if item.kind == "breathing":
        return f"{item.position}. Breathing break · {time}{outcome}"
    accuracy = f"{item.accuracy:.0%}" if item.accuracy is not None else "–"
    levels = f"level {item.start_level} to {item.end_level}" if item.n_trials else "no scored trials"
    return f"{item.position}. {_title(item.exercise)} · {time} · {item.n_trials} trials · {accuracy} right · {levels}{outcome}"


def therapist_lines(summary: SessionSummary) -> list[str]:
    """Every item's minutes, trials, accuracy and levels, and the mood before and after."""
    lines = [f"Plan: {summary.plan_name or 'free play'}"
             f"{' · stopped early' if summary.stopped_early else ''} · {summary.active_s / 60:.1f} active min"
             f" · {summary.n_trials} scored trials"]
    lines += [_item_line(item) for item in summary.items]
    before, after = summary.mood_before, summary.mood_after
    if before or after:
        parts = [f"{name} {(before or {}).get(key, '–')} to {(after or {}).get(key, '–')}"
                 for key, name in MOOD_NAMES.items()]
        lines.append("Mood, before to after (1 to 5): " + ", ".join(parts))
    return lines


class SessionSummaryScene(FramedScene):
    """The summary; Up/Down scroll a long one; Finish closes it, the therapist's view shows all."""

    hint = "Enter to choose  ·  Left/Right to move  ·  Up/Down to scroll"
    corner_label = ""

    def __init__(self, session_id: str, client: Any, therapist: bool = False) -> None:
        super().__init__()
        self.session_id, self.client, self.therapist = session_id, client, therapist
        self.title = "Session details" if therapist else "Well done!"
        self.summary: SessionSummary | None = None
        self.lines: list[str] = []
        self.scroll = 0  # lines scrolled past
        actions = [Button("Back" if therapist else "Finish", self.back)]
        if not therapist:
            actions.append(Button("Therapist's view", self.open_therapist_view))
        self.buttons = FocusList(actions)

    def on_enter(self) -> None:
        self.summary = session_summary(self.app.store, self.session_id)
        self.lines = therapist_lines(self.summary) if self.therapist else client_lines(self.summary)

    def subtitle(self) -> str:
        return f"Client {self.client.code}" if self.therapist else f"Here is what you did today, {self.client.label}."

    def open_therapist_view(self) -> None:
        """On a clinic PC (a PIN is set) the therapist's figures are behind the PIN."""
        from games.launcher.pin import pin_is_set
        from games.launcher.therapists import open_therapist_entry

        if pin_is_set(self.app.store):
            open_therapist_entry(self.app)
        else:
            self._push_therapist_view()

    def _push_therapist_view(self) -> None:
        self.app.stack.push(SessionSummaryScene(self.session_id, self.client, therapist=True))

    def back(self) -> None:
        self.app.stack.pop("finished")

    def on_result(self, result: Any) -> None:
        from games.launcher.pin import PIN_ACCEPTED

        if result is PIN_ACCEPTED:
            self._push_therapist_view()
        # back from the therapist's view (or a cancelled PIN): the client's summary stays

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if self.handle_corner(event):
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            self.scroll = max(0, self.scroll + (1 if event.key == pygame.K_DOWN else -1))
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - event.y)
        else:
            self.buttons.handle_event(event)

    def _rows(self, width: int, height: int) -> tuple[pygame.font.Font, list[tuple[str, int]]]:
        """The largest font at which every line fits (else the smallest), and its rows as (text, gap
        before); the therapist's figures start one size smaller."""
        theme = self.theme
        sizes = ("body", "small") if self.therapist else ("large", "body", "small")
        for size in sizes:
            font = theme.font(size)
            rows = [(part, theme.gap(0.5) if i and not j else 0)
                    for i, line in enumerate(self.lines) for j, part in enumerate(wrap(line, font, width))]
            if sum(font.get_linesize() + gap for _, gap in rows) <= height:
                break
        return font, rows

    def draw(self, surface: pygame.Surface) -> None:
        theme, pal = self.theme, self.theme.palette
        content = self.draw_frame(surface)
        button_h = self.buttons.buttons[0].height(theme)
        area = pygame.Rect(content.left, content.top, content.width, content.height - button_h - theme.gap())
        font, rows = self._rows(area.width, area.height)
        fits = max(1, area.height // (font.get_linesize() + theme.gap(0.5)))
        self.scroll = min(self.scroll, max(0, len(rows) - fits))
        y, shown = area.top, rows[self.scroll:]
        for i, (row, gap) in enumerate(shown):
            last = y + gap + 2 * font.get_linesize() > area.bottom and i < len(shown) - 1
            text, ink = (("More below: Up and Down scroll.", pal.muted_text) if last else (row, pal.text))
            draw_text(surface, text, font, ink, (area.left, y + gap))
            y += gap + font.get_linesize()
            if last:
                break
        x = content.left
        for button in self.buttons.buttons:
            button.rect = pygame.Rect(x, content.bottom - button_h, button.width(theme), button_h)
            x = button.rect.right + theme.gap()
        self.buttons.viewport = surface.get_rect()
        self.buttons.draw(surface, theme, primary=0)


class SessionListScene(FramedScene):
    """A client's sessions, newest first; each opens its full summary (for the therapist)."""

    title = "Past sessions"

    def __init__(self, client: Any) -> None:
        super().__init__()
        self.client = client
        self.menu = FocusList([])

    def on_enter(self) -> None:
        from scores.store.queries import Filters

        rows = list(self.app.store.iter_session_rows(Filters(client_code=self.client.code)))
        self.menu = FocusList([self._button(row) for row in reversed(rows) if row["n_items"] or row["n_runs"]])

    def _button(self, row: dict) -> Button:
        when = datetime.fromisoformat(row["started_at"]).astimezone().strftime("%a %d %b %Y, %H:%M")
        what = row["plan_name"] or "free play"
        seconds = row["active_s"] or row["duration_s"]  # unknown for a sitting that was never closed
        minutes = f" · {seconds / 60:.0f} min" if seconds else ""
        runs = "1 run" if row["n_runs"] == 1 else f"{row['n_runs']} runs"
        detail = f"{row['kind']}{minutes} · {runs}, {row['n_trials']} trials"
        detail += {"stopped_early": " · stopped early", "not_closed": " · not closed"}.get(row["end_state"], "")
        return Button(f"{when}  ·  {what}", lambda: self.open(row["session_id"]), detail=detail)

    def subtitle(self) -> str:
        count = len(self.menu.buttons)
        return f"{self.client.label}: {count} session{'s' if count != 1 else ''}" if count else "No sessions yet."

    def open(self, session_id: str) -> None:
        self.app.stack.push(SessionSummaryScene(session_id, self.client, therapist=True))

    def draw(self, surface: pygame.Surface) -> None:
        self.menu.layout(self.theme, self.draw_frame(surface))
        self.menu.draw(surface, self.theme)
