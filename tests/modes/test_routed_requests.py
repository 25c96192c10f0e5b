"""Every request of every crawl mode survives serialisation, as a shared queue in Redis needs.

Scrapy's disk queue (JOBDIR) stores each request with ``request_to_dict`` and
pickle, like scrapy-redis does; a request with a callback that is no spider
method, or meta that cannot be pickled, is counted as ``scheduler/unserializable``
and kept in memory instead. Each crawl here goes through the disk queue and must
write the same posts as the plain crawl in ``test_crawl_modes``.
"""

from __future__ import annotations

import pickle
import re

import pytest
import scrapy
from scrapy.utils.request import request_from_dict
from scrapy.utils.test import get_crawler

from newscrawl.spiders.news import NewsSpider
from newscrawl.spiders.routing import CALLBACK, MODE, SELECTORS, SITE, route
from tests.helpers import run_cli
from tests.modes.conftest import PROFILE_SITES, LocalSites
from tests.modes.test_mode_classes import local_profile

pytestmark = pytest.mark.e2e

# The posts each test site yields when crawled without options (see test_crawl_modes).
EXPECTED_POSTS = {"jiangnanwang": 5, "feedtest": 4, "sitemaptest": 4, "meitiku": 3}


def queue_stats(stderr: str) -> dict[str, int]:
    """Return the scheduler counters from the stats Scrapy dumps at the end of a verbose run."""
    return {key: int(value) for key, value in re.findall(r"'(scheduler/[a-z/]+)': (\d+)", stderr)}


@pytest.mark.parametrize("slug", sorted(EXPECTED_POSTS))
def test_every_request_goes_through_the_disk_queue(local_sites: LocalSites, tmp_path, slug):
    out = tmp_path / "archive"
    result = run_cli("crawl", slug, "--out", str(out), "--profiles-dir", str(local_sites.profiles_dir),
                     "-v", "-s", f"JOBDIR={tmp_path / 'job'}")
    assert result.returncode == 0, result.stderr[-3000:]
    stats = queue_stats(result.stderr)
    assert stats.get("scheduler/enqueued/disk", 0) > EXPECTED_POSTS[slug], stats
    assert "scheduler/unserializable" not in stats, stats
    assert stats.get("scheduler/enqueued/memory", 0) == 0, stats
    assert len(list((out / "_posts").glob("*.md"))) == EXPECTED_POSTS[slug]


def test_epaper_days_and_layout_selectors_survive(local_sites: LocalSites, tmp_path):
    out = tmp_path / "archive"
    result = run_cli("crawl", "jiangnanribao", "--date", "2023-05-19", "--out", str(out),
                     "--profiles-dir", str(local_sites.profiles_dir), "-v", "-s", f"JOBDIR={tmp_path / 'job'}")
    assert result.returncode == 0, result.stderr[-3000:]
    stats = queue_stats(result.stderr)
    assert "scheduler/unserializable" not in stats and stats.get("scheduler/enqueued/disk", 0) > 3, stats
    assert len(list((out / "_posts").glob("*.md"))) == 3


def test_a_routed_request_names_its_mode_and_site_and_round_trips():
    profile = local_profile("jiangnanribao")
    spider = NewsSpider.from_crawler(get_crawler(NewsSpider), profiles=[profile], date="2023-05-19")
    [month] = [r for mode in spider.modes for r in mode.start_requests()]
    routed = route(month, spider)
    assert routed.callback == spider.parse_page and routed.errback == spider.page_failed
    assert routed.meta[MODE] == "jiangnanribao:epaper" and routed.meta[CALLBACK] == "parse_month"
    assert routed.meta[SITE] == "jiangnanribao" and "profile" not in routed.meta
    back = request_from_dict(pickle.loads(pickle.dumps(routed.to_dict(spider=spider))), spider=spider)
    assert back.callback == spider.parse_page and back.meta == routed.meta
    assert spider.mode(back.meta[MODE]).name == "epaper"


def test_a_layout_with_its_own_selectors_travels_as_selectors():
    profile = local_profile("jiangnanribao")
    spider = NewsSpider.from_crawler(get_crawler(NewsSpider), profiles=[profile])
    layout_reader = profile.__class__(**{**profile.__dict__, "selectors": {**profile.selectors, "body": "#ozoom"}})
    request = spider.article_request("http://news.example.test/a.htm", profile=layout_reader)
    assert request.meta[SITE] == "jiangnanribao" and request.meta[SELECTORS]["body"] == "#ozoom"
    assert spider.profile_for(request.meta).selectors["body"] == "#ozoom"
    plain = spider.article_request("http://news.example.test/b.htm", profile=profile)
    assert SELECTORS not in plain.meta and spider.profile_for(plain.meta) is profile


def test_oneoff_feed_and_sitemap_readers_have_keys_of_their_own():
    spider = NewsSpider(url="http://news.example.test/sitemap.xml")
    spider.use_profiles(spider._given_profiles)
    [oneoff] = spider.modes
    assert {m.key for m in oneoff.submodes()} == {f"{oneoff.key}/feed", f"{oneoff.key}/sitemap"}
    assert spider.mode(f"{oneoff.key}/sitemap") is oneoff.sitemap
    request = route(scrapy.Request("http://news.example.test/s2.xml", callback=oneoff.sitemap.parse_sitemap), spider)
    assert request.meta[MODE] == f"{oneoff.key}/sitemap" and request.meta[CALLBACK] == "parse_sitemap"


def test_every_local_site_is_covered():
    assert set(EXPECTED_POSTS) | {"jiangnanribao"} == set(PROFILE_SITES)
