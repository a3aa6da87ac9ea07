"""Axis ticks shared by the progress screen and the report."""

import random
from datetime import date, timedelta

from scores.report.axes import date_ticks, long_day, short_day


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


def _every_spacing_date_ticks(start, end, width_px, text_width, min_gap_px=8):
    """The first ``date_ticks``: every candidate spacing measured whole, overlaps checked after."""
    from scores.report.axes import DAY_STEPS, MONTH_STEPS, DateTick, _month_label, short_day

    def days_at(step, in_months):
        if not in_months:
            day = start
            if step >= 7:
                day += timedelta(days=(7 - day.weekday()) % 7)
            elif step > 1:
                day += timedelta(days=(-day.toordinal()) % step)
            return [day + timedelta(days=i) for i in range(0, (end - day).days + 1, step)]
        days, index = [], start.year * 12 + start.month - 1
        index += (-index) % step
        while date(index // 12, index % 12 + 1, 1) <= end:
            if date(index // 12, index % 12 + 1, 1) >= start:
                days.append(date(index // 12, index % 12 + 1, 1))
            index += step
        return days

    best = []
    for step, in_months in [(s, False) for s in DAY_STEPS] + [(s, True) for s in MONTH_STEPS]:
        span_days, ticks = max(1, (end - start).days), []
        for day in days_at(step, in_months):
            label = _month_label(day, step, not ticks) if in_months else short_day(day)
            x = (day - start).days / span_days * width_px
            half = text_width(label) / 2
            if x - half >= 0 and x + half <= width_px:
                ticks.append(DateTick(day, x, label, x - half, x + half))
        if any(b.left_px - a.right_px < min_gap_px for a, b in zip(ticks, ticks[1:])):
            continue
        if len(ticks) >= 2:
            return ticks
        best = best or ticks
    return best


def test_giving_up_a_spacing_at_its_first_overlap_picks_the_same_ticks():
    rng = random.Random(17)
    widths = (lambda s: 7.2 * len(s), lambda s: 6 * len(s) + 4, lambda s: 9.5 * len(s), lambda s: 40)
    for _ in range(600):
        start = date(2018, 1, 1) + timedelta(days=rng.randrange(2000))
        end = start + timedelta(days=rng.choice((0, 1, 3, 9, 30, 75, 200, 400, 900, 1826, 3000)) + rng.randrange(5))
        width, text_width, gap = rng.uniform(20, 1400), rng.choice(widths), rng.choice((0, 8, 10, 16))
        assert date_ticks(start, end, width, text_width, gap) == _every_spacing_date_ticks(
            start, end, width, text_width, gap), (start, end, width, gap)
