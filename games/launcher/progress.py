"""The progress screen: highlights, then a chart per exercise and per domain, in the client's or therapist's voice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from games.core.engine.exercise import DOMAINS
from games.core.ui.theme import Theme
from games.core.ui.widgets import MORE_LABELS, Button, draw_more_marks, draw_text, fit
from games.launcher import level_chart
from games.launcher.chart import TextRects, chart_parts, min_height
from games.launcher.common import FramedScene
from games.launcher.progress_blocks import Block, blank_image, card_blocks, chart_block, text_blocks
from games.launcher.progress_words import client_lines, highlights, overview_sections, therapist_lines
from games.registry import exercise_infos
from scores.analysis.levels import day_levels
from scores.analysis.progress import Progress, Series, load_progress

EMPTY_CLIENT = "Play an exercise and your progress will show here."
EMPTY_THERAPIST = "No scored runs yet: progress will show here once this client has played an exercise."
HINTS = (  # the longest that fits the window is shown
    "Left and Right to turn pages  ·  Up and Down to scroll  ·  Esc to go back",
    "Left, Right: pages  ·  Up, Down: scroll  ·  Esc: back",
    "Left, Right: pages  ·  Esc: back",
    "Esc: back",
)
HINTS_NO_SCROLL = (HINTS[0].replace("  ·  Up and Down to scroll", ""),) + HINTS[2:]
HINTS_ONE_PAGE = ("Esc to go back", "Esc: back")
CHART_SHRINK = 0.8  # how far a chart's text may shrink to share the first screen with the words
CLIENT_CHART_SHRINK = 0.7  # the client's chart's labels, beside words the size the client chose
VIEW_LINES = 6  # below this many lines of room under the page row, the screen's text shrinks (not below scale 1)


# -- the screen --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    """One page of the screen: the highlights (no series) or one series' chart."""

    place: str
    series: Series | None


def build_pages(progress: Progress, therapist: bool = True) -> list[Page]:
    """The highlights, then per domain its exercises and (for the therapist) the domain as a whole:
    a domain's common scale is a statistic, not a level the client knows."""
    pages = [Page("Highlights", None)]
    for domain in DOMAINS:
        pages += [Page(s.title, s) for s in progress.exercises if s.domain == domain]
        pages += [Page(f"{s.title} overall", s) for s in progress.domains if s.key == domain and therapist]
    return pages


class ProgressScene(FramedScene):
    """A client's progress, one page at a time; ``therapist`` shows trends, intervals and reliable change."""

    def __init__(self, client: Any, therapist: bool = False) -> None:
        super().__init__()
        self.client, self.therapist = client, therapist
        self.title = f"Progress: {client.label}" if therapist else "Your progress"
        self.progress: Progress | None = None
        self.pages: list[Page] = []
        self.page = 0
        self.scroll = 0  # index of the first block shown
        self.previous_button = Button("‹ Previous", lambda: self.turn(-1))
        self.next_button = Button("Next ›", lambda: self.turn(1))
        self.more_rects: dict[int, pygame.Rect] = {}  # +1: "more below", -1: "more above"
        self.drawn_texts: TextRects = []  # what the last frame showed, for checks that nothing overlaps
        self._cache: dict[tuple, list[Block]] = {}
        self._max_scroll = self._last_shown = 0
        self._heights: list[int] = []  # the last frame's blocks (with and without their gaps) and room
        self._image_heights: list[int] = []
        self._room = 0
        self.scrolls = False  # whether the page shown last does not fit its room
        self.last_layout: tuple[Theme, int, int] | None = None  # the theme and room the last page was laid out for

    def on_enter(self) -> None:
        self.progress = load_progress(self.app.store, self.client, exercise_infos(), today=self.app.today())
        self.pages = build_pages(self.progress, self.therapist) if self.progress.exercises else []

    # -- input ---------------------------------------------------------------------------------
    def turn(self, step: int) -> None:
        if len(self.pages) > 1:
            self.page, self.scroll = (self.page + step) % len(self.pages), 0

    def go_to(self, page: int) -> None:
        if self.pages:
            self.page, self.scroll = min(max(page, 0), len(self.pages) - 1), 0

    def scroll_by(self, steps: int) -> None:
        """Down: the first block hidden below comes to the top; Up: the blocks just above fill the room again."""
        for _ in range(abs(steps)):
            if steps > 0:
                self.scroll = min(self._last_shown + 1, self._max_scroll)
            else:
                above = self.scroll - 1
                while above > 0 and self._fits(above - 1, self.scroll - 1):
                    above -= 1
                self.scroll = max(0, above)

    def _fits(self, first: int, last: int) -> bool:
        """Whether blocks ``first`` to ``last`` of the last frame's page fit in its room together."""
        heights = self._heights
        return last < len(heights) and sum(heights[first:last]) + self._image_heights[last] <= self._room

    def on_wheel(self, steps: int) -> None:
        self.scroll_by(-steps)

    def on_click(self, pos: tuple[int, int]) -> None:
        for button in (self.previous_button, self.next_button) if len(self.pages) > 1 else ():
            if button.rect.collidepoint(pos):
                button.on_activate()
        for step, rect in list(self.more_rects.items()):
            if rect.collidepoint(pos):
                self.scroll_by(step)

    def on_key(self, event: pygame.event.Event) -> None:
        back = event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT
        if event.key == pygame.K_LEFT or back:
            self.turn(-1)
        elif event.key in (pygame.K_RIGHT, pygame.K_TAB, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.turn(1)
        elif event.key in (pygame.K_HOME, pygame.K_END):
            self.go_to(0 if event.key == pygame.K_HOME else len(self.pages) - 1)
        elif event.key in (pygame.K_UP, pygame.K_DOWN):
            self.scroll_by(1 if event.key == pygame.K_DOWN else -1)
        elif event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.scroll_by(1 if event.key == pygame.K_PAGEDOWN else -1)

    # -- what a page says ----------------------------------------------------------------------
    def place(self, short: bool = False) -> str:
        """Where the reader is: "Digit Span · 2 of 9", or only "2 of 9"."""
        if not self.pages:
            return ""
        count = f"{self.page + 1} of {len(self.pages)}"
        return count if short else f"{self.pages[self.page].place} · {count}"

    def page_lines(self, page: int) -> list[str]:
        """Every sentence page ``page`` shows (the chart's axis labels aside)."""
        if not self.pages:
            return [EMPTY_THERAPIST if self.therapist else EMPTY_CLIENT]
        series = self.pages[page].series
        if series is not None:
            return therapist_lines(series) if self.therapist else client_lines(series)
        cards = [f"{value} {label}" for value, label in highlights(self.progress, self.therapist)]
        return cards + [line for heading, lines in overview_sections(self.progress, self.therapist)
                        for line in ([heading] if heading else []) + lines]

    # -- layout and drawing --------------------------------------------------------------------
    def _fixed_blocks(self, theme: Theme, width: int, height: int) -> list[Block]:
        if not self.pages:
            return text_blocks(theme, self.page_lines(0)[0], width, height, "large")
        if self.pages[self.page].series is not None:
            return [b for line in self.page_lines(self.page)
                    for b in text_blocks(theme, line, width, height, gap_after=theme.gap(0.25))]
        blocks = card_blocks(theme, highlights(self.progress, self.therapist), width)
        for heading, section in overview_sections(self.progress, self.therapist):
            blocks += text_blocks(theme, heading, width, height, bold=True) if heading else []
            blocks += [b for line in section for b in text_blocks(theme, line, width, height)]
            blocks[-1].gap_after = theme.gap()
        return blocks

    def blocks(self, theme: Theme, width: int, height: int) -> list[Block]:
        """The current page laid out for a ``width`` × ``height`` viewport, rendered once and kept."""
        key = (self.page, width, height, theme)
        if any(other[1:] != key[1:] for other in self._cache):
            self._cache.clear()  # the window or the theme changed: every page is laid out anew
        if key not in self._cache:
            blocks = self._fixed_blocks(theme, width, height - _more_height(theme))
            series = self.pages[self.page].series if self.pages else None
            free = height - sum(b.height for b in blocks)
            if series is not None and not self.therapist:  # the client's picture first, the words under it
                blocks = self._level_chart_blocks(theme, series, width, height, free) + blocks
            elif series is not None:
                blocks += self._chart_blocks(theme, series, width, height, free)
            self._cache[key] = blocks
        return self._cache[key]

    @staticmethod
    def _level_chart_blocks(theme: Theme, series: Series, width: int, height: int, free: int) -> list[Block]:
        """The client's chart: in the room the words leave if that is enough, else at its least
        height (the words then scroll into view); none before a run played to the end. Its
        labels may be smaller than the words (``CLIENT_CHART_SHRINK``), never below scale 1."""
        if not day_levels(series.points):
            return []
        chart_theme = theme.with_scale(max(1.0, theme.font_scale * CLIENT_CHART_SHRINK))
        chart_h = min(max(free - theme.gap(), level_chart.min_height(chart_theme)),
                      level_chart.max_height(chart_theme), height - _more_height(theme))
        image = blank_image(theme, width, chart_h)
        return [Block(image, level_chart.draw_level_chart(image, image.get_rect(), chart_theme, series), theme.gap())]

    @staticmethod
    def _chart_blocks(theme: Theme, series: Series, width: int, height: int, free: int) -> list[Block]:
        """The chart in the ``free`` room under the words if it fits there, else as much of it as does.

        The chart's text may shrink a little (``CHART_SHRINK``) to stay on the first screen; when even
        its levels alone cannot, it comes whole on the next screen, or in its parts, a screen each.
        """
        parts, most = chart_parts(series), height - _more_height(theme)
        smaller = theme.with_scale(max(1.0, theme.font_scale * CHART_SHRINK))
        tries = [(theme, parts, free), (smaller, parts, free)]
        if len(parts) > 1:  # the levels first, the band on the next screen: the page scrolls
            tries += [(theme, parts[:1], free - _more_height(theme)), (smaller, parts[:1], free - _more_height(theme))]
        for chart_theme, first, room in tries:
            if min_height(chart_theme, series, width, first) <= room:
                rest = [part for part in parts if part not in first]
                return [chart_block(chart_theme, series, width, room, first)] + (
                    [chart_block(theme, series, width, min(min_height(theme, series, width, rest), most), rest)]
                    if rest else [])
        if min_height(theme, series, width) <= most:
            return [chart_block(theme, series, width, min_height(theme, series, width))]
        return [chart_block(theme, series, width, min(min_height(theme, series, width, [part]), most), [part])
                for part in parts]

    def body_theme(self, content: pygame.Rect) -> Theme:
        """The theme, at a smaller scale (never below 1) only if the window is too short to show anything else."""
        theme = self.theme
        while theme.font_scale > 1.0 and self._viewport(theme, content).height < VIEW_LINES * _line(theme):
            theme = theme.with_scale(max(1.0, round(theme.font_scale - 0.1, 2)))
        return theme

    def _viewport(self, theme: Theme, content: pygame.Rect) -> pygame.Rect:
        top = content.top + (self.previous_button.height(theme) + theme.gap() if len(self.pages) > 1 else 0)
        return pygame.Rect(content.left, top, content.width, max(1, content.bottom - top))

    def draw(self, surface: pygame.Surface) -> None:
        small = self.theme.font("small")
        width = surface.get_width() - 2 * max(self.theme.gap(2), surface.get_width() // 20)  # as the frame has it
        hints = (HINTS if self.scrolls else HINTS_NO_SCROLL) if len(self.pages) > 1 else HINTS_ONE_PAGE
        self.hint = next((h for h in hints if small.size(h)[0] <= width), hints[-1])
        content = self.draw_frame(surface)
        theme = self.body_theme(content)
        self.drawn_texts = []
        if len(self.pages) > 1:
            self._draw_nav(surface, theme, content)
        self._draw_blocks(surface, theme, self._viewport(theme, content))

    def _draw_nav(self, surface: pygame.Surface, theme: Theme, content: pygame.Rect) -> None:
        """Previous and Next at the ends of a row, the place in between (shortened if it must be)."""
        buttons = (self.previous_button, self.next_button)
        for labels in (("‹ Previous", "Next ›"), ("‹", "›")):
            for button, label in zip(buttons, labels):
                button.label = label
            room = content.width - sum(b.width(theme) for b in buttons) - 2 * theme.gap()
            if theme.font("body", bold=True).size(self.place())[0] <= room:
                break
        height = self.previous_button.height(theme)
        for button, x in zip(buttons, (content.left, content.right - self.next_button.width(theme))):
            button.rect = pygame.Rect(x, content.top, button.width(theme), height)
            button.draw(surface, theme, focused=False)
        choices = [(self.place(), "large"), (self.place(), "body"), (self.place(short=True), "body")]
        text, role = next(((t, r) for t, r in choices if theme.font(r, bold=True).size(t)[0] <= room), choices[-1])
        font = theme.font(role, bold=True)
        centre = ((buttons[0].rect.right + buttons[1].rect.left) // 2, buttons[0].rect.centery)
        text = fit(text, font, room)
        self.drawn_texts.append((text, draw_text(surface, text, font, theme.palette.text, centre, "center")))

    def _draw_blocks(self, surface: pygame.Surface, theme: Theme, viewport: pygame.Rect) -> None:
        """Whole blocks from ``scroll`` on, as many as fit; a line says when more lie above or below."""
        self.last_layout = (theme, viewport.width, viewport.height)
        blocks = self.blocks(*self.last_layout)
        self._heights, self._image_heights = [b.height for b in blocks], [b.image.get_height() for b in blocks]
        self.scrolls = sum(self._heights) > viewport.height
        self._room = viewport.height - (_more_height(theme) if self.scrolls else 0)
        self._max_scroll = next(i for i in range(len(blocks)) if self._fits(i, len(blocks) - 1) or i == len(blocks) - 1)
        self.scroll = min(self.scroll, self._max_scroll)
        y, self._last_shown = viewport.top, self.scroll
        for i in range(self.scroll, len(blocks)):
            if i > self.scroll and not self._fits(self.scroll, i):
                break
            surface.blit(blocks[i].image, (viewport.left, y))
            self.drawn_texts += [(text, rect.move(viewport.left, y)) for text, rect in blocks[i].texts]
            y, self._last_shown = y + blocks[i].height, i
        self.more_rects = {}
        if self.scrolls:
            self._draw_more(surface, theme, viewport, above=self.scroll > 0, below=self._last_shown < len(blocks) - 1)

    def _draw_more(self, surface: pygame.Surface, theme: Theme, viewport: pygame.Rect, above: bool,
                   below: bool) -> None:
        """Clickable "more above" / "more below" marks, each with a triangle pointing the way."""
        y = viewport.bottom - theme.font("small").get_linesize() // 2
        marks = draw_more_marks(surface, theme, viewport.right, y, above, below)
        for step, (text, mark) in marks.items():
            self.drawn_texts.append((MORE_LABELS[step], text))
            self.more_rects[step] = mark


def _line(theme: Theme) -> int:
    return theme.font("small").get_linesize()


def _more_height(theme: Theme) -> int:
    return _line(theme) + theme.gap(0.25)
