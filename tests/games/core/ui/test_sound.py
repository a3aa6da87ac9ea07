"""The tones (pure numpy), the choice of sound per PC, and the player with and without a device."""

import logging
from datetime import datetime, timezone

import numpy as np
import pygame
import pytest

from games.core.engine.exercise import TrialRecord
from games.core.engine.tones import PEAK, RATE_HZ, best_tone, breath_tone, not_quite_tone, pcm16, right_tone
from games.core.ui.sound import DEFAULT_VOLUME, ON_SETTING, VOLUME_SETTING, Sound, chosen_sound, clamp_volume
from scores.clinic.pin import TherapistLock

TONES = {
    "right": (right_tone, 0.6), "not_quite": (not_quite_tone, 0.35), "best": (best_tone, 1.1),
    "breathe in": (lambda rate: breath_tone(True, 4.0, rate), 4.0),
    "breathe out": (lambda rate: breath_tone(False, 6.0, rate), 6.0),
}


@pytest.mark.parametrize("name", TONES)
@pytest.mark.parametrize("rate", [44100, 48000, 22050])
def test_each_tone_lasts_its_time_stays_below_the_peak_and_starts_and_ends_in_silence(name, rate):
    make, seconds = TONES[name]
    samples = make(rate)
    assert len(samples) == round(seconds * rate)
    assert np.max(np.abs(samples)) <= PEAK + 1e-9  # -6 dBFS at the most: never loud, never clipped
    edge = int(0.002 * rate)  # the first and last 2 ms stay close to silence: no click
    assert np.max(np.abs(samples[:edge])) < 0.05 and np.max(np.abs(samples[-edge:])) < 0.05
    assert abs(samples[0]) < 1e-3 and abs(samples[-1]) < 1e-3
    # no jump anywhere: no step between samples larger than the tones' own pitches make (a click would)
    assert np.max(np.abs(np.diff(samples))) < 0.1 * 44100 / rate


def crossings_per_s(samples: np.ndarray, rate: int) -> float:
    return np.count_nonzero(np.diff(np.signbit(samples))) / (len(samples) / rate)


@pytest.mark.parametrize("seconds", [2.0, 4.0, 8.0])
def test_the_breath_tone_rises_while_breathing_in_and_falls_while_breathing_out(seconds):
    quarter = round(seconds * RATE_HZ) // 4
    inhale, exhale = breath_tone(True, seconds), breath_tone(False, seconds)
    assert crossings_per_s(inhale[-quarter:], RATE_HZ) > 1.3 * crossings_per_s(inhale[:quarter], RATE_HZ)
    assert crossings_per_s(exhale[:quarter], RATE_HZ) > 1.3 * crossings_per_s(exhale[-quarter:], RATE_HZ)


def test_the_answers_tones_are_told_apart_by_pitch_the_not_quite_tone_low_and_soft():
    low, chime = not_quite_tone(), right_tone()
    assert crossings_per_s(low, RATE_HZ) < crossings_per_s(chime, RATE_HZ) / 2
    assert np.max(np.abs(low)) < np.max(np.abs(chime))


def test_pcm16_is_the_mixers_format_mono_or_one_column_per_channel():
    samples = np.array([0.0, 0.5, -0.5, 2.0])
    assert pcm16(samples, 1).tolist() == [0, 16384, -16384, 32767]
    stereo = pcm16(samples, 2)
    assert stereo.shape == (4, 2) and stereo.dtype == np.int16 and (stereo[:, 0] == stereo[:, 1]).all()


def test_the_volume_moves_in_tenths_and_never_below_the_quietest_step():
    assert clamp_volume(0.64) == 0.6 and clamp_volume(0.0) == 0.1 and clamp_volume(3.0) == 1.0
    sound = Sound(True, 0.9)
    sound.change_volume(5)
    assert sound.volume == 1.0
    for _ in range(20):
        sound.change_volume(-1)
    assert sound.volume == 0.1


# -- the choice, per PC -------------------------------------------------------------------------
def test_sound_is_on_at_home_and_off_on_a_clinic_pc_unless_chosen(store):
    assert chosen_sound(store) == (True, DEFAULT_VOLUME)
    TherapistLock(store).set_pin("2580", datetime.now(timezone.utc))
    assert chosen_sound(store) == (False, DEFAULT_VOLUME)
    store.set_app_setting(ON_SETTING, True)
    store.set_app_setting(VOLUME_SETTING, 0.3)
    assert chosen_sound(store) == (True, 0.3)
    assert chosen_sound(store, override=False) == (False, 0.3)  # --sound off, for this run
    store.set_app_setting(ON_SETTING, False)
    assert chosen_sound(store, override=True) == (True, 0.3)
    assert chosen_sound(None) == (False, DEFAULT_VOLUME)  # no store: the damaged-store notice


# -- playing -------------------------------------------------------------------------------------
@pytest.fixture
def mixer_closed():
    yield
    pygame.mixer.quit()


def test_the_tones_play_on_the_dummy_device_at_the_chosen_volume(mixer_closed):
    sound = Sound(True, 0.4)
    assert sound.available()
    for name in ("right", "not_quite", "best"):
        sound.play(name)
    sound.breathe(True, 4.0)
    assert pygame.mixer.get_busy()
    assert all(tone.get_volume() == pytest.approx(0.4, abs=0.01) for tone in sound._cache.values())
    assert len(sound._cache) == 4
    sound.breathe(True, 4.0)  # made once, kept
    assert len(sound._cache) == 4
    sound.hush()


def test_nothing_plays_while_sound_is_off_and_the_mixer_is_not_even_opened(mixer_closed):
    sound = Sound(False)
    sound.play("right")
    sound.breathe(False, 5.0)
    assert not pygame.mixer.get_init() and not sound._cache


def test_without_a_sound_device_everything_is_silent_and_said_once_in_the_log(monkeypatch, caplog, mixer_closed):
    def no_device(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    sound = Sound(True)
    with caplog.at_level(logging.WARNING, logger="games.core.ui.sound"):
        for _ in range(3):
            sound.play("right")
            sound.breathe(True, 4.0)
            sound.hush()
    assert not sound.available()
    assert len([r for r in caplog.records if "no sound" in r.getMessage()]) == 1


def record(is_correct, rt_ms=800.0, timed_out=False):
    return TrialRecord(trial_index=1, level=2, start_ms=0.0, stimulus="", response="", is_correct=is_correct,
                       rt_ms=rt_ms, timed_out=timed_out)


def test_an_answer_is_heard_a_press_held_back_or_a_trial_run_out_of_time_is_not(monkeypatch):
    sound, played = Sound(True), []
    monkeypatch.setattr(sound, "play", played.append)
    sound.answered(record(True))
    sound.answered(record(False))
    sound.answered(record(True, rt_ms=None))  # a no-go rightly held back
    sound.answered(record(False, rt_ms=None, timed_out=True))
    assert played == ["right", "not_quite"]
