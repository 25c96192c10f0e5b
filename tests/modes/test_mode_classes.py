"""Mode classes route responses to requests and hints; a stub spider stands in for NewsSpider."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import scrapy
import yaml
from scrapy.http import HtmlResponse, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.modes.api import ApiMode
from newscrawl.modes.base import CrawlOptions
from newscrawl.modes.epaper import EpaperMode
from newscrawl.modes.feed import FeedMode
from newscrawl.modes.sitemap import SitemapMode
from newscrawl.modes.urls import UrlsMode
from newscrawl.profiles.loader import parse_profile
from tests.modes.conftest import EXAMPLE_BASE, LOCAL_PROFILES, site_bytes

CST = timezone(timedelta(hours=8))
E = EXAMPLE_BASE


class StubSpider:
    """Record what a mode asks the spider for, and answer with plain requests."""

    def __init__(self):
        self.crawler = SimpleNamespace(stats=SimpleNamespace(inc_value=self._inc))
        self.stats: Counter = Counter()
        self.failures: list[dict] = []
        self.articles: list[tuple[str, str | None, dict]] = []

    def _inc(self, key, count=1):
        self.stats[key] += count

    def listing_request(self, url, callback, *, profile, section=None, **meta):
        return scrapy.Request(url, callback=callback, meta={"profile": profile, "section": section, **meta})

    def record_failure(self, url, reason):
        self.stats["newscrawl/failed"] += 1
        self.failures.append({"url": url, "reason": reason})

    def known_article(self, url, profile):
        return False

    def on_error(self, failure, start=None):
        self.record_failure(failure.request.url, f"fetch failed: {failure.getErrorMessage()}")

    def article_request(self, url, *, profile, section=None, hints=None, start=False, **options):
        self.articles.append((url, section, hints or {}))
        return scrapy.Request(url, meta={"profile": profile, "section": section, "hints": hints or {}})

    state = None  # no archive

    def refusal(self, url, profile, *, check_host=True, modified=None):
        return None

    def skip_record(self, reason):
        self.stats[f"skipped/{reason}"] += 1


def collect(output) -> list:
    """Return what a callback yields, whether it is a generator or an asynchronous one."""
    if not hasattr(output, "__aiter__"):
        return list(output)

    async def gather():
        return [out async for out in output]

    return asyncio.run(gather())


def local_profile(slug: str):
    text = (LOCAL_PROFILES / f"{slug}.yaml").read_text(encoding="utf-8").replace("{base}", E)
    return parse_profile(yaml.safe_load(text), f"{slug}.yaml")


def response_for(request: scrapy.Request, site: str, rel: str) -> TextResponse:
    """Return the test-site file ``rel`` as the response to ``request``."""
    cls = HtmlResponse if rel.endswith(".htm") else TextResponse
    return cls(url=request.url, body=site_bytes(site, rel), request=request, encoding="utf-8")


def test_epaper_reads_the_month_index_then_the_day():
    spider = StubSpider()
    mode = EpaperMode(spider, local_profile("jiangnanribao"), CrawlOptions(date=date(2023, 5, 19)))
    [month] = mode.start_requests()
    assert month.url == E + "html/2023-05/navi.xml" and month.meta["days"] == ["2023-05-19"]
    [front] = mode.parse_month(response_for(month, "epaper", "html/2023-05/navi.xml"))
    assert front.url == E + "html/2023-05/19/node_1.htm"
    out = list(mode.parse_page(response_for(front, "epaper", "html/2023-05/19/node_1.htm")))
    pages = [r.url for r in out if r.callback == mode.parse_page]
    assert pages == [E + "html/2023-05/19/node_1.htm", E + "html/2023-05/19/node_2.htm"]  # not the 18th
    assert spider.articles == [
        (E + "html/2023-05/19/content_3_301.htm", "要闻", {"title": "数字经济重点项目集中签约", "published": date(2023, 5, 19)}),
        (E + "html/2023-05/19/content_3_302.htm", "要闻", {"title": "城乡居民医保待遇再提高", "published": date(2023, 5, 19)}),
    ]


def test_epaper_section_filter_follows_only_that_page():
    spider = StubSpider()
    mode = EpaperMode(spider, local_profile("jiangnanribao"), CrawlOptions(date=date(2023, 5, 19), section="经济"))
    front = scrapy.Request(E + "html/2023-05/19/node_1.htm", meta={"day": "2023-05-19"})
    out = list(mode.parse_page(response_for(front, "epaper", "html/2023-05/19/node_1.htm")))
    assert [r.url for r in out] == [E + "html/2023-05/19/node_2.htm"]
    assert spider.articles == []


def test_epaper_missing_edition_is_counted_not_failed():
    spider = StubSpider()
    mode = EpaperMode(spider, local_profile("jiangnanribao"), CrawlOptions())
    request = scrapy.Request(E + "html/2023-05/20/node_1.htm")
    failure = Failure(HttpError(HtmlResponse(request.url, status=404, request=request)))
    failure.request = request
    assert mode.edition_failed(failure) is None
    assert spider.stats["newscrawl/epaper_missing_editions"] == 1


def test_epaper_without_index_asks_each_day():
    profile = local_profile("jiangnanribao")
    profile.modes_config["epaper"] = {k: v for k, v in profile.modes_config["epaper"].items() if k != "month_index"}
    mode = EpaperMode(StubSpider(), profile, CrawlOptions(since=date(2023, 5, 30), until=date(2023, 6, 1)))
    assert [r.url for r in mode.start_requests()] == [
        E + "html/2023-05/30/node_1.htm", E + "html/2023-05/31/node_1.htm", E + "html/2023-06/01/node_1.htm"]


def test_feed_entries_become_article_requests_with_hints():
    spider = StubSpider()
    mode = FeedMode(spider, local_profile("feedtest"), CrawlOptions(since=date(2023, 5, 18)))
    starts = list(mode.start_requests())
    assert [(r.url, r.meta["section"]) for r in starts] == [
        (E + "rss.xml", "要闻"), (E + "atom.xml", "社会"), (E + "feed.json", "经济")]
    list(mode.parse_feed(response_for(starts[0], "feeds", "rss.xml")))
    list(mode.parse_feed(response_for(starts[2], "feeds", "feed.json")))
    assert [(url.removeprefix(E), section, hints["published"]) for url, section, hints in spider.articles] == [
        ("articles/2023/0518/f2.html", "要闻", datetime(2023, 5, 18, 1, 30, tzinfo=timezone.utc)),
        ("articles/2023/0519/f3.html", "要闻", datetime(2023, 5, 19, 10, 15, tzinfo=CST)),
        ("articles/2023/0518/f2.html", "经济", datetime(2023, 5, 18, 9, 30, tzinfo=CST)),
        # f3.html?utm_source=feed: rules see the URL as written, and the profile's ends in \.html$
    ]


def test_feed_that_is_not_a_feed_is_a_failure():
    spider = StubSpider()
    mode = FeedMode(spider, local_profile("feedtest"), CrawlOptions())
    request = scrapy.Request(E + "rss.xml")
    assert list(mode.parse_feed(HtmlResponse(request.url, body=b"<html></html>", request=request))) == []
    assert spider.failures[0]["url"] == E + "rss.xml" and spider.stats["newscrawl/failed"] == 1


def test_sitemap_walks_robots_index_and_urlset_in_the_window():
    spider = StubSpider()
    mode = SitemapMode(spider, local_profile("sitemaptest"), CrawlOptions(date=date(2023, 5, 19)))
    [robots] = mode.start_requests()
    [index] = mode.parse_sitemap(response_for(robots, "sitemaps", "robots.txt"))
    children = list(mode.parse_sitemap(response_for(index, "sitemaps", "sitemap_index.xml")))
    assert [r.url for r in children] == [E + "sitemap_news.xml"]  # the 2022 sitemap ends before the window
    list(mode.parse_sitemap(response_for(children[0], "sitemaps", "sitemap_news.xml")))
    assert [(u.removeprefix(E), h["title"]) for u, _, h in spider.articles] == [
        ("news/2023/05/19/s2.html", "老年助餐服务点覆盖城乡社区"), ("news/2023/05/19/s3.html", "全民阅读活动月启动")]


def test_api_list_records_become_detail_requests_with_category():
    spider = StubSpider()
    mode = ApiMode(spider, local_profile("meitiku"), CrawlOptions())
    assert [r.url for r in mode.start_requests()] == [E + "api/list/1.json", E + "api/list/2.json"]
    request = scrapy.Request(E + "api/list/1.json")
    details = collect(mode.parse_list(response_for(request, "api", "api/list/1.json")))
    assert [(r.url.removeprefix(E), r.callback == mode.parse_detail) for r in details] == [
        ("api/detail/NW202305192312986018.json", True), ("api/detail/NW202305192312986020.json", True)]
    hints = details[0].meta["hints"]
    assert (hints["id"], hints["category"], hints["category_name"], hints["source"]) == (
        "NW202305192312986018", "jiangxiribao", "江西日报新闻", "江西日报")


def test_urls_mode_schedules_listed_articles():
    profile = parse_profile({"name": "测试日报", "base_url": "http://x.test/",
                             "urls": ["a.htm", {"url": "http://x.test/b.htm#top", "section": "要闻"}]}, "p.yaml")
    spider = StubSpider()
    assert [r.url for r in UrlsMode(spider, profile, CrawlOptions()).start_requests()] == [
        "http://x.test/a.htm", "http://x.test/b.htm"]
    assert [r.url for r in UrlsMode(spider, profile, CrawlOptions(section="要闻")).start_requests()] == [
        "http://x.test/b.htm"]


def test_epaper_month_index_per_month_and_fallback_to_days():
    spider = StubSpider()
    mode = EpaperMode(spider, local_profile("jiangnanribao"),
                      CrawlOptions(since=date(2023, 4, 30), until=date(2023, 5, 1)))
    months = list(mode.start_requests())
    assert [(r.url, r.meta["days"]) for r in months] == [
        (E + "html/2023-04/navi.xml", ["2023-04-30"]), (E + "html/2023-05/navi.xml", ["2023-05-01"])]
    failure = Failure(HttpError(HtmlResponse(months[0].url, status=404, request=months[0])))
    failure.request = months[0]
    assert [r.url for r in mode.month_failed(failure)] == [E + "html/2023-04/30/node_1.htm"]
    assert spider.stats["newscrawl/epaper_month_index_failed"] == 1
