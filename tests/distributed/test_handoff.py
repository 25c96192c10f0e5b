"""Items and failures travel from a worker to the writer as JSON, and come back the same."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from newscrawl.distributed.handoff import SentItem, item_json, outcome_json, read_result
from newscrawl.items import ArticleItem


def article(**changes) -> ArticleItem:
    fields = dict(url="http://paper.example/a/1.html", site="paper", id="1", title="标题 \"引号\"",
                  published=datetime(2024, 5, 20, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
                  author=["张三", "李四"], editor=["王五"], source="测试日报", paragraphs=["第一段。", "第二段。"],
                  category="paper", category_name="报纸新闻", section="要闻", digest="导语")
    fields.update(changes)
    return ArticleItem(**fields)


@pytest.mark.parametrize("published", [
    datetime(2024, 5, 20, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
    datetime(2024, 5, 20, 1, 30, tzinfo=timezone.utc),
    date(2024, 5, 20),
    None,
])
def test_an_item_comes_back_as_it_left(published):
    sent = article(published=published)
    kind, received = read_result(item_json(sent, "host:1:ab"))
    assert kind == "item" and received == sent
    if isinstance(published, datetime):
        assert received.published.utcoffset() == published.utcoffset()
    else:
        assert type(received.published) is type(published)


def test_a_failure_keeps_its_url_reason_and_start_mark():
    kind, failure = read_result(outcome_json("failed", {"url": "http://paper.example/",
                                                         "reason": "fetch failed: HTTP 500", "start": True},
                                              "host:1:ab"))
    assert (kind, failure) == ("failed", {"url": "http://paper.example/", "reason": "fetch failed: HTTP 500",
                                          "start": True})


def test_a_drop_keeps_its_url_and_reason():
    kind, drop = read_result(outcome_json("dropped", {"url": "http://paper.example/a.pdf",
                                                       "reason": "not HTML: application/pdf"}, "host:1:ab"))
    assert (kind, drop) == ("dropped", {"url": "http://paper.example/a.pdf", "reason": "not HTML: application/pdf"})


def test_anything_else_is_refused():
    with pytest.raises(ValueError, match="not a result"):
        read_result('{"stats": {}}')


def test_a_304_keeps_its_url_and_post():
    kind, recheck = read_result(outcome_json("unchanged", {"url": "http://paper.example/a/1.html",
                                                           "path": "_posts/2024-05-20-1.md"}, "host:1:ab"))
    assert (kind, recheck) == ("unchanged", {"url": "http://paper.example/a/1.html", "path": "_posts/2024-05-20-1.md"})


def test_an_item_the_writer_holds_carries_its_result_but_no_field_of_it():
    raw = item_json(article(), "host:1:ab").encode()
    _, received = read_result(raw)
    held = SentItem.of(received, raw)
    assert held.result == raw and isinstance(held, ArticleItem)
    assert held.to_dict() == received.to_dict()  # the JSON Lines record and the post know nothing of it
