"""Therapist mode through the real scene stack: the PIN, the lock, the home, a client's page."""

from __future__ import annotations

import functools
import random
import sys
import types
from datetime import date, datetime, timezone

import pygame
import pytest

from games.core.ui.scene import Scene
from games.launcher.clients import ClientPickerScene, NewClientScene
from games.launcher.exercises import ExerciseListScene
from games.launcher.pin import PinScene
from games.launcher.therapist import IDLE_LOCK_MS, TherapistHomeScene
from games.launcher.therapist_client import ClientPageScene, RenameClientScene, client_history
from games.launcher.therapist_settings import TARGET_CHOICES, ExerciseSettingsScene
from games.pilot import Pilot
from games.registry import EXERCISES
from scores.clinic.pin import LOCKOUT_SETTING, PIN_SETTING, ScryptCost, TherapistLock, verify_pin
from scores.clinic.plans import Plan, PlanItem
from scores.store.queries import ExerciseSettings

# the fixtures' PIN records are cheap to check, and the screens keep them cheap (they would hash a
# PIN set with weaker parameters again with OWASP's); a PIN set on the screens is OWASP's
CHEAP = ScryptCost(n=2**4, r=8, p=1)
PIN = "97531864"
PAGE_ACTIONS = ["Let this client play", "Start a session", "Home assignments", "Progress", "Past sessions",
                "Exercise settings", "Report", "Export data", "Prepare for home", "Bring in home practice", "Rename",
                "Hide the countdown", "Archive"]


@pytest.fixture
def make_pilot(make_app, monkeypatch):
    def make(pin: str | None = PIN, clients=(("C-0001", "Alex"), ("C-0002", "Sam")), wall_s=None) -> Pilot:
        app = make_app(wall_s=wall_s)
        for code, name in clients:
            app.store.add_client(code, name)
        if pin:
            TherapistLock(app.store, cost=CHEAP).set_pin(pin, datetime.now(timezone.utc))
            monkeypatch.setattr("games.launcher.pin.TherapistLock", functools.partial(TherapistLock, cost=CHEAP))
        app.stack.push(ClientPickerScene())
        pilot = Pilot(app)
        pilot.step()
        return pilot

    return make


def top(pilot):
    return pilot.app.stack.top


def scenes(pilot) -> list[str]:
    return [type(scene).__name__ for scene in pilot.app.stack]


def enter_pin(pilot, pin=PIN) -> None:
    pilot.type(pin)
    pilot.press(pygame.K_RETURN)


def to_home(pilot) -> TherapistHomeScene:
    pilot.press(pygame.K_RETURN)  # "Therapist", the only item
    assert isinstance(top(pilot), PinScene)
    enter_pin(pilot)
    assert isinstance(top(pilot), TherapistHomeScene)
    return top(pilot)


def activate(pilot, menu, label: str) -> None:
    """Move the keyboard focus onto ``label`` and press Enter."""
    index = [b.label for b in menu.buttons].index(label)
    while menu.focus != index:
        pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_RETURN)


def to_new_plan(pilot):
    """From the start screen to a new plan in the plan editor, by keyboard."""
    from games.launcher.plan_editor import PlanEditorScene

    home = to_home(pilot)
    pilot.press(pygame.K_RIGHT)
    activate(pilot, home.actions, "Plans")
    activate(pilot, top(pilot).menu, "New plan")
    assert isinstance(top(pilot), PlanEditorScene)
    return top(pilot)


def to_page(pilot, label="Alex") -> ClientPageScene:
    home = to_home(pilot)
    activate(pilot, home.clients, label)
    assert isinstance(top(pilot), ClientPageScene)
    return top(pilot)


def stub_module(monkeypatch, name: str, **attrs) -> None:
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    monkeypatch.setitem(sys.modules, name, module)


# --- the start screen ------------------------------------------------------------------------
def test_without_a_pin_the_start_screen_lists_clients_and_offers_therapist_mode(make_pilot):
    pilot = make_pilot(pin=None)
    labels = [b.label for b in top(pilot).menu.buttons]
    assert labels == ["Alex", "Sam", "Therapist mode", "Bring in from the clinic", "Add a new client"]
    assert top(pilot).menu.focus == 0


def test_with_a_pin_the_start_screen_shows_no_client(make_pilot):
    pilot = make_pilot()
    start = top(pilot)
    assert [b.label for b in start.menu.buttons] == ["Therapist"]
    assert "Alex" not in start.title + start.subtitle() and "Sam" not in start.title + start.subtitle()


# --- setting the PIN on first use -------------------------------------------------------------
def test_first_use_sets_the_pin_by_keyboard_then_hides_the_clients(make_pilot):
    pilot = make_pilot(pin=None)
    activate(pilot, top(pilot).menu, "Therapist mode")
    pin_scene = top(pilot)
    assert isinstance(pin_scene, PinScene) and pin_scene.purpose == "set"
    enter_pin(pilot, "12")
    assert pin_scene.message == "A PIN needs at least 4 digits."
    enter_pin(pilot, "1357")
    enter_pin(pilot, "1358")  # a slip: both are asked again
    assert pin_scene.message == "The two PINs were not the same; please choose the PIN again."
    assert not TherapistLock(pilot.app.store).is_set()
    pilot.type("13579")
    pilot.press(pygame.K_BACKSPACE)  # typed one digit too many
    pilot.press(pygame.K_RETURN)
    enter_pin(pilot, "1357")
    assert isinstance(top(pilot), TherapistHomeScene)
    record = pilot.app.store.app_setting(PIN_SETTING)
    assert (record["n"], record["r"], record["p"]) == (2**17, 8, 1)  # the screens use OWASP's cost
    assert verify_pin("1357", record) and "1357" not in str(record)
    pilot.press(pygame.K_ESCAPE)  # Lock
    assert scenes(pilot) == ["ClientPickerScene"]
    assert [b.label for b in top(pilot).menu.buttons] == ["Therapist"]


def test_first_use_sets_the_pin_by_mouse_on_the_keypad(make_pilot):
    pilot = make_pilot(pin=None, clients=())
    start = top(pilot)
    pilot.click(next(b for b in start.menu.buttons if b.label == "Therapist mode").rect.center)
    pad = top(pilot)
    keys = {key.label: key for key in pad.keys}

    def click_digits(digits):
        for digit in digits:
            pilot.click(keys[digit].rect.center)

    click_digits("24680")
    pilot.click(keys["Delete"].rect.center)
    assert pad.digits == "2468"
    pilot.click(keys["OK"].rect.center)
    click_digits("2468")
    pilot.click(keys["OK"].rect.center)
    assert isinstance(top(pilot), TherapistHomeScene)
    assert verify_pin("2468", pilot.app.store.app_setting(PIN_SETTING))
    pilot.click(top(pilot).corner.rect.center)  # "Lock"
    assert isinstance(top(pilot), ClientPickerScene) and top(pilot).clinic


# --- wrong PINs and the lock ------------------------------------------------------------------
def test_wrong_pins_lock_the_screen_and_the_countdown_shows(make_pilot):
    pilot = make_pilot()
    pilot.press(pygame.K_RETURN)
    pad = top(pilot)
    enter_pin(pilot, "1111")
    assert pad.shown_message() == "That PIN is not right; 4 tries left before it locks."
    for _ in range(4):
        enter_pin(pilot, "1111")
    assert pad.shown_message() == "Locked for 30 more seconds."
    pilot.wait(5000, frame_ms=250)
    assert pad.shown_message() == "Locked for 25 more seconds."
    enter_pin(pilot)  # the right PIN, but locked
    assert top(pilot) is pad and pad.digits == ""
    pilot.press(pygame.K_ESCAPE)  # closing and opening the screen does not open the lock
    pilot.press(pygame.K_RETURN)
    again = top(pilot)
    assert isinstance(again, PinScene) and again is not pad
    assert again.shown_message() == "Locked for 25 more seconds."
    pilot.wait(25_000, frame_ms=1000)
    assert again.shown_message() == ""
    enter_pin(pilot)
    assert isinstance(top(pilot), TherapistHomeScene)
    assert pilot.app.store.app_setting(LOCKOUT_SETTING)["failed_tries"] == 0


def test_the_lock_countdown_wakes_the_screen_every_second(make_pilot):
    pilot = make_pilot()
    pilot.press(pygame.K_RETURN)
    for _ in range(5):
        enter_pin(pilot, "1111")
    now = pilot.clock.now_ms()
    wake = top(pilot).next_frame_ms(now)
    assert wake is not None and now < wake <= now + 1000


# --- the idle lock ----------------------------------------------------------------------------
def test_five_minutes_without_input_close_every_therapist_screen(make_pilot):
    pilot = make_pilot()
    page = to_page(pilot)
    pilot.press(pygame.K_DOWN)
    activate(pilot, page.menu, "Exercise settings")
    assert scenes(pilot)[-3:] == ["TherapistHomeScene", "ClientPageScene", "ExerciseSettingsScene"]
    pilot.wait(IDLE_LOCK_MS - 2000, frame_ms=1000)
    pilot.press(pygame.K_DOWN)  # any input starts the five minutes again
    pilot.wait(IDLE_LOCK_MS - 2000, frame_ms=1000)
    assert isinstance(top(pilot), ExerciseSettingsScene)
    pilot.wait(3000, frame_ms=1000)
    assert scenes(pilot) == ["ClientPickerScene"]
    assert [b.label for b in top(pilot).menu.buttons] == ["Therapist"]


def test_idle_lock_also_closes_screens_from_other_modules(make_pilot, monkeypatch):
    class StubPlans(Scene):
        def __init__(self, choose=False):
            self.choose = choose

    stub_module(monkeypatch, "games.launcher.plans", PlanListScene=StubPlans)
    pilot = make_pilot()
    home = to_home(pilot)
    pilot.press(pygame.K_RIGHT)
    activate(pilot, home.actions, "Plans")
    assert isinstance(top(pilot), StubPlans)
    assert pilot.app.watchdog.due_ms(pilot.app) <= pilot.clock.now_ms() + IDLE_LOCK_MS
    pilot.wait(IDLE_LOCK_MS + 1000, frame_ms=5000)
    assert scenes(pilot) == ["ClientPickerScene"]


def test_idle_lock_counts_the_time_the_computer_slept(make_pilot):
    wall = [1_000_000.0]
    pilot = make_pilot(wall_s=lambda: wall[0])
    to_page(pilot)
    wall[0] -= 3600  # the calendar clock set back an hour: no lock, no longer idle time either
    pilot.press(pygame.K_DOWN)
    assert scenes(pilot)[-1] == "ClientPageScene"
    # the lid closed for six minutes: the app's clock stood still, the calendar's did not
    wall[0] += IDLE_LOCK_MS / 1000 + 60
    pilot.click((5, 5))  # the touch of the mouse that wakes it
    assert scenes(pilot) == ["ClientPickerScene"] and pilot.app.watchdog is None


def test_the_input_that_finds_the_lock_due_only_locks(make_pilot):
    pilot = make_pilot()
    to_home(pilot)
    pilot.clock.advance(IDLE_LOCK_MS + 1000)  # no frame drawn meanwhile, as when the loop was held up
    pilot.press(pygame.K_RETURN)  # would open the focused client's page
    assert scenes(pilot) == ["ClientPickerScene"] and pilot.app.watchdog is None


def test_idle_lock_closes_the_plan_editor_and_its_question_too(make_pilot):
    pilot = make_pilot()
    to_new_plan(pilot)
    pilot.type(" draft")
    pilot.press(pygame.K_ESCAPE)  # "Leave without saving?" stays open while the therapist is away
    pilot.wait(IDLE_LOCK_MS - 1000, frame_ms=5000)
    assert scenes(pilot)[-1] == "ConfirmScene"
    pilot.wait(2000, frame_ms=1000)
    assert scenes(pilot) == ["ClientPickerScene"] and pilot.app.watchdog is None
    assert pilot.app.store.saved_plans({}) == []


# --- clients --------------------------------------------------------------------------------
def test_add_a_client_then_rename_and_archive_them(make_pilot):
    pilot = make_pilot()
    store = pilot.app.store
    home = to_home(pilot)
    pilot.press(pygame.K_RIGHT)
    activate(pilot, home.actions, "Add a client")
    assert isinstance(top(pilot), NewClientScene)
    pilot.type("Robin")
    pilot.press(pygame.K_RETURN)
    page = top(pilot)
    assert isinstance(page, ClientPageScene) and page.client.code == "C-0003"
    assert [b.label for b in page.menu.buttons] == PAGE_ACTIONS
    activate(pilot, page.menu, "Rename")
    rename = top(pilot)
    assert isinstance(rename, RenameClientScene)
    assert rename.focus == 0  # the ID comes first
    for _ in range(6):
        pilot.press(pygame.K_BACKSPACE)
    pilot.type("C-0001")
    pilot.press(pygame.K_RETURN)
    assert top(pilot) is rename and rename.error == "A client with the ID 'C-0001' already exists."
    pilot.press(pygame.K_BACKSPACE)
    pilot.type("9")
    pilot.press(pygame.K_RETURN)
    assert top(pilot) is page and page.client.code == "C-0009" and page.title == "Robin"
    assert store.get_client("C-0009").display_name == "Robin" and store.get_client("C-0003") is None
    activate(pilot, page.menu, "Archive")
    assert store.get_client("C-0009").archived
    assert page.menu.buttons[-1].label == "Bring back"
    pilot.press(pygame.K_ESCAPE)
    assert [b.label for b in home.clients.buttons] == ["Alex", "Sam"]
    pilot.press(pygame.K_RIGHT)
    assert "(1 archived)" in home.subtitle()
    activate(pilot, home.actions, "Show archived")
    assert [b.label for b in home.clients.buttons] == ["Alex", "Sam", "Robin"]
    assert home.clients.buttons[-1].detail.endswith("archived")
    pilot.click(home.clients.buttons[-1].rect.center)
    activate(pilot, top(pilot).menu, "Bring back")
    assert not store.get_client("C-0009").archived


def test_the_countdown_toggle_is_stored(make_pilot):
    pilot = make_pilot()
    page = to_page(pilot, "Sam")
    activate(pilot, page.menu, "Hide the countdown")
    assert pilot.app.store.get_client("C-0002").hide_countdown
    assert "countdown hidden" in page.subtitle()
    activate(pilot, page.menu, "Show the countdown")
    assert not pilot.app.store.get_client("C-0002").hide_countdown


def test_targets_and_level_locks_are_stored(make_pilot):
    pilot = make_pilot()
    store = pilot.app.store
    page = to_page(pilot)
    activate(pilot, page.menu, "Exercise settings")
    settings = top(pilot)
    alex = store.get_client("C-0001")
    first, second = EXERCISES[0], EXERCISES[1]
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_RIGHT)
    assert store.exercise_settings(alex, first.id) == ExerciseSettings(0.65, None)
    pilot.press(pygame.K_TAB)  # to the level
    pilot.press(pygame.K_RIGHT)
    assert store.exercise_settings(alex, first.id) == ExerciseSettings(0.65, first.spec.min_level)
    for _ in range(40):  # both ends hold
        pilot.press(pygame.K_RIGHT)
    assert store.exercise_settings(alex, first.id).locked_level == first.spec.max_level
    pilot.press(pygame.K_TAB, pygame.KMOD_SHIFT)
    for _ in range(20):
        pilot.press(pygame.K_RIGHT)
    assert store.exercise_settings(alex, first.id).target_rate == 0.95
    for _ in range(20):
        pilot.press(pygame.K_LEFT)
    assert store.exercise_settings(alex, first.id) == ExerciseSettings(None, first.spec.max_level)
    minus, plus, _ = settings.controls[(1, 1)]  # the mouse: the second exercise's level
    pilot.click(plus.rect.center)
    pilot.click(plus.rect.center)
    pilot.click(minus.rect.center)
    assert store.exercise_settings(alex, second.id) == ExerciseSettings(None, second.spec.min_level)
    assert (settings.row, settings.col) == (1, 1)
    assert settings.describe().startswith(f"{second.spec.title}, level {second.spec.min_level} of")


def test_the_settings_list_scrolls_to_every_exercise(make_pilot):
    pilot = make_pilot()
    page = to_page(pilot)
    activate(pilot, page.menu, "Exercise settings")
    settings = top(pilot)
    assert (0, 0) in settings.controls and (len(EXERCISES) - 1, 0) not in settings.controls
    pilot.press(pygame.K_END)
    pilot.press(pygame.K_RIGHT)
    assert (len(EXERCISES) - 1, 0) in settings.controls and (0, 0) not in settings.controls
    alex = pilot.app.store.get_client("C-0001")
    assert pilot.app.store.exercise_settings(alex, EXERCISES[-1].id).target_rate == 0.6
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=len(EXERCISES), flipped=False))
    pilot.step()
    assert (0, 0) in settings.controls


# --- handing the PC over ----------------------------------------------------------------------
def test_let_this_client_play_then_change_client_asks_for_the_pin(make_pilot):
    pilot = make_pilot()
    page = to_page(pilot, "Sam")
    activate(pilot, page.menu, "Let this client play")
    assert scenes(pilot) == ["ClientPickerScene", "ExerciseListScene"]  # no therapist screen underneath
    assert pilot.app.client.code == "C-0002" and pilot.app.session_id is not None
    assert top(pilot).subtitle() == "Playing as Sam"
    pilot.press(pygame.K_ESCAPE)
    assert isinstance(top(pilot), PinScene)
    pilot.press(pygame.K_ESCAPE)  # the client changes their mind: still playing
    assert isinstance(top(pilot), ExerciseListScene) and pilot.app.client.code == "C-0002"
    pilot.click(top(pilot).corner.rect.center)  # "Change client"
    enter_pin(pilot, "0000")
    assert isinstance(top(pilot), PinScene)
    enter_pin(pilot)
    assert scenes(pilot) == ["ClientPickerScene", "TherapistHomeScene"]
    assert pilot.app.client is None and pilot.app.session_id is None


def test_start_a_session_hands_the_chosen_plan_to_the_session(make_pilot, monkeypatch):
    plan = Plan("Morning", (PlanItem("exercise", EXERCISES[0].id, 4.0),))
    started = []

    class StubPlans(Scene):
        def __init__(self, choose=False):
            assert choose

        def handle_event(self, event, t_ms):
            if event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN:
                self.app.stack.pop(plan)

    class StubSession(Scene):
        def __init__(self, chosen, client):
            started.append((chosen, client.code))

    stub_module(monkeypatch, "games.launcher.plans", PlanListScene=StubPlans)
    stub_module(monkeypatch, "games.launcher.session", SessionScene=StubSession)
    pilot = make_pilot()
    page = to_page(pilot)
    activate(pilot, page.menu, "Start a session")
    assert isinstance(top(pilot), StubPlans)
    pilot.press(pygame.K_RETURN)
    assert started == [(plan, "C-0001")]
    assert scenes(pilot) == ["ClientPickerScene", "StubSession"]
    pilot.app.stack.pop("finished")  # the session's summary closes
    assert scenes(pilot) == ["ClientPickerScene"] and top(pilot).clinic


def test_progress_opens_in_the_therapist_voice(make_pilot, monkeypatch):
    opened = []

    class StubProgress(Scene):
        def __init__(self, client, therapist=False):
            opened.append((client.code, therapist))

    stub_module(monkeypatch, "games.launcher.progress", ProgressScene=StubProgress)
    pilot = make_pilot()
    page = to_page(pilot)
    activate(pilot, page.menu, "Progress")
    assert opened == [("C-0001", True)]
    pilot.app.stack.pop()
    assert top(pilot) is page


# --- reports and exports ------------------------------------------------------------------------
def test_report_and_export_write_into_the_exports_folder_and_show_the_paths(make_pilot, monkeypatch):
    def write_report(store, client, path, exercises, today=None):
        assert {e.id for e in exercises} == {e.id for e in EXERCISES}
        path.write_text(f"<p>{client.code}</p>", encoding="utf-8")
        return path

    stub_module(monkeypatch, "scores.report.html", write_report=write_report)
    pilot = make_pilot()
    exports = pilot.app.store.path.parent / "exports"
    page = to_page(pilot)
    activate(pilot, page.menu, "Report")
    [report] = list(exports.glob("C-0001-report-*.html"))
    assert page.notice == ["Report saved:", str(report)]
    activate(pilot, page.menu, "Export data")
    files = sorted(p.name for p in exports.glob("C-0001-*.csv"))
    assert [name.split("-")[2] for name in files] == ["runs", "sessions", "trials"]
    assert page.notice[0].endswith(f"saved in {exports}:")
    assert sorted(line.strip() for line in page.notice[1:]) == files
    pilot.press(pygame.K_ESCAPE)
    home = top(pilot)
    pilot.press(pygame.K_RIGHT)
    activate(pilot, home.actions, "Export all data")
    assert {p.name.split("-")[1] for p in exports.glob("all-*.csv")} == {"trials", "runs", "sessions", "dictionary"}


def test_report_and_export_files_take_their_stamp_and_date_from_the_apps_calendar(make_pilot, monkeypatch):
    leap_day = datetime(2024, 2, 29, 13, 37).astimezone()  # this PC's local time, as file names show it
    dates = []

    def write_report(store, client, path, exercises, today=None):
        dates.append(today)
        path.write_text("<p></p>", encoding="utf-8")
        return path

    stub_module(monkeypatch, "scores.report.html", write_report=write_report)
    pilot = make_pilot(wall_s=leap_day.timestamp)
    exports = pilot.app.store.path.parent / "exports"
    page = to_page(pilot)
    activate(pilot, page.menu, "Report")
    activate(pilot, page.menu, "Export data")
    assert sorted(p.name for p in exports.iterdir()) == [
        "C-0001-report-20240229-1337.html", "C-0001-runs-20240229-1337.csv",
        "C-0001-sessions-20240229-1337.csv", "C-0001-trials-20240229-1337.csv",
    ]
    assert dates == [date(2024, 2, 29)]  # the report's own date and streaks count from the app's today


def test_an_export_that_cannot_be_written_says_so(make_pilot):
    pilot = make_pilot()
    (pilot.app.store.path.parent / "exports").write_text("a file where the folder should be")
    page = to_page(pilot)
    activate(pilot, page.menu, "Export data")
    assert len(page.notice) == 1 and page.notice[0].startswith("Cannot create the folder")


def test_history_lists_sessions_newest_first_with_levels_accuracy_and_trials(make_pilot):
    pilot = make_pilot()
    store = pilot.app.store
    alex = store.get_client("C-0001")
    for day, (start, end, accuracy) in enumerate([(2, 3, 0.75), (3, 3, 0.5)], start=1):
        at = datetime(2025, 3, day, 9, 0, tzinfo=timezone.utc)
        session = store.start_session(alex, at, kind="clinic", plan_name="Morning" if day == 2 else None)
        run = store.start_run(session_id=session, client=alex, exercise="digit_span", domain="memory", started_at=at,
                              start_level=start, seed=1, params={}, simulated=False, app_version="0")
        store.add_trial(run, trial_index=1, started_at=at, level=start, stimulus="", response="", correct=True,
                        rt_ms=500.0, timed_out=False, extra={})
        store.finish_run(run, ended_at=at, end_level=end, ability=1.0, ability_se=0.5, accuracy=accuracy,
                         median_rt_ms=500.0, n_trials=1, duration_s=60.0, completed=day == 1, measures={})
    history = client_history(store, alex)
    assert [s.plan_name for s in history] == ["Morning", None]
    assert [r.line() for s in history for r in s.runs] == [
        "Digit Span: level 3, 50% right, 1 trial (stopped early)",
        "Digit Span: level 2 to 3, 75% right, 1 trial",
    ]
    assert "clinic" in history[0].heading() and "Morning" in history[0].heading()
    assert client_history(store, store.get_client("C-0002")) == []


# --- change PIN ---------------------------------------------------------------------------------
def test_changing_the_pin_needs_the_old_one(make_pilot):
    pilot = make_pilot()
    home = to_home(pilot)
    pilot.press(pygame.K_RIGHT)
    activate(pilot, home.actions, "Change PIN")
    change = top(pilot)
    assert change.purpose == "change"
    enter_pin(pilot, "1111")
    assert change.step == 0 and "not right" in change.message
    enter_pin(pilot)
    enter_pin(pilot, "8642")
    enter_pin(pilot, "8642")
    assert top(pilot) is home and home.notice == ["The new PIN is saved."]
    record = pilot.app.store.app_setting(PIN_SETTING)
    assert verify_pin("8642", record) and not verify_pin(PIN, record)


# --- mashing ----------------------------------------------------------------------------------
KEYS = [pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB,
        pygame.K_BACKSPACE, pygame.K_SPACE, pygame.K_HOME, pygame.K_END, pygame.K_MINUS, pygame.K_EQUALS]


def mash(pilot, rng, n: int, stay) -> None:
    """``n`` random keys, digits, clicks and waits; ``stay()`` brings the pilot back when it wanders off."""
    width, height = pilot.app.screen.get_size()
    for _ in range(n):
        stay()
        roll = rng.random()
        if roll < 0.45:
            pilot.press(rng.choice(KEYS))
        elif roll < 0.65:
            pilot.type(rng.choice("0123456789") * rng.choice([1, 1, 4]))
        elif roll < 0.95:
            pilot.click((rng.randrange(width), rng.randrange(height)))
        else:
            pilot.wait(rng.choice([100, 1500, 40_000]), frame_ms=500)
    assert pilot.app.running


def assert_store_consistent(store, n_clients: int) -> None:
    record = store.app_setting(PIN_SETTING)
    assert verify_pin(PIN, record) and record["algorithm"] == "scrypt"
    lockout = store.app_setting(LOCKOUT_SETTING)
    assert isinstance(lockout["failed_tries"], int) and lockout["failed_tries"] >= 0
    assert 0 <= TherapistLock(store).locked_for_s(datetime.now(timezone.utc)) <= 3600
    clients = store.list_clients(include_archived=True)
    assert len(clients) >= n_clients and len({c.code for c in clients}) == len(clients)
    levels = {e.id: (e.spec.min_level, e.spec.max_level) for e in EXERCISES}
    for client in clients:
        for exercise, (low, high) in levels.items():
            settings = store.exercise_settings(client, exercise)
            assert settings.target_rate in TARGET_CHOICES
            assert settings.locked_level is None or low <= settings.locked_level <= high


def test_a_thousand_random_keys_and_clicks_at_the_pin_screen(make_pilot):
    pilot = make_pilot()
    pilot.press(pygame.K_RETURN)

    def stay():
        if isinstance(top(pilot), ClientPickerScene):
            pilot.press(pygame.K_RETURN)
        assert isinstance(top(pilot), PinScene)

    mash(pilot, random.Random(7), 1000, stay)
    assert_store_consistent(pilot.app.store, 2)
    assert pilot.app.store.app_setting(LOCKOUT_SETTING)["failed_tries"] >= 5


def test_a_thousand_random_keys_and_clicks_at_the_therapist_home(make_pilot, monkeypatch):
    class Away(Scene):  # plans, progress and sessions stand in for screens tested elsewhere
        def __init__(self, *args, **kwargs):
            pass

        def handle_event(self, event, t_ms):
            if event.type == pygame.KEYDOWN:
                self.app.stack.pop()

    for module, name in [("games.launcher.plans", "PlanListScene"), ("games.launcher.progress", "ProgressScene"),
                         ("games.launcher.session", "SessionScene")]:
        stub_module(monkeypatch, module, **{name: Away})
    stub_module(monkeypatch, "scores.report.html",
                write_report=lambda store, client, path, infos, today=None: path)
    pilot = make_pilot()
    home_visits = []

    def stay():
        if any(isinstance(s, TherapistHomeScene) for s in pilot.app.stack):
            return
        while len(pilot.app.stack) > 1:  # client mode or a session: the client's part is tested elsewhere
            pilot.app.stack.pop()
        pilot.app.end_session()
        waiting_s = TherapistLock(pilot.app.store).locked_for_s(pilot.app.now())
        pilot.wait(waiting_s * 1000 + 1000, frame_ms=60_000)  # wrong tries while changing the PIN lock it
        to_home(pilot)
        home_visits.append(True)

    stay()
    mash(pilot, random.Random(2026), 1000, stay)
    assert_store_consistent(pilot.app.store, 2)
    assert len(home_visits) >= 2
    for row in pilot.app.store.iter_session_rows():
        assert row["ended_at"] or pilot.app.session_id is not None


def test_esc_in_the_plan_editors_exercise_choice_goes_back_without_a_pin(make_pilot):
    from games.launcher.plan_items import ExerciseChoiceScene

    pilot = make_pilot()
    editor = to_new_plan(pilot)
    editor.app.stack.push(ExerciseChoiceScene())
    assert "My progress" not in [b.label for b in top(pilot).menu.buttons]
    pilot.press(pygame.K_ESCAPE)
    assert top(pilot) is editor


def test_past_sessions_open_their_full_summary(make_pilot):
    from datetime import timedelta

    from games.core.engine.simulate import simulate_plan
    from games.launcher.session_summary import SessionListScene, SessionSummaryScene
    from games.registry import get_exercise
    from scores.clinic.plans import Plan, PlanItem

    pilot = make_pilot()
    store = pilot.app.store
    alex = store.get_client("C-0001")
    plan = Plan("Short", (PlanItem("mood"), PlanItem("exercise", exercise="flanker", minutes=2), PlanItem("mood")))
    start = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
    for day in range(2):
        simulate_plan(plan, store, alex, get_exercise, ability=0.6, seed=day, wall_start=start + timedelta(days=day))
    page = to_page(pilot)
    activate(pilot, page.menu, "Past sessions")
    sessions = top(pilot)
    assert isinstance(sessions, SessionListScene) and len(sessions.menu.buttons) == 2
    assert all("Short" in b.label and "1 run," in b.detail for b in sessions.menu.buttons)
    pilot.click(sessions.menu.buttons[1].rect.center)  # newest first: the second is the older
    details = top(pilot)
    assert isinstance(details, SessionSummaryScene) and details.therapist
    [first, _] = list(store.iter_session_rows())
    assert details.session_id == first["session_id"]
    assert any(f"{first['n_trials']} trials" in line for line in details.lines)
