"""The window and its loop: block for input, stamp it when dequeued, draw, stamp onsets after flip."""

from __future__ import annotations

import logging
import math
import os
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

import pygame

from games.core.engine.clock import Clock, TimeSource
from games.core.engine.guarded_store import GuardedStore
from games.core.ui.held_keys import HeldKeys
from games.core.ui.scene import Scene, SceneStack
from games.core.ui.sound import Sound, chosen_sound
from games.core.ui.theme import Theme, forget_fonts
from games.launcher import band
from scores.clinic.audit import LAUNCHER
from scores.store.backup import backup_after_use
from scores.store.database import StoreError

log = logging.getLogger(__name__)

WINDOW_SIZE = (1100, 760)
MIN_WINDOW_SIZE = (640, 480)
KEY_REPEAT_MS = (400, 60)  # delay before a held key repeats, and the interval between repeats
IDLE_REDRAW_MS = 500.0  # redraw now and then even when nothing happens (window exposure, resizes)
# the room every screen is laid out for, per unit of font scale: a window smaller than this times
# the chosen scale shows the type smaller, rather than screens that cannot hold it
ROOM_PER_SCALE = (550, 380)
# the calendar clock running this much ahead of the app's between two frames means the computer
# slept (the app's clock stands still then); any less is ordinary scheduling
SLEEP_GAP_S = 10.0
WAKE_QUIET_MS = 1500.0  # input this soon after a wake is the person waking the computer, not an answer
# set to 1, the app closes as soon as its first frame is on screen: benchmarks/startup.py times that
EXIT_AFTER_FIRST_FRAME = "COGSUITE_EXIT_AFTER_FIRST_FRAME"
INPUT_EVENTS = frozenset({
    pygame.KEYDOWN, pygame.TEXTINPUT, pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP,
    pygame.MOUSEWHEEL,
})


class App:
    """Owns the window, the theme, the store, the clock and the scene stack.

    The store is guarded: a write that fails in play is kept for a retry, and the save problem
    screen comes over whatever is on top until it is saved (or the person quits). On a clinic's
    server that is away, play goes on instead: a band under the screen says the play is kept on
    this PC, and what is kept is written when the server answers again. Any other change the store
    refuses (a new client, a setting) is simply not made, and a calm notice says so.
    """

    def __init__(
        self,
        store: Any,
        theme: Theme | None = None,
        clock: Clock | None = None,
        fullscreen: bool = False,
        size: tuple[int, int] = WINDOW_SIZE,
        wall_s: Callable[[], float] | None = None,
        sound: bool | None = None,
    ) -> None:
        # None: a screen that needs no store (the damaged-store notice), or none yet (a clinic's
        # server away at start: ``use_store`` when it answers)
        self.store: GuardedStore | None = None
        self.use_store(store)
        self.chosen_theme = theme or Theme()
        self.theme = self.chosen_theme
        # the app's one source of time: ``clock`` (reaction times, timers) and the calendar in
        # seconds, which unlike ``clock`` runs on while the computer sleeps; with a fake ``clock``
        # the calendar is today's, moving on with that clock, unless a test gives its own
        self.time = TimeSource(clock, wall_s)
        self.clock = self.time.clock
        self.stack = SceneStack(self)
        self.running = True
        self.client: Any = None
        self.session_id: str | None = None
        # when a person last pressed, typed, moved or clicked, by both clocks
        self.last_input_ms, self.last_input_wall_s = self.clock.now_ms(), self.wall_s()
        self._clocks_seen = (self.clock.now_ms(), self.wall_s())  # both clocks at the last frame
        self._quiet_until_ms = -math.inf  # input before this is dropped (just after a wake)
        # something to check before every frame and every input whatever screen is on top, with
        # due_ms(app) and check(app, now_ms) -> whether it acted: therapist mode's idle lock
        self.watchdog: Any = None
        self.held_keys = HeldKeys()
        # on or off as chosen on this PC (by default off on a clinic PC, on at home); ``sound``
        # (--sound on|off) overrides for this run
        self._sound_override = sound
        self.sound = Sound(*chosen_sound(self.store, sound))
        self._saved_word_until_ms = -math.inf  # the band says play is saved again until then
        self._seen_top: Scene | None = None  # the screen on top when the last event came
        self._exit_after_first_frame = os.environ.get(EXIT_AFTER_FIRST_FRAME) == "1"
        # whether each frame is drawn, and flipped to the window; a headless test's pilot (the
        # dummy video driver shows nothing) may skip some, so its many frames stay cheap
        self.draws_frames = True
        self.flips_frames = True
        self.screen = self._open_window(size, fullscreen)
        self._fit_theme()

    def use_store(self, store: Any) -> None:
        """Work on ``store`` (guarded), first saving what an earlier closing could not."""
        self.store = store if store is None or isinstance(store, GuardedStore) else GuardedStore(store)
        if self.store is not None:
            self.store.take_back()  # answers an earlier closing could not save
            self.store.act_as(LAUNCHER)  # the audit's "from where", until a therapist signs in
            if hasattr(self, "sound"):  # a store that came after the window: its sound choice
                self.sound = Sound(*chosen_sound(self.store, self._sound_override))

    def background_work(self) -> Any:
        """Work under way off the loop for the app itself (asking an absent server), if any."""
        return None if self.store is None else self.store.background_work()

    @staticmethod
    def _open_window(size: tuple[int, int], fullscreen: bool) -> pygame.Surface:
        pygame.display.init()  # the mixer opens when something is first to be heard (games.core.ui.sound)
        pygame.font.init()
        pygame.display.set_caption("cogsuite")
        flags = pygame.FULLSCREEN if fullscreen else pygame.RESIZABLE
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                screen = pygame.display.set_mode((0, 0) if fullscreen else size, flags, vsync=1)
            except pygame.error as err:
                caught.append(err)
                screen = pygame.display.set_mode((0, 0) if fullscreen else size, flags)
        for problem in caught:
            log.info("vsync not available on the %s driver: %s", pygame.display.get_driver(), problem)
        pygame.key.start_text_input()
        return screen

    def _slept_s(self) -> float:
        """How long the computer slept since the last call, as far as the two clocks tell; 0 if not."""
        now_ms, wall = self.clock.now_ms(), self.wall_s()
        before_ms, before_wall = self._clocks_seen
        self._clocks_seen = (now_ms, wall)
        slept = (wall - before_wall) - (now_ms - before_ms) / 1000.0
        return slept if slept > SLEEP_GAP_S else 0.0

    def _fit_theme(self) -> None:
        """The chosen theme, its type made smaller while the window is too small to hold it."""
        width, height = self.screen.get_size()
        most = min(width / ROOM_PER_SCALE[0], height / ROOM_PER_SCALE[1])
        scale = min(self.chosen_theme.font_scale, max(most, 0.5))
        if scale != self.theme.font_scale:
            log.info("font scale %.2f shown at %.2f in a %dx%d window", self.chosen_theme.font_scale, scale, width, height)
            self.theme = self.chosen_theme.with_scale(scale)

    def wall_s(self) -> float:
        """The calendar time now in seconds since the epoch (runs on while the computer sleeps)."""
        return self.time.wall_s()

    def now(self) -> datetime:
        """The calendar time now, in UTC: what every screen dates and stamps things with (so a
        test's fake calendar decides the day)."""
        return self.time.now()

    def today(self) -> date:
        """This PC's local calendar date now."""
        return self.time.today()

    # -- clients and sessions ----------------------------------------------------------------
    def begin_session(self, client: Any) -> None:
        self.end_session()
        self.client = client
        self.session_id = self.store.start_session(client, self.now())
        log.info("session %s started for client %s", self.session_id, client.code)

    def end_session(self) -> None:
        if self.session_id is not None:
            self.store.end_session(self.session_id, self.now())
            log.info("session %s ended", self.session_id)
            backup_after_use(self.store.path)  # the day's, also for a launcher left open for days
        self.client, self.session_id = None, None

    # -- the loop ----------------------------------------------------------------------------
    def run(self, first: Scene) -> None:
        self.stack.push(first)
        while self.running and self.stack.top is not None:
            self.step()
        self.quit()

    def step(self, max_wait_ms: float | None = None) -> None:
        """Wait for input or the next frame, handle every queued event, then draw one frame."""
        scene = self.stack.top
        if scene is None:
            self.running = False
            return
        timeout_ms = math.ceil(self._timeout_ms(scene, max_wait_ms))
        # wait(0) would wait for ever: a frame that is already due only polls
        event = pygame.event.wait(timeout_ms) if timeout_ms >= 1 else pygame.event.poll()
        slept_s = self._slept_s()
        if slept_s:
            log.info("the computer slept for about %d s", slept_s)
            self._quiet_until_ms = self.clock.now_ms() + WAKE_QUIET_MS
            for below in reversed(list(self.stack)):  # top first; each may push its question
                below.on_wake(slept_s, on_top=below is scene)
        while event.type != pygame.NOEVENT and self.running:
            self._follow_top()
            # the key or touch that woke the computer is not an answer to what was on screen before
            t_ms = self.clock.now_ms()
            if not (event.type in INPUT_EVENTS and t_ms < self._quiet_until_ms) and self.held_keys.passes(event):
                self._dispatch(event, t_ms)
            event = pygame.event.poll()
        self.draw_frame()

    def screen_changed(self) -> None:
        """A screen shows a new step (as PIN set-up does): the keys held now are not for it, as
        they are not for a new screen on top."""
        self.held_keys.screen_changed()

    def _follow_top(self) -> None:
        """Spend the keys held when the screen on top changed (by input, by time, by a wake)."""
        if self.stack.top is not self._seen_top:
            self._seen_top = self.stack.top
            self.held_keys.screen_changed()

    def _apply_key_repeat(self, scene: Scene) -> None:
        """Held keys repeat in menus and text fields, never in an exercise (a held key is one answer)."""
        wanted = KEY_REPEAT_MS if scene.key_repeat else (0, 0)
        if pygame.key.get_repeat() != wanted:
            pygame.key.set_repeat(*wanted)

    def _timeout_ms(self, scene: Scene, max_wait_ms: float | None) -> float:
        now = self.clock.now_ms()
        due = scene.next_frame_ms(now)
        if self.watchdog is not None:
            due = self.watchdog.due_ms(self) if due is None else min(due, self.watchdog.due_ms(self))
        wait = IDLE_REDRAW_MS if due is None else max(0.0, due - now)
        if self.store is not None and self.store.draining:  # the kept writes go out a few each frame
            wait = 0.0
        if max_wait_ms is not None:
            wait = min(wait, max_wait_ms)
        return max(0.0, min(wait, IDLE_REDRAW_MS))

    def _dispatch(self, event: pygame.event.Event, t_ms: float) -> None:
        if event.type in INPUT_EVENTS:
            # the input that finds the lock due (a key that wakes a sleeping laptop) only locks
            if self.watchdog is not None and self.watchdog.check(self, t_ms):
                return
            self.last_input_ms, self.last_input_wall_s = t_ms, self.wall_s()
        if event.type == pygame.QUIT:
            log.info("window closed")
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE and not (self.screen.get_flags() & pygame.FULLSCREEN):
            width, height = max(event.w, MIN_WINDOW_SIZE[0]), max(event.h, MIN_WINDOW_SIZE[1])
            if (width, height) != (event.w, event.h):
                self.screen = pygame.display.set_mode((width, height), pygame.RESIZABLE)
            else:
                self.screen = pygame.display.get_surface()
            self._fit_theme()
        scene = self.stack.top
        if scene is not None:
            self._guarded(scene.handle_event, event, t_ms)

    def _guarded(self, handler: Callable[..., None], *args: Any) -> None:
        """The one place a failed write is noticed, after each event and each update: a play write
        kept for a retry brings the save problem screen over the screen on top (its timers held)
        before anything else is done or drawn; another write refused brings a notice."""
        from games.launcher.save_problem import SaveProblemScene, away_notice, refused_notice

        try:
            handler(*args)
        except StoreError as err:
            log.error("a change could not be saved and was not made: %s", err)
            if self.stack.top is not None:
                self.stack.push((away_notice if self._server_away(err) else refused_notice)(self.stack.top))
        top = self.stack.top
        if self.store is None or self.store.problem is None or top is None or isinstance(top, SaveProblemScene):
            return
        if self.store.away:  # a clinic's server: play goes on, kept on this PC (the band says so)
            return
        top.on_hold(self.clock.now_ms())
        self.stack.push(SaveProblemScene(top))

    def band_text(self) -> str | None:
        """What the band under the screen says now, if anything."""
        if self.store is not None and self.store.away:
            return band.AWAY
        return band.SAVED_AGAIN if self.clock.now_ms() < self._saved_word_until_ms else None

    def _server_away(self, err: StoreError) -> bool:
        """Whether ``err`` is a clinic's server not answering (not one refusing a right)."""
        if self.store is None or not self.store.shared:
            return False
        from scores.store.postgres import PermissionRefused

        return not isinstance(err, PermissionRefused)

    def draw_frame(self) -> None:
        if self.watchdog is not None:
            self.watchdog.check(self, self.clock.now_ms())
        if self.store is not None and self.store.tick(self.clock.now_ms()):
            self._saved_word_until_ms = self.clock.now_ms() + band.SAVED_SHOWN_MS
        scene = self.stack.top
        if scene is None:
            return
        self._guarded(scene.update, self.clock.now_ms())
        scene = self.stack.top  # update may have popped or pushed
        if scene is None:
            return
        self._apply_key_repeat(scene)
        if self.draws_frames:
            self._draw(scene)
            if self.flips_frames:
                pygame.display.flip()
        scene.after_flip(self.clock.now_ms())
        if self._exit_after_first_frame:
            log.info("closing after the first frame (%s)", EXIT_AFTER_FIRST_FRAME)
            self.running = False

    def _draw(self, scene: Scene) -> None:
        """The scene, in the room above the band when there is one (so the band covers nothing)."""
        self.screen.fill(self.theme.palette.background)
        text = self.band_text()
        if text is None:
            scene.draw(self.screen)
            return
        width, height = self.screen.get_size()
        room = height - band.band_height(self.theme, text, width)
        scene.draw(self.screen.subsurface(pygame.Rect(0, 0, width, room)))
        band.draw_band(self.screen, self.theme, text)

    def wind_down(self) -> Path | None:
        """Let every scene save what it must and close the session; what the store still refuses
        goes to a file the next start saves. Returns that file, if one was written."""
        now = self.clock.now_ms()
        for scene in reversed(list(self.stack)):
            scene.on_quit(now)
        self.end_session()
        return None if self.store is None else self.store.set_aside()

    def quit(self) -> None:
        """Wind down, and shut pygame down."""
        self.wind_down()
        self.running = False
        forget_fonts()
        pygame.quit()
