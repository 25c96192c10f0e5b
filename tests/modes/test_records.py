"""The media-news API: list records, detail bodies, categories by media name."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newscrawl.modes.config import api_config
from newscrawl.modes.records import (
    ApiDetail, ApiError, ApiRecord, article_page_url, category_for, detail_page_url, dig, digest_text, list_page_urls,
    load_json, parse_detail, parse_list, record_page,
)
from tests.modes.conftest import site_bytes

SHANGHAI = ZoneInfo("Asia/Shanghai")
RAW = {
    "list_url": "api/list/{page}.json", "list_path": "data.list",
    "fields": {"id": "infoCode", "title": "title", "published": "showTime", "media": "mediaName"},
    "detail_url": "https://api.example.test/detail?infoCode={id}", "detail_path": "data",
    "detail_fields": {"body": "content", "title": "title", "published": "showTime", "source": "mediaName"},
    "pages": 2,
    "categories": {"江西日报": {"slug": "jiangxiribao", "label": "江西日报新闻"},
                   "江南都市报": {"slug": "jiangnandushibao"}},
}
CONFIG = api_config(RAW, "test.yaml", "https://api.example.test/").feeds[0]


def test_list_page_gives_records():
    records = parse_list(site_bytes("api", "api/list/1.json"), CONFIG, SHANGHAI)
    assert records[0] == ApiRecord(
        id="NW202305192312986018", title="西湖区加快培育数字经济生态圈",
        published=datetime(2023, 5, 19, 9, 4, 4, tzinfo=SHANGHAI), media="江西日报", url=None,
    )
    assert [r.media for r in records] == ["江西日报", "江南都市报", "某某资讯"]


def test_records_without_id_are_skipped():
    records = parse_list(site_bytes("api", "api/list/2.json"), CONFIG, SHANGHAI)
    assert [r.id for r in records] == ["NW202305182312985502"]


def test_detail_gives_body_html_and_fields():
    detail = parse_detail(site_bytes("api", "api/detail/NW202305192312986018.json"), CONFIG, SHANGHAI)
    assert isinstance(detail, ApiDetail)
    assert detail.body_html.startswith("<p>围绕年度目标任务")
    assert detail.body_html.endswith('<p class="em_media">（文章来源：江西日报）</p>')
    assert (detail.title, detail.source) == ("西湖区加快培育数字经济生态圈", "江西日报")
    assert detail.published == datetime(2023, 5, 19, 9, 4, 4, tzinfo=SHANGHAI)


def test_category_comes_from_the_media_name():
    def record(media):
        return ApiRecord(id="1", media=media)

    assert category_for(record("江西日报"), CONFIG) == ("jiangxiribao", "江西日报新闻")
    assert category_for(record(" 江南都市报 "), CONFIG) == ("jiangnandushibao", "江南都市报新闻")
    assert category_for(record("某某资讯"), CONFIG) is None
    assert category_for(record(None), CONFIG) is None


def test_endpoint_urls():
    assert list_page_urls(CONFIG, 2, "https://api.example.test/v1/") == ["https://api.example.test/v1/api/list/2.json"]
    assert detail_page_url(CONFIG, ApiRecord(id="NW 1/2")) == "https://api.example.test/detail?infoCode=NW%201%2F2"


def test_dig_and_jsonp():
    data = {"data": {"list": [{"id": 7}], "n": None}}
    assert dig(data, "data.list.0.id") == 7
    assert dig(data, "data.list.3.id") is None
    assert dig(data, "data.n.x") is None
    assert dig(data, "") is data
    assert load_json(b'jQuery123_456({"a": [1]});') == {"a": [1]}


@pytest.mark.parametrize("body, reason", [
    (b"<html></html>", "not JSON"),
    (b'{"data": {"list": {}}}', "'data.list' is not a list"),
    (b"\xff\xfe", "not UTF-8"),
])
def test_bad_list_responses_raise(body, reason):
    with pytest.raises(ApiError, match=reason):
        parse_list(body, CONFIG)


def test_detail_without_body_raises():
    with pytest.raises(ApiError, match="no body HTML at 'data.content'"):
        parse_detail(b'{"data": {"title": "x", "content": "  "}}', CONFIG)


def test_record_page_frames_the_body_safely():
    page = record_page('标题 "<b>&', datetime(2023, 5, 19, 9, 4, 4, tzinfo=SHANGHAI), "<p>正文</p>").decode()
    assert "<title>标题 &quot;&lt;b&gt;&amp;</title>" in page
    assert '<time datetime="2023-05-19T09:04:04+08:00">' in page
    assert '<div class="article-content"><p>正文</p></div>' in page
    assert "<time" not in record_page(None, None, "<p>x</p>").decode()


def test_article_page_url_prefers_the_record_url():
    with_template = api_config({**RAW, "article_url": "/a/{id}.html"}, "test.yaml", "https://api.example.test/").feeds[0]
    assert article_page_url(with_template, ApiRecord(id="NW1"), "https://news.example.test/") == \
        "https://news.example.test/a/NW1.html"
    assert article_page_url(with_template, ApiRecord(id="NW1", url="https://x.test/p/1.html")) == \
        "https://x.test/p/1.html"
    assert article_page_url(CONFIG, ApiRecord(id="NW1")) is None


FINEWS_ROLLING = api_config({
    "list_url": "webapi?type=102", "list_path": "records",
    "fields": {"id": "id", "detail_id": "infoCode", "title": "title", "published": "showtime",
               "digest": "digest", "url": "url_w"},
    "detail_url": "http://finews.example/GetNewsText.do?id={detail_id}", "detail_fields": {"body": "content"},
    "category": {"slug": "emnews", "label": "东财滚动新闻", "link": "/emnews/"},
}, "test.yaml", "http://list.example/").feeds[0]


def test_rolling_record_keeps_its_id_detail_id_and_digest():
    body = ('{"records": [{"id": "2022031700001", "infoCode": "NW2022031700001", "title": "标题",'
            ' "showtime": "2022-03-17 16:00:00", "digest": "【标签】【早盘】摘要  正文 ", "url_w": "http://e.example/a/1.html"}]}')
    [record] = parse_list(body.encode(), FINEWS_ROLLING, SHANGHAI)
    assert (record.id, record.detail_id, record.digest, record.url) == (
        "2022031700001", "NW2022031700001", "摘要 正文", "http://e.example/a/1.html")
    assert detail_page_url(FINEWS_ROLLING, record) == "http://finews.example/GetNewsText.do?id=NW2022031700001"
    assert article_page_url(FINEWS_ROLLING, record) == "http://e.example/a/1.html"
    assert category_for(record, FINEWS_ROLLING) == ("emnews", "东财滚动新闻")


@pytest.mark.parametrize("raw, text", [("【只有标签】", None), ("没有标签", "没有标签"), (None, None), ("  ", None),
                                       ("a】b】 c\nd ", "c d")])
def test_digest_text_is_what_follows_the_last_bracket(raw, text):
    assert digest_text(raw) == text


def test_any_media_name_is_its_own_category_unless_overridden():
    feed = api_config({**RAW, "category": "media", "categories": {"重庆日报": "zhongqingribao"}},
                      "test.yaml", "http://list.example/").feeds[0]
    assert category_for(ApiRecord(id="1", media="新华社 ·  江西频道"), feed) == (
        "xinhuashe-jiangxipindao", "新华社 · 江西频道新闻")
    assert category_for(ApiRecord(id="1", media="重庆日报"), feed) == ("zhongqingribao", "重庆日报新闻")
    assert category_for(ApiRecord(id="1", media="江西日报"), feed) == ("jiangxiribao", "江西日报新闻")
    assert category_for(ApiRecord(id="1"), feed) is None


def test_list_only_records_need_a_page_not_an_id():
    feed = api_config({"list_url": "ds.json", "list_path": "datasource",
                       "fields": {"url": "publishUrl", "id": "contentId", "title": "title"}}, "t.yaml",
                      "https://www.news.cn/").feeds[0]
    body = ('{"datasource": [{"publishUrl": "https://www.news.cn/a/c.html", "title": "甲"},'
            ' {"contentId": "9", "title": "乙"}, {"publishUrl": "/b/c.html", "contentId": "8"}]}')
    records = parse_list(body.encode(), feed)
    assert [(r.id, r.url) for r in records] == [("", "https://www.news.cn/a/c.html"), ("8", "/b/c.html")]
    assert article_page_url(feed, records[1], "https://www.news.cn/x/") == "https://www.news.cn/b/c.html"
    assert detail_page_url(feed, records[0]) is None


def test_record_pages_resolve_against_the_list_and_markup_titles_become_text():
    feed = api_config({"list_url": "ds.json", "list_path": "datasource",
                       "fields": {"url": "publishUrl", "title": "title"}}, "t.yaml", "https://www.news.cn/").feeds[0]
    body = ('{"datasource": [{"publishUrl": "20250314/ab/c.html", "title": "<a href=\\"x\\">标题 &amp; 副题</a>"}]}')
    [record] = parse_list(body.encode(), feed, url="https://www.news.cn/politics/ds_1.json")
    assert (record.url, record.title) == ("https://www.news.cn/politics/20250314/ab/c.html", "标题 & 副题")

