"""One-off crawls without a profile: an article URL, a feed URL, a sitemap URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.profiles.adhoc import oneoff_profile, parse_category
from tests.helpers import read_post, run_cli
from tests.modes.conftest import LocalSites

pytestmark = pytest.mark.e2e


def crawl_urls(tmp_path: Path, *args: str) -> tuple[dict[str, dict], str]:
    out = tmp_path / "archive"
    result = run_cli("crawl", *args, "--out", str(out), "--summary", str(tmp_path / "s.json"))
    assert result.returncode == 0, result.stderr[-3000:]
    posts = {}
    for path in sorted((out / "_posts").glob("*.md")):
        front, _ = read_post(path)
        posts[front["original_url"]] = front
    return posts, result.stderr


def test_feed_url_is_recognised_and_followed(local_sites: LocalSites, tmp_path):
    site = f"{local_sites.base_url}feeds/"
    posts, _ = crawl_urls(tmp_path, f"{site}rss.xml", "--category", "ceshi:测试新闻")
    assert set(posts) == {f"{site}articles/2023/0517/f1.html", f"{site}articles/2023/0518/f2.html",
                          f"{site}articles/2023/0519/f3.html"}  # the off-host and image entries are not
    assert {(p["categories"], p["tags"]) for p in posts.values()} == {("ceshi", "测试新闻")}
    assert str(posts[f"{site}articles/2023/0519/f3.html"]["date"]) == "2023-05-19 10:15:00 +0800"


def test_sitemap_url_is_recognised_and_followed_with_a_date_window(local_sites: LocalSites, tmp_path):
    site = f"{local_sites.base_url}sitemaps/"
    posts, _ = crawl_urls(tmp_path, f"{site}sitemap_index.xml", "--date", "2023-05-19", "--category", "江南日报")
    assert set(posts) == {f"{site}news/2023/05/19/s2.html", f"{site}news/2023/05/19/s3.html"}
    assert {(p["categories"], p["tags"]) for p in posts.values()} == {("jiangnanribao", "江南日报新闻")}


def test_article_url_is_extracted_as_one_post(local_sites: LocalSites, tmp_path):
    url = f"{local_sites.base_url}feeds/articles/2023/0518/f2.html"
    posts, stderr = crawl_urls(tmp_path, url)
    assert list(posts) == [url]
    host = url.split("/")[2].split(":")[0].replace(".", "-")
    assert posts[url]["categories"] == host and posts[url]["title"] == "新能源汽车下乡活动启动"
    assert "1 created" in stderr


@pytest.mark.parametrize("value, expected", [
    ("jiangxiribao:江西日报新闻", ("jiangxiribao", "江西日报新闻")),
    ("江西日报", ("jiangxiribao", "江西日报新闻")),
    ("tech", ("tech", "tech")),
])
def test_category_forms(value, expected):
    assert parse_category(value) == expected


def test_bad_category_and_time_zone_are_refused():
    with pytest.raises(ValueError, match="no usable ASCII slug"):
        parse_category("!!:label")
    with pytest.raises(ValueError, match="unknown time zone"):
        oneoff_profile(["https://example.com/a.html"], timezone="Mars/Olympus")


def test_profile_stays_on_the_named_hosts():
    profile = oneoff_profile(["https://news.example.com/rss.xml"])
    assert profile.allows("https://news.example.com/a/1.html")
    assert not profile.allows("https://elsewhere.example.net/9.html")


def test_second_run_skips_sitemaps_unchanged_since_the_last_run(local_sites: LocalSites, tmp_path):
    """The test sitemaps' lastmod dates are in 2022-2023: after one finished run none can hold news."""
    site = f"{local_sites.base_url}sitemaps/"
    out = tmp_path / "archive"
    args = ("crawl", f"{site}sitemap_index.xml", "--out", str(out), "-s", "LOG_LEVEL=INFO")
    first = run_cli(*args)
    assert first.returncode == 0 and "4 created" in first.stderr, first.stderr[-2000:]
    second = run_cli(*args)
    assert second.returncode == 0
    assert "'newscrawl/sitemaps_unchanged': 2" in second.stderr
    assert "'newscrawl/articles_scheduled'" not in second.stderr
