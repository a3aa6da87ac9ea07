"""What a drawing left on a surface: how much of an area it painted, and whether it stayed inside."""

import hashlib

import numpy
import pygame

SENTINEL = (1, 2, 3)  # a colour no view draws with: whatever is not this was drawn


def blank(size: tuple[int, int]) -> pygame.Surface:
    """A surface filled with the sentinel colour, to draw on."""
    surface = pygame.Surface(size)
    surface.fill(SENTINEL)
    return surface


def painted_share(surface: pygame.Surface, rect: pygame.Rect, unpainted=SENTINEL) -> float:
    """The share of ``rect``'s pixels that differ from ``unpainted`` (0: untouched, 1: all drawn)."""
    part = surface.subsurface(rect.clip(surface.get_rect()))
    same = pygame.mask.from_threshold(part, unpainted, (1, 1, 1, 255)).count()
    return 1 - same / (part.get_width() * part.get_height())


def kinds_of_colour(surface: pygame.Surface, rect: pygame.Rect, step_px: int = 3) -> int:
    """How many different colours a grid of points in ``rect`` shows (one: a flat fill, nothing drawn on it)."""
    part = surface.subsurface(rect.clip(surface.get_rect()))
    pixels = pygame.surfarray.pixels2d(part)  # the pixels themselves, not a copy: only a grid is read
    try:
        return len(numpy.unique(pixels[::step_px, ::step_px]))
    finally:
        del pixels  # unlocks the surface


def untouched_outside(surface: pygame.Surface, rect: pygame.Rect) -> bool:
    """True when every pixel outside ``rect`` still has the sentinel colour: nothing spilled over."""
    inside = rect.clip(surface.get_rect())
    total = surface.get_width() * surface.get_height()
    untouched = pygame.mask.from_threshold(surface, SENTINEL, (1, 1, 1, 255))
    inside_untouched = pygame.mask.from_threshold(surface.subsurface(inside), SENTINEL, (1, 1, 1, 255)).count()
    return untouched.count() - inside_untouched == total - inside.width * inside.height


def picture(surface: pygame.Surface) -> bytes:
    """A digest of the surface's pixels, to compare two drawings on surfaces of one size and format
    (a digest, not the pixels: a trial keeps hundreds of pictures)."""
    return hashlib.blake2b(surface.get_buffer(), digest_size=16).digest()
