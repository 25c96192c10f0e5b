"""The pipeline order, and DecidePipeline's answer with and without the state component."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.extensions.state import StateExtension
from newscrawl.items import ArticleItem
from newscrawl.runner import project_settings
from newscrawl.state import StateStore
from pipelines.decide import DecidePipeline

SHANGHAI = ZoneInfo("Asia/Shanghai")


def item(**changes) -> ArticleItem:
    fields = dict(url="http://paper.example/a/1.html", site="paper", id="1", title="标题",
                  published=datetime(2024, 5, 20, 9, 30, tzinfo=SHANGHAI), paragraphs=["第一段。"],
                  category="paper", category_name="报纸新闻")
    fields.update(changes)
    return ArticleItem(**fields)


def test_pipelines_clean_before_they_validate_and_decide_before_they_write():
    pipelines = project_settings().getdict("ITEM_PIPELINES")
    order = [path.rsplit(".", 1)[1] for path, _ in sorted(pipelines.items(), key=lambda kv: kv[1])]
    # the category page before the post: no post on disk ever lacks its page
    assert order == ["CleanPipeline", "ValidatePipeline", "DedupePipeline", "DecidePipeline",
                     "SitePipeline", "ArchivePipeline"]


def test_without_state_the_post_goes_to_the_formats_path():
    crawler = get_crawler()
    assert DecidePipeline(crawler, "jekyll").process_item(item()).path == "_posts/2024-05-20-1.md"
    assert DecidePipeline(crawler, "hugo").process_item(item()).path == "content/posts/2024-05-20-1.md"


def test_with_state_a_known_story_keeps_its_path_and_a_copy_is_dropped(tmp_path):
    crawler = get_crawler()
    with StateStore(tmp_path / "state.sqlite") as store:
        state = StateExtension(crawler, store)
        archived = item(published=datetime(2024, 5, 19, 8, tzinfo=SHANGHAI))
        archived.path = "_posts/2024-05-19-1.md"
        state.post_written(archived, archived.path, "created")
        decide = DecidePipeline(crawler, "jekyll", state)
        assert decide.process_item(item()).path == "_posts/2024-05-19-1.md"  # a story never moves
        copy = item(url="http://m.paper.example/b/9.html", id="9")
        with pytest.raises(DropItem, match=r"duplicate of paper:1 \(_posts/2024-05-19-1.md\)"):
            decide.process_item(copy)
        assert store.lookup_article("paper:9") is None
        assert not store.should_fetch(copy.url, datetime.now(SHANGHAI), None)  # remembered as a copy
    assert crawler.stats.get_value("newscrawl/dropped") == 1
