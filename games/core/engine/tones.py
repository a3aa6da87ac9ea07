"""Soft tones made in code: pure numpy, no pygame; float samples in -1..1 at a given rate.

Apart from :mod:`games.core.ui.sound` so that numpy is imported the first time a tone is made, not
before the launcher's first frame.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

RATE_HZ = 44100
PEAK = 10 ** (-6 / 20)  # -6 dBFS: the loudest any tone is at full volume
SOFT_PEAK = 10 ** (-12 / 20)  # -12 dBFS: the "not quite" tone and the breathing tone, softer still
EDGE_S = 0.008  # the shortest attack or release: no tone starts or stops with a click
BELL = ((1, 1.0), (2, 0.12), (3, 0.04))  # harmonic and its share: a sine with soft overtones
WARM = ((1, 1.0), (2, 0.2), (3, 0.05))
Harmonics = tuple[tuple[int, float], ...]


def n_samples(seconds: float, rate: int) -> int:
    return max(1, round(seconds * rate))


def ease(fraction: np.ndarray) -> np.ndarray:
    """A sine ease from 0 to 1, slow at both ends (the breathing circle moves the same way)."""
    return (1.0 - np.cos(np.pi * np.clip(fraction, 0.0, 1.0))) / 2.0


def fade(n: int, rate: int, attack_s: float, release_s: float) -> np.ndarray:
    """An envelope of ``n`` samples rising from 0 and falling back to 0 along raised-cosine edges."""
    env = np.ones(n)
    for seconds, edge in ((attack_s, slice(None)), (release_s, slice(None, None, -1))):
        k = min(n // 2, max(2, n_samples(max(seconds, EDGE_S), rate)))
        env[edge][:k] *= ease(np.arange(k) / k)
    return env


def voice(freq_hz: np.ndarray, rate: int, harmonics: Harmonics) -> np.ndarray:
    """Sines following ``freq_hz`` sample by sample (a glide has no jumps: the phase is integrated)."""
    phase = 2.0 * np.pi * np.cumsum(freq_hz) / rate
    return sum(share * np.sin(k * phase) for k, share in harmonics)


def note(freq_hz: float, seconds: float, rate: int, decay_s: float, harmonics: Harmonics = BELL) -> np.ndarray:
    """A struck note: a quick soft attack, then a decay like a small bell's."""
    n = n_samples(seconds, rate)
    t = np.arange(n) / rate
    return voice(np.full(n, freq_hz), rate, harmonics) * np.exp(-t / decay_s) * fade(n, rate, 0.01, 0.05)


def at_peak(samples: np.ndarray, peak: float) -> np.ndarray:
    """``samples`` scaled so their largest magnitude is ``peak``."""
    top = float(np.max(np.abs(samples)))
    return samples * (peak / top) if top > 0 else samples


def notes(pitches_hz: tuple[float, ...], step_s: float, seconds: float, rate: int, decay_s: float,
          peak: float) -> np.ndarray:
    """Notes struck ``step_s`` apart, each ringing on to the end of ``seconds``."""
    out = np.zeros(n_samples(seconds, rate))
    for i, pitch in enumerate(pitches_hz):
        start = n_samples(i * step_s, rate) if i else 0
        out[start:] += note(pitch, seconds - i * step_s, rate, decay_s)[: len(out) - start]
    return at_peak(out * fade(len(out), rate, EDGE_S, 0.08), peak)


def right_tone(rate: int = RATE_HZ) -> np.ndarray:
    """A gentle chime for a right answer: two soft bell notes a fifth apart (E5, B5), 0.6 s."""
    return notes((659.26, 987.77), 0.08, 0.6, rate, 0.22, PEAK)


def not_quite_tone(rate: int = RATE_HZ) -> np.ndarray:
    """A soft low tone for "not quite": A3 with a warm overtone, slow edges, 0.35 s, quieter."""
    n = n_samples(0.35, rate)
    return at_peak(voice(np.full(n, 220.0), rate, WARM) * fade(n, rate, 0.05, 0.18), SOFT_PEAK)


def best_tone(rate: int = RATE_HZ) -> np.ndarray:
    """A warm rising tone for a new personal best: C5, E5, G5, C6 in turn, 1.1 s."""
    return notes((523.25, 659.26, 783.99, 1046.5), 0.12, 1.1, rate, 0.3, PEAK)


def breath_tone(inhaling: bool, seconds: float, rate: int = RATE_HZ,
                low_hz: float = 196.0, high_hz: float = 293.66) -> np.ndarray:
    """A tone lasting the breath: rising from G3 to D4 while breathing in, falling back while out.

    The pitch follows the circle's easing, and the tone swells in and fades out slowly.
    """
    n = n_samples(seconds, rate)
    rise = ease(np.arange(n) / max(1, n - 1))
    freq = low_hz + (high_hz - low_hz) * (rise if inhaling else 1.0 - rise)
    edge_s = min(0.6, seconds / 4)
    return at_peak(voice(freq, rate, WARM) * fade(n, rate, edge_s, edge_s), SOFT_PEAK)


TONES: dict[str, Callable[[int], np.ndarray]] = {
    "right": right_tone, "not_quite": not_quite_tone, "best": best_tone,
}


def pcm16(samples: np.ndarray, channels: int) -> np.ndarray:
    """Float samples as 16-bit signed integers, one column per channel (the mixer's format)."""
    ints = np.round(np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)
    return np.ascontiguousarray(np.repeat(ints[:, None], channels, axis=1)) if channels > 1 else ints
