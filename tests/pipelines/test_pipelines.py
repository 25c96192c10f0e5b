"""Validate, clean and de-duplicate items the way the archive needs them."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.items import ArticleItem
from pipelines.clean import CleanPipeline, clean_people, clean_text
from pipelines.dedupe import DedupePipeline
from pipelines.validate import ValidatePipeline

SHANGHAI = ZoneInfo("Asia/Shanghai")


def make_crawler():
    """Return a real (unstarted) Scrapy crawler: pipelines count drops in its stats."""
    crawler = get_crawler()
    crawler.spider = None  # no spider, so no state store: in-run checks only
    return crawler


def item(**changes) -> ArticleItem:
    fields = dict(url="http://paper.example/html/2024-05/20/content_1.html", site="paper", id="1",
                  title="标题", published=datetime(2024, 5, 20, 9, 30, tzinfo=SHANGHAI),
                  paragraphs=["第一段。"], category="paper", category_name="报纸新闻")
    fields.update(changes)
    return ArticleItem(**fields)


@pytest.mark.parametrize("changes, reason, stat", [
    ({"title": "  "}, "missing title", "newscrawl/dropped/missing_title"),
    ({"published": None}, "missing published date", "newscrawl/dropped/missing_published_date"),
    ({"paragraphs": ["", "  "]}, "missing body: no paragraphs", "newscrawl/dropped/missing_body"),
])
def test_validate_drops_with_a_counted_reason(changes, reason, stat):
    crawler = make_crawler()
    with pytest.raises(DropItem, match=reason):
        ValidatePipeline(crawler).process_item(item(**changes))
    assert crawler.stats.get_value(stat) == 1
    assert crawler.stats.get_value("newscrawl/dropped") == 1


def test_validate_keeps_a_date_only_article():
    kept = ValidatePipeline(make_crawler()).process_item(item(published=date(2024, 5, 18)))
    assert kept.published == date(2024, 5, 18)


def test_clean_text_removes_indentation_junk_and_runs_of_space():
    assert clean_text("\u3000\u3000南昌市\u00a0 西湖区\u200b召开\t会议\n。\x07") == "南昌市 西湖区召开 会议 。"


def test_clean_people_dedupes_and_always_gives_a_list():
    assert clean_people([" 张三 ", "张三", "", "李四"]) == ["张三", "李四"]
    assert clean_people(["王五"]) == ["王五"]
    assert clean_people("王五") == ["王五"]
    assert clean_people(["  "]) == [] and clean_people(None) == []


def test_clean_pipeline_drops_empty_paragraphs_and_keeps_order():
    cleaned = CleanPipeline().process_item(item(paragraphs=["\u3000\u3000甲。", " ", "乙 \n 丙。"],
                                                source=" 江西日报 ", title=" 题\n目 "))
    assert cleaned.paragraphs == ["甲。", "乙 丙。"]
    assert cleaned.source == "江西日报"
    assert cleaned.title == "题 目"


def test_clean_pipeline_keeps_each_picture_before_the_same_paragraph_and_cleans_its_words():
    pictures = [{"url": "http://img.example/0.jpg", "position": 0, "caption": " 图为\u3000现场 ", "alt": "  "},
                {"url": "http://img.example/2.jpg", "position": 2, "caption": None, "alt": "配\n图"},
                {"url": "http://img.example/3.jpg", "position": 3, "caption": "", "alt": None},
                {"url": "http://img.example/9.jpg", "position": "9", "caption": "末", "alt": None}]
    cleaned = CleanPipeline().process_item(item(paragraphs=["甲。", " ", "乙。"], pictures=pictures))
    assert cleaned.paragraphs == ["甲。", "乙。"]
    assert [(p["position"], p["caption"], p["alt"]) for p in cleaned.pictures] == [
        (0, "图为 现场", None), (1, None, "配 图"), (2, None, None), (2, "末", None)]


def test_dedupe_drops_the_same_story_under_another_url_and_id():
    crawler = make_crawler()
    pipeline = DedupePipeline(crawler)
    first = item()
    pipeline.process_item(first)
    twin = item(url="http://m.paper.example/a/99.html", id="99", paragraphs=["第一段 。"])
    with pytest.raises(DropItem, match="duplicate: same story as " + first.url):
        pipeline.process_item(twin)
    tracking = item(url=first.url + "?utm_source=wechat", id="2", paragraphs=["别的内容。"])
    with pytest.raises(DropItem, match="duplicate"):
        pipeline.process_item(tracking)
    other = item(url="http://paper.example/b.html", id="3", paragraphs=["另一篇。"])
    assert pipeline.process_item(other) is other
    assert crawler.stats.get_value("newscrawl/dropped/duplicate") == 2


def test_dedupe_keeps_two_stories_that_share_an_id():
    # Numeric ids repeat across dated folders and sections: the id names a file, not a story.
    crawler = make_crawler()
    pipeline = DedupePipeline(crawler)
    may = item(url="http://paper.example/2024/05/20/1234.html", id="1234")
    january = item(url="http://paper.example/2023/01/07/1234.html", id="1234", paragraphs=["另一则消息。"],
                   published=datetime(2023, 1, 7, 10, tzinfo=SHANGHAI))
    api = item(url="http://paper.example/api/detail?id=1234", id="1234", paragraphs=["接口的第三则消息。"])
    assert [pipeline.process_item(a) for a in (may, january, api)] == [may, january, api]
    assert crawler.stats.get_value("newscrawl/dropped") is None
