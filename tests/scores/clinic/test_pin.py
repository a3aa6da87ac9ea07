"""The therapist PIN: what the store holds, right and wrong tries, and the growing lock."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest

from scores.clinic.pin import (
    LOCKOUT_SETTING, OWASP_SCRYPT, PIN_SETTING, PinError, ScryptCost, TherapistLock, lock_sentence,
    validate_pin, verify_pin,
)
from scores.store.store import Store

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
CHEAP = ScryptCost(n=2**4, r=8, p=1)  # only tests ask for this, and only explicitly
PIN = "730194628551"


@pytest.fixture
def lock(store):
    lock = TherapistLock(store, cost=CHEAP)
    lock.set_pin(PIN, T0)
    return lock


def data_bytes(store: Store) -> bytes:
    """Every byte of the store's files: the database and its write-ahead log."""
    return b"".join(p.read_bytes() for p in sorted(store.path.parent.iterdir()) if p.is_file())


def wrong(lock: TherapistLock, times: int, at) -> None:
    for _ in range(times):
        assert not lock.check("000000", at).accepted


def test_the_store_holds_an_owasp_scrypt_hash_and_never_the_pin(make_store, tmp_path):
    with make_store() as store:
        TherapistLock(store).set_pin(PIN, T0)  # the default parameters: OWASP's
        record = store.app_setting(PIN_SETTING)
        assert (record["algorithm"], record["n"], record["r"], record["p"]) == ("scrypt", 2**17, 8, 1)
        assert OWASP_SCRYPT == ScryptCost(2**17, 8, 1)
        salt, key = bytes.fromhex(record["salt"]), bytes.fromhex(record["hash"])
        assert len(salt) == 16 and len(key) == 32
        assert key == hashlib.scrypt(PIN.encode(), salt=salt, n=2**17, r=8, p=1, maxmem=2**28, dklen=32)
        assert record["set_at"] == "2024-05-01T09:00:00.000+00:00"
        assert PIN not in str(record)
        settings = store.select("SELECT key, value_json FROM app_settings").fetchall()
        assert settings and PIN not in repr([tuple(row) for row in settings])
        if store.path is not None:  # the SQLite file, its log included, holds no trace of it either
            assert PIN.encode() not in data_bytes(store)
    assert PIN.encode() not in b"".join(p.read_bytes() for p in (tmp_path / "data").iterdir() if p.is_file())


def test_the_same_pin_set_twice_gets_a_new_salt_and_hash(tmp_path):
    records = []
    for name in ("a", "b"):
        with Store.open(tmp_path / name) as store:
            TherapistLock(store, cost=CHEAP).set_pin(PIN, T0)
            records.append(store.app_setting(PIN_SETTING))
    assert records[0]["salt"] != records[1]["salt"] and records[0]["hash"] != records[1]["hash"]


def test_right_and_wrong_pins(lock):
    assert lock.is_set()
    assert lock.check(PIN, T0).accepted
    result = lock.check("730194628552", T0)
    assert not result.accepted and result.tries_left == 4
    assert result.message == "That PIN is not right; 4 tries left before it locks."


def test_verification_uses_the_parameters_in_the_record(store, lock):
    # a lock whose own cost is OWASP's still checks a record made with other parameters
    cheap = store.app_setting(PIN_SETTING)
    assert not TherapistLock(store).check("13572468", T0).accepted
    assert store.app_setting(PIN_SETTING) == cheap  # a wrong PIN changes nothing
    assert TherapistLock(store).check(PIN, T0 + timedelta(days=30)).accepted
    # ... and the right one has the record hashed again with the lock's stronger parameters
    record = store.app_setting(PIN_SETTING)
    assert (record["n"], record["r"], record["p"]) == (OWASP_SCRYPT.n, OWASP_SCRYPT.r, OWASP_SCRYPT.p)
    assert record["salt"] != cheap["salt"] and record["set_at"] == cheap["set_at"]
    assert verify_pin(PIN, record) and not verify_pin("1234", record)
    assert TherapistLock(store, cost=CHEAP).check(PIN, T0).accepted
    assert store.app_setting(PIN_SETTING) == record  # never hashed again with weaker ones


def test_five_wrong_tries_lock_for_30_s_and_refuse_even_the_right_pin(lock):
    wrong(lock, 4, T0)
    assert lock.locked_for_s(T0) == 0
    fifth = lock.check("1111", T0)
    assert not fifth.accepted and fifth.locked_for_s == 30
    assert fifth.message == "That PIN is not right. Locked for 30 more seconds."
    later = T0 + timedelta(seconds=5)
    refused = lock.check(PIN, later)
    assert not refused.accepted and refused.message == "Locked for 25 more seconds."
    assert lock.locked_for_s(T0 + timedelta(seconds=29.5)) == pytest.approx(0.5)
    assert not lock.check(PIN, T0 + timedelta(seconds=29.9)).accepted
    assert lock.check(PIN, T0 + timedelta(seconds=30)).accepted


def test_tries_while_locked_do_not_count(lock):
    wrong(lock, 5, T0)
    wrong(lock, 20, T0 + timedelta(seconds=1))
    assert lock.failed_tries() == 5
    assert lock.locked_for_s(T0 + timedelta(seconds=1)) == 29


def test_each_further_wrong_try_doubles_the_lock_up_to_an_hour(lock):
    at = T0
    wrong(lock, 5, at)
    seen = []
    for _ in range(10):
        at += timedelta(seconds=lock.locked_for_s(at))
        result = lock.check("2222", at)
        seen.append(result.locked_for_s)
    assert seen == [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600]
    assert lock.check("2222", at).message == "Locked for 60 more minutes."


def test_the_lock_survives_closing_and_reopening_the_store(make_store):
    with make_store() as store:
        lock = TherapistLock(store, cost=CHEAP)
        lock.set_pin(PIN, T0)
        wrong(lock, 5, T0)
    with make_store() as store:
        reopened = TherapistLock(store)
        assert reopened.locked_for_s(T0 + timedelta(seconds=10)) == 20
        assert not reopened.check(PIN, T0 + timedelta(seconds=10)).accepted
        assert store.app_setting(LOCKOUT_SETTING)["failed_tries"] == 5


def test_a_right_pin_resets_the_count(lock):
    wrong(lock, 4, T0)
    assert lock.check(PIN, T0).accepted
    assert lock.failed_tries() == 0
    wrong(lock, 4, T0)
    assert lock.locked_for_s(T0) == 0 and lock.check(PIN, T0).accepted


def test_a_right_pin_after_a_lock_starts_the_count_again_at_30_s(lock):
    wrong(lock, 5, T0)
    after = T0 + timedelta(seconds=30)
    assert lock.check(PIN, after).accepted
    wrong(lock, 5, after)
    assert lock.locked_for_s(after) == 30


def test_a_clock_set_back_does_not_stretch_the_lock(lock):
    wrong(lock, 5, T0)
    assert lock.locked_for_s(T0 - timedelta(days=1)) == 30


@pytest.mark.parametrize("pin, sentence", [
    ("", "Type a PIN of 4 to 12 digits."),
    ("123", "A PIN needs at least 4 digits."),
    ("1234567890123", "A PIN has at most 12 digits."),
    ("12a4", "A PIN has digits only, 0 to 9."),
    ("12 34", "A PIN has digits only, 0 to 9."),
    ("١٢٣٤", "A PIN has digits only, 0 to 9."),  # digits of another script are refused too
])
def test_bad_pins_are_refused_with_a_sentence(store, pin, sentence):
    with pytest.raises(PinError) as caught:
        validate_pin(pin)
    assert str(caught.value) == sentence
    lock = TherapistLock(store, cost=CHEAP)
    with pytest.raises(PinError):
        lock.set_pin(pin, T0)
    assert not lock.is_set()


def test_a_badly_formed_try_costs_no_try(lock):
    result = lock.check("12", T0)
    assert not result.accepted and result.message == "A PIN needs at least 4 digits."
    assert lock.failed_tries() == 0


def test_check_before_any_pin_is_set(store):
    lock = TherapistLock(store, cost=CHEAP)
    assert not lock.is_set()
    assert lock.check("1234", T0).message == "No PIN has been set on this PC yet."


def test_setting_a_second_pin_needs_the_old_one(store, lock):
    with pytest.raises(PinError):
        lock.set_pin("9999", T0)
    assert lock.check(PIN, T0).accepted
    refused = lock.change_pin("4444", "9999", T0)
    assert not refused.accepted and lock.failed_tries() == 1
    assert lock.check("9999", T0).tries_left == 3  # still the old PIN
    with pytest.raises(PinError):
        lock.change_pin(PIN, "99", T0)  # a bad new PIN is refused before any try is spent
    assert lock.failed_tries() == 2
    assert lock.change_pin(PIN, "9999", T0).accepted
    assert lock.check("9999", T0).accepted and not lock.check(PIN, T0).accepted
    assert store.app_setting(PIN_SETTING)["n"] == CHEAP.n


def test_a_damaged_record_is_a_sentence_not_a_crash(store):
    store.set_app_setting(PIN_SETTING, {"algorithm": "scrypt", "n": 16})
    with pytest.raises(PinError, match="cannot be read"):
        TherapistLock(store).check("1234", T0)
    store.set_app_setting(PIN_SETTING, {"algorithm": "scrypt", "n": 2**40, "r": 8, "p": 1, "salt": "00", "hash": "00"})
    with pytest.raises(PinError, match="impossible"):
        TherapistLock(store).check("1234", T0)


def test_a_damaged_lockout_value_counts_as_no_lock(store, lock):
    store.set_app_setting(LOCKOUT_SETTING, {"failed_tries": "many", "locked_until": 7})
    assert lock.locked_for_s(T0) == 0 and lock.check(PIN, T0).accepted


@pytest.mark.parametrize("seconds, sentence", [
    (25, "Locked for 25 more seconds."), (0.2, "Locked for 1 more second."), (1, "Locked for 1 more second."),
    (119.5, "Locked for 2 more minutes."), (3600, "Locked for 60 more minutes."), (121, "Locked for 3 more minutes."),
])
def test_lock_sentence(seconds, sentence):
    assert lock_sentence(seconds) == sentence


def test_a_forgotten_pin_is_removed_from_the_command_line_and_the_data_stays(tmp_path, capsys):
    from games.cli import main

    with Store.open(tmp_path) as store:
        store.add_client("C-0001")
        lock = TherapistLock(store, cost=CHEAP)
        lock.set_pin("4321", T0)
        for _ in range(5):
            lock.check("0000", T0)
        assert lock.locked_for_s(T0) >= 30
    assert main(["pin", "--remove", "--data-dir", str(tmp_path)]) == 0
    assert "removed" in capsys.readouterr().out
    with Store.open(tmp_path) as store:
        lock = TherapistLock(store, cost=CHEAP)
        assert not lock.is_set() and lock.locked_for_s(T0) == 0 and store.get_client("C-0001")
        lock.set_pin("1234", T0)
        assert lock.check("1234", T0).accepted
    assert main(["pin", "--remove", "--data-dir", str(tmp_path)]) == 0
    assert main(["pin", "--remove", "--data-dir", str(tmp_path)]) == 0
    assert "no therapist PIN" in capsys.readouterr().out
