"""Axis ticks shared by the progress screen and the report."""

from datetime import date

from scores.axes import date_ticks, long_day, short_day


def width(text: str) -> float:
    return 7.0 * len(text)


def test_weekly_ticks_fall_on_mondays_and_long_spans_on_months_or_years():
    weekly = date_ticks(date(2026, 1, 5), date(2026, 3, 16), 640, width, 10)
    assert len(weekly) >= 4 and all(t.day.weekday() == 0 for t in weekly)
    assert weekly[0].label == short_day(weekly[0].day)
    yearly = date_ticks(date(2021, 3, 1), date(2026, 2, 1), 640, width, 10)
    assert all(t.day.day == 1 for t in yearly) and len(yearly) >= 2
    assert all(b.left_px - a.right_px >= 10 for a, b in zip(yearly, yearly[1:]))
    assert long_day(date(2026, 3, 9)) == "9 Mar 2026"
