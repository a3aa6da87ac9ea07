"""A timed session on screen: the current item with its countdowns, a pause menu, then the summary."""

from __future__ import annotations

import logging
import secrets
from typing import Any

import pygame

from games.core.engine.breathing import BreathPhase, breath_phase, next_frame_ms
from games.core.engine.session import SessionRunner
from games.core.ui.scene import Scene
from games.core.ui.widgets import Button, FocusList, draw_text, escape_or_click, fit
from games.launcher.breathing import BreathTones, draw_breathing
from games.launcher.common import margin
from games.launcher.confirm import ChoiceScene
from games.launcher.feedback_view import ReadyScene
from games.launcher.instructions import InstructionsScene
from games.launcher.mood import MoodForm
from games.launcher.play import (
    FINISH_LABEL, draw_finish_button, draw_header_button, draw_run, finish_asked, run_frame_ms,
)
from games.registry import get_exercise
from scores.clinic.plans import Plan

log = logging.getLogger(__name__)


def clock_text(seconds: float) -> str:
    """A countdown as m:ss, rounded up so 0:00 shows only when the time is really over."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


class ItemIntroScene(InstructionsScene):
    """Before an exercise item: its instructions; Start begins its time, Skip leaves it out."""

    hint = "Enter to start  ·  Esc to skip this exercise"

    def __init__(self, exercise: Any, heading: str) -> None:
        super().__init__(exercise)
        self.title = heading
        self.buttons = FocusList([Button("Start", self.start), Button("Skip this exercise", self.back)])

    def about_time(self) -> str:
        return ""  # the plan gives the item its minutes, and the session shows its own clock

    def start(self) -> None:
        self.app.stack.pop("start")

    def back(self) -> None:
        self.app.stack.pop("skip")

    def on_quit(self, now_ms: float) -> None:
        pass  # the session below is still on the stack and saves itself


class SessionScene(Scene):
    """Runs ``plan`` for ``client``: each item in turn, Esc or Pause for the session menu."""

    key_repeat = False

    def __init__(self, plan: Plan, client: Any, seed: int | None = None, assignment: Any = None) -> None:
        self.plan, self.client = plan, client
        self.assignment = assignment  # a home assignment the session follows: recorded as a home session
        self.seed = seed if seed is not None else secrets.randbits(31)
        self.runner: SessionRunner | None = None
        self.pause_button = Button("Pause", self.open_menu)
        self.finish_button = Button(FINISH_LABEL, self.finish_after_trial)
        self.view: Any = None
        self._view_for: str | None = None
        self.mood_form: MoodForm | None = None
        self._shown_position = 0  # the item the screen was last set up for
        self._shown_run: Any = None  # the exercise run it was last set up for
        self._done = False
        self.breath_tones = BreathTones()

    def on_enter(self) -> None:
        self.runner = SessionRunner(
            self.plan, store=self.app.store, client=self.client, get_exercise=get_exercise,
            wall_start=self.app.now(), seed=self.seed,
            kind="home" if self.assignment else "clinic", assignment_id=getattr(self.assignment, "id", None),
        )
        self.runner.on_trial = self.app.sound.answered
        self.runner.start(self.app.clock.now_ms())
        log.info("session %s of plan %r started (seed %s)", self.runner.session_id, self.plan.name, self.seed)
        self._follow_item()

    @property
    def run(self) -> Any:
        """The exercise run on screen, if any (what ``Pilot.play`` drives)."""
        return self.runner.run

    def run_ms(self, t_ms: float) -> float:
        return self.runner.active_ms(t_ms)

    # -- the session menu and the item intro ----------------------------------------------
    def on_wake(self, slept_s: float, on_top: bool) -> None:
        self.runner.note_sleep(self.app.clock.now_ms(), slept_s * 1000.0)
        if on_top and not self.runner.finished:
            self.open_menu()  # every timer stops until the client chooses to go on

    def open_menu(self) -> None:
        self.runner.pause(self.app.clock.now_ms())
        self.app.sound.hush()
        run = self.runner.run
        finish = [(FINISH_LABEL, "finish")] if run is not None and not run.finish_chosen else []
        self.app.stack.push(ChoiceScene(
            self, "Paused", "Every timer has stopped. Take your time.",
            [("Keep going", "resume"), *finish, ("Skip this part", "skip"), ("Stop the session", "stop")],
            on_escape="resume",
        ))

    def finish_after_trial(self) -> None:
        """The client would like to end this exercise after the trial on screen; the session goes on."""
        self.runner.finish_after_trial(self.app.clock.now_ms())
        self._follow_item()

    def on_hold(self, now_ms: float) -> None:
        self.runner.pause(now_ms)  # the save problem screen pops with "resume" once all is saved

    def on_result(self, result: Any) -> None:
        now = self.app.clock.now_ms()
        if result in ("resume", "start", "finish"):
            self.runner.resume(now)
            if result == "finish":
                self.runner.finish_after_trial(now)
        elif result == "escape":  # Esc on the screen between practice and the scored run
            self.open_menu()
            return
        elif result == "skip":
            self.runner.skip(now)
        elif result == "stop":
            self.runner.stop(now)
        self._follow_item()

    def on_quit(self, now_ms: float) -> None:
        if self.runner is not None:
            self.runner.stop(now_ms)

    def _follow_item(self) -> None:
        """Set the screen up for the item the runner has moved to (intro, view or mood form)."""
        runner = self.runner
        if runner.finished:
            self._show_summary()
            return
        if runner.state.position == self._shown_position:
            self._follow_run()
            return
        self._shown_position, self._shown_run = runner.state.position, runner.run
        item = runner.state.item
        self.mood_form = MoodForm() if item.kind == "mood" else None
        if item.kind == "exercise":
            exercise = get_exercise(item.exercise)
            if self._view_for != exercise.id:
                self.view, self._view_for = exercise.make_view(self.app.theme), exercise.id
            runner.pause(self.app.clock.now_ms())  # the item's time starts when the client is ready
            self.app.stack.push(ItemIntroScene(exercise, f"Next: {exercise.spec.title}"))

    def _follow_run(self) -> None:
        """After practice, the scored run waits, paused, for the client to say they are ready."""
        run, before = self.runner.run, self._shown_run
        if run is before:
            return
        self._shown_run = run
        if before is not None and before.practice and run is not None and not run.practice:
            self.runner.pause(self.app.clock.now_ms())
            self.app.stack.push(ReadyScene())

    def _show_summary(self) -> None:
        from games.launcher.session_summary import SessionSummaryScene

        if not self._done:
            self._done = True
            self.app.stack.replace(SessionSummaryScene(self.runner.session_id, self.client))

    # -- input and time -----------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if escape_or_click(event, self.pause_button):
            self.open_menu()
            return
        if self.runner.run is not None and finish_asked(event, self.finish_button):
            self.finish_after_trial()
            return
        if self.mood_form is not None:
            self.mood_form.handle_event(event)
            if self.mood_form.submitted:
                self.runner.answer_mood(self.mood_form.answers, t_ms)
                self._follow_item()
        elif self.runner.run is not None and self.view is not None:
            action = self.view.action_for(event, self.runner.run.logic)
            if action is not None:
                self.runner.handle(action, t_ms)
                self._follow_item()

    def update(self, now_ms: float) -> None:
        if self.app.stack.top is self:
            self.runner.tick(now_ms)
            self._follow_item()
            self.breath_tones.follow(self.app.sound, self.breath_phase(now_ms))

    def breath_phase(self, now_ms: float) -> BreathPhase | None:
        """The breathing guide's phase while a breathing break is on screen, else None."""
        if self.runner.finished or self.runner.state.item.kind != "breathing":
            return None
        item = self.runner.state.item
        return breath_phase(self.runner.item_elapsed_ms(now_ms), item.inhale_s, item.exhale_s)

    def after_flip(self, t_ms: float) -> None:
        if self.runner.awaiting_onset:
            self.runner.mark_onset(t_ms)

    def next_frame_ms(self, now_ms: float) -> float | None:
        runner = self.runner
        if runner.finished or runner.paused:
            return None
        if runner.awaiting_onset:
            return now_ms
        due = [runner.next_change_ms(), now_ms + 1000.0 - runner.active_ms(now_ms) % 1000.0]  # the countdown
        if runner.state.item.kind == "breathing":
            due.append(next_frame_ms(now_ms - runner.item_elapsed_ms(now_ms), now_ms))
        if runner.run is not None and self.view is not None and not runner.run.finished:
            active = runner.active_ms(now_ms)
            redraw = run_frame_ms(runner.run, self.view, active)
            if redraw is not None:
                due.append(redraw - active + now_ms)
        return min(t for t in due if t is not None)

    # -- drawing ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        runner, theme = self.runner, self.app.theme
        if runner.finished:
            return
        side = margin(theme, surface)
        draw_header_button(surface, theme, self.pause_button, side)
        now = self.app.clock.now_ms()
        self._draw_header(surface, side, now)
        top = self.pause_button.rect.bottom + theme.gap()
        area = pygame.Rect(side, top, surface.get_width() - 2 * side, surface.get_height() - top - theme.gap())
        item, active = runner.state.item, runner.active_ms(now)
        if item.kind == "breathing":
            draw_breathing(surface, area, theme, runner.item_elapsed_ms(now), item.inhale_s, item.exhale_s)
        elif item.kind == "mood" and self.mood_form is not None:
            self.mood_form.draw(surface, area, theme)
        elif runner.run is not None and self.view is not None:
            self.view.theme = self.app.theme  # it gives way in a window made smaller, and comes back
            draw_run(surface, theme, area, runner.run, self.view, active)

    def header_text(self, now_ms: float) -> str:
        """Which item this is, of how many, and what it is."""
        runner = self.runner
        item, position = runner.state.item, runner.state.position
        names = {"breathing": "A breathing break", "mood": "How are you?"}
        label = names.get(item.kind) or get_exercise(item.exercise).spec.title
        practice = " (practice)" if runner.run is not None and runner.run.practice else ""
        return f"{position} of {len(self.plan.items)}  ·  {label}{practice}"

    def countdown_text(self, now_ms: float) -> str:
        """The time left in the item and in the session, unless hidden for this client."""
        left = self.runner.item_remaining_s(now_ms)
        if self.client.hide_countdown or left is None:
            return ""
        return f"{clock_text(left)} left  ·  session {clock_text(self.runner.session_remaining_s(now_ms))}"

    def _draw_header(self, surface: pygame.Surface, side: int, now_ms: float) -> None:
        theme, pal = self.app.theme, self.app.theme.palette
        right = draw_finish_button(surface, theme, self.finish_button, self.pause_button, self.runner.run, side)
        width = right - side - theme.gap()
        y = self.pause_button.rect.centery
        small, bold = theme.font("small"), theme.font("small", bold=True)
        countdown = self.countdown_text(now_ms)
        if countdown:  # the countdown keeps its place; the label gives way
            shown = draw_text(surface, fit(countdown, bold, width), bold, pal.text, (side + width, y), "midright")
            width = shown.left - side - theme.gap()
        text = self.header_text(now_ms)
        if small.size(text)[0] > width:  # "2 of 6" alone rather than the item's name cut short
            text = text.split("  ·  ")[0]
        if width > 0:
            draw_text(surface, fit(text, small, width), small, pal.muted_text, (side, y), "midleft")
