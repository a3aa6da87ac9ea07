"""The plan list, a plan's page, the import screen and the plan editor, driven through the real scene stack."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pygame
import pytest

from games.app import App
from games.core.engine.clock import FakeClock
from games.core.ui.scene import Scene
from games.core.ui.theme import Theme
from games.launcher.confirm import ConfirmScene
from games.launcher.plan_editor import PlanEditorScene
from games.launcher.plan_import import ImportPlanScene
from games.launcher.plan_items import ExerciseChoiceScene, step_breath, step_level, step_minutes
from games.launcher.plan_parts import EXPORT_SUFFIX, describe_item, export_plan, free_name, outline
from games.launcher.plans import PlanListScene, PlanPageScene
from games.pilot import Pilot
from games.registry import level_ranges
from scores.clinic.plans import Plan, PlanItem, plan_from_json, read_plan_file, ready_plans
from scores.store.store import Store

CTRL = pygame.KMOD_CTRL
SHIFT = pygame.KMOD_SHIFT
TUESDAY = Plan("Tuesday", (
    PlanItem("mood"),
    PlanItem("exercise", exercise="flanker", minutes=4.0, level=3),
    PlanItem("breathing", minutes=2.0),
    PlanItem("exercise", exercise="digit_span", minutes=5.0),
))


class Base(Scene):
    """Stands under the screens being tested and keeps what they pop with."""

    def __init__(self) -> None:
        self.results: list = []

    def on_result(self, result) -> None:
        self.results.append(result)


@pytest.fixture
def pilot(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # the import screen looks in ~/Downloads
    store = Store.open(tmp_path / "data")
    app = App(store, clock=FakeClock(1000.0))
    app.stack.push(Base())
    pilot = Pilot(app)
    yield pilot
    if pygame.display.get_init():
        app.quit()
    store.close()


def open_list(pilot: Pilot, choose: bool = False) -> PlanListScene:
    pilot.app.stack.push(PlanListScene(choose=choose))
    pilot.step()
    return top(pilot)


def top(pilot: Pilot):
    return pilot.app.stack.top


def saved(pilot: Pilot) -> list[Plan]:
    return pilot.app.store.saved_plans(level_ranges())


def labelled(buttons, label: str):
    return next(b for b in buttons if b.label == label)


def click(pilot: Pilot, button) -> None:
    assert button.rect.width > 0, f"{button.label!r} is not on screen"
    pilot.click(button.rect.center)


def ctrl_s(pilot: Pilot) -> None:
    pilot.press(pygame.K_s, CTRL)


def press(pilot: Pilot, key: int, times: int = 1, mod: int = 0) -> None:
    for _ in range(times):
        pilot.press(key, mod)


# --- building plans -----------------------------------------------------------------------------

def test_build_a_plan_by_keyboard_alone(pilot):
    open_list(pilot)
    pilot.press(pygame.K_RETURN)  # "New plan" has the focus
    editor = top(pilot)
    assert isinstance(editor, PlanEditorScene) and editor.name_field.text == "New plan"
    press(pilot, pygame.K_BACKSPACE, len("New plan"))
    pilot.type("Morning group")
    pilot.press(pygame.K_TAB)  # to the list, on "Add an exercise"
    pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), ExerciseChoiceScene)
    press(pilot, pygame.K_TAB, 5)  # past the five memory exercises' tiles to Go/No-Go
    pilot.press(pygame.K_RETURN)
    assert top(pilot) is editor
    press(pilot, pygame.K_PLUS, 2)
    press(pilot, pygame.K_RIGHTBRACKET, 3)
    pilot.press(pygame.K_LEFTBRACKET)
    press(pilot, pygame.K_DOWN, 2)  # to "Add a breathing break"
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_MINUS)
    press(pilot, pygame.K_TAB, 4)  # minutes − and +, then breathe in − and +
    pilot.press(pygame.K_RETURN)
    press(pilot, pygame.K_TAB, 4, SHIFT)  # back to the list
    pilot.press(pygame.K_END)  # "Add a mood check"
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_UP, SHIFT)  # the mood check moves up one place
    ctrl_s(pilot)
    assert isinstance(top(pilot), PlanListScene)
    assert top(pilot).status == "Saved the plan 'Morning group'."
    assert saved(pilot) == [Plan("Morning group", (
        PlanItem("exercise", exercise="go_no_go", minutes=6.0, level=2),
        PlanItem("mood"),
        PlanItem("breathing", minutes=1.0, inhale_s=5.0, exhale_s=6.0),
    ))]


def test_build_a_plan_by_mouse_alone(pilot):
    scene = open_list(pilot)
    click(pilot, labelled(scene.menu.buttons, "New plan"))
    editor = top(pilot)
    click(pilot, labelled(editor.list.buttons, "Add a breathing break"))
    click(pilot, labelled(editor.list.buttons, "Add an exercise"))
    click(pilot, labelled(top(pilot).menu.buttons, "Digit Span"))
    assert top(pilot) is editor and editor.selected == 1
    click(pilot, editor.steppers["minutes"][1])
    click(pilot, editor.steppers["level"][1])  # adapts -> 2, the lowest level of Digit Span
    click(pilot, editor.steppers["level"][1])
    click(pilot, editor.list.buttons[0])  # select the break
    click(pilot, editor.steppers["move"][1])  # and move it down
    click(pilot, editor.steppers["exhale"][0])
    click(pilot, labelled(editor.list.buttons, "Add a mood check"))
    click(pilot, editor.remove_button)
    assert len(editor.items) == 2
    click(pilot, labelled(editor.list.buttons, "Add a mood check"))
    click(pilot, editor.steppers["move"][0])
    click(pilot, editor.save_button)
    assert isinstance(top(pilot), PlanListScene)
    assert saved(pilot) == [Plan("New plan", (
        PlanItem("exercise", exercise="digit_span", minutes=5.0, level=3),
        PlanItem("mood"),
        PlanItem("breathing", minutes=2.0, inhale_s=4.0, exhale_s=5.0),
    ))]


def test_edit_minutes_level_order_and_name_of_a_saved_plan(pilot):
    pilot.app.store.save_plan(TUESDAY)
    open_list(pilot)
    pilot.press(pygame.K_END)  # the saved plan is last
    pilot.press(pygame.K_RETURN)
    page = top(pilot)
    assert isinstance(page, PlanPageScene) and [b.label for b in page.actions.buttons][0] == "Edit"
    pilot.press(pygame.K_RETURN)
    editor = top(pilot)
    assert editor.replacing == "Tuesday" and editor.focused == "list"
    pilot.press(pygame.K_DOWN)  # the Flanker item, fixed at level 3
    press(pilot, pygame.K_LEFTBRACKET, 4)  # 2, 1, then adapts, and no further
    press(pilot, pygame.K_MINUS, 5)  # 4 minutes down to the editor's lowest, 1
    pilot.press(pygame.K_DOWN, SHIFT)
    pilot.press(pygame.K_DOWN, SHIFT)
    pilot.press(pygame.K_DOWN, SHIFT)  # already last: stays
    pilot.press(pygame.K_TAB, SHIFT)  # to the name
    pilot.type(" group")
    ctrl_s(pilot)
    assert top(pilot) is page and page.status == "Saved." and page.plan.name == "Tuesday group"
    assert saved(pilot) == [Plan("Tuesday group", (
        PlanItem("mood"),
        PlanItem("breathing", minutes=2.0),
        PlanItem("exercise", exercise="digit_span", minutes=5.0),
        PlanItem("exercise", exercise="flanker", minutes=1.0),
    ))]


def test_delete_removes_items_and_the_editor_refuses_an_empty_or_nameless_plan(pilot):
    open_list(pilot)
    pilot.press(pygame.K_RETURN)
    editor = top(pilot)
    ctrl_s(pilot)
    assert top(pilot) is editor and editor.error == "The plan has no items; it needs a list of at least one."
    pilot.press(pygame.K_TAB)
    press(pilot, pygame.K_DOWN, 2)
    pilot.press(pygame.K_RETURN)  # a mood check
    pilot.press(pygame.K_DELETE)
    assert editor.items == []
    pilot.press(pygame.K_END)
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_TAB, SHIFT)
    press(pilot, pygame.K_BACKSPACE, 20)
    ctrl_s(pilot)
    assert top(pilot) is editor and editor.error == "A plan needs a name."
    assert saved(pilot) == []


def test_a_ready_plans_name_or_a_saved_plans_name_is_refused(pilot):
    pilot.app.store.save_plan(TUESDAY)
    open_list(pilot)
    pilot.press(pygame.K_RETURN)
    editor = top(pilot)
    press(pilot, pygame.K_BACKSPACE, 20)
    pilot.type("focus 10 MINUTES")
    pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_END)
    pilot.press(pygame.K_RETURN)
    ctrl_s(pilot)
    assert editor.error == "'focus 10 MINUTES' is the name of a ready plan; choose another name."
    pilot.press(pygame.K_TAB, SHIFT)
    press(pilot, pygame.K_BACKSPACE, 20)
    pilot.type("Tuesday")
    ctrl_s(pilot)
    assert editor.error == "A plan called 'Tuesday' already exists; choose another name."
    assert top(pilot) is editor and saved(pilot) == [TUESDAY]


def test_a_ready_plan_is_viewed_and_copied_never_changed(pilot):
    open_list(pilot)
    press(pilot, pygame.K_DOWN, 2)  # past "New plan" and "Import a plan file" to the first ready plan
    pilot.press(pygame.K_RETURN)
    page = top(pilot)
    assert page.plan.ready and page.subtitle().startswith("Ready plan · ")
    assert [b.label for b in page.actions.buttons] == ["Copy to edit"]
    pilot.press(pygame.K_RETURN)
    editor = top(pilot)
    assert editor.replacing is None and editor.name_field.text == "Focus 10 minutes (copy)"
    pilot.press(pygame.K_PLUS)  # the first item is a mood check: no minutes to change
    pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_PLUS)
    ctrl_s(pilot)
    assert top(pilot) is page and not page.plan.ready
    assert [b.label for b in page.actions.buttons] == ["Edit", "Copy", "Export to a file", "Delete"]
    [copy] = saved(pilot)
    original = next(p for p in ready_plans(level_ranges()) if p.name == "Focus 10 minutes")
    assert copy.name == "Focus 10 minutes (copy)" and copy.total_minutes == original.total_minutes + 1
    assert copy.items[2:] == original.items[2:] and original.total_minutes == 10


def test_leaving_with_unsaved_changes_asks_first(pilot):
    open_list(pilot)
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_ESCAPE)  # nothing changed yet: leaves at once
    assert isinstance(top(pilot), PlanListScene)
    pilot.press(pygame.K_RETURN)
    editor = top(pilot)
    pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_END)
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_ESCAPE)
    assert isinstance(top(pilot), ConfirmScene) and top(pilot).question == "Leave without saving?"
    pilot.press(pygame.K_RETURN)  # "Keep editing" has the focus
    assert top(pilot) is editor and len(editor.items) == 1
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_RETURN)  # "Leave"
    assert isinstance(top(pilot), PlanListScene) and saved(pilot) == []


# --- the plan's page: delete and export ------------------------------------------------------------

def open_saved_page(pilot: Pilot, name: str) -> PlanPageScene:
    scene = open_list(pilot)
    index = next(i for i, p in scene.plan_at.items() if p.name == name)
    scene.menu.focus = index
    pilot.press(pygame.K_RETURN)
    return top(pilot)


def test_delete_asks_first_and_no_keeps_the_plan(pilot):
    pilot.app.store.save_plan(TUESDAY)
    page = open_saved_page(pilot, "Tuesday")
    press(pilot, pygame.K_RIGHT, 3)
    pilot.press(pygame.K_RETURN)
    assert isinstance(top(pilot), ConfirmScene)
    pilot.press(pygame.K_RETURN)  # "No"
    assert top(pilot) is page and saved(pilot) == [TUESDAY]
    click(pilot, labelled(page.actions.buttons, "Delete"))
    click(pilot, top(pilot).buttons.buttons[1])  # "Delete"
    assert isinstance(top(pilot), PlanListScene) and saved(pilot) == []
    assert all(not plan.name == "Tuesday" for plan in top(pilot).plan_at.values())


def test_export_writes_a_file_that_imports_back_equal(pilot, tmp_path):
    odd = Plan('Tues/Thurs: "group"?', TUESDAY.items, "With a description.")
    pilot.app.store.save_plan(odd)
    page = open_saved_page(pilot, odd.name)
    press(pilot, pygame.K_RIGHT, 2)
    pilot.press(pygame.K_RETURN)  # "Export to a file"
    assert page.status.startswith("Exported to ")
    path = Path(page.status.removeprefix("Exported to "))
    assert path.parent == tmp_path / "data" / "exports" and path.name.endswith(EXPORT_SUFFIX)
    assert path.is_file() and read_plan_file(path, level_ranges()) == odd
    click(pilot, labelled(page.actions.buttons, "Delete"))
    pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_RETURN)
    assert saved(pilot) == []
    scene = top(pilot)
    click(pilot, labelled(scene.menu.buttons, "Import a plan file"))
    importer = top(pilot)
    assert [b.label for b in importer.found] == [path.name]  # found in the exports folder
    click(pilot, importer.found[0])
    assert top(pilot) is scene and scene.status == f"Imported the plan '{odd.name}'."
    assert saved(pilot) == [odd]


# --- importing ---------------------------------------------------------------------------------------

def good_plan_dict() -> dict:
    return json.loads(TUESDAY.to_json())


def import_typed(pilot: Pilot, path: Path | str) -> ImportPlanScene:
    scene = top(pilot)
    if not isinstance(scene, ImportPlanScene):
        pilot.press(pygame.K_HOME)
        pilot.press(pygame.K_DOWN)
        pilot.press(pygame.K_RETURN)
        scene = top(pilot)
    scene.field.text = ""
    if str(path):
        pilot.type(str(path))
    pilot.press(pygame.K_RETURN)
    return scene


def test_import_a_good_file_by_keyboard(pilot, tmp_path):
    path = tmp_path / "sent.cogsuite-plan.json"
    path.write_text(TUESDAY.to_json(), encoding="utf-8")
    scene = open_list(pilot)
    import_typed(pilot, path)
    assert top(pilot) is scene and scene.status == "Imported the plan 'Tuesday'."
    assert saved(pilot) == [TUESDAY]
    import_typed(pilot, path)  # the same file again: kept under a free name, never over the first
    assert [p.name for p in saved(pilot)] == ["Tuesday", "Tuesday (2)"]


@pytest.mark.parametrize("content, message", [
    ("{not json",
     "This is not a cogsuite plan (not JSON: Expecting property name enclosed in double quotes at line 1)."),
    (json.dumps({**good_plan_dict(), "items": [{"kind": "exercise", "exercise": "chess", "minutes": 4}]}),
     "Item 1: there is no exercise 'chess' (see `cogsuite exercises`)."),
    (json.dumps({**good_plan_dict(), "items": [{"kind": "mood"}, {"kind": "breathing", "minutes": -2}]}),
     "Item 2: 'minutes' must be from 0.5 to 120, not -2."),
])
def test_a_bad_file_shows_the_reason_and_changes_nothing(pilot, tmp_path, content, message):
    pilot.app.store.save_plan(TUESDAY)
    path = tmp_path / "bad.cogsuite-plan.json"
    path.write_text(content, encoding="utf-8")
    open_list(pilot)
    scene = import_typed(pilot, path)
    assert top(pilot) is scene and scene.error == f"{path}: {message}"
    assert saved(pilot) == [TUESDAY]
    pilot.press(pygame.K_ESCAPE)
    assert isinstance(top(pilot), PlanListScene) and saved(pilot) == [TUESDAY]


def test_import_with_no_path_or_a_missing_file_says_so(pilot, tmp_path):
    open_list(pilot)
    scene = import_typed(pilot, "")
    assert scene.error == "Type the path of a plan file first."
    import_typed(pilot, tmp_path / "nowhere.json")
    assert scene.error.startswith("Cannot read the plan file ") and saved(pilot) == []


# --- choosing a plan for a session --------------------------------------------------------------

def test_choose_pops_with_the_plan_and_escape_with_none(pilot):
    pilot.app.store.save_plan(TUESDAY)
    base = pilot.app.stack.top
    scene = open_list(pilot, choose=True)
    assert scene.title == "Choose a plan" and scene.plan_at[0].name == "Focus 10 minutes"
    pilot.press(pygame.K_RETURN)
    assert top(pilot) is base and base.results[-1].name == "Focus 10 minutes" and base.results[-1].ready
    scene = open_list(pilot, choose=True)
    click(pilot, scene.menu.buttons[next(i for i, p in scene.plan_at.items() if p.name == "Tuesday")])
    assert base.results[-1] == TUESDAY
    open_list(pilot, choose=True)
    pilot.press(pygame.K_ESCAPE)
    assert top(pilot) is base and base.results[-1] is None


# --- robustness and layout ------------------------------------------------------------------------

def plan_rows(store: Store) -> list[str]:
    with sqlite3.connect(store.path) as conn:
        return [row[0] for row in conn.execute("SELECT plan_json FROM plans")]


def test_a_thousand_random_keys_and_clicks_leave_every_saved_plan_valid(pilot, tmp_path):
    store = pilot.app.store
    store.save_plan(TUESDAY)
    good = tmp_path / "home" / "Downloads" / "sent.cogsuite-plan.json"
    good.parent.mkdir(parents=True)
    good.write_text(TUESDAY.to_json(), encoding="utf-8")
    rng = random.Random(7)
    keys = [pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN, pygame.K_TAB, pygame.K_BACKSPACE,
            pygame.K_SPACE, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_PLUS, pygame.K_MINUS, pygame.K_LEFTBRACKET,
            pygame.K_RIGHTBRACKET, pygame.K_DELETE, pygame.K_HOME, pygame.K_END]
    width, height = pilot.app.screen.get_size()
    base = pilot.app.stack.top
    for _ in range(1000):
        if pilot.app.stack.top is base:
            open_list(pilot, choose=rng.random() < 0.2)
        roll = rng.random()
        if roll < 0.6:
            pilot.press(rng.choice(keys), rng.choice([0, 0, 0, SHIFT]))
        elif roll < 0.65:
            ctrl_s(pilot)
        elif roll < 0.7:
            pilot.type(rng.choice(["a", "Ω", " ", "/", "🙂", "x" * 30]))
        elif roll < 0.95:
            pilot.click((rng.randrange(width), rng.randrange(height)))
        else:
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-2, 1]), flipped=False))
            pilot.step()
    assert pilot.app.running
    rows = plan_rows(store)
    plans = [plan_from_json(row, level_ranges()) for row in rows]  # every saved plan still parses
    assert len({p.name for p in plans}) == len(plans) == len(saved(pilot))
    assert all(p.name.casefold() not in {r.name.casefold() for r in ready_plans(level_ranges())} for p in plans)


@pytest.mark.parametrize("scale, size", [(1.0, (1100, 760)), (1.5, (1100, 760)), (2.0, (1100, 760)),
                                         (1.0, (1900, 1000)), (1.0, (640, 480))])
def test_editor_controls_never_overlap_or_leave_the_screen(tmp_path, scale, size):
    with Store.open(tmp_path / "data") as store:
        app = App(store, theme=Theme.create(scale), clock=FakeClock(0.0), size=size)
        app.stack.push(Base())
        long_plan = Plan("A plan with a rather long name to see how the field copes with it", (
            *TUESDAY.items, PlanItem("exercise", exercise="stroop_counting", minutes=60.0, level=10),
            PlanItem("breathing", minutes=1.0, inhale_s=12.0, exhale_s=12.0)))
        editor = PlanEditorScene(long_plan, None)
        app.stack.push(editor)
        screen = app.screen.get_rect()
        for index in range(len(long_plan.items)):
            editor.list.focus = index
            editor._select(index)
            for target in ["list", *editor._targets()[2:]]:
                editor.focused = target
                app.draw_frame()
                shown = [b for b in editor._targets()[2:] if b.rect.width]
                shown += [b for b in editor.list.buttons if editor.list.viewport.contains(b.rect)]
                assert all(screen.contains(b.rect) for b in shown)
                for i, a in enumerate(shown):
                    assert not any(a.rect.colliderect(b.rect) for b in shown[i + 1:]), (a.label, index, target)
                assert target == "list" or target.rect.width, f"{target.label} scrolled out of view"
        app.quit()


# --- the pieces -------------------------------------------------------------------------------------

def test_steps_stay_in_their_ranges():
    item = PlanItem("exercise", exercise="flanker", minutes=4.0)
    assert step_minutes(item, 1).minutes == 5.0 and step_minutes(item, -1).minutes == 3.0
    assert step_minutes(PlanItem("breathing", minutes=60.0), 1).minutes == 60.0
    assert step_minutes(PlanItem("breathing", minutes=1.0), -1).minutes == 1.0
    assert step_minutes(PlanItem("breathing", minutes=0.5), 1).minutes == 1.0  # from a file: up to whole
    assert step_minutes(PlanItem("breathing", minutes=90.0), 1).minutes == 90.0  # never lowered by a "+"
    assert step_minutes(PlanItem("breathing", minutes=90.0), -1).minutes == 89.0
    assert step_minutes(PlanItem("mood"), 1) == PlanItem("mood")
    ranges = {"flanker": (1, 8)}
    levels = [None]
    for _ in range(10):
        levels.append(step_level(replace_level(item, levels[-1]), 1, ranges).level)
    assert levels == [None, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8]
    assert step_level(replace_level(item, 1), -1, ranges).level is None
    assert step_level(replace_level(item, None), -1, ranges).level is None
    breath = PlanItem("breathing", minutes=2.0)
    assert step_breath(breath, "inhale_s", 1).inhale_s == 5.0
    assert step_breath(PlanItem("breathing", minutes=2.0, exhale_s=12.0), "exhale_s", 1).exhale_s == 12.0
    assert step_breath(PlanItem("breathing", minutes=2.0, inhale_s=2.0), "inhale_s", -1).inhale_s == 2.0


def replace_level(item: PlanItem, level: int | None) -> PlanItem:
    from dataclasses import replace

    return replace(item, level=level)


def test_outline_description_names_and_file_names(tmp_path):
    assert outline(TUESDAY) == "2 exercises, 1 break, 1 mood check · 11\u00a0min"
    assert outline(Plan("x", (PlanItem("mood"),))) == "1 mood check · 0\u00a0min"
    assert describe_item(TUESDAY.items[1]) == ("Flanker", "4\u00a0min · fixed level 3")
    assert describe_item(TUESDAY.items[2]) == ("Breathing break", "2\u00a0min · in 4\u00a0s, out 6\u00a0s")
    assert free_name("Plan", set()) == "Plan"
    assert free_name("Plan", {"plan", "plan (2)"}) == "Plan (3)"
    long = free_name("x" * 80, {"x" * 80})
    assert len(long) == 80 and long.endswith(" (2)")
    path = export_plan(Plan('a/b:c*"d"?', TUESDAY.items), tmp_path)
    assert path == tmp_path / "exports" / f"a-b-c-d{EXPORT_SUFFIX}"
    assert export_plan(Plan("...", TUESDAY.items), tmp_path).name == f"plan{EXPORT_SUFFIX}"
