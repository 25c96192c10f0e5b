"""`check --live` finds a day's edition in the layout of that day (fetches answered from saved pages)."""

from __future__ import annotations

import urllib.error
from datetime import date, datetime, timezone

from newscrawl.check import live_check
from newscrawl.check.saved import PAGES_DIR
from newscrawl.modes.savedpages import load_manifest
from newscrawl.profiles import find_profile


def saved_fetch(slug: str):
    """Return a fetch that answers a profile's saved pages by URL and 404s the rest."""
    files = {entry["url"].split("?")[0]: PAGES_DIR / slug / entry["file"] for entry in load_manifest(PAGES_DIR / slug)}
    fetched = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        path = files.get(url.split("?")[0])
        if path is None:
            raise urllib.error.HTTPError(url, 404, "not saved", None, None)
        return path.read_bytes()
    return fetch, fetched


def test_live_check_reads_the_month_index_of_a_current_day():
    fetch, fetched = saved_fetch("jiangxiribao")
    report = live_check(find_profile("jiangxiribao"), fetch=fetch, limit=1, day=date(2023, 5, 23),
                        now=datetime(2023, 5, 24, tzinfo=timezone.utc))
    assert fetched[:2] == ["https://epaper.jxxw.com.cn/html/2023-05/navi.xml",
                           "https://epaper.jxxw.com.cn/html/2023-05/23/node_5451.htm"]
    assert report.ok, (report.entries, report.problems, [a.problems for a in report.articles])
    assert [a.fields.title for a in report.articles] == ["数字政府建设交出新答卷"]


def test_live_check_uses_the_old_front_page_for_an_old_day():
    fetch, fetched = saved_fetch("jiangxiribao")
    report = live_check(find_profile("jiangxiribao"), fetch=fetch, limit=1, day=date(2017, 10, 10),
                        now=datetime(2017, 10, 11, tzinfo=timezone.utc))
    assert fetched[0] == "http://epaper.jxnews.com.cn/jxrb/html/2017-10/10/node_187.htm"
    assert report.ok and report.articles[0].fields.title == "全省秋粮收购有序展开"
