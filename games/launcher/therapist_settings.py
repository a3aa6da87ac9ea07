"""A client's exercise settings in therapist mode: target success rate and level lock per exercise."""

from __future__ import annotations

from typing import Any

import pygame

from games.core.ui.widgets import Button, draw_text, fit, wrap
from games.launcher.common import FramedScene
from scores.store.clients import Client

TARGET_CHOICES: tuple[float | None, ...] = (None, *(round(0.60 + 0.05 * i, 2) for i in range(8)))
CHANGE_KEYS = {
    pygame.K_LEFT: -1, pygame.K_MINUS: -1, pygame.K_KP_MINUS: -1,
    pygame.K_RIGHT: 1, pygame.K_PLUS: 1, pygame.K_EQUALS: 1, pygame.K_KP_PLUS: 1,
}
COLUMN_HEADINGS = ("Target success rate", "Level")


def _nearest(options: list[Any], value: Any) -> int:
    """Where ``value`` stands among ``options`` (None first); a value set elsewhere goes to the closest."""
    if value in options:
        return options.index(value)
    return min(range(1, len(options)), key=lambda i: abs(options[i] - value))


class ExerciseSettingsScene(FramedScene):
    """Per exercise: the target success rate (0.60 to 0.95, or the default) and a level lock (or adapts)."""

    title = "Settings"
    hint = "Up, Down: exercise  ·  Tab: next  ·  Left, Right: change"

    def __init__(self, client: Client) -> None:
        from games.registry import EXERCISES

        super().__init__()
        self.client, self.exercises = client, list(EXERCISES)
        self.row = self.col = self.top_row = 0
        self.visible_rows = len(self.exercises)
        self.settings: dict[str, Any] = {}
        self.controls: dict[tuple[int, int], tuple[Button, Button, pygame.Rect]] = {}

    def on_enter(self) -> None:
        self.settings = {e.id: self.app.store.exercise_settings(self.client, e.id) for e in self.exercises}

    def subtitle(self) -> str:
        return f"For {self.client.label}. Each change is saved at once."

    # --- values --------------------------------------------------------------------------
    def choices(self, row: int, col: int) -> list[Any]:
        spec = self.exercises[row].spec
        return list(TARGET_CHOICES) if col == 0 else [None, *range(spec.min_level, spec.max_level + 1)]

    def value(self, row: int, col: int) -> Any:
        settings = self.settings[self.exercises[row].id]
        return settings.target_rate if col == 0 else settings.locked_level

    def text(self, row: int, col: int, value: Any) -> str:
        if col == 0:
            return "Default" if value is None else f"{value:.0%}"
        return "Adapts" if value is None else f"Level {value}"

    def change(self, row: int, col: int, step: int) -> None:
        options = self.choices(row, col)
        index = max(0, min(len(options) - 1, _nearest(options, self.value(row, col)) + step))
        chosen = [self.value(row, 0), self.value(row, 1)]
        chosen[col] = options[index]
        exercise = self.exercises[row].id
        self.settings[exercise] = self.app.store.set_exercise_settings(
            self.client, exercise, target_rate=chosen[0], locked_level=chosen[1])

    def describe(self) -> str:
        """What the focused setting means, in a sentence under the table."""
        spec, value = self.exercises[self.row].spec, self.value(self.row, self.col)
        if self.col == 0:
            return (f"{spec.title}: the share of right answers the levels aim at. The default is the "
                    f"exercise's own, {spec.target_rate:.0%}.")
        if value is None:
            return f"{spec.title}: the level follows the client's answers."
        return f"{spec.title}, level {value} of {spec.min_level} to {spec.max_level}: {spec.level(value).summary}."

    # --- input ---------------------------------------------------------------------------
    def on_click(self, pos: tuple[int, int]) -> None:
        for (row, col), (minus, plus, value) in self.controls.items():
            for rect, step in ((minus.rect, -1), (plus.rect, 1), (value, 0)):
                if rect.collidepoint(pos):
                    self.row, self.col = row, col
                    if step:
                        self.change(row, col, step)
                    return

    def on_wheel(self, steps: int) -> None:
        self.top_row = max(0, min(self.top_row - steps, len(self.exercises) - self.visible_rows))

    def on_key(self, event: pygame.event.Event) -> None:
        count = len(self.exercises)
        if event.key in CHANGE_KEYS:
            self.change(self.row, self.col, CHANGE_KEYS[event.key])
        elif event.key in (pygame.K_UP, pygame.K_DOWN):
            self.row = (self.row + (1 if event.key == pygame.K_DOWN else -1)) % count
        elif event.key == pygame.K_TAB:
            cell = (self.row * 2 + self.col + (-1 if event.mod & pygame.KMOD_SHIFT else 1)) % (2 * count)
            self.row, self.col = divmod(cell, 2)
        elif event.key in (pygame.K_HOME, pygame.K_END):
            self.row = 0 if event.key == pygame.K_HOME else count - 1
        self.top_row = max(min(self.top_row, self.row), self.row - self.visible_rows + 1)

    # --- drawing -------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        body, bold, small = theme.font("body"), theme.font("body", bold=True), theme.font("small")
        value_w = [max(body.size(self.text(r, c, v))[0] for r in range(len(self.exercises))
                       for v in self.choices(r, c)) + theme.gap() for c in (0, 1)]
        title_w = max(bold.size(e.spec.title)[0] for e in self.exercises)
        for side in (body.get_linesize() + theme.gap(0.5), body.get_linesize()):  # the - and + squares
            control_w = [max(2 * side + w, small.size(h)[0]) for w, h in zip(value_w, COLUMN_HEADINGS)]
            controls_w = control_w[0] + theme.gap(2) + control_w[1]
            one_line = title_w + theme.gap() + controls_w <= content.width
            if one_line:
                break
        row_h = (side if one_line else bold.get_linesize() + side) + theme.gap(0.75)
        about = wrap(self.describe(), small, content.width)
        table = pygame.Rect(content.left, content.top, content.width,
                            content.height - (len(about) + 1) * small.get_linesize() - theme.gap())
        left = [content.right - controls_w, content.right - control_w[1]]
        for col, heading in enumerate(COLUMN_HEADINGS):
            draw_text(surface, heading, small, theme.palette.muted_text, (left[col], table.top))
        top = table.top + small.get_linesize() + theme.gap(0.5)
        self.visible_rows = max(1, (table.bottom - top) // row_h)
        self.top_row = max(0, min(self.top_row, len(self.exercises) - self.visible_rows))
        self.controls = {}
        shown = range(self.top_row, min(len(self.exercises), self.top_row + self.visible_rows))
        for i, row in enumerate(shown):
            y = top + i * row_h
            title_y = y + (side - bold.get_linesize()) // 2 if one_line else y
            draw_text(surface, self.exercises[row].spec.title, bold, theme.palette.text, (content.left, title_y))
            controls_y = y if one_line else y + bold.get_linesize()
            for col in (0, 1):
                self._draw_control(surface, row, col, pygame.Rect(left[col], controls_y, 2 * side + value_w[col], side))
        if len(shown) < len(self.exercises):
            about.append(f"Showing {shown.start + 1} to {shown.stop} of {len(self.exercises)}; scroll for more.")
        y = table.bottom + theme.gap()
        for line in about:
            draw_text(surface, fit(line, small, content.width), small, theme.palette.text, (content.left, y))
            y += small.get_linesize()

    def _draw_control(self, surface: pygame.Surface, row: int, col: int, rect: pygame.Rect) -> None:
        """A value between a minus and a plus square; the focused one gets a frame round all three."""
        theme, pal, body = self.theme, self.theme.palette, self.theme.font("body")
        minus = Button("\u2212", lambda: None, rect=pygame.Rect(rect.left, rect.top, rect.height, rect.height))
        plus = Button("+", lambda: None, rect=pygame.Rect(rect.right - rect.height, rect.top, rect.height, rect.height))
        value = pygame.Rect(minus.rect.right, rect.top, plus.rect.left - minus.rect.right, rect.height)
        self.controls[(row, col)] = (minus, plus, value)
        for button in (minus, plus):
            pygame.draw.rect(surface, pal.surface, button.rect, border_radius=theme.radius // 2)
            pygame.draw.rect(surface, pal.border, button.rect, width=2, border_radius=theme.radius // 2)
            draw_text(surface, button.label, theme.font("body", bold=True), pal.text, button.rect.center, "center")
        draw_text(surface, self.text(row, col, self.value(row, col)), body, pal.text, value.center, "center")
        if (row, col) == (self.row, self.col):
            frame = rect.inflate(theme.gap(0.5), theme.gap(0.5))
            pygame.draw.rect(surface, pal.focus, frame, width=theme.focus_width, border_radius=theme.radius)
