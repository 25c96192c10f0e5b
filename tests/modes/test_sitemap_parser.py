"""Sitemap indexes, news sitemaps, gzip and text sitemaps, robots.txt, and sniffing."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from newscrawl.modes.sitemap_parser import SitemapEntry, SitemapError, parse_sitemap, sitemaps_in_robots
from newscrawl.modes.sniff import sniff_kind
from tests.modes.conftest import EXAMPLE_BASE, site_bytes

CST = timezone(timedelta(hours=8))
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_index_lists_child_sitemaps_with_lastmod():
    sitemap = parse_sitemap(site_bytes("sitemaps", "sitemap_index.xml"), EXAMPLE_BASE + "sitemap_index.xml",
                            SHANGHAI)
    assert sitemap.kind == "index"
    assert sitemap.entries == (
        SitemapEntry(EXAMPLE_BASE + "sitemap_news.xml", lastmod=datetime(2023, 5, 19, 18, 30, tzinfo=CST)),
        SitemapEntry(EXAMPLE_BASE + "sitemap_2022.xml.gz", lastmod=datetime(2022, 12, 31, tzinfo=SHANGHAI)),
    )


def test_news_sitemap_gives_title_and_publication_date():
    sitemap = parse_sitemap(site_bytes("sitemaps", "sitemap_news.xml"), EXAMPLE_BASE + "sitemap_news.xml")
    assert sitemap.kind == "urlset"
    assert [e.url for e in sitemap.entries] == [
        EXAMPLE_BASE + "news/2023/05/18/s1.html", EXAMPLE_BASE + "news/2023/05/19/s2.html",
        EXAMPLE_BASE + "news/2023/05/19/s3.html", EXAMPLE_BASE + "about/contact.pdf",
        EXAMPLE_BASE + "special/index.html",
    ]
    first = sitemap.entries[0]
    assert first.news_title == "防汛物资储备全面到位"
    assert first.news_published == datetime(2023, 5, 18, 7, 20, tzinfo=CST)
    assert first.published == first.news_published
    plain = sitemap.entries[4]
    assert (plain.news_title, plain.news_published) == (None, None)
    assert plain.published == datetime(2023, 5, 19, tzinfo=timezone.utc)  # lastmod, no zone given


def test_gzip_sitemap_resolves_relative_locations():
    url = EXAMPLE_BASE + "sitemap_2022.xml.gz"
    sitemap = parse_sitemap(site_bytes("sitemaps", "sitemap_2022.xml.gz"), url, SHANGHAI)
    assert sitemap.kind == "urlset"
    assert sitemap.entries == (
        SitemapEntry(EXAMPLE_BASE + "news/2022/11/02/s0.html", lastmod=datetime(2022, 11, 2, tzinfo=SHANGHAI)),
    )


def test_text_sitemap_is_a_urlset():
    body = b"http://x.test/a.html\n\n/b.html\n"
    sitemap = parse_sitemap(body, "http://x.test/sitemap.txt")
    assert [e.url for e in sitemap.entries] == ["http://x.test/a.html", "http://x.test/b.html"]


@pytest.mark.parametrize("body, reason", [
    (b"<html><body>x</body></html>", "neither urlset nor sitemapindex"),
    (b"hello world", "neither XML nor a list of URLs"),
    (b"\x1f\x8b\x08\x00broken", "gzip"),
])
def test_non_sitemaps_raise(body, reason):
    with pytest.raises(SitemapError, match=reason):
        parse_sitemap(body, "http://x.test/sitemap.xml")


def test_robots_txt_names_its_sitemaps():
    body = site_bytes("sitemaps", "robots.txt")
    assert sitemaps_in_robots(body, EXAMPLE_BASE + "robots.txt") == [EXAMPLE_BASE + "sitemap_index.xml"]
    assert sitemaps_in_robots(b"sitemap: /s1.xml\nSITEMAP:/s2.xml", "http://x.test/robots.txt") == [
        "http://x.test/s1.xml", "http://x.test/s2.xml"]


@pytest.mark.parametrize("site, rel, kind", [
    ("feeds", "rss.xml", "feed"),
    ("feeds", "atom.xml", "feed"),
    ("feeds", "feed.json", "feed"),
    ("sitemaps", "sitemap_index.xml", "sitemap"),
    ("sitemaps", "sitemap_news.xml", "sitemap"),
    ("sitemaps", "sitemap_2022.xml.gz", "sitemap"),
    ("api", "api/list/1.json", "json"),
    ("epaper", "html/2023-05/19/node_1.htm", "html"),
    ("epaper", "html/2023-05/navi.xml", "html"),  # XML, but neither a feed nor a sitemap
])
def test_sniff_kind_of_test_site_files(site, rel, kind):
    assert sniff_kind(site_bytes(site, rel)) == kind


@pytest.mark.parametrize("body, kind", [
    (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c --><rss version="2.0"></rss>', "feed"),
    (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>', "feed"),
    (gzip.compress(b"<urlset></urlset>"), "sitemap"),
    (b"[1, 2]", "json"),
    (b"<!DOCTYPE html><html></html>", "html"),
    (b"", "html"),
    (b"\x1f\x8bbroken", "html"),
])
def test_sniff_kind_of_edge_cases(body, kind):
    assert sniff_kind(body) == kind
