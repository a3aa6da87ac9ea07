"""The one object that plays the soft tones of :mod:`games.core.engine.tones`; silent without a sound device.

``Sound`` opens the mixer the first time something is to be heard, keeps each tone once made, and
plays it at the chosen volume; pygame and the tones' numpy are imported only then. Where the mixer
cannot open (no device, no driver) it says so once in the log and stays silent: the program runs
the same without sound.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from scores.clinic.therapists import has_therapist_pin

log = logging.getLogger(__name__)

VOLUME_STEP = 0.1  # one "Louder" or "Quieter"
DEFAULT_VOLUME = 0.6
MIN_VOLUME = 0.1  # quietest while on; "off" is a choice of its own
ON_SETTING, VOLUME_SETTING = "sound_on", "sound_volume"  # saved per PC (store.app_setting)
HUSH_MS = 250  # how long a tone takes to fade when cut short


# -- the choice, per PC ---------------------------------------------------------------------------
def chosen_sound(store: Any, override: bool | None = None) -> tuple[bool, float]:
    """Whether sound is on and its volume, for the app on this PC.

    Off by default on a clinic PC (one with a therapist PIN), on at home; a choice saved on this PC
    stands over the default, and ``override`` (``--sound on|off``) over both for one run.
    """
    if store is None:  # the damaged-store notice has nothing to play
        return False, DEFAULT_VOLUME
    saved_on, saved_volume = store.app_setting(ON_SETTING), store.app_setting(VOLUME_SETTING)
    on = saved_on if isinstance(saved_on, bool) else not (getattr(store, "is_shared", False) or has_therapist_pin(store))
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

        from games.core.engine.tones import RATE_HZ

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

    def _play(self, key: Any, make: Callable[[int], Any]) -> None:
        if not self.on:
            return
        mixer = self._open()
        if mixer is None:
            return
        import pygame

        from games.core.engine.tones import pcm16

        if key not in self._cache:
            self._cache[key] = pygame.sndarray.make_sound(pcm16(make(mixer[0]), mixer[1]))
        tone = self._cache[key]
        tone.set_volume(self.volume)
        tone.play()

    def play(self, name: str) -> None:
        """Play "right", "not_quite" or "best" (a name not in ``TONES`` is a bug: KeyError)."""
        from games.core.engine.tones import TONES

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
        from games.core.engine.tones import breath_tone

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
