"""The breathing break: a soft circle that grows on the in-breath and shrinks on the out-breath."""

from __future__ import annotations

from typing import Any

import pygame
import pygame.gfxdraw

from games.core.engine.breathing import (
    BREATHE_OUT, PACE_STEP_S, BreathPhase, breath_phase, change_pace, equivalent_elapsed_ms, next_frame_ms,
)
from games.core.ui.theme import Colour, Theme
from games.core.ui.widgets import Button, FocusList, draw_text, wrap
from games.launcher.common import FramedScene, margin
from scores.clinic.plans import BREATH_RANGE_S, DEFAULT_EXHALE_S, DEFAULT_INHALE_S

FULL_TITLE, SHORT_TITLE = "A breathing break", "Breathing break"
GUIDE_TEXT = "Follow the circle: breathe in as it grows, out as it shrinks."
LATE_START = 0.25  # a half-breath found this far along (after a pause) waits for the next one's tone
SMALLEST_SIZE = 0.3  # the circle at the end of an out-breath, as a share of its largest radius
FASTER_KEYS = (pygame.K_f,)  # letters, not + and -: "plus" could mean faster or a longer breath
SLOWER_KEYS = (pygame.K_s,)


def mix(colour: Colour, other: Colour, share: float) -> Colour:
    """``colour`` moved ``share`` (0..1) of the way towards ``other``."""
    return tuple(round(a + (b - a) * share) for a, b in zip(colour, other))  # type: ignore[return-value]


def _disc(surface: pygame.Surface, centre: tuple[int, int], radius: int, colour: Colour) -> None:
    """A filled circle with a smooth edge."""
    if radius < 1:
        return
    pygame.gfxdraw.filled_circle(surface, centre[0], centre[1], radius, colour)
    pygame.gfxdraw.aacircle(surface, centre[0], centre[1], radius, colour)


def _word_font(theme: Theme, width: int, height: int, share: float = 0.16) -> pygame.font.Font:
    """One size for both words (the longer decides), so the text does not jump at the turn.

    At least the theme's large size when the room allows, so the word stays the clearest thing.
    """
    cap_px = min(max(height * share, theme.size("large") * 0.75), height * 0.3)
    return theme.font_to_fit("huge", BREATHE_OUT, width - theme.gap(), max(8, int(cap_px)), bold=True)


def _guide_places(theme: Theme, area: pygame.Rect) -> tuple[pygame.Rect, tuple[int, int], str, pygame.font.Font]:
    """The circle's square and where the word goes (point and anchor): under it, or beside it in a wide area."""
    if area.width >= 2.2 * area.height:
        font = _word_font(theme, area.width - area.height - theme.gap(2), area.height, share=0.22)
        word_w = font.size(BREATHE_OUT)[0]
        side = min(area.height, area.width - word_w - theme.gap(2))
        left = area.centerx - (side + theme.gap(2) + word_w) // 2
        square = pygame.Rect(left, area.centery - side // 2, side, side)
        return square, (square.right + theme.gap(2), area.centery), "midleft", font
    font = _word_font(theme, area.width, area.height)
    height = max(1, area.height - font.get_linesize() - theme.gap(0.5))
    side = min(area.width, height)
    square = pygame.Rect(area.centerx - side // 2, area.top + (height - side) // 2, side, side)
    return square, (area.centerx, area.top + height + theme.gap(0.5)), "midtop", font


def draw_breathing(surface: pygame.Surface, area: pygame.Rect, theme: Theme, elapsed_ms: float,
                   inhale_s: float, exhale_s: float) -> None:
    """Draw the guide for the moment ``elapsed_ms`` after the first in-breath began.

    The circle eases between a small and a large size, a faint ring shows the largest size, the
    word ("Breathe in" / "Breathe out") stands under or beside it and the seconds left count down
    inside it.
    """
    pal = theme.palette
    phase = breath_phase(elapsed_ms, inhale_s, exhale_s)
    square, word_at, anchor, word_font = _guide_places(theme, area)
    halo = max(2, square.width // 24)
    largest = max(4, square.width // 2 - halo - theme.gap(0.25))
    smallest = min(largest, max(round(largest * SMALLEST_SIZE), theme.font("small").get_height() * 3 // 4))
    radius = round(smallest + (largest - smallest) * phase.size)
    centre = square.center
    _disc(surface, centre, radius + halo, mix(pal.block_tapped, pal.background, 0.6))
    _disc(surface, centre, radius, pal.block_tapped)
    pygame.gfxdraw.aacircle(surface, centre[0], centre[1], radius, pal.accent)
    guide = mix(pal.border, pal.background, 0.35)
    pygame.draw.circle(surface, guide, centre, largest + halo, width=max(2, theme.gap(0.15)))
    count_font = theme.font_to_fit("huge", "12", int(smallest * 1.3), max(8, int(smallest * 0.75)), bold=True)
    draw_text(surface, str(phase.count), count_font, pal.block_lit_text, centre, "center")
    draw_text(surface, phase.word, word_font, pal.text, word_at, anchor)


def pace_text(inhale_s: float, exhale_s: float) -> str:
    return f"In {inhale_s:g} s, out {exhale_s:g} s"


def clock_text(seconds: float) -> str:
    """Seconds as m:ss, rounded up so the last second shows 0:01, not 0:00."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60}:{whole % 60:02d}"


class BreathTones:
    """The breathing tone of each half-breath, started as the half begins and lasting it, so a
    client can follow with eyes closed; hushed when the guide stops."""

    def __init__(self) -> None:
        self._half: tuple[int, str] | None = None  # the half-breath last seen

    def follow(self, sound: Any, phase: BreathPhase | None) -> None:
        """Called every frame with the guide's phase, or None when no guide shows."""
        half = None if phase is None else (phase.breaths_done, phase.word)
        if half == self._half:
            return
        if phase is None:
            sound.hush()
        elif phase.progress < LATE_START:
            sound.breathe(phase.is_inhaling, phase.seconds_left / (1.0 - phase.progress))  # the whole half
        self._half = half


class BreathingScene(FramedScene):
    """Runs the guide for ``minutes`` on the app clock; "Slower", "Faster", and "Done" (or Esc) to end early."""

    title, short_title = FULL_TITLE, SHORT_TITLE
    hint = "F faster  ·  S slower  ·  Esc to finish"
    corner_label = "Done"

    def __init__(self, minutes: float, inhale_s: float = DEFAULT_INHALE_S, exhale_s: float = DEFAULT_EXHALE_S) -> None:
        super().__init__()
        if minutes <= 0:
            raise ValueError(f"a breathing break needs a positive length, not {minutes} minutes")
        self.minutes, self.inhale_s, self.exhale_s = minutes, inhale_s, exhale_s
        self.start_ms = self.origin_ms = 0.0  # origin: when the first breath began at the current pace
        self._finished = False
        self._subtitle = ""
        self.buttons = FocusList([Button("Slower", self.slower), Button("Faster", self.faster)])
        self.tones = BreathTones()

    def on_enter(self) -> None:
        self.start_ms = self.origin_ms = self.app.clock.now_ms()

    def subtitle(self) -> str:
        return self._subtitle

    # -- time and pace ---------------------------------------------------------------------
    def breath_ms(self, now_ms: float) -> float:
        """Time into the breathing at the current pace (the guide's ``elapsed_ms``)."""
        return max(0.0, now_ms - self.origin_ms)

    def phase(self, now_ms: float) -> BreathPhase:
        """What the guide shows at ``now_ms``."""
        return breath_phase(self.breath_ms(now_ms), self.inhale_s, self.exhale_s)

    def seconds_left(self, now_ms: float) -> float:
        return max(0.0, self.minutes * 60.0 - (now_ms - self.start_ms) / 1000.0)

    def set_pace(self, inhale_s: float, exhale_s: float) -> None:
        """Change the pace mid-breath; the circle carries on from where it was."""
        now = self.app.clock.now_ms()
        moved = equivalent_elapsed_ms(self.breath_ms(now), self.inhale_s, self.exhale_s, inhale_s, exhale_s)
        self.inhale_s, self.exhale_s = inhale_s, exhale_s
        self.origin_ms = now - moved
        self.app.sound.hush()  # the tone under way no longer fits the breath; the next half brings its own

    def faster(self) -> None:
        self.set_pace(*change_pace(self.inhale_s, self.exhale_s, -PACE_STEP_S, BREATH_RANGE_S))

    def slower(self) -> None:
        self.set_pace(*change_pace(self.inhale_s, self.exhale_s, PACE_STEP_S, BREATH_RANGE_S))

    def back(self) -> None:
        if not self._finished:
            self._finished = True
            self.tones.follow(self.app.sound, None)
            self.app.stack.pop(None)

    # -- the loop --------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        if self.handle_corner(event):
            return
        if event.type == pygame.KEYDOWN and event.key in FASTER_KEYS:
            self.faster()
        elif event.type == pygame.KEYDOWN and event.key in SLOWER_KEYS:
            self.slower()
        else:
            self.buttons.handle_event(event)

    def update(self, now_ms: float) -> None:
        if self.seconds_left(now_ms) <= 0 and self.app.stack.top is self:
            self.back()
        elif self.app.stack.top is self:
            self.tones.follow(self.app.sound, self.phase(now_ms))

    def next_frame_ms(self, now_ms: float) -> float | None:
        return next_frame_ms(self.start_ms, now_ms)

    def status_text(self, now_ms: float) -> str:
        """The pace, the time left, and a word when the pace is at either end of its range."""
        text = f"{pace_text(self.inhale_s, self.exhale_s)}  ·  {clock_text(self.seconds_left(now_ms))} left"
        if (self.inhale_s, self.exhale_s) == change_pace(self.inhale_s, self.exhale_s, -PACE_STEP_S, BREATH_RANGE_S):
            text += "  ·  the fastest pace"
        elif (self.inhale_s, self.exhale_s) == change_pace(self.inhale_s, self.exhale_s, PACE_STEP_S, BREATH_RANGE_S):
            text += "  ·  the slowest pace"
        return text

    def draw(self, surface: pygame.Surface) -> None:
        theme, now = self.theme, self.app.clock.now_ms()
        fits = theme.font("body").size(GUIDE_TEXT)[0] <= surface.get_width() - 2 * margin(theme, surface)
        self._subtitle = GUIDE_TEXT if fits else ""  # a second line would take the circle's room
        content = self.draw_frame(surface)
        small = theme.font("small")
        controls_top = self._layout_controls(content)
        lines = wrap(self.status_text(now), small, content.width)
        y = controls_top - theme.gap(0.5) - len(lines) * small.get_linesize()
        if y - content.top < 3 * theme.font("large").get_linesize():  # a cramped window: the guide comes first
            lines, y = [], controls_top - theme.gap(0.5)
        area = pygame.Rect(content.left, content.top, content.width, y - content.top)
        if area.height > 0:
            draw_breathing(surface, area, theme, self.breath_ms(now), self.inhale_s, self.exhale_s)
        for line in lines:
            draw_text(surface, line, small, theme.palette.muted_text, (content.centerx, y), "midtop")
            y += small.get_linesize()
        self.buttons.draw(surface, theme)

    def _layout_controls(self, content: pygame.Rect) -> int:
        """Centre Slower and Faster in the bottom row; returns the row's top."""
        theme, buttons = self.theme, self.buttons.buttons
        height = buttons[0].height(theme)
        width = min(max(b.width(theme) for b in buttons), (content.width - theme.gap()) // 2)
        top = content.bottom - height
        left = content.centerx - width - theme.gap(0.5)
        for i, button in enumerate(buttons):
            button.rect = pygame.Rect(left + i * (width + theme.gap()), top, width, height)
        self.buttons.viewport = content
        return top
