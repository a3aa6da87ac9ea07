"""The lock that grows with wrong tries: each setting counts on its own."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from scores.bundle.files import PASSPHRASE_LOCKOUT
from scores.clinic.lockout import FREE_TRIES, Lockout
from scores.clinic.pin import LOCKOUT_SETTING


def test_wrong_passphrases_lock_their_own_count_not_the_pins(store):
    now = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)
    passphrases, pin = Lockout.in_setting(store, PASSPHRASE_LOCKOUT), Lockout.in_setting(store, LOCKOUT_SETTING)
    answers = [passphrases.wrong_try(now) for _ in range(FREE_TRIES + 1)]
    assert answers[:FREE_TRIES - 1] == [(0.0, FREE_TRIES - n) for n in range(1, FREE_TRIES)]
    assert answers[FREE_TRIES - 1] == (30.0, 0) and answers[FREE_TRIES] == (60.0, 0)  # doubles
    assert passphrases.locked_for_s(now + timedelta(seconds=20)) == 40.0
    assert pin.locked_for_s(now) == 0.0 and pin.failed_tries() == 0
    passphrases.reset()
    assert passphrases.locked_for_s(now) == 0.0 and passphrases.failed_tries() == 0
