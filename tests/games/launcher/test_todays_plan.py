"""An assignment made in the clinic shows as Today's plan at home on its days (a fake calendar),
is played as a session bound to it, and its adherence comes back to the clinic in a bundle."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pygame
import pytest

from games.app import App
from games.core.engine.clock import FakeClock
from games.launcher.clients import ClientPickerScene
from games.launcher.exercises import ExerciseListScene
from games.launcher.session import SessionScene
from games.launcher.session_summary import SessionSummaryScene
from games.launcher.todays_plan import TodaysPlanScene, client_week
from games.pilot import Pilot
from scores.bundle import sealed as bundle_file
from scores.bundle.content import merge, open_bundle, read_client, seal_bundle
from scores.clinic.assignments import adherence
from scores.clinic.plans import Plan, PlanItem
from scores.store.store import Store

PLAN = Plan("Home calm", (PlanItem("mood"), PlanItem("breathing", minutes=0.5)))
MONDAY, TUESDAY, WEDNESDAY = date(2024, 6, 3), date(2024, 6, 4), date(2024, 6, 5)
PASSPHRASE = "river lemon oak tulip"


def carry(source: Store, target: Store, client, include_names: bool = False) -> None:
    """One client's bundle, sealed as a file would hold it, opened and merged on the other PC."""
    sealed = seal_bundle(read_client(source, client, include_names), PASSPHRASE, "key-1")
    merge(target, open_bundle(sealed, PASSPHRASE))


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch):
    """scrypt made cheap for the test (the parameters travel in the bundle's header)."""
    monkeypatch.setattr(bundle_file, "KDF", {"name": "scrypt", "n": 2 ** 12, "r": 8, "p": 1})


@pytest.fixture
def stores(tmp_path, local_tz):
    local_tz("Europe/Berlin")
    with Store.open(tmp_path / "clinic") as clinic, Store.open(tmp_path / "home") as home:
        client = clinic.add_client("C-0007", "Robin")
        clinic.save_plan(PLAN)
        clinic.add_assignment(client, PLAN, weekdays=[0, 2, 4], times_per_week=3, starts_on=MONDAY,
                              ends_on=date(2024, 6, 30), now=datetime(2024, 6, 3, 7, tzinfo=timezone.utc))
        carry(clinic, home, client, include_names=True)
        yield clinic, home, client


def open_home(store: Store, day: date, hour: int = 10) -> Pilot:
    """The home launcher on ``day`` at ``hour`` local time; the calendar moves on with the clock."""
    clock = FakeClock(1000.0)
    start_s = datetime(day.year, day.month, day.day, hour).astimezone().timestamp()
    app = App(store, clock=clock, wall_s=lambda: start_s + (clock.now_ms() - 1000.0) / 1000.0)
    app.stack.push(ClientPickerScene())
    pilot = Pilot(app)
    pilot.step()
    return pilot


def close(pilot: Pilot) -> None:
    pilot.app.wind_down()


def choose_first_client(pilot: Pilot) -> None:
    assert isinstance(pilot.app.stack.top, ClientPickerScene)
    pilot.press(pygame.K_RETURN)


def test_on_a_planned_day_todays_plan_comes_first(stores):
    _, home, client = stores
    pilot = open_home(home, WEDNESDAY)
    choose_first_client(pilot)
    card = pilot.app.stack.top
    assert isinstance(card, TodaysPlanScene) and card.plan == PLAN
    assert [m.state for m in card.marks] == ["planned", "not_planned", "planned", "not_planned", "future",
                                             "not_planned", "not_planned"]
    assert [m.is_today for m in card.marks][2]
    pilot.press(pygame.K_ESCAPE)  # not now: the exercises, as any day
    assert isinstance(pilot.app.stack.top, ExerciseListScene)
    assert pilot.app.stack.top.subtitle() == "Playing as Robin  ·  Today's plan is ready when you are."
    close(pilot)


@pytest.mark.parametrize("day", [TUESDAY, date(2024, 6, 2), date(2024, 7, 1)])
def test_on_other_days_the_launcher_opens_on_the_exercises(stores, day):
    _, home, _ = stores
    pilot = open_home(home, day)
    choose_first_client(pilot)
    assert isinstance(pilot.app.stack.top, ExerciseListScene)
    note = {TUESDAY: "Your next plan is tomorrow.", date(2024, 6, 2): "Your next plan is tomorrow.",
            date(2024, 7, 1): ""}[day]
    assert pilot.app.stack.top.subtitle() == "Playing as Robin" + (f"  ·  {note}" if note else "")
    close(pilot)


def test_playing_it_marks_today_done_and_adherence_comes_back_to_the_clinic(stores):
    clinic, home, client = stores
    pilot = open_home(home, WEDNESDAY, hour=23)  # late evening: the day is still Wednesday, locally
    choose_first_client(pilot)
    pilot.press(pygame.K_RETURN)  # Start
    session = pilot.app.stack.top
    assert isinstance(session, SessionScene)
    for value in (3, 4, 4):
        pilot.press(pygame.K_0 + value)
    pilot.press(pygame.K_RETURN)
    pilot.wait(31_000, frame_ms=500.0)
    assert isinstance(pilot.app.stack.top, SessionSummaryScene)
    pilot.press(pygame.K_RETURN)  # Finish
    card = pilot.app.stack.top
    assert isinstance(card, TodaysPlanScene) and card.done_today
    assert [m.state for m in card.marks][:3] == ["planned", "not_planned", "done"]
    assert client_week(pilot.app, client)[0] is None  # not due again today
    close(pilot)

    [row] = [r for r in home.iter_session_rows() if r["assigned"]]
    assert (row["kind"], row["plan_name"], row["end_state"]) == ("home", "Home calm", "finished")
    assert datetime.fromisoformat(row["started_at"]).astimezone().date() == WEDNESDAY

    carry(home, clinic, client)
    [assignment] = clinic.assignments(client)
    figures = adherence(assignment, WEDNESDAY, clinic.assigned_sessions(client))
    assert (figures.planned, figures.done, figures.days_done) == (2, 1, 1)
    assert 0.5 <= figures.active_minutes <= 1.0
    # the next planned day (Friday) shows it again; Thursday does not
    thursday = open_home(clinic, date(2024, 6, 6))
    choose_first_client(thursday)
    assert isinstance(thursday.app.stack.top, ExerciseListScene)
    close(thursday)
    friday = open_home(clinic, date(2024, 6, 7))
    choose_first_client(friday)
    assert isinstance(friday.app.stack.top, TodaysPlanScene)
    assert [m.state for m in friday.app.stack.top.marks][:5] == ["planned", "not_planned", "done", "not_planned",
                                                                 "planned"]
    close(friday)


def test_a_change_or_end_made_later_in_the_clinic_reaches_home(stores):
    clinic, home, client = stores
    [assignment] = clinic.assignments(client)
    changed = clinic.update_assignment(assignment, weekdays=[1], times_per_week=1, starts_on=MONDAY,
                                       ends_on=date(2024, 6, 30), now=datetime(2024, 6, 3, 8, tzinfo=timezone.utc))
    carry(clinic, home, client)
    assert home.assignments(client) == [changed]
    tuesday = open_home(home, TUESDAY)
    choose_first_client(tuesday)
    assert isinstance(tuesday.app.stack.top, TodaysPlanScene)  # Tuesdays now, not Wednesdays
    close(tuesday)
    clinic.end_assignment(changed, now=datetime(2024, 6, 3, 9, tzinfo=timezone.utc))
    carry(clinic, home, client)
    assert home.get_assignment(assignment.id).ended
    again = open_home(home, TUESDAY)
    choose_first_client(again)
    assert isinstance(again.app.stack.top, ExerciseListScene)
    close(again)
