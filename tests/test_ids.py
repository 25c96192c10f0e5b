"""Article ids come from the site where it has one, else from a URL hash."""

from __future__ import annotations

import re

import pytest

from newscrawl.ids import article_id, url_hash


@pytest.mark.parametrize("url, expected", [
    ("http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202203172312986018", "NW202203172312986018"),
    ("https://epaper.jxxw.com.cn/html/2023-05/19/content_5411_7712601.htm", "content_5411_7712601"),
    ("http://jiangxi.jxnews.com.cn/system/2016/11/16/015387323.shtml", "015387323"),
    ("https://news.sina.com.cn/c/2019-11-25/doc-iihnzahi3275702.shtml", "doc-iihnzahi3275702"),
    ("http://www.gov.example.cn/art/t20220317_123456.html", "t20220317_123456"),
    ("https://example.com/article.php?id=4711&utm_source=x", "4711"),
])
def test_site_ids(url, expected):
    assert article_id(url) == expected


def test_profile_pattern_wins():
    assert article_id("http://x.example/html/2024-05/20/content_1001.html",
                      re.compile(r"content_(\d+)\.html")) == "1001"


def test_a_url_without_an_id_is_named_by_its_identity_when_given():
    # The spider gives the canonical URL: a tracking parameter does not rename the story.
    plain, tracked = "http://x.example/a/875.html", "http://x.example/a/875.html?utm_source=feed"
    assert article_id(tracked, identity=plain) == article_id(plain, identity=plain) == url_hash(plain)
    assert article_id("http://x.example/a/87501.html", identity=plain) == "87501"  # an id is no hash


def test_url_without_an_id_gets_a_stable_short_hash():
    url = "https://www.reuters.com/world/china/some-story-title-2024-01-01/"
    assert article_id(url) == url_hash(url) == url_hash(url + "#comments")
    assert re.fullmatch(r"[0-9a-f]{12}", article_id(url))
