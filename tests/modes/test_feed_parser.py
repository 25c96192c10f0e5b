"""RSS 2.0, RSS 1.0, Atom and JSON Feed bodies become feed entries."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from newscrawl.modes.feed_parser import FeedEntry, FeedError, parse_feed
from tests.modes.conftest import EXAMPLE_BASE, site_bytes

CST = timezone(timedelta(hours=8))
ART = EXAMPLE_BASE + "articles/"


def test_rss_entries_in_feed_order():
    entries = parse_feed(site_bytes("feeds", "rss.xml"), EXAMPLE_BASE + "rss.xml")
    assert [e.url for e in entries] == [
        ART + "2023/0517/f1.html", ART + "2023/0518/f2.html", ART + "2023/0519/f3.html",
        "http://elsewhere.example.net/news/9.html", EXAMPLE_BASE + "images/2023/0519/photo.jpg",
    ]
    assert entries[0] == FeedEntry(
        url=ART + "2023/0517/f1.html", title="晚稻育秧工作全面展开",
        published=datetime(2023, 5, 17, 0, 0, tzinfo=timezone.utc),
        summary="晚稻育秧工作全面展开。摘要内容。",
    )
    assert entries[2].published == datetime(2023, 5, 19, 10, 15, tzinfo=CST)
    assert entries[3].summary is None


def test_atom_prefers_alternate_link_and_published_date():
    entries = parse_feed(site_bytes("feeds", "atom.xml"), EXAMPLE_BASE + "atom.xml")
    assert [e.url for e in entries] == [ART + "2023/0519/f4.html", ART + "2023/0517/f1.html"]
    first, second = entries
    assert first.title == "城市更新项目进展顺利"
    assert first.published == datetime(2023, 5, 19, 16, 40, tzinfo=CST)
    assert first.summary == "老旧小区改造带动周边业态升级。"
    assert second.published == datetime(2023, 5, 17, 8, 0, tzinfo=timezone.utc)  # only <updated>
    assert second.summary == "各地加强技术指导。"  # escaped HTML content, as text


def test_json_feed_skips_items_without_link():
    entries = parse_feed(site_bytes("feeds", "feed.json"), EXAMPLE_BASE + "feed.json")
    assert [(e.url, e.title) for e in entries] == [
        (ART + "2023/0518/f2.html", "新能源汽车下乡活动启动"),
        (ART + "2023/0519/f3.html?utm_source=feed", "高校毕业生就业服务月开幕"),
    ]
    assert entries[0].published == datetime(2023, 5, 18, 9, 30, tzinfo=CST)
    assert entries[1].summary == "提供岗位两万余个。"


def test_times_without_offset_take_the_given_zone():
    body = b"""<rss version="2.0"><channel><item><link>/a.htm</link>
    <pubDate>2023-05-19 09:04:04</pubDate></item></channel></rss>"""
    [entry] = parse_feed(body, "http://x.test/feed", ZoneInfo("Asia/Shanghai"))
    assert entry.url == "http://x.test/a.htm"
    assert entry.published == datetime(2023, 5, 19, 9, 4, 4, tzinfo=CST)


def test_rss_guid_permalink_stands_in_for_link_and_gzip_is_read():
    body = gzip.compress("""<?xml version="1.0"?><rss version="2.0"><channel>
      <item><title>甲</title><guid>http://x.test/1.htm</guid></item>
      <item><title>乙</title><guid isPermaLink="false">2</guid></item>
    </channel></rss>""".encode())
    assert [(e.url, e.title) for e in parse_feed(body, "http://x.test/rss")] == [("http://x.test/1.htm", "甲")]


def test_rss_1_0_items_are_read():
    body = b"""<?xml version="1.0"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
             xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="http://x.test/"><title>t</title></channel>
      <item rdf:about="http://x.test/9.htm"><title>T9</title><link>http://x.test/9.htm</link>
        <dc:date>2023-05-19T08:00:00+08:00</dc:date></item>
    </rdf:RDF>"""
    [entry] = parse_feed(body, "http://x.test/rdf")
    assert (entry.url, entry.title, entry.published) == (
        "http://x.test/9.htm", "T9", datetime(2023, 5, 19, 8, tzinfo=CST))


@pytest.mark.parametrize("body, reason", [
    (b"<html><body>not a feed</body></html>", "root element <html>"),
    (b'{"items": []}', "jsonfeed.org"),
    (b"{not json", "not JSON"),
    (b"\x1f\x8bbroken", "gzip"),
    (b"", "not XML"),
])
def test_non_feeds_raise_feed_error(body, reason):
    with pytest.raises(FeedError, match=reason):
        parse_feed(body, "http://x.test/feed")
