"""The frame shared by the launcher's screens: heading, a Back button, a key hint, a margin."""

from __future__ import annotations

import pygame

from games.core.ui.scene import Scene
from games.core.ui.theme import Theme
from games.core.ui.widgets import Button, FocusList, draw_text, escape_or_click, fit, wrap


def margin(theme: Theme, surface: pygame.Surface) -> int:
    return max(theme.gap(2), surface.get_width() // 20)


def fitting_line(theme: Theme, role: str, text: str, width: int, bold: bool = False,
                 least: float = 0.75) -> tuple[pygame.font.Font, str]:
    """The role's font, a little smaller if need be (to ``least`` of its size), so that ``text``
    fits in ``width``; only if even that is too narrow is the text shortened with an ellipsis."""
    font = theme.font(role, bold)
    if font.size(text)[0] <= width:
        return font, text
    steps = max(0, round((1.0 - least) / 0.05))
    for step in range(1, steps + 1):
        font = theme.font_fitting(role, int(theme.size(role) * 0.75 * (1.0 - 0.05 * step)), bold)
        if font.size(text)[0] <= width:
            return font, text
    return font, fit(text, font, width)


class FramedScene(Scene):
    """A screen with a title, an optional subtitle, a corner button and a key hint at the bottom.

    An empty ``corner_label`` leaves the corner button out (Esc still calls ``back``); a
    ``short_title`` takes the title's place when the title would not fit at its full size.
    """

    title = ""
    short_title = ""
    menu: FocusList | None = None  # a screen that is one list of buttons: it gets every event
    hint = "Arrow keys to choose  ·  Enter to open  ·  Esc to go back"
    corner_label = "Back"

    def __init__(self) -> None:
        self.corner = Button(self.corner_label, self.back)

    @property
    def theme(self) -> Theme:
        return self.app.theme

    def subtitle(self) -> str:
        return ""

    def back(self) -> None:
        """Esc and the corner button: leave this screen."""
        self.app.stack.pop()

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        """Esc and the corner button first; then the screen's ``menu`` if it has one, else a key, a
        click, the wheel or typed text goes to ``on_key``, ``on_click``, ``on_wheel`` or ``on_text``."""
        if self.handle_corner(event):
            return
        if self.menu is not None:
            self.menu.handle_event(event)
        elif event.type == pygame.KEYDOWN:
            self.on_key(event)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.on_click(event.pos)
        elif event.type == pygame.MOUSEWHEEL:
            self.on_wheel(event.y)
        elif event.type == pygame.TEXTINPUT:
            self.on_text(event)

    def on_key(self, event: pygame.event.Event) -> None:
        """A key pressed (not Esc)."""

    def on_click(self, pos: tuple[int, int]) -> None:
        """A left click released at ``pos`` (not on the corner button)."""

    def on_wheel(self, steps: int) -> None:
        """The mouse wheel turned ``steps`` notches (up is positive)."""

    def on_text(self, event: pygame.event.Event) -> None:
        """Text typed (a TEXTINPUT event)."""

    def handle_corner(self, event: pygame.event.Event) -> bool:
        """Esc or a click on the corner button; returns True when used."""
        if escape_or_click(event, self.corner):
            self.back()
            return True
        return False

    def draw_frame(self, surface: pygame.Surface) -> pygame.Rect:
        """Draw heading, corner button and hint; returns the rectangle left for the content."""
        theme, pal = self.theme, self.theme.palette
        side = margin(theme, surface)
        title_font, body = theme.font("title", bold=True), theme.font("body")
        self.corner.rect = pygame.Rect(0, theme.gap(), self.corner.width(theme), self.corner.height(theme))
        self.corner.rect.right = surface.get_width() - side
        if not self.corner_label:  # a screen without a corner button: the title takes the line
            self.corner.rect.width, self.corner.rect.left = 0, surface.get_width() - side + theme.gap()
        title_width = self.corner.rect.left - side - theme.gap()
        y = theme.gap()
        title = self.title
        if self.short_title and title_font.size(title)[0] > title_width:
            title = self.short_title
        font, title = fitting_line(theme, "title", title, title_width, bold=True, least=0.7)
        draw_text(surface, title, font, pal.text, (side, y + title_font.get_ascent() - font.get_ascent()))
        y += title_font.get_linesize()
        y = max(y, self.corner.rect.bottom)
        subtitle = self.subtitle()
        if subtitle:
            for line in wrap(subtitle, body, surface.get_width() - 2 * side)[:2]:
                draw_text(surface, line, body, pal.muted_text, (side, y))
                y += body.get_linesize()
        if self.corner_label:
            self.corner.draw(surface, theme, focused=False)
        small = theme.font("small")
        hint_y = surface.get_height() - theme.gap() - small.get_linesize()
        font, hint = fitting_line(theme, "small", self.hint, surface.get_width() - 2 * side, least=0.8)
        draw_text(surface, hint, font, pal.muted_text, (side, hint_y + small.get_ascent() - font.get_ascent()))
        top = y + theme.gap()
        return pygame.Rect(side, top, surface.get_width() - 2 * side, hint_y - theme.gap() - top)
