"""Soft tones made in code (numpy), and the one object that plays them; silent without a sound device.

The synthesis functions are pure: they return float samples in -1..1 at a given rate and need no
pygame. ``Sound`` opens the mixer the first time something is to be heard, keeps each tone once
made, and plays it at the chosen volume. Where the mixer cannot open (no device, no driver) it
says so once in the log and stays silent: the program runs the same without sound.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

import numpy as np

from scores.pin import TherapistLock

# pygame is imported only where a tone is played: the synthesis needs none
log = logging.getLogger(__name__)

RATE_HZ = 44100
PEAK = 10 ** (-6 / 20)  # -6 dBFS: the loudest any tone is at full volume
SOFT_PEAK = 10 ** (-12 / 20)  # -12 dBFS: the "not quite" tone and the breathing tone, softer still
VOLUME_STEP = 0.1  # one "Louder" or "Quieter"
DEFAULT_VOLUME = 0.6
MIN_VOLUME = 0.1  # quietest while on; "off" is a choice of its own
ON_SETTING, VOLUME_SETTING = "sound_on", "sound_volume"  # saved per PC (store.app_setting)
HUSH_MS = 250  # how long a tone takes to fade when cut short
EDGE_S = 0.008  # the shortest attack or release: no tone starts or stops with a click
BELL = ((1, 1.0), (2, 0.12), (3, 0.04))  # harmonic and its share: a sine with soft overtones
WARM = ((1, 1.0), (2, 0.2), (3, 0.05))

Harmonics = tuple[tuple[int, float], ...]


# -- synthesis (pure numpy) --------------------------------------------------------------------
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


# -- the choice, per PC ---------------------------------------------------------------------------
def chosen_sound(store: Any, override: bool | None = None) -> tuple[bool, float]:
    """Whether sound is on and its volume, for the app on this PC.

    Off by default on a clinic PC (one with a therapist PIN), on at home; a choice saved on this PC
    stands over the default, and ``override`` (``--sound on|off``) over both for one run.
    """
    if store is None:  # the damaged-store notice has nothing to play
        return False, DEFAULT_VOLUME
    saved_on, saved_volume = store.app_setting(ON_SETTING), store.app_setting(VOLUME_SETTING)
    on = saved_on if isinstance(saved_on, bool) else not TherapistLock(store).is_set()
    if override is not None:
        on = override
    volume = saved_volume if isinstance(saved_volume, (int, float)) else DEFAULT_VOLUME
    return on, clamp_volume(volume)


def clamp_volume(volume: float) -> float:
    """``volume`` in steps of ``VOLUME_STEP`` between ``MIN_VOLUME`` and 1."""
    return round(min(1.0, max(MIN_VOLUME, round(volume / VOLUME_STEP) * VOLUME_STEP)), 2)


# -- playing ---------------------------------------------------------------------------------------
class Sound:
    """On or off, a volume, and the tones made once and kept; every call is safe without a device.

    Args:
        on: whether anything plays.
        volume: 0.1..1, a share of the tones' own level.
    """

    def __init__(self, on: bool = False, volume: float = DEFAULT_VOLUME) -> None:
        self.on, self.volume = on, clamp_volume(volume)
        self._mixer: tuple[int, int] | None = None  # (rate, channels) once open
        self._failed = False
        self._cache: dict[Any, Any] = {}

    def available(self) -> bool:
        """Whether a sound device is there to play on (the mixer is opened to find out)."""
        return self._open() is not None

    def _open(self) -> tuple[int, int] | None:
        import pygame

        if self._mixer is not None and pygame.mixer.get_init():
            return self._mixer
        if self._failed:
            return None
        try:
            pygame.mixer.init(RATE_HZ, -16, 2, 512, allowedchanges=0)
            rate, _, channels = pygame.mixer.get_init()
        except pygame.error as err:  # no device or no driver: the program plays silent
            log.warning("no sound: the mixer could not open (%s); everything else works the same", err)
            self._failed = True
            return None
        self._mixer, self._cache = (rate, channels), {}
        return self._mixer

    def _play(self, key: Any, make: Callable[[int], np.ndarray]) -> None:
        if not self.on:
            return
        mixer = self._open()
        if mixer is None:
            return
        import pygame

        if key not in self._cache:
            self._cache[key] = pygame.sndarray.make_sound(pcm16(make(mixer[0]), mixer[1]))
        tone = self._cache[key]
        tone.set_volume(self.volume)
        tone.play()

    def play(self, name: str) -> None:
        """Play "right", "not_quite" or "best" (a name not in ``TONES`` is a bug: KeyError)."""
        self._play(name, TONES[name])

    def answered(self, record: Any) -> None:
        """The sound for a trial just recorded: the chime when right, the low tone when not.

        Nothing plays where there was nothing to answer (a press rightly held back, a trial that
        ran out of time): a sound answers an answer.
        """
        if record.rt_ms is not None and not record.timed_out:
            self.play("right" if record.is_correct else "not_quite")

    def breathe(self, inhaling: bool, seconds: float) -> None:
        """The breathing tone for one half of a breath, ``seconds`` long."""
        seconds = round(seconds, 2)  # a few lengths only, each made once
        self._play(("in" if inhaling else "out", seconds), lambda rate: breath_tone(inhaling, seconds, rate))

    def hush(self) -> None:
        """Fade out whatever is playing (the breathing tone, when the break ends or its pace changes)."""
        import pygame

        if self._mixer is not None and pygame.mixer.get_init():
            pygame.mixer.fadeout(HUSH_MS)

    def set_on(self, on: bool) -> None:
        if not on:
            self.hush()
        self.on = on

    def change_volume(self, steps: int) -> None:
        self.volume = clamp_volume(self.volume + steps * VOLUME_STEP)
