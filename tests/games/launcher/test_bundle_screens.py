"""The launcher's bundle screens through the real scene stack, by keys and clicks: "Prepare for
home" and "Bring in home practice" in therapist mode, "Send to the clinic" and "Bring in from the
clinic" for a client on a home PC."""

from __future__ import annotations

import functools
from datetime import datetime, timezone
from pathlib import Path

import pygame
import pytest

from games.cli import main
from games.launcher import bundle_export, bundle_import, bundle_places
from games.launcher.bundle_common import CLIENT_WRONG, THERAPIST_WRONG, BundleDoneScene
from games.launcher.bundle_export import PrepareForHomeScene, SendPracticeScene
from games.launcher.bundle_import import BringInScene
from games.launcher.bundle_passphrase import PassphraseScene
from games.launcher.bundle_places import removable_drives
from games.launcher.clients import ClientPickerScene
from games.launcher.confirm import ChoiceScene
from games.launcher.exercises import ExerciseListScene
from games.launcher.therapist import TherapistHomeScene
from games.launcher.therapist_client import ClientPageScene
from games.pilot import Pilot
from scores.bundle import sealed as bundle_file
from scores.bundle.content import keep_passphrase, kept_passphrase, open_bundle, read_client
from scores.bundle.files import PASSPHRASE_LOCKOUT, write_bundle
from scores.clinic.pin import ScryptCost, TherapistLock
from scores.store.store import Store

CHEAP = ScryptCost(n=2**4, r=8, p=1)
PIN = "97531864"
PASSPHRASE = "river lemon oak tulip"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch):
    monkeypatch.setattr(bundle_file, "KDF", {"name": "scrypt", "n": 2 ** 10, "r": 8, "p": 1})


@pytest.fixture
def stick(tmp_path, monkeypatch) -> Path:
    """A USB stick, the only removable drive plugged in."""
    path = tmp_path / "media" / "STICK"
    path.mkdir(parents=True)
    monkeypatch.setattr(bundle_places, "removable_drives", lambda: [path])
    for module in (bundle_export, bundle_import):
        monkeypatch.setattr(module, "removable_drives", lambda: [path])
    return path


@pytest.fixture
def home_data(tmp_path) -> Path:
    """A home PC's data folder: client C-0001 (Alex) and one run of 6 trials."""
    data = tmp_path / "home"
    with Store.open(data) as store:
        store.add_client("C-0001", "Alex")
    assert main(["simulate", "--exercise", "stroop", "--trials", "6", "--client", "C-0001", "--seed", "2",
                 "--data-dir", str(data)]) == 0
    return data


@pytest.fixture
def clinic(make_app, monkeypatch):
    """A pilot on a clinic PC's start screen (PIN set; clients C-0001 Alex and C-0002 Sam)."""
    monkeypatch.setattr("games.launcher.pin.TherapistLock", functools.partial(TherapistLock, cost=CHEAP))
    app = make_app()
    app.store.add_client("C-0001", "Alex")
    app.store.add_client("C-0002", "Sam")
    TherapistLock(app.store, cost=CHEAP).set_pin(PIN, datetime.now(timezone.utc))
    app.stack.push(ClientPickerScene())
    pilot = Pilot(app)
    pilot.step()
    return pilot


def top(pilot):
    return pilot.app.stack.top


def to_page(pilot, label="Alex") -> ClientPageScene:
    pilot.press(pygame.K_RETURN)  # "Therapist"
    pilot.type(PIN)
    pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), TherapistHomeScene)
    pilot.choose(top(pilot).clients, label)
    assert isinstance(top(pilot), ClientPageScene)
    return top(pilot)


def counts(store) -> dict[str, int]:
    return {t: store.select(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sessions", "runs", "trials")}


# --- Prepare for home ---------------------------------------------------------------------------
def test_prepare_for_home_shows_what_it_writes_and_writes_only_after_the_confirmation(clinic, stick):
    page = to_page(clinic)
    clinic.choose(page.menu, "Prepare for home")
    prepare = top(clinic)
    assert isinstance(prepare, PrepareForHomeScene) and prepare.folder == stick and not prepare.include_name
    words = prepare.drawn  # no passphrase kept yet: four new words, shown to write down
    assert len(words.split()) == 4 and prepare.mode == "new"
    clinic.choose(prepare.menu, "Next")
    confirm = top(clinic)
    assert isinstance(confirm, ChoiceScene) and confirm.question == "Write this file?"
    assert "0 sittings, 0 runs, 0 trials, without the display name" in confirm.detail
    assert words in confirm.detail and list(stick.iterdir()) == []  # nothing written yet
    clinic.press(pygame.K_ESCAPE)  # cancel writes nothing
    assert top(clinic) is prepare and list(stick.iterdir()) == []
    assert kept_passphrase(clinic.app.store, client_id=prepare.client.id) is None
    clinic.choose(prepare.menu, "Next")
    clinic.click(top(clinic).buttons.buttons[1].rect.center)  # "Write it"
    done = top(clinic)
    assert isinstance(done, BundleDoneScene) and done.big == words
    [written] = list(stick.iterdir())
    assert written.suffix == ".cogsuite" and written.name.startswith("C-0001-")
    bundle = open_bundle(written.read_bytes(), words)
    assert bundle.rows("clients")[0]["display_name"] is None  # the name stays out unless ticked
    assert kept_passphrase(clinic.app.store, client_id=prepare.client.id)[1] == words
    clinic.press(pygame.K_RETURN)  # Done
    assert top(clinic) is page


def test_the_name_goes_only_when_ticked_and_a_typed_passphrase_is_checked(clinic, stick):
    page = to_page(clinic)
    clinic.choose(page.menu, "Prepare for home")
    prepare = top(clinic)
    clinic.choose(prepare.menu, "Include the client's name")
    assert prepare.include_name
    clinic.choose(prepare.menu, "Type a passphrase")
    clinic.type("short")
    clinic.choose(prepare.menu, "Next")
    assert top(clinic) is prepare and "at least 10 characters" in prepare.notice
    clinic.type(" enough now")
    clinic.choose(prepare.menu, "Next")
    assert "with the display name" in top(clinic).detail
    clinic.press(pygame.K_RIGHT)  # onto "Write it"
    clinic.press(pygame.K_RETURN)
    [written] = list(stick.iterdir())
    assert open_bundle(written.read_bytes(), "short enough now").rows("clients")[0]["display_name"] == "Alex"


def test_the_passphrase_this_pc_keeps_is_offered_first(clinic, stick):
    alex = clinic.app.store.get_client("C-0001")
    keep_passphrase(clinic.app.store, alex.id, PASSPHRASE)
    page = to_page(clinic)
    clinic.choose(page.menu, "Prepare for home")
    prepare = top(clinic)
    assert prepare.mode == "kept" and "This PC's passphrase" in [b.label for b in prepare.menu.buttons]
    clinic.choose(prepare.menu, "Next")
    clinic.click(top(clinic).buttons.buttons[1].rect.center)
    [written] = list(stick.iterdir())
    assert open_bundle(written.read_bytes(), PASSPHRASE).client_id == alex.id


# --- Bring in home practice -----------------------------------------------------------------------
def home_bundle(home_data: Path, stick: Path, passphrase: str = PASSPHRASE) -> Path:
    """The home PC's bundle of C-0001 on the stick (its client id as the clinic's, as after a first
    bundle from the clinic)."""
    with Store.open(home_data) as store:
        bundle = read_client(store, store.get_client("C-0001"))
        path = stick / "C-0001-20261205-1000.cogsuite"
        write_bundle(store, bundle, path, passphrase)
    return path


@pytest.fixture
def clinic_knows_alex(clinic, home_data):
    """The clinic's Alex is the home PC's Alex (same id), as after the first bundle from the clinic."""
    store = clinic.app.store
    with Store.open(home_data) as home:
        alex = home.get_client("C-0001")
    store.select("UPDATE clients SET id = ? WHERE client_code = 'C-0001'", (alex.id,))
    return clinic


def open_the_file(pilot, page) -> BringInScene:
    pilot.choose(page.menu, "Bring in home practice")
    scene = top(pilot)
    assert isinstance(scene, BringInScene)
    assert [b.label for b in scene.menu.buttons][1:] == ["C-0001-20261205-1000.cogsuite"]
    pilot.press(pygame.K_RETURN)  # the file has the focus
    return scene


def test_bring_in_shows_the_merge_before_writing_and_then_adds_the_same(clinic_knows_alex, stick, home_data):
    pilot, store = clinic_knows_alex, clinic_knows_alex.app.store
    home_bundle(home_data, stick)
    before = counts(store)
    page = to_page(pilot)
    open_the_file(pilot, page)
    assert isinstance(top(pilot), PassphraseScene)  # this PC does not know the passphrase
    pilot.type(PASSPHRASE)
    pilot.press(pygame.K_RETURN)
    confirm = top(pilot)
    assert isinstance(confirm, ChoiceScene) and "New: 1 sitting, 1 run, 6 trials." in confirm.detail
    assert "Client C-0001" in confirm.detail and counts(store) == before  # shown, not written
    pilot.press(pygame.K_ESCAPE)  # cancel writes nothing, and goes back to the files
    assert counts(store) == before and isinstance(top(pilot), BringInScene)
    pilot.press(pygame.K_RETURN)  # the passphrase is kept only after a real import: asked again
    assert isinstance(top(pilot), PassphraseScene)
    pilot.type(PASSPHRASE)
    pilot.press(pygame.K_RETURN)
    pilot.click(top(pilot).buttons.buttons[1].rect.center)  # "Bring it in"
    done = top(pilot)
    assert isinstance(done, BundleDoneScene) and "Added: 1 sitting, 1 run, 6 trials." in done.lines
    after = counts(store)
    assert {t: after[t] - before[t] for t in after} == {"sessions": 1, "runs": 1, "trials": 6}
    pilot.press(pygame.K_RETURN)
    assert top(pilot) is page
    open_the_file(pilot, page)  # now the PC keeps the passphrase: nothing is typed
    assert "Nothing new" in top(pilot).detail


def test_wrong_passphrases_say_so_calmly_and_slow_down_like_the_pin(clinic_knows_alex, stick, home_data):
    pilot, store = clinic_knows_alex, clinic_knows_alex.app.store
    home_bundle(home_data, stick)
    before = counts(store)
    open_the_file(pilot, to_page(pilot))
    scene = top(pilot)
    for _ in range(5):
        pilot.type("not the right words")
        pilot.press(pygame.K_RETURN)
        assert top(pilot) is scene and scene.shown_message().startswith(THERAPIST_WRONG)
    assert 29 < scene.locked_s <= 30 and "Locked for 30 more seconds." in scene.shown_message()
    assert store.app_setting(PASSPHRASE_LOCKOUT)["failed_tries"] == 5
    pilot.type(PASSPHRASE)
    pilot.press(pygame.K_RETURN)  # locked: not even tried
    assert top(pilot) is scene and scene.pending is None
    pilot.wait(31_000, frame_ms=500)
    assert scene.locked_s == 0
    pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), ChoiceScene) and counts(store) == before
    assert store.app_setting(PASSPHRASE_LOCKOUT)["failed_tries"] == 0


def test_a_file_that_is_not_a_bundle_is_refused_before_any_passphrase(clinic, stick):
    (stick / "C-0001-20261205-1000.cogsuite").write_bytes(b"not a bundle at all")
    page = to_page(clinic)
    scene = open_the_file(clinic, page)
    assert top(clinic) is scene and "is not a cogsuite client bundle" in scene.notice


# --- the client's side ------------------------------------------------------------------------------
@pytest.fixture
def home_pilot(make_app):
    def make() -> Pilot:
        app = make_app()
        app.stack.push(ClientPickerScene())
        pilot = Pilot(app)
        pilot.step()
        return pilot

    return make


def send_tile(pilot):
    scene = top(pilot)
    assert isinstance(scene, ExerciseListScene)
    return next(b for b in scene.menu.buttons if getattr(b, "key", "") == "send-practice")


def test_a_client_sends_their_practice_sealed_with_the_kept_passphrase(home_pilot, stick, tmp_path, record_run):
    pilot = home_pilot()
    store = pilot.app.store
    alex = store.add_client("C-0001", "Alex")
    record_run(store, alex, "stroop", datetime.now(timezone.utc))
    keep_passphrase(store, alex.id, PASSPHRASE)
    top(pilot).refresh()
    pilot.press(pygame.K_RETURN)  # Alex
    pilot.press(pygame.K_END)  # the last target: "Send to the clinic"
    assert top(pilot).menu.buttons[top(pilot).menu.focus] is send_tile(pilot)
    pilot.press(pygame.K_RETURN)
    send = top(pilot)
    assert isinstance(send, SendPracticeScene) and send.menu.buttons[0].label == "Your USB stick: STICK"
    pilot.click(send.menu.buttons[0].rect.center)
    done = top(pilot)
    assert isinstance(done, BundleDoneScene) and done.title == "Your practice is ready to take to the clinic"
    [written] = list(stick.iterdir())
    assert f"It is saved on STICK as {written.name}." in done.lines
    with Store.open(tmp_path / "clinic") as clinic_store:  # the clinic can bring it in
        from scores.bundle.content import merge

        summary = merge(clinic_store, open_bundle(written.read_bytes(), PASSPHRASE))
        assert summary.added["runs"] == 1 and clinic_store.get_client("C-0001").display_name is None
    pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), ExerciseListScene)


def test_without_a_kept_passphrase_the_client_is_asked_kindly_to_see_the_therapist(home_pilot, stick):
    pilot = home_pilot()
    pilot.app.store.add_client("C-0001", "Alex")
    top(pilot).refresh()
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_END)  # "Send to the clinic", scrolled into view
    pilot.click(send_tile(pilot).rect.center)
    scene = top(pilot)
    assert isinstance(scene, BundleDoneScene) and "ask your therapist" in " ".join(scene.lines)
    assert list(stick.iterdir()) == []


def test_a_home_pc_brings_in_the_clinics_file_once_with_the_written_words(home_pilot, stick, home_data):
    path = home_bundle(home_data, stick)
    pilot = home_pilot()
    pilot.choose(top(pilot).menu, "Bring in from the clinic")
    scene = top(pilot)
    assert isinstance(scene, BringInScene) and scene.for_client
    pilot.press(pygame.K_RETURN)
    words = top(pilot)
    assert isinstance(words, PassphraseScene)
    pilot.type("wrong words entirely")
    pilot.press(pygame.K_RETURN)
    assert words.shown_message() == CLIENT_WRONG and "passphrase" not in words.shown_message().lower()
    pilot.type(PASSPHRASE)
    pilot.press(pygame.K_RETURN)
    pilot.click(top(pilot).buttons.buttons[1].rect.center)  # "Bring it in"
    assert isinstance(top(pilot), BundleDoneScene)
    pilot.press(pygame.K_RETURN)
    assert [b.label for b in top(pilot).menu.buttons][0] == "C-0001"  # the client is on this PC now
    alex = pilot.app.store.get_client("C-0001")
    assert kept_passphrase(pilot.app.store, client_id=alex.id)[1] == PASSPHRASE  # never typed again
    assert path.exists()


def test_removable_drives_are_found_where_each_system_mounts_them(tmp_path):
    for folder in ("media/ann/STICK", "run/media/ann/DISK", "Volumes/KEY", "media/bob/OTHER"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "Volumes" / "Macintosh HD").symlink_to(tmp_path)
    found = removable_drives("ann", root=tmp_path, windows=False)
    assert [p.name for p in found] == ["STICK", "DISK", "KEY"]


def test_a_typed_folder_must_exist(clinic, stick, tmp_path):
    from games.launcher.bundle_places import TypeFolderScene

    page = to_page(clinic)
    clinic.choose(page.menu, "Prepare for home")
    clinic.choose(top(clinic).menu, "Folder")
    clinic.choose(top(clinic).menu, "Type a folder")
    typed = top(clinic)
    assert isinstance(typed, TypeFolderScene)
    typed.field.text = ""
    clinic.type(str(tmp_path / "nowhere"))
    clinic.press(pygame.K_RETURN)
    assert top(clinic) is typed and typed.subtitle().startswith("There is no folder")
    (tmp_path / "elsewhere").mkdir()
    typed.field.text = ""
    clinic.type(str(tmp_path / "elsewhere"))
    clinic.click(typed.button.rect.center)
    assert isinstance(top(clinic), PrepareForHomeScene) and top(clinic).folder == tmp_path / "elsewhere"


def test_a_space_typed_in_a_passphrase_presses_no_button(clinic, stick):
    page = to_page(clinic)
    clinic.choose(page.menu, "Prepare for home")
    prepare = top(clinic)
    clinic.choose(prepare.menu, "Type a passphrase")
    prepare.menu.focus = len(prepare.menu.buttons) - 1  # the mouse resting on "Next"
    for word in ("apple", "cedar", "brook"):
        clinic.type(word)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=44))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=" "))
        clinic.step()
    assert top(clinic) is prepare and prepare.field.text == "apple cedar brook "


def test_a_file_of_another_client_with_the_same_id_is_refused_whole(clinic, stick, home_data):
    """The clinic's C-0001 is another person than the home PC's: nothing is merged."""
    store = clinic.app.store
    home_bundle(home_data, stick)
    before = counts(store)
    scene = open_the_file(clinic, to_page(clinic))
    clinic.type(PASSPHRASE)
    clinic.press(pygame.K_RETURN)
    assert top(clinic) is scene and "different client with the ID 'C-0001'" in scene.notice
    assert counts(store) == before
