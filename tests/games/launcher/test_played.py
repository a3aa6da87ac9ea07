"""What the tiles say of a client's play: last played in words, level, and what is suggested today."""

from datetime import date, datetime, timedelta, timezone

import pytest

from games.launcher.played import History, histories, latest_plan, level_words, played_words, suggested_today
from games.registry import EXERCISES, get_exercise
from scores.clinic.plans import Plan, PlanItem

TODAY = date(2026, 3, 18)


def at(day: date, hour: int = 12) -> datetime:
    """Noon on ``day`` on this PC's calendar (the tiles speak in local days)."""
    return datetime(day.year, day.month, day.day, hour).astimezone(timezone.utc)


@pytest.mark.parametrize("played, words", [
    (None, "Not played yet"), (TODAY, "Played today"), (date(2026, 3, 17), "Played yesterday"),
    (date(2026, 3, 15), "Played 3 days ago"), (date(2026, 3, 5), "Played 13 days ago"),
    (date(2026, 3, 4), "Played 2 weeks ago"), (date(2026, 1, 18), "Played 8 weeks ago"),
    (date(2025, 12, 18), "Played 3 months ago"),
])
def test_last_played_in_words_on_fixed_dates(played, words):
    assert played_words(played, TODAY) == words


def test_histories_from_the_store(store, record_run):
    client = store.add_client("C-0001")
    record_run(store, client, "digit_span", at(date(2026, 3, 10)), end_level=4, duration_s=150.0)
    record_run(store, client, "digit_span", at(date(2026, 3, 15)), end_level=6, duration_s=170.0, completed=False)
    record_run(store, client, "digit_span", at(date(2026, 3, 16)), end_level=1, practice=True)
    record_run(store, client, "n_back", at(date(2026, 3, 17)), simulated=True)  # not the client's own play
    played = histories(store.played_runs(client))
    assert set(played) == {"digit_span"}
    digit_span = played["digit_span"]
    assert digit_span.last_played == date(2026, 3, 16)  # practice is playing too
    assert digit_span.level == 6  # the latest scored run, stopped early or not; practice has no level
    assert digit_span.durations_s == [150.0]  # only completed scored runs say how long a run takes
    assert level_words(get_exercise("digit_span"), digit_span) == "Level 6 of 9"
    assert level_words(get_exercise("n_back"), played.get("n_back")) == "Starts easy"


def test_suggested_today_is_the_least_recently_played_in_each_domain():
    def last(days_ago):
        return History(last_played=TODAY - timedelta(days=days_ago))

    played = {e.id: last(1) for e in EXERCISES}
    played.update(digit_span=last(9), card_pairs=last(4), stroop=last(30), rule_switch=last(2))
    picks = suggested_today(EXERCISES, played, None, TODAY)
    assert [e.id for e in picks] == ["digit_span", "stroop", "rule_switch"]
    del played["flanker"]  # never played comes before any date
    assert [e.id for e in suggested_today(EXERCISES, played, None, TODAY)] == ["digit_span", "flanker", "rule_switch"]
    assert [e.id for e in suggested_today(EXERCISES, {}, None, TODAY)] == [
        "sequence_recall", "go_no_go", "tower_of_london"]  # nothing played: each domain's first


def test_suggested_today_follows_the_clients_plan(store, record_run):
    plan = Plan("Mornings", (PlanItem("mood"), PlanItem("exercise", "flanker", 4.0),
                             PlanItem("breathing", minutes=2.0), PlanItem("exercise", "card_pairs", 5.0),
                             PlanItem("exercise", "flanker", 3.0), PlanItem("exercise", "tower_of_london", 4.0)))
    client = store.add_client("C-0001")
    assert latest_plan(store, client, [plan]) is None  # free play only so far: no plan to follow
    store.start_session(client, at(date(2026, 3, 10)), kind="clinic", plan_name="Mornings")
    store.start_session(client, at(date(2026, 3, 12)), kind="clinic", plan_name="Gone since")
    assert latest_plan(store, client, [plan]) is None  # the latest plan was deleted
    store.start_session(client, at(date(2026, 3, 14)), kind="clinic", plan_name="Mornings")
    store.start_session(client, at(date(2026, 3, 16)))  # free play after it changes nothing
    assert latest_plan(store, client, [plan]) is plan
    played = {"flanker": History(last_played=TODAY)}
    assert [e.id for e in suggested_today(EXERCISES, played, plan, TODAY)] == [
        "card_pairs", "tower_of_london", "flanker"]  # those not played today come first
    only_breaks = Plan("Calm", (PlanItem("breathing", minutes=2.0),))
    assert [e.id for e in suggested_today(EXERCISES, played, only_breaks, TODAY)] == [
        "sequence_recall", "go_no_go", "tower_of_london"]  # a plan without exercises suggests none
