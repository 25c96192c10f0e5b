"""Timestamps from feeds, sitemaps and APIs become aware datetimes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from newscrawl.modes.timeparse import parse_moment

SHANGHAI = ZoneInfo("Asia/Shanghai")
CST = timezone(timedelta(hours=8))


@pytest.mark.parametrize("value, expected", [
    ("Fri, 19 May 2023 08:30:00 +0800", datetime(2023, 5, 19, 8, 30, tzinfo=CST)),
    ("Fri, 19 May 2023 00:30:00 GMT", datetime(2023, 5, 19, 0, 30, tzinfo=timezone.utc)),
    ("2023-05-19T08:30:00+08:00", datetime(2023, 5, 19, 8, 30, tzinfo=CST)),
    ("2023-05-19T00:30:00Z", datetime(2023, 5, 19, 0, 30, tzinfo=timezone.utc)),
    ("2023-05-19 09:04:04", datetime(2023, 5, 19, 9, 4, 4, tzinfo=SHANGHAI)),
    ("2023-05-19", datetime(2023, 5, 19, tzinfo=SHANGHAI)),
    ("2023年5月19日 10:00", datetime(2023, 5, 19, 10, 0, tzinfo=SHANGHAI)),
    (1684456200, datetime(2023, 5, 19, 8, 30, tzinfo=CST)),
    ("1684456200000", datetime(2023, 5, 19, 8, 30, tzinfo=CST)),
])
def test_parse_moment_reads_the_usual_formats(value, expected):
    moment = parse_moment(value, SHANGHAI)
    assert moment == expected
    assert moment.tzinfo is not None


@pytest.mark.parametrize("value", [None, "", "   ", "not a date", True, "Fri, 99 Foo 2023"])
def test_parse_moment_returns_none_for_non_dates(value):
    assert parse_moment(value, SHANGHAI) is None


def test_parse_moment_defaults_to_utc():
    assert parse_moment("2023-05-19 09:00") == datetime(2023, 5, 19, 9, tzinfo=timezone.utc)


@pytest.mark.parametrize("value", [
    "Tue, 21 May 2024 10:00:00 CST",  # an RSS pubDate of a Chinese site
    "Tue May 21 10:00:00 CST 2024",  # Java's Date.toString()
    "2024-05-21 10:00:00 GMT+8",
    "2024-05-21T10:00:00 UTC+08:00",
    "Tue May 21 2024 10:00:00 GMT+0800 (China Standard Time)",
    "2024-05-21 10:00 北京时间",
])
def test_zone_words_of_a_chinese_site_read_china_time(value):
    assert parse_moment(value, SHANGHAI) == datetime(2024, 5, 21, 10, 0, tzinfo=CST)


def test_cst_stays_us_central_for_a_site_elsewhere():
    central = timezone(timedelta(hours=-6))
    assert parse_moment("Tue, 21 May 2024 10:00:00 CST", ZoneInfo("America/Chicago")) == \
        datetime(2024, 5, 21, 10, 0, tzinfo=central)
    assert parse_moment("Tue, 21 May 2024 10:00:00 CST") == datetime(2024, 5, 21, 10, 0, tzinfo=central)
