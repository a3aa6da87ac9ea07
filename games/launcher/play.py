"""Playing an exercise: the run's logic on the real clock, its view, and a way out that asks first."""

from __future__ import annotations

import logging
import secrets

import pygame

from games.core.engine.adaptive.policy import plan_from_store
from games.core.engine.clock import ActiveClock
from games.core.engine.exercise import Exercise
from games.core.engine.run import ExerciseRun
from games.core.engine.session import PRACTICE_TRIALS
from games.core.ui.scene import Scene
from games.core.ui.widgets import Button, draw_text, escape_or_click, fit
from games.launcher.common import margin
from games.launcher.confirm import ChoiceScene
from games.launcher.feedback_view import ReadyScene, draw_feedback, feedback_frame_ms

log = logging.getLogger(__name__)
FINISH_KEY = pygame.K_END  # "Finish after this one" from the keyboard (also offered by Esc's question)
FINISH_LABEL = "Finish after this one"
FINISHING = "Finishing after this one"
SHORT = {FINISH_LABEL: "Last one", FINISHING: "Last one now"}  # where the header has little room


class ExerciseScene(Scene):
    """Feeds stamped input and time to the run; stamps stimulus onsets right after the flip."""

    key_repeat = False

    def __init__(self, exercise: Exercise, n_trials: int | None = None, seed: int | None = None,
                 practice: bool = False) -> None:
        self.exercise = exercise
        self.n_trials = n_trials
        self.practice = practice  # a few unscored trials with feedback, the first time only
        self.seed = seed if seed is not None else secrets.randbits(31)
        self.run: ExerciseRun | None = None
        self.view = None
        self.stop_button = Button("Stop", self.ask_to_stop)
        self.finish_button = Button(FINISH_LABEL, self.finish_after_trial)
        self._done = False
        # the run's time: the "Stop?" question and the computer's sleeps left out (and added back
        # to its calendar times); made when the scene comes on screen, by the app's calendar
        self._time: ActiveClock | None = None

    def on_enter(self) -> None:
        app = self.app
        self.view = self.exercise.make_view(app.theme)
        self._time = ActiveClock(app.now())
        self.run = ExerciseRun(
            self.exercise, store=app.store, session_id=app.session_id, client=app.client,
            seed=self.seed, wall_start=self._time.wall_start, wall_clock=self._time.wall_at,
            n_trials=PRACTICE_TRIALS if self.practice else self.n_trials,
            plan=plan_from_store(app.store, app.client, self.exercise.spec), practice=self.practice,
        )
        self.run.on_trial = app.sound.answered  # the chime or the soft low tone as each trial is recorded
        start_ms = app.clock.now_ms()
        self._time.start(start_ms, keep_clock_ms=True)  # the logic's stamps stay on the real clock
        self.run.start(self.run_ms(start_ms))
        log.info("run %s of %s started (seed %s)", self.run.run_id, self.exercise.id, self.seed)

    def run_ms(self, t_ms: float) -> float:
        """The run's time: the real clock less the pauses, so a pause changes no trial's timing."""
        return self._time.active_ms(t_ms)

    def ask_to_stop(self) -> None:
        self._time.pause(self.app.clock.now_ms())
        self.app.stack.push(ChoiceScene(
            self, "Stop this exercise?", "What you did so far is saved.",
            [("Keep going", False), (FINISH_LABEL, "finish"), ("Stop now", True)], on_escape=False,
        ))

    def finish_after_trial(self) -> None:
        """The client would like to stop at a natural point: after the trial on screen."""
        self.run.finish_after_trial(self.run_ms(self.app.clock.now_ms()))

    def on_wake(self, slept_s: float, on_top: bool) -> None:
        # a sleep while "Stop?" is asked comes at the moment it was asked: run time stood there
        self._time.note_sleep(self.app.clock.now_ms(), slept_s * 1000.0)
        if on_top and not self.run.finished:
            self.ask_to_stop()  # the exercise waits, paused, for the client to come back to it

    def on_hold(self, now_ms: float) -> None:
        self._time.pause(now_ms)  # as while "Stop?" is asked: run time stands still

    def on_result(self, result) -> None:
        now = self.app.clock.now_ms()
        self._time.resume(now)
        if result is True:
            self.run.stop(self.run_ms(now))
        elif result == "finish":
            self.finish_after_trial()
        elif result == "start":  # the client is ready for the scored run after practice
            self.app.stack.replace(ExerciseScene(self.exercise, self.n_trials))
        elif result == "escape":
            self.app.stack.pop()

    def on_quit(self, now_ms: float) -> None:
        if self.run is not None:
            self._time.resume(now_ms)  # as "Stop now" would: the question's time is not the run's
            self.run.stop(self.run_ms(now_ms))

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if escape_or_click(event, self.stop_button):
            self.ask_to_stop()
            return
        if finish_asked(event, self.finish_button):
            self.finish_after_trial()
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

        if self.practice and self.run.summary.completed and not self.run.finish_chosen:
            self._time.pause(self.app.clock.now_ms())
            self.app.stack.push(ReadyScene())
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
        due = run_frame_ms(self.run, self.view, self.run_ms(now_ms))
        return None if due is None else self._time.clock_ms(due)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        side = margin(theme, surface)
        draw_header_button(surface, theme, self.stop_button, side)
        right = draw_finish_button(surface, theme, self.finish_button, self.stop_button, self.run, side)
        shown = min(max(self.run.logic.trial_index, 1), self.run.n_trials)
        what = "practice " if self.practice else ""
        count = f"{what}{shown} of {self.run.n_trials}"
        text = f"{self.exercise.spec.title}  ·  {count}"
        small = theme.font("small")
        width = right - side - theme.gap()
        if small.size(text)[0] > width:  # "practice 1 of 3" alone rather than the title cut short
            text = count
        draw_text(surface, fit(text, small, width), small, theme.palette.muted_text, (side, self.stop_button.rect.centery), "midleft")
        top = self.stop_button.rect.bottom + theme.gap()
        area = pygame.Rect(side, top, surface.get_width() - 2 * side, surface.get_height() - top - theme.gap())
        self.view.theme = self.app.theme  # it gives way in a window made smaller, and comes back
        draw_run(surface, theme, area, self.run, self.view, self.run_ms(self.app.clock.now_ms()))


def finish_asked(event: pygame.event.Event, button: Button) -> bool:
    """Whether ``event`` asks to finish after this trial: the End key, or a click on the button."""
    if event.type == pygame.KEYDOWN and event.key == FINISH_KEY:
        return True
    return event.type == pygame.MOUSEBUTTONUP and event.button == 1 and button.rect.collidepoint(event.pos)


def draw_run(surface: pygame.Surface, theme, area: pygame.Rect, run, view, run_now: float) -> None:
    """The exercise's view, or in its place the feedback moment showing (the view is held still)."""
    shown = run.feedback_at(run_now)
    if shown is not None:
        draw_feedback(surface, theme, area, shown, view, run_now)
    else:
        view.draw(surface, area, run.logic, run.logic_ms(run_now))


def run_frame_ms(run, view, run_now: float) -> float | None:
    """The run time of the next frame the run and its view need (None: only on input)."""
    if run.feedback is not None:
        return feedback_frame_ms(run.feedback, view, run_now)
    logic_now = run.logic_ms(run_now)
    redraw = view.next_redraw_ms(run.logic, logic_now)
    due = [run.next_change_ms(), None if redraw is None else redraw - logic_now + run_now]
    times = [t for t in due if t is not None]
    return min(times) if times else None


def draw_header_button(surface: pygame.Surface, theme, button: Button, side: int) -> None:
    """The small button at the top right of a playing screen (Stop, Pause), beside the header line."""
    button.rect = pygame.Rect(0, theme.gap(), button.width(theme), theme.font("body").get_linesize() + theme.gap())
    button.rect.right = surface.get_width() - side
    button.draw(surface, theme, focused=False)


def draw_finish_button(surface: pygame.Surface, theme, button: Button, beside: Button, run, side: int) -> int:
    """"Finish after this one" left of ``beside``, or once asked a quiet "Finishing after this one"
    (each shorter when it would take more than half the header); returns the left edge of what it
    drew (the header line ends there)."""
    if run is None or run.finished:
        button.rect = pygame.Rect(0, 0, 0, 0)
        return beside.rect.left
    room = (beside.rect.left - side) // 2
    if run.finish_chosen:
        button.rect = pygame.Rect(0, 0, 0, 0)
        small = theme.font("small", bold=True)
        text = FINISHING if small.size(FINISHING)[0] <= room else SHORT[FINISHING]
        at = (beside.rect.left - theme.gap(), beside.rect.centery)
        return draw_text(surface, text, small, theme.palette.text, at, "midright").left
    button.label = FINISH_LABEL
    if button.width(theme) > room:
        button.label = SHORT[FINISH_LABEL]
    button.rect = pygame.Rect(0, beside.rect.top, button.width(theme), beside.rect.height)
    button.rect.right = beside.rect.left - theme.gap()
    button.draw(surface, theme, focused=False)
    return button.rect.left
