"""Therapist mode: assign a plan for home on a client's page, change it, end it, and read its adherence."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pygame
import pytest

from games.launcher.assignment_screens import AssignmentListScene, AssignmentScene, home_summary
from games.launcher.confirm import ConfirmScene
from games.launcher.plans import PlanListScene
from games.launcher.therapist_client import ClientPageScene
from games.pilot import Pilot
from scores.clinic.plans import Plan, PlanItem

WEDNESDAY = date(2024, 6, 5)
PLAN = Plan("Home calm", (PlanItem("mood"), PlanItem("breathing", minutes=3)))


@pytest.fixture
def pilot(make_app, local_tz):
    local_tz("UTC")
    start_s = datetime(2024, 6, 5, 10, tzinfo=timezone.utc).timestamp()
    app = make_app(wall_s=lambda: start_s)
    client = app.store.add_client("C-0001", "Alex")
    app.store.save_plan(PLAN)
    app.stack.push(ClientPageScene(client))
    pilot = Pilot(app)
    pilot.step()
    return pilot


def top(pilot):
    return pilot.app.stack.top


def test_assign_by_keyboard_and_mouse_then_change_and_end(pilot):
    store, client = pilot.app.store, top(pilot).client
    assert "None running" in next(b for b in top(pilot).menu.buttons if b.label == "Home assignments").detail
    pilot.choose(top(pilot).menu, "Home assignments")
    listing = top(pilot)
    assert isinstance(listing, AssignmentListScene)
    pilot.press(pygame.K_RETURN)  # "Assign a plan for home"
    chooser = top(pilot)
    assert isinstance(chooser, PlanListScene)
    pilot.choose(chooser.menu, "Home calm")
    form = top(pilot)
    assert isinstance(form, AssignmentScene)
    assert (sorted(form.days), form.times, form.starts_on, form.ends_on) == ([0, 2, 4], 3, WEDNESDAY,
                                                                           WEDNESDAY + timedelta(weeks=4))
    pilot.press(pygame.K_HOME)
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_RETURN)  # Tuesday too: four days, four times a week
    assert form.days == {0, 1, 2, 4} and form.times == 4
    pilot.click(form.times_buttons[0].rect.center)  # one fewer
    pilot.click(form.date_buttons[1].rect.center)  # a week longer
    pilot.click(form.date_buttons[2].rect.center)  # a day shorter
    assert form.times == 3 and form.ends_on == WEDNESDAY + timedelta(weeks=5, days=-1)
    pilot.click(form.actions[0].rect.center)  # Save
    assert top(pilot) is listing
    [made] = store.assignments(client)
    assert (made.plan_name, made.weekdays, made.times_per_week, made.ends_on) == ("Home calm", (0, 1, 2, 4), 3,
                                                                                  date(2024, 7, 9))
    assert made.starts_on == WEDNESDAY and "Saved: Home calm" in listing.subtitle()
    line = listing.menu.buttons[1]
    assert line.label == "Home calm" and "0 of 1 planned sessions done (0%)" in line.detail
    # change it: any day, three times a week
    pilot.click(line.rect.center)
    form = top(pilot)
    for day in (0, 1, 2, 4):
        pilot.click(form.toggles[day].rect.center)
    assert form.days == set() and form.times == 1  # once it matched the days it followed them down
    pilot.click(form.times_buttons[1].rect.center)
    pilot.press(pygame.K_RETURN)  # the focus stays on "One more"
    pilot.click(form.actions[0].rect.center)
    changed = store.get_assignment(made.id)
    assert (changed.weekdays, changed.times_per_week) == ((), 3) and changed.updated_at >= made.updated_at
    # end it, after a question
    pilot.click(listing.menu.buttons[1].rect.center)
    pilot.click(top(pilot).actions[1].rect.center)
    assert isinstance(top(pilot), ConfirmScene)
    pilot.press(pygame.K_ESCAPE)  # no: nothing changes
    assert not store.get_assignment(made.id).ended
    pilot.click(top(pilot).actions[1].rect.center)
    pilot.click(top(pilot).buttons.buttons[1].rect.center)  # "End it"
    assert store.get_assignment(made.id).ended and top(pilot) is listing
    assert listing.menu.buttons[1].label == "Home calm (ended)"


def test_a_schedule_the_store_refuses_shows_the_reason_and_saves_nothing(pilot):
    store, client = pilot.app.store, top(pilot).client
    form = AssignmentScene(client, PLAN.name, None, PLAN)
    pilot.app.stack.push(form)
    pilot.step()
    form.ends_on = form.starts_on - timedelta(days=1)  # as a hand-edited value might be
    pilot.click(form.actions[0].rect.center)
    assert top(pilot) is form and "before the first" in form.error
    assert store.assignments(client) == []


def test_the_page_shows_adherence_of_the_running_assignment(pilot):
    store, client = pilot.app.store, top(pilot).client
    assignment = store.add_assignment(client, PLAN, weekdays=[0, 2, 4], times_per_week=3,
                                      starts_on=date(2024, 6, 3), ends_on=date(2024, 6, 30))
    at = datetime(2024, 6, 3, 17, tzinfo=timezone.utc)
    session = store.start_session(client, at, plan_name=PLAN.name, assignment_id=assignment.id)
    item = store.start_session_item(session, position=1, kind="breathing", exercise=None, planned_s=180.0,
                                    started_at=at)
    store.finish_session_item(item, ended_at=at + timedelta(minutes=3), active_s=180.0, outcome="done")
    store.end_session(session, at + timedelta(minutes=4))
    assert home_summary(pilot.app, client) == "Home calm: 1 of 2 done, 3 min"


def test_in_large_type_the_form_scrolls_by_keys_and_by_mouse_alone(make_app, local_tz):
    from games.core.ui.theme import Theme

    local_tz("UTC")
    start_s = datetime(2024, 6, 5, 10, tzinfo=timezone.utc).timestamp()
    app = make_app(theme=Theme.create(2.0), wall_s=lambda: start_s)
    client = app.store.add_client("C-0001", "Alex")
    form = AssignmentScene(client, PLAN.name, None, PLAN)
    app.stack.push(form)
    pilot = Pilot(app)
    pilot.step()
    screen = app.screen.get_rect()
    assert form.scroll == 0 and form.menu.viewport.contains(form.toggles[0].rect)
    assert not form.menu.viewport.contains(form.actions[0].rect)  # Save is further down
    while not form.menu.viewport.contains(form.actions[0].rect):  # the wheel alone reaches it
        before = form.scroll
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1))
        pilot.step()
        assert form.scroll > before
    for button in form.menu.buttons:  # what shows is whole and on the screen
        if form.menu.viewport.contains(button.rect):
            assert screen.contains(button.rect)
    pilot.click(form.actions[0].rect.center)
    [saved] = app.store.assignments(client)
    assert saved.weekdays == (0, 2, 4) and saved.ends_on == WEDNESDAY + timedelta(weeks=4)
