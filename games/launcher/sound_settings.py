"""The sound screen: sound on or off, louder or quieter, saved for this PC; each change is heard."""

from __future__ import annotations

import pygame

from games.core.ui.sound import ON_SETTING, VOLUME_SETTING
from games.core.ui.theme import Theme
from games.core.ui.widgets import Button, FocusList, draw_text, wrap
from games.launcher.common import FramedScene

WHAT_PLAYS = ("Saved for this PC. A soft chime when an answer is right, a low tone when it is not quite, "
              "a rising tune for a new best, and tones to breathe by in a breathing break: rising as you "
              "breathe in, falling as you breathe out.")
NO_DEVICE = "This PC has no sound device cogsuite can use; everything works the same without sound."
VOLUME_SEGMENTS = 10


def open_sound_settings(app) -> None:
    """Open the sound screen (from the exercise list and therapist home)."""
    app.stack.push(SoundScene())


class SoundScene(FramedScene):
    """Turn sound on or off and change its volume, by keys (arrows, Enter) or by mouse."""

    title = "Sound"
    corner_label = "Done"
    hint = "Arrow keys to choose  ·  Enter to change  ·  Esc when done"

    def __init__(self) -> None:
        super().__init__()
        self.switch = Button("", self.toggle)
        self.quieter, self.louder = Button("Quieter", lambda: self.change_volume(-1)), Button("Louder", lambda: self.change_volume(1))
        self.menu = FocusList([self.switch, self.quieter, self.louder])

    def on_enter(self) -> None:
        self._label()

    def _label(self) -> None:
        self.switch.label = "Turn sound off" if self.app.sound.on else "Turn sound on"

    def toggle(self) -> None:
        sound = self.app.sound
        sound.set_on(not sound.on)
        self.app.store.set_app_setting(ON_SETTING, sound.on)
        self._label()
        sound.play("right")  # heard only when just turned on

    def change_volume(self, steps: int) -> None:
        sound = self.app.sound
        sound.change_volume(steps)
        self.app.store.set_app_setting(VOLUME_SETTING, sound.volume)
        sound.play("right")  # the new volume, heard (when sound is on)

    def status(self) -> str:
        return "Sound is on" if self.app.sound.on else "Sound is off"

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, pal = self.theme, self.theme.palette
        content = self.draw_frame(surface)
        rows = self._place_buttons(content)
        large, body = theme.font("large", bold=True), theme.font("body")
        draw_text(surface, self.status(), large, pal.text, content.topleft)
        y = content.top + large.get_linesize() + theme.gap(0.5)
        y = draw_volume_bar(surface, theme, pygame.Rect(content.left, y, content.width, 0), self.app.sound.volume,
                            self.app.sound.on) + theme.gap()
        words = WHAT_PLAYS if self.app.sound.available() else f"{NO_DEVICE} {WHAT_PLAYS}"
        lines = wrap(words, body, content.width)
        room = max(0, (rows.top - theme.gap() - y) // body.get_linesize())
        for line in lines[:room]:  # a cramped window keeps the controls and drops the explanation's end
            draw_text(surface, line, body, pal.muted_text, (content.left, y))
            y += body.get_linesize()
        self.menu.draw(surface, theme)

    def _place_buttons(self, content: pygame.Rect) -> pygame.Rect:
        """The three buttons in a row at the bottom; in larger type the switch above Quieter and
        Louder, or all three one above another. Returns the rectangle they take."""
        theme, buttons = self.theme, self.menu.buttons
        height, gap = buttons[0].height(theme), theme.gap()
        width = min(content.width, max(b.width(theme) for b in buttons))
        per_row = next(n for n in (3, 2, 1) if n * width + (n - 1) * gap <= content.width or n == 1)
        rows = [buttons] if per_row == 3 else [buttons[:1], buttons[1:]] if per_row == 2 else [[b] for b in buttons]
        top = content.bottom - len(rows) * (height + gap) + gap
        for r, row in enumerate(rows):
            for i, button in enumerate(row):
                button.rect = pygame.Rect(content.left + i * (width + gap), top + r * (height + gap), width, height)
        self.menu.viewport = content
        return pygame.Rect(content.left, top, content.width, content.bottom - top)


def draw_volume_bar(surface: pygame.Surface, theme: Theme, at: pygame.Rect, volume: float, on: bool) -> int:
    """The volume as a row of rising steps, filled up to it (the percent is said in words too);
    greyed while sound is off. Returns the bottom of the bar."""
    pal = theme.palette
    tallest, percent = theme.font("large").get_linesize(), theme.font("large", bold=True)
    room = at.width - percent.size("100%")[0] - theme.gap(0.5) - (VOLUME_SEGMENTS - 1) * theme.gap(0.4)
    step_w = max(2, min(theme.gap(2.5), room // VOLUME_SEGMENTS))
    filled = round(volume * VOLUME_SEGMENTS)
    for i in range(VOLUME_SEGMENTS):
        height = round(tallest * (0.3 + 0.7 * (i + 1) / VOLUME_SEGMENTS))
        rect = pygame.Rect(at.left + i * (step_w + theme.gap(0.4)), at.top + tallest - height, step_w, height)
        colour = pal.accent if on else pal.border
        pygame.draw.rect(surface, colour if i < filled else pal.border, rect, width=0 if i < filled else 2,
                         border_radius=theme.radius // 3)
    draw_text(surface, f"{round(volume * 100)}%", percent, pal.text,
              (at.left + VOLUME_SEGMENTS * (step_w + theme.gap(0.4)) + theme.gap(0.5), at.top + tallest), "bottomleft")
    return at.top + tallest
