"""The screen the launcher opens instead of the clients when the data file is damaged: nothing was
opened or changed, which backup can be restored and the command that restores it; Quit or Esc
closes cogsuite. Its text scrolls line by line when large type does not fit."""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

from games.core.ui.theme import Theme
from games.core.ui.widgets import Button, FocusList
from games.launcher.common import FramedScene
from games.launcher.scroll_text import ScrollText, hint_for
from scores.store.backup import parse_name
from scores.store.database import DB_FILENAME, StoreDamaged

log = logging.getLogger(__name__)


class DamagedStoreScene(FramedScene):
    """Says the data file is damaged and how to restore a backup; its one button quits. (Other
    screens the launcher opens instead of the clients take its look, with buttons of their own.)"""

    title = "The data file is damaged"
    short_title = "Data file damaged"
    corner_label = ""  # the Quit button below is the way out; Esc too
    hint = "Enter or Esc to quit"

    def __init__(self, paragraphs: list[str]) -> None:
        super().__init__()
        self.paragraphs = paragraphs
        self.buttons = FocusList([Button("Quit", self.back)])
        self.text = ScrollText()

    def handle_event(self, event: pygame.event.Event, t_ms: float) -> None:
        self.handle_corner(event) or self.text.handle_event(event) or self.buttons.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        content = self.draw_frame(surface)
        button_h = max(button.height(theme) for button in self.buttons.buttons)
        text_rect = pygame.Rect(content.left, content.top, content.width, content.height - button_h - theme.gap())
        font = theme.font("body")
        shown = self.text.layout(self.paragraphs, font, text_rect, theme.gap(0.75), theme.font("small").get_linesize())
        hint_for(self, surface, self.text.scrolls)
        self.text.draw(surface, shown, font, theme.palette.text, text_rect)
        x = content.left
        for button in self.buttons.buttons:  # in a row along the bottom
            button.rect = pygame.Rect(x, content.bottom - button_h, button.width(theme), button_h)
            x = button.rect.right + theme.gap()
        self.buttons.viewport = content
        self.buttons.draw(surface, theme, primary=0)
        self.text.draw_marks(surface, theme, content.right)


def damaged_paragraphs(error: StoreDamaged, data_dir: Path, default_dir: Path) -> list[str]:
    """What the screen says, most needed first: nothing changed, the backup and its command
    (``--data-dir`` added when the folder is not the one cogsuite uses by default), then the file."""
    said = ["Nothing was changed. cogsuite checks its data file before using it, and this one is damaged, "
            "so it was not opened."]
    where = f"The damaged file: {data_dir / DB_FILENAME}"
    parsed = parse_name(error.backup) if error.backup else None
    if parsed is None:
        return said + ["There is no good backup to restore. Please leave the file as it is and ask the person "
                       "who looks after this computer for help.", where]
    made_at = parsed[0]
    folder = "" if data_dir == default_dir else f" --data-dir {_quoted(str(data_dir))}"
    return said + [
        f"The newest good backup was made on {made_at:%A} {made_at.day} {made_at:%B %Y at %H:%M}. To put it "
        "back, quit and type this command:",
        f"cogsuite backup restore {error.backup}{folder}",
        "Restoring keeps the damaged file in the set-aside folder; it is never deleted. 'cogsuite backup list' "
        "shows every backup.",
        where,
    ]


def _quoted(text: str) -> str:
    return f'"{text}"' if any(ch.isspace() for ch in text) else text


def show_damaged_store(error: StoreDamaged, data_dir: Path, default_dir: Path, theme: Theme,
                       fullscreen: bool) -> None:
    """Open a window with the damaged-file screen until it is quit; without a display, nothing."""
    from games.app import App

    try:
        app = App(None, theme=theme, fullscreen=fullscreen)
    except pygame.error:
        log.exception("no window for the damaged data file's screen")
        return
    app.run(DamagedStoreScene(damaged_paragraphs(error, data_dir, default_dir)))
