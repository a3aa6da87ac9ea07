"""Widgets every screen shares: text, buttons, a scrolling focus list and a text field."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Callable

import pygame

from games.core.ui.theme import Theme

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; a word too long is cut by characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if font.size(candidate)[0] <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while font.size(word)[0] > width and len(word) > 1:
                cut = max(1, _fitting_prefix(word, font, width))
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _fitting_prefix(text: str, font: pygame.font.Font, width: int) -> int:
    n = len(text)
    while n > 1 and font.size(text[:n])[0] > width:
        n -= 1
    return n


def fit(text: str, font: pygame.font.Font, width: int) -> str:
    """``text`` on one line, shortened with an ellipsis if it would be wider than ``width``."""
    if font.size(text)[0] <= width:
        return text
    n = _fitting_prefix(text, font, width)
    while n > 0 and font.size(text[:n] + "…")[0] > width:
        n -= 1
    return text[:n] + "…"


def printable(text: str) -> str:
    """Text safe to render: control characters become spaces."""
    return "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)


def draw_text(
    surface: pygame.Surface, text: str, font: pygame.font.Font, colour, pos: tuple[int, int], anchor: str = "topleft"
) -> pygame.Rect:
    image = font.render(printable(text), True, colour)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


def draw_paragraphs(
    surface: pygame.Surface, paragraphs: list[str], font: pygame.font.Font, colour, rect: pygame.Rect, gap: int = 0
) -> int:
    """Draw wrapped paragraphs inside ``rect``; returns the y below the last line."""
    y = rect.top
    for paragraph in paragraphs:
        for line in wrap(paragraph, font, rect.width):
            draw_text(surface, line, font, colour, (rect.left, y))
            y += font.get_linesize()
        y += gap
    return y


@dataclass
class Button:
    """A labelled target for the mouse and the keyboard focus; ``detail`` is an optional second line."""

    label: str
    on_activate: Callable[[], None]
    detail: str = ""
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))

    def height(self, theme: Theme, width: int | None = None) -> int:
        """Height for the label and, at ``width``, the detail wrapped on as many lines as it needs."""
        lines = theme.font("body", bold=True).get_linesize()
        if self.detail:
            lines += theme.font("small").get_linesize() * len(self._detail_lines(theme, width))
        return lines + theme.gap(1.25)

    def _detail_lines(self, theme: Theme, width: int | None) -> list[str]:
        if width is None:
            return [self.detail]
        return wrap(self.detail, theme.font("small"), max(1, width - 2 * theme.gap()))

    def width(self, theme: Theme) -> int:
        """Wide enough for the label on one line, with its margins."""
        return theme.font("body", bold=True).size(self.label)[0] + theme.gap(3)

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, primary: bool = False) -> None:
        pal = theme.palette
        fill, ink = (pal.accent, pal.accent_text) if primary else (pal.surface, pal.text)
        pygame.draw.rect(surface, fill, self.rect, border_radius=theme.radius)
        border = (pal.focus, theme.focus_width) if focused else (pal.border, 2)
        pygame.draw.rect(surface, border[0], self.rect, width=border[1], border_radius=theme.radius)
        inner = self.rect.inflate(-2 * theme.gap(), 0)
        title_font = theme.font("body", bold=True)
        if not self.detail:
            draw_text(surface, fit(self.label, title_font, inner.width), title_font, ink, self.rect.center, "center")
            return
        y = self.rect.top + theme.gap(0.6)
        draw_text(surface, fit(self.label, title_font, inner.width), title_font, ink, (inner.left, y))
        small = theme.font("small")
        detail_ink = ink if primary else pal.muted_text
        y += title_font.get_linesize()
        for line in self._detail_lines(theme, self.rect.width):
            draw_text(surface, line, small, detail_ink, (inner.left, y))
            y += small.get_linesize()


def escape_or_click(event: pygame.event.Event, button: Button) -> bool:
    """Whether ``event`` is Esc, or a left click released on ``button`` (the way out of a screen)."""
    if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
        return True
    return event.type == pygame.MOUSEBUTTONUP and event.button == 1 and button.rect.collidepoint(event.pos)


class FocusList:
    """Buttons in a column that scrolls (or in a row): arrows or Tab move the focus, Enter or a click activates."""

    def __init__(self, buttons: list[Button], focus: int = 0) -> None:
        self.buttons = buttons
        self.focus = min(max(focus, 0), max(len(buttons) - 1, 0))
        self.scroll = 0
        self.viewport = pygame.Rect(0, 0, 0, 0)

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Returns True when the event was used."""
        if not self.buttons:
            return False
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEMOTION:
            hit = self._hit(event.pos)
            if hit is not None:
                self.focus = hit
            return hit is not None
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            hit = self._hit(event.pos)
            if hit is not None:
                self.focus = hit
                self.buttons[hit].on_activate()
            return hit is not None
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - event.y * 40)
            return True
        return False

    def _key(self, event: pygame.event.Event) -> bool:
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if event.key in (pygame.K_DOWN, pygame.K_RIGHT) or (event.key == pygame.K_TAB and not shift):
            self.focus = (self.focus + 1) % len(self.buttons)
        elif event.key in (pygame.K_UP, pygame.K_LEFT) or (event.key == pygame.K_TAB and shift):
            self.focus = (self.focus - 1) % len(self.buttons)
        elif event.key == pygame.K_HOME:
            self.focus = 0
        elif event.key == pygame.K_END:
            self.focus = len(self.buttons) - 1
        elif event.key in ACTIVATE_KEYS:
            self.buttons[self.focus].on_activate()
        else:
            return False
        return True

    def _hit(self, pos: tuple[int, int]) -> int | None:
        for i, button in enumerate(self.buttons):
            if self._shown(button) and button.rect.collidepoint(pos):
                return i
        return None

    def _shown(self, button: Button) -> bool:
        """Only whole buttons are drawn (and clickable): a half-hidden one would be cut-off text."""
        return self.viewport.contains(button.rect)

    def layout(self, theme: Theme, viewport: pygame.Rect, header: Callable[[int], int] | None = None) -> None:
        """Place the buttons in ``viewport``, scrolled so the focused one shows.

        Args:
            header: extra space before button ``i`` (for group headings), in pixels.
        """
        gap, y, tops = theme.gap(0.6), 0, []
        for i, button in enumerate(self.buttons):
            y += header(i) if header else 0
            tops.append(y)
            button.rect = pygame.Rect(viewport.left, 0, viewport.width, button.height(theme, viewport.width))
            y += button.rect.height + gap
        if y - gap > viewport.height:  # a line under the list says there is more
            viewport = viewport.copy()
            viewport.height -= theme.font("small").get_linesize() + theme.gap(0.5)
        self.viewport = viewport
        if self.buttons:
            focused = self.buttons[self.focus]
            top, bottom = tops[self.focus] - (header(self.focus) if header else 0), tops[self.focus] + focused.rect.height
            self.scroll = min(self.scroll, top)
            self.scroll = max(self.scroll, bottom - viewport.height)
            self.scroll = max(0, min(self.scroll, max(0, y - gap - viewport.height)))
        for button, top in zip(self.buttons, tops):
            button.rect.top = viewport.top + top - self.scroll

    def draw(self, surface: pygame.Surface, theme: Theme, primary: int | None = None) -> None:
        for i, button in enumerate(self.buttons):
            if self._shown(button):
                button.draw(surface, theme, focused=(i == self.focus), primary=(i == primary))
        above = any(b.rect.top < self.viewport.top for b in self.buttons)
        below = any(b.rect.bottom > self.viewport.bottom for b in self.buttons)
        if above or below:
            self._draw_more(surface, theme, above, below)

    def _draw_more(self, surface: pygame.Surface, theme: Theme, above: bool, below: bool) -> None:
        """Under the list, triangles saying that more buttons lie above or below."""
        y = self.viewport.bottom + theme.font("small").get_linesize() // 2 + theme.gap(0.25)
        draw_more_marks(surface, theme, self.viewport.right, y, above, below)


MORE_LABELS = {1: "more below", -1: "more above"}


def draw_more_marks(surface: pygame.Surface, theme: Theme, right: int, y: int, above: bool,
                    below: bool) -> dict[int, tuple[pygame.Rect, pygame.Rect]]:
    """Draw "more below" and "more above", each with a triangle pointing the way, ending at ``right``.

    Returns:
        For each mark drawn, by its direction (1 below, -1 above): the label's rectangle and the
        rectangle of label and triangle together (what a click on it hits).
    """
    small, ink = theme.font("small"), theme.palette.muted_text
    marks, x = {}, right
    for shown, step in ((below, 1), (above, -1)):
        if not shown:
            continue
        text = draw_text(surface, MORE_LABELS[step], small, ink, (x, y), "midright")
        size = small.get_height() // 4
        cx = text.left - theme.gap(0.5) - size
        tip, base = y + step * size, y - step * size
        pygame.draw.polygon(surface, ink, [(cx - size, base), (cx + size, base), (cx, tip)])
        marks[step] = (text, text.union(pygame.Rect(cx - size, y - size, 2 * size, 2 * size)))
        x = cx - size - theme.gap(1.5)
    return marks


class TextField:
    """One line of typed text (any script, emoji included), with a label above it."""

    def __init__(self, label: str, text: str = "", max_length: int = 200) -> None:
        self.label = label
        self.text = text
        self.max_length = max_length
        self.rect = pygame.Rect(0, 0, 0, 0)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT:
            room = self.max_length - len(self.text)
            self.text += printable(event.text)[: max(room, 0)]
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE:
            self.text = self.text[:-1]
            return True
        return False

    def height(self, theme: Theme) -> int:
        return theme.font("small").get_linesize() + theme.font("body").get_linesize() + theme.gap(1.25)

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool) -> None:
        pal, small, body = theme.palette, theme.font("small"), theme.font("body")
        draw_text(surface, self.label, small, pal.muted_text, self.rect.topleft)
        box = pygame.Rect(self.rect.left, self.rect.top + small.get_linesize(), self.rect.width,
                          body.get_linesize() + theme.gap(0.75))
        pygame.draw.rect(surface, pal.surface, box, border_radius=theme.radius // 2)
        border = (pal.focus, theme.focus_width) if focused else (pal.border, 2)
        pygame.draw.rect(surface, border[0], box, width=border[1], border_radius=theme.radius // 2)
        inner = box.inflate(-2 * theme.gap(0.75), 0)
        shown = self.text + ("|" if focused else "")
        while shown and body.size(printable(shown))[0] > inner.width:
            shown = shown[1:]  # keep the end, where the caret is, in view
        draw_text(surface, shown, body, pal.text, (inner.left, box.centery), "midleft")


def draw_answer_frame(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, pressed: bool) -> tuple[pygame.Rect, tuple]:
    """The body of a big answer button; pressed, it sinks, fills and gets a thick frame.

    Returns:
        The rectangle drawn and the colour to write on it.
    """
    pal = theme.palette
    shown = rect.inflate(-theme.gap(0.5), -theme.gap(0.5)).move(0, theme.gap(0.25)) if pressed else rect
    fill, ink = (pal.accent, pal.accent_text) if pressed else (pal.surface, pal.text)
    pygame.draw.rect(surface, fill, shown, border_radius=theme.radius)
    frame = (pal.text, max(4, theme.gap(0.3))) if pressed else (pal.border, 2)
    pygame.draw.rect(surface, frame[0], shown, width=frame[1], border_radius=theme.radius)
    return shown, ink


def draw_answer_button(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, label: str, key_hint: str,
                       pressed: bool, role: str = "body") -> None:
    """A big answer button with its key under the label; pressed, it also shows a dot (a shape, not only a colour)."""
    shown, ink = draw_answer_frame(surface, theme, rect, pressed)
    dot = theme.font(role, bold=True).get_linesize() // 5 if pressed else 0
    text_w = shown.width - 2 * theme.gap() - 4 * dot
    # smaller type rather than a word cut short, when the button is narrow for the theme's size
    title = theme.font_to_fit(role, label, text_w, theme.size(role), bold=True)
    small = theme.font_to_fit("small", key_hint, text_w, theme.size("small"))
    mid = shown.centerx + 2 * dot
    y = shown.centery - (title.get_linesize() + small.get_linesize()) // 2
    shown_label = draw_text(surface, label, title, ink, (mid, y), "midtop")
    draw_text(surface, key_hint, small, ink, (mid, y + title.get_linesize()), "midtop")
    if pressed:
        pygame.draw.circle(surface, ink, (shown_label.left - 2 * dot, shown_label.centery), dot)
