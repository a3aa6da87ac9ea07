"""Playing an exercise: the run's logic on the real clock, its view, and a way out that asks first."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timezone

import pygame

from games.core.adaptive.policy import plan_from_store
from games.core.clock import Timeline
from games.core.exercise import Exercise
from games.core.run import ExerciseRun
from games.core.session import PRACTICE_TRIALS
from games.core.scene import Scene
from games.core.widgets import Button, draw_text, escape_or_click, fit
from games.launcher.common import fitting_lines, margin
from games.launcher.confirm import ConfirmScene

log = logging.getLogger(__name__)
NOTICE_MS = 4000.0  # how long a word of encouragement stays on screen
PRACTICE_DONE = "Practice done. From now on it counts. You're ready!"


class ExerciseScene(Scene):
    """Feeds stamped input and time to the run; stamps stimulus onsets right after the flip."""

    key_repeat = False

    def __init__(self, exercise: Exercise, n_trials: int | None = None, seed: int | None = None,
                 practice: bool = False, notice: str | None = None) -> None:
        self.exercise = exercise
        self.n_trials = n_trials
        self.practice = practice  # a few unscored trials with feedback, the first time only
        self._first_notice = notice
        self.seed = seed if seed is not None else secrets.randbits(31)
        self.run: ExerciseRun | None = None
        self.view = None
        self.stop_button = Button("Stop", self.ask_to_stop)
        self._done = False
        self._paused_ms = 0.0  # time spent on the "Stop?" question, which the exercise does not see
        self._pause_start: float | None = None
        # run time to calendar time: the "Stop?" questions and the computer's sleeps, which the run
        # does not see, added back
        self._calendar = Timeline(datetime.now(timezone.utc))

    def on_enter(self) -> None:
        app = self.app
        self.view = self.exercise.make_view(app.theme)
        self.run = ExerciseRun(
            self.exercise, store=app.store, session_id=app.session_id, client=app.client,
            seed=self.seed, wall_start=self._calendar.wall_start, wall_clock=self._calendar.wall_at,
            n_trials=PRACTICE_TRIALS if self.practice else self.n_trials,
            plan=plan_from_store(app.store, app.client, self.exercise.spec), practice=self.practice,
        )
        self.run.on_trial = app.sound.answered  # the chime or the soft low tone as each trial is recorded
        self._calendar.start_ms = self.run_ms(app.clock.now_ms())
        self.run.start(self._calendar.start_ms)
        if self._first_notice:
            self.run.notice, self.run.notice_ms = self._first_notice, self.run_ms(app.clock.now_ms())
        log.info("run %s of %s started (seed %s)", self.run.run_id, self.exercise.id, self.seed)

    def run_ms(self, t_ms: float) -> float:
        """The run's time: the real clock less the pauses, so a pause changes no trial's timing."""
        return t_ms - self._paused_ms

    def ask_to_stop(self) -> None:
        self._pause_start = self.app.clock.now_ms()
        self.app.stack.push(ConfirmScene(self, "Stop this exercise?", "What you did so far is saved.", yes="Stop", no="Keep going"))

    def on_wake(self, slept_s: float, on_top: bool) -> None:
        asked = self._pause_start is not None  # the sleep came while "Stop?" was asked: run time stood there
        at_ms = self.run_ms(self._pause_start if asked else self.app.clock.now_ms())
        self._calendar.add_gap(at_ms, slept_s * 1000.0)
        if on_top and not self.run.finished:
            self.ask_to_stop()  # the exercise waits, paused, for the client to come back to it

    def on_hold(self, now_ms: float) -> None:
        if self._pause_start is None:  # as while "Stop?" is asked: run time stands still
            self._pause_start = now_ms

    def on_result(self, result) -> None:
        now = self.app.clock.now_ms()
        if self._pause_start is not None:
            self._calendar.add_gap(self.run_ms(self._pause_start), now - self._pause_start)
            self._paused_ms += now - self._pause_start
            self._pause_start = None
        if result is True:
            self.run.stop(self.run_ms(now))

    def on_quit(self, now_ms: float) -> None:
        if self.run is not None:
            self.run.stop(self.run_ms(now_ms))

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if escape_or_click(event, self.stop_button):
            self.ask_to_stop()
            return
        action = self.view.action_for(event, self.run.logic)
        if action is not None:
            self.run.handle(action, self.run_ms(t_ms))

    def update(self, now_ms: float) -> None:
        self.run.tick(self.run_ms(now_ms))
        if self.run.finished and not self._done and self.app.stack.top is self:
            self._done = True
            self._show_results()

    def _show_results(self) -> None:
        from games.launcher.results import ResultsScene

        if self.practice and self.run.summary.completed:
            self.app.stack.replace(ExerciseScene(self.exercise, self.n_trials, notice=PRACTICE_DONE))
        elif self.run.summary.n_trials and not self.practice:
            self.app.stack.replace(ResultsScene(self.exercise, self.run.summary))
        else:
            self.app.stack.pop()

    def after_flip(self, t_ms: float) -> None:
        if self.run.awaiting_onset:
            self.run.mark_onset(self.run_ms(t_ms))

    def next_frame_ms(self, now_ms: float) -> float | None:
        if self.run.awaiting_onset:
            return now_ms
        run_now = self.run_ms(now_ms)
        notice_end = self.run.notice_ms + NOTICE_MS if self._notice(run_now) else None
        due = (self.run.next_change_ms(), self.view.next_redraw_ms(self.run.logic, run_now), notice_end)
        times = [t for t in due if t is not None]
        return min(times) + self._paused_ms if times else None

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        side = margin(theme, surface)
        draw_header_button(surface, theme, self.stop_button, side)
        now = self._pause_start if self._pause_start is not None else self.app.clock.now_ms()
        self._draw_header(surface, side, self._notice(self.run_ms(now)))
        top = self.stop_button.rect.bottom + theme.gap()
        area = pygame.Rect(side, top, surface.get_width() - 2 * side, surface.get_height() - top - theme.gap())
        self.view.theme = self.app.theme  # it gives way in a window made smaller, and comes back
        self.view.draw(surface, area, self.run.logic, self.run_ms(now))

    def _notice(self, run_now: float) -> str | None:
        """The run's word of encouragement while it is fresh."""
        if self.run.notice and run_now - self.run.notice_ms < NOTICE_MS:
            return self.run.notice
        return None

    def _draw_header(self, surface: pygame.Surface, side: int, notice: str | None) -> None:
        """The exercise and trial count, or in their place a word of encouragement in a frame."""
        theme, pal = self.app.theme, self.app.theme.palette
        width = self.stop_button.rect.left - side - theme.gap()
        if notice is None:
            shown = min(max(self.run.logic.trial_index, 1), self.run.n_trials)
            what = "practice " if self.practice else ""
            text = f"{self.exercise.spec.title}  ·  {what}{shown} of {self.run.n_trials}"
            small = theme.font("small")
            draw_text(surface, fit(text, small, width), small, pal.muted_text, (side, self.stop_button.rect.centery), "midleft")
            return
        draw_notice(surface, theme, pygame.Rect(side, self.stop_button.rect.top, width, self.stop_button.rect.height), notice)


def draw_header_button(surface: pygame.Surface, theme, button: Button, side: int) -> None:
    """The small button at the top right of a playing screen (Stop, Pause), beside the header line."""
    button.rect = pygame.Rect(0, theme.gap(), button.width(theme), theme.font("body").get_linesize() + theme.gap())
    button.rect.right = surface.get_width() - side
    button.draw(surface, theme, focused=False)


def draw_notice(surface: pygame.Surface, theme, box: pygame.Rect, notice: str) -> None:
    """A word of encouragement in a gentle frame, where the header line usually is."""
    pal = theme.palette
    pygame.draw.rect(surface, pal.surface, box, border_radius=theme.radius)
    pygame.draw.rect(surface, pal.gentle, box, width=2, border_radius=theme.radius)
    inner = box.inflate(-2 * theme.gap(), -4)
    font, lines = fitting_lines(theme, "body", notice, inner.width, inner.height, bold=True)
    y = box.centery - len(lines) * font.get_linesize() // 2
    for line in lines:
        draw_text(surface, line, font, pal.gentle, (inner.left, y))
        y += font.get_linesize()
