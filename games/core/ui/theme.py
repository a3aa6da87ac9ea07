"""The one place for colours, font sizes and spacing; every view reads them from here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import pygame

from assets import asset_path

Colour = tuple[int, int, int]

FONT_FILES = {
    False: "fonts/AtkinsonHyperlegible-Regular.ttf",
    True: "fonts/AtkinsonHyperlegible-Bold.ttf",
}
BASE_SIZES = {"small": 20, "body": 26, "large": 34, "title": 46, "huge": 64}


@dataclass(frozen=True)
class Palette:
    """Calm colours; nothing red, nothing that means "wrong" by colour alone."""

    background: Colour = (246, 243, 236)
    surface: Colour = (255, 255, 255)
    text: Colour = (34, 40, 49)
    muted_text: Colour = (88, 96, 108)
    accent: Colour = (38, 104, 160)
    accent_text: Colour = (255, 255, 255)
    focus: Colour = (230, 140, 20)
    border: Colour = (170, 176, 186)
    block: Colour = (84, 104, 138)
    block_text: Colour = (255, 255, 255)
    block_lit: Colour = (255, 214, 70)
    block_tapped: Colour = (132, 196, 232)
    block_lit_text: Colour = (34, 40, 49)
    positive: Colour = (36, 122, 84)
    gentle: Colour = (120, 90, 150)


HIGH_CONTRAST = Palette(
    background=(0, 0, 0),
    surface=(20, 20, 20),
    text=(255, 255, 255),
    muted_text=(230, 230, 230),
    accent=(255, 255, 0),
    accent_text=(0, 0, 0),
    focus=(0, 255, 255),
    border=(255, 255, 255),
    block=(70, 70, 70),
    block_text=(255, 255, 255),
    block_lit=(255, 255, 0),
    block_tapped=(0, 200, 255),
    block_lit_text=(0, 0, 0),
    positive=(120, 255, 160),
    gentle=(255, 200, 255),
)


@dataclass(frozen=True)
class Theme:
    """Colours, one font scale factor for every size, and spacing in pixels at scale 1."""

    palette: Palette = field(default_factory=Palette)
    font_scale: float = 1.0
    spacing: int = 16
    radius: int = 12
    focus_width: int = 4

    @classmethod
    def create(cls, font_scale: float = 1.0, high_contrast: bool = False) -> "Theme":
        if not 0.5 <= font_scale <= 3.0:
            raise ValueError(f"font scale {font_scale} must be between 0.5 and 3")
        return cls(palette=HIGH_CONTRAST if high_contrast else Palette(), font_scale=font_scale)

    def with_scale(self, font_scale: float) -> "Theme":
        return replace(self, font_scale=font_scale)

    def size(self, role: str) -> int:
        return max(8, round(BASE_SIZES[role] * self.font_scale))

    def font(self, role: str = "body", bold: bool = False) -> pygame.font.Font:
        return _load_font(self.size(role), bold)

    def font_fitting(self, role: str, height_px: int, bold: bool = False) -> pygame.font.Font:
        """The role's font, made smaller if needed so its capitals fit in ``height_px``."""
        return _load_font(max(8, min(self.size(role), int(height_px / 0.75))), bold)

    def font_to_fit(self, role: str, text: str, width_px: int, height_px: int, bold: bool = False) -> pygame.font.Font:
        """The role's font, made smaller until ``text`` fits in ``width_px`` and its capitals in ``height_px``."""
        font = self.font_fitting(role, height_px, bold)
        while font.size(text)[0] > width_px and height_px > 8:
            height_px = int(height_px * 0.9)
            font = self.font_fitting(role, height_px, bold)
        return font

    def gap(self, multiple: float = 1.0) -> int:
        """Spacing that grows with the text, so larger fonts do not crowd."""
        return round(self.spacing * multiple * max(1.0, self.font_scale))


def forget_fonts() -> None:
    """Drop the loaded fonts; they die with ``pygame.quit()`` and must not be reused after it."""
    _load_font.cache_clear()


@lru_cache(maxsize=64)
def _load_font(size: int, bold: bool) -> pygame.font.Font:
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame.font.Font(str(asset_path(FONT_FILES[bold])), size)
