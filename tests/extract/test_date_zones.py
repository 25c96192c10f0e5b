"""Time-zone words in written dates (issue 18, case 7): what an abbreviation means depends on the page.

``CST`` is China Standard Time on a Chinese page or a page of a Chinese
profile, and US Central Time on an English page; ``北京时间`` is +08:00
everywhere; ``GMT+8`` and ``UTC+08:00`` are +08:00 (not UTC, and not the
POSIX-inverted -08:00 dateutil reads).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.dates import extract_published
from tests.extract.fieldpages import inline_page

CHINA = ZoneInfo("Asia/Shanghai")
CHICAGO = ZoneInfo("America/Chicago")
PLUS8 = timezone(timedelta(hours=8))
US_CENTRAL = timezone(timedelta(hours=-6))
NOW = datetime(2024, 6, 1, 12, 0, tzinfo=CHINA)
TEN_IN_CHINA = datetime(2024, 5, 21, 10, 0, tzinfo=CHINA)


def chinese(header: str = "", head: str = "") -> str:
    return (f"<html><head>{head}</head><body><h1>西湖区加快培育数字经济生态圈</h1><div class='info'>{header}</div>"
            "<div class='content'><p>正文第一段，讲了一件事情。</p></div></body></html>")


def english(header: str = "", head: str = "") -> str:
    return (f"<html lang='en'><head>{head}</head><body><h1>City council approves the new budget</h1>"
            f"<div class='info'>{header}</div><div class='content'><p>The council voted on Tuesday.</p></div>"
            "</body></html>")


@pytest.mark.parametrize("written", [
    "Tue May 21 10:00:00 CST 2024",  # Java's Date.toString() on a server in China
    "Tue May 21 10:00:00 GMT+08:00 2024",
    "2024-05-21 10:00 CST",
    "2024-05-21 10:00:00 CCT",
    "2024-05-21 10:00 GMT+8",
    "2024-05-21 10:00:00 UTC+8",
    "2024-05-21 10:00 UTC+08:00",
    "2024-05-21 10:00 GMT+0800",
    "2024年05月21日 10:00（北京时间）",
    "2024年05月21日 10:00 北京時間",
    "Tue May 21 2024 10:00:00 GMT+0800 (中国标准时间)",  # JavaScript's Date.toString()
])
def test_a_chinese_page_header_reads_china_time(written):
    found = extract_published(inline_page(chinese(f"发布时间：{written}")), NOW)
    assert found == TEN_IN_CHINA and found.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize("value", [
    "Tue May 21 10:00:00 CST 2024", "Tue May 21 10:00:00 GMT+08:00 2024", "2024-05-21T10:00:00 UTC+8",
    "2024-05-21 10:00 CST", "Tue, 21 May 2024 10:00:00 CCT",
])
def test_a_chinese_page_meta_reads_china_time(value):
    page = inline_page(chinese(head=f'<meta name="pubdate" content="{value}">'))
    assert extract_published(page, NOW) == TEN_IN_CHINA


def test_the_issue_page_is_not_moved_to_the_next_day():
    html = chinese("Tue May 21 10:00:00 CST 2024").encode("utf-8")
    assert extract_article(html, "http://news.example.cn/a/1.html").published == TEN_IN_CHINA


@pytest.mark.parametrize("header, head", [
    ("Published: May 21, 2024 10:00 CST", ""),
    ("", '<meta property="article:published_time" content="Tue, 21 May 2024 10:00:00 CST">'),
])
def test_an_english_page_of_a_chinese_profile_reads_china_time(header, head):
    page = inline_page(english(header, head), language="en", timezone=CHINA)
    assert extract_published(page, NOW) == TEN_IN_CHINA


@pytest.mark.parametrize("written", ["May 21, 2024 10:00 CST", "Tue May 21 10:00:00 CST 2024"])
def test_an_english_page_keeps_us_central(written):
    found = extract_published(inline_page(english(f"Published {written}"), language="en"), NOW)
    assert found == datetime(2024, 5, 21, 10, 0, tzinfo=US_CENTRAL)


def test_a_us_profile_reads_its_own_abbreviations():
    page = inline_page(english(head='<meta property="article:published_time" content="May 21, 2024 10:00 CDT">'),
                       language="en", timezone=CHICAGO)
    assert extract_published(page, NOW) == datetime(2024, 5, 21, 10, 0, tzinfo=CHICAGO)


@pytest.mark.parametrize("written, offset", [
    ("2024-05-21 10:00 GMT+8", 8), ("2024-05-21 10:00 UTC-05:00", -5), ("2024-05-21 10:00 Beijing time", 8),
])
def test_offsets_after_gmt_and_utc_are_read_on_any_page(written, offset):
    found = extract_published(inline_page(english(f"Posted {written}"), language="en"), NOW)
    assert found == datetime(2024, 5, 21, 10, 0, tzinfo=timezone(timedelta(hours=offset)))
