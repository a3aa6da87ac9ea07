"""The home assignment screens, headless, for ``python tools/screenshots.py --home``.

A client with a plan for home and two weeks of practice behind it: Today's plan on a planned day,
the same card once the day's plan is done, and in therapist mode the client's page, their home
assignments with adherence, and the schedule form.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from games.app import App
from games.core.engine.clock import FakeClock
from games.core.ui.theme import Theme
from games.launcher.assignment_screens import AssignmentListScene, AssignmentScene
from games.launcher.clients import ClientPickerScene
from games.launcher.therapist_client import ClientPageScene
from games.pilot import Pilot
from scores.clinic.plans import Plan, PlanItem
from scores.store.store import Store

PLAN = Plan("Calm focus at home", (
    PlanItem("mood"), PlanItem("exercise", exercise="go_no_go", minutes=5),
    PlanItem("breathing", minutes=2), PlanItem("exercise", exercise="sequence_recall", minutes=5),
))
TODAY = date(2026, 3, 11)  # a Wednesday


def _practice(store: Store, client, assignment, day: date, minutes: float) -> None:
    at = datetime(day.year, day.month, day.day, 17).astimezone(timezone.utc)
    session = store.start_session(client, at, plan_name=PLAN.name, assignment_id=assignment.id)
    item = store.start_session_item(session, position=1, kind="breathing", exercise=None, planned_s=120.0,
                                    started_at=at)
    store.finish_session_item(item, ended_at=at + timedelta(minutes=minutes), active_s=minutes * 60, outcome="done")
    store.end_session(session, at + timedelta(minutes=minutes))


def _seed(store: Store):
    client = store.add_client("C-0004", "Robin")
    store.save_plan(PLAN)
    assignment = store.add_assignment(client, PLAN, weekdays=[0, 2, 4], times_per_week=3,
                                      starts_on=TODAY - timedelta(days=9), ends_on=TODAY + timedelta(days=19))
    for back, minutes in ((9, 14.5), (5, 15.0), (2, 12.0)):  # Mon, Fri, Mon: the Wed before passed by
        _practice(store, client, assignment, TODAY - timedelta(days=back), minutes)
    return client, assignment


def take_home(out: Path, suffix: str, theme: Theme) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data, Store.open(Path(data)) as store:
        client, assignment = _seed(store)
        noon = datetime(TODAY.year, TODAY.month, TODAY.day, 12).astimezone().timestamp()
        app = App(store, theme=theme, clock=FakeClock(1000.0), wall_s=lambda: noon)
        pilot = Pilot(app)
        shot = lambda name: pilot.screenshot(out / f"{name}{suffix}.png")  # noqa: E731
        app.stack.push(ClientPickerScene())
        pilot.step()
        app.stack.top.choose(client)
        pilot.step()
        shot("todays-plan")
        card = app.stack.top
        _practice(store, client, assignment, TODAY, 15.0)
        card.on_result("finished")
        pilot.step()
        shot("todays-plan-done")
        app.stack.pop()  # to the exercises, then back to the client picker, which ends the sitting
        app.stack.pop()
        app.stack.push(ClientPageScene(client))
        pilot.step()
        app.stack.top.menu.focus = [b.label for b in app.stack.top.menu.buttons].index("Home assignments")
        pilot.step()
        shot("client-page")
        app.stack.push(AssignmentListScene(client))
        pilot.step()
        shot("assignments")
        app.stack.push(AssignmentScene(client, assignment.plan_name, store.get_assignment(assignment.id)))
        pilot.step()
        shot("assignment-form")
        app.stack.push(AssignmentScene(client, PLAN.name, None, PLAN))
        pilot.step()
        shot("assignment-new")
        app.quit()
