"""The day window a run selects, in the site's time zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from newscrawl.modes.base import CrawlOptions
from newscrawl.modes.window import DayWindow, closed_days, select_window, today_in

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_contains_sees_moments_in_the_site_zone():
    window = DayWindow(date(2023, 5, 19), date(2023, 5, 19))
    # 17:00 UTC on the 18th is 01:00 on the 19th in Shanghai
    assert window.contains(datetime(2023, 5, 18, 17, 0, tzinfo=timezone.utc), SHANGHAI)
    assert not window.contains(datetime(2023, 5, 18, 15, 0, tzinfo=timezone.utc), SHANGHAI)
    assert window.contains(date(2023, 5, 19), SHANGHAI)
    assert window.contains(None, SHANGHAI)


def test_open_window_contains_everything_and_has_no_days():
    window = DayWindow(None, None)
    assert window.contains(date(1999, 1, 1), SHANGHAI)
    assert window.days() == []


def test_select_window_from_options():
    assert select_window(CrawlOptions(date=date(2023, 5, 19)), SHANGHAI, 3) == \
        DayWindow(date(2023, 5, 19), date(2023, 5, 19))
    assert select_window(CrawlOptions(since=date(2023, 5, 1)), SHANGHAI, 3) == DayWindow(date(2023, 5, 1), None)
    assert select_window(CrawlOptions(), SHANGHAI, None) == DayWindow(None, None)
    today = today_in(SHANGHAI)
    assert select_window(CrawlOptions(), SHANGHAI, 2) == DayWindow(today - timedelta(days=1), today)


def test_closed_days_closes_open_ends():
    assert closed_days(DayWindow(date(2023, 5, 18), date(2023, 5, 20)), SHANGHAI, 1) == [
        date(2023, 5, 18), date(2023, 5, 19), date(2023, 5, 20)]
    assert closed_days(DayWindow(None, date(2023, 5, 20)), SHANGHAI, 2) == [date(2023, 5, 19), date(2023, 5, 20)]
    assert closed_days(DayWindow(today_in(SHANGHAI), None), SHANGHAI, 5) == [today_in(SHANGHAI)]
