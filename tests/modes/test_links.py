"""Link hygiene: which hrefs are crawlable, and one spelling per article."""

from __future__ import annotations

import pytest

from scrapy.http import HtmlResponse

from newscrawl.modes.links import canonical_url, is_non_article, link_extractor, page_links, resolve_link, same_article

BASE = "http://epaper.example.test/html/2023-05/19/node_1.htm"


def article_links(hrefs, base, allows=None):
    """Return what the link rules keep from a page linking ``hrefs``."""
    anchors = "".join(f'<a href="{h}">x</a>' for h in hrefs)
    page = HtmlResponse(url=base, body=f"<html><body>{anchors}</body></html>".encode(), encoding="utf-8")
    return page_links(page, link_extractor(), allows)


@pytest.mark.parametrize("href", [
    None, "", "   ", "#top", "javascript:void(0)", "JavaScript:;", "mailto:a@b.c", "tel:12345",
    "data:text/html,x", "ftp://files.example.test/a.htm",
])
def test_resolve_link_skips_non_page_links(href):
    assert resolve_link(href, BASE) is None


def test_resolve_link_resolves_and_drops_fragment():
    assert resolve_link(" content_1_2.htm#p3 ", BASE) == "http://epaper.example.test/html/2023-05/19/content_1_2.htm"
    assert resolve_link("../../../pdf/x.pdf", BASE) == "http://epaper.example.test/pdf/x.pdf"


@pytest.mark.parametrize("url, expected", [
    ("http://x.test/a/photo.JPG", True),
    ("http://x.test/pdf/2023/01.pdf", True),
    ("http://x.test/v/clip.mp4?x=1", True),
    ("http://x.test/html/content_1.htm", False),
    ("http://x.test/system/2016/11/16/015387323.shtml", False),
    ("http://x.test/news/", False),
])
def test_is_non_article(url, expected):
    assert is_non_article(url) is expected


def test_same_article_compares_canonical_keys():
    # one canonicaliser for the whole project (newscrawl.state.canonical); links only compare keys
    assert canonical_url("HTTP://News.Example.TEST:80/a/b.html?utm_source=x&id=7&spm=1#c") == \
        "https://news.example.test/a/b.html?id=7"
    # jxnews paging URLs carry a doubled slash the server needs
    assert canonical_url("http://x.test/system/count//0002056/c1.shtml") == "https://x.test/system/count//0002056/c1.shtml"
    assert same_article("http://x.test/a.htm?from=timeline", "http://X.test/a.htm#top")
    assert not same_article("http://x.test/a.htm?id=1", "http://x.test/a.htm?id=2")


def test_links_keep_the_spelling_the_page_wrote():
    hrefs = ["/s.php?kw=%D6%D0%CE%C4#top", "/a.shtml?123", "/a.shtml?123&utm_source=x", "/b.htm?X=1&a=2"]
    assert article_links(hrefs, BASE) == [
        "http://epaper.example.test/s.php?kw=%D6%D0%CE%C4",
        "http://epaper.example.test/a.shtml?123",
        "http://epaper.example.test/b.htm?X=1&a=2",
    ]


def test_article_links_filters_dedupes_and_keeps_order():
    hrefs = ["content_2.htm", "content_1.htm#x", "content_2.htm", "page.jpg", "mailto:x@y.z",
             "http://other.test/a.htm", "content_1.htm?utm_medium=rss"]
    allows = lambda url: "epaper.example.test" in url  # noqa: E731
    assert article_links(hrefs, BASE, allows) == [
        "http://epaper.example.test/html/2023-05/19/content_2.htm",
        "http://epaper.example.test/html/2023-05/19/content_1.htm",
    ]
    assert "http://other.test/a.htm" in article_links(hrefs, BASE)


def test_page_keys_keep_what_article_keys_drop():
    from newscrawl.modes.links import page_key, same_page

    assert same_article("http://x.test/list.jsp?from=20", "http://x.test/list.jsp")
    assert not same_page("http://x.test/list.jsp?from=20", "http://x.test/list.jsp")
    assert not same_page("http://m.x.test/list", "http://www.x.test/list")
    assert not same_page("http://x.test/list?ref=2&share=1", "http://x.test/list?ref=2")
    # what a request fingerprint ignores, a page key ignores too
    assert same_page("http://x.test/list?b=2&a=1#top", "http://x.test/list?a=1&b=2")
    assert page_key("http://x.test/list?a=1&b=2") == page_key("http://x.test/list?b=2&a=1")
