"""The Stroop stage's colours: the four inks and the dark backdrop they are printed on.

The inks are specific to this exercise, so they live here rather than in the shared theme; a
palette field for them (one set per palette) would be the better home. The backdrop and the plain
ink come from the theme's own palette. Inks are light and saturated on a dark backdrop, so yellow
stays as readable as the others; green leans to blue-green and red to vermilion, so the pair stays
apart for most colour-blind players (who can also play the counting variant).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from games.core.ui.theme import HIGH_CONTRAST, Colour, Palette

INKS_STANDARD: Mapping[str, Colour] = {
    "red": (244, 96, 74),
    "blue": (104, 164, 255),
    "green": (46, 196, 128),
    "yellow": (250, 214, 56),
}
INKS_HIGH_CONTRAST: Mapping[str, Colour] = {
    "red": (255, 92, 92),
    "blue": (118, 178, 255),
    "green": (64, 240, 140),
    "yellow": (255, 255, 0),
}


@dataclass(frozen=True)
class Stage:
    """Colours of the card the stimulus is shown on."""

    backdrop: Colour  # the card
    plain: Colour  # the '+', counting rows, the tick and '-' marks
    inks: Mapping[str, Colour]


def stage_for(palette: Palette) -> Stage:
    """The high-contrast inks on black for the high-contrast palette, else the standard set on dark slate."""
    if palette == HIGH_CONTRAST:
        return Stage(backdrop=palette.background, plain=palette.text, inks=INKS_HIGH_CONTRAST)
    return Stage(backdrop=palette.text, plain=palette.surface, inks=INKS_STANDARD)


def contrast_ratio(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio of two sRGB colours (1 to 21)."""

    def luminance(colour: Colour) -> float:
        def channel(c: int) -> float:
            s = c / 255
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

        r, g, b_ = (channel(c) for c in colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
