"""The pipeline order, and DecidePipeline's answer with and without the state component."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.archive.paths import short_hash
from newscrawl.extensions.state import StateExtension
from newscrawl.items import ArticleItem
from newscrawl.runner import project_settings
from newscrawl.state import StateStore, canonical_url
from pipelines.decide import DecidePipeline

SHANGHAI = ZoneInfo("Asia/Shanghai")


def item(**changes) -> ArticleItem:
    fields = dict(url="http://paper.example/a/1.html", site="paper", id="1", title="标题",
                  published=datetime(2024, 5, 20, 9, 30, tzinfo=SHANGHAI), paragraphs=["第一段。"],
                  category="paper", category_name="报纸新闻")
    fields.update(changes)
    return ArticleItem(**fields)


def decide(pipeline: DecidePipeline, article: ArticleItem) -> ArticleItem:
    """Return ``article`` as DecidePipeline passes it on (it is a coroutine: the pool may hash the text)."""
    return asyncio.run(pipeline.process_item(article))


def test_pipelines_clean_before_they_validate_and_decide_before_they_write():
    pipelines = project_settings().getdict("ITEM_PIPELINES")
    order = [path.rsplit(".", 1)[1] for path, _ in sorted(pipelines.items(), key=lambda kv: kv[1])]
    # the category page before the post: no post on disk ever lacks its page; pictures are kept only
    # for posts that will be written (decided), and before the post that points at their files
    assert order == ["CleanPipeline", "ValidatePipeline", "DedupePipeline", "DecidePipeline",
                     "PicturesPipeline", "PageFilesPipeline", "SitePipeline", "ArchivePipeline"]


def test_without_state_the_post_goes_to_the_formats_path():
    crawler = get_crawler()
    assert decide(DecidePipeline(crawler, "jekyll"), item()).path == "_posts/2024-05-20-1.md"
    assert decide(DecidePipeline(crawler, "hugo"), item()).path == "content/posts/2024-05-20-1.md"


def test_with_state_a_known_story_keeps_its_path_and_a_copy_is_dropped(tmp_path):
    crawler = get_crawler()
    with StateStore(tmp_path / "state.sqlite") as store:
        state = StateExtension(crawler, store)
        archived = item(published=datetime(2024, 5, 19, 8, tzinfo=SHANGHAI))
        archived.path = "_posts/2024-05-19-1.md"
        state.post_written(archived, archived.path, "created")
        pipeline = DecidePipeline(crawler, "jekyll", state)
        assert decide(pipeline, item()).path == "_posts/2024-05-19-1.md"  # a story never moves
        copy = item(url="http://m.paper.example/b/9.html", id="9")
        with pytest.raises(DropItem, match=r"duplicate of _posts/2024-05-19-1.md from http://paper.example/a/1.html"):
            decide(pipeline, copy)
        assert store.lookup_article(canonical_url(copy.url)) is None
        assert not store.should_fetch(copy.url, datetime.now(SHANGHAI), None)  # remembered as a copy
    assert crawler.stats.get_value("newscrawl/dropped") == 1


def test_a_copy_of_a_story_decided_but_not_yet_written_is_dropped(tmp_path):
    # Posts are written while later items are decided: the first copy is not in the state yet.
    crawler = get_crawler()
    with StateStore(tmp_path / "state.sqlite") as store:
        pipeline = DecidePipeline(crawler, "jekyll", StateExtension(crawler, store))
        first = decide(pipeline, item())
        assert first.status == "created" and first.fingerprint
        with pytest.raises(DropItem, match=r"duplicate of _posts/2024-05-20-1.md from http://paper.example/a/1"):
            decide(pipeline, item(url="http://m.paper.example/b/9.html", id="9"))
        other_story_same_path = decide(pipeline, item(url="http://paper.example/c/1.html", paragraphs=["另一篇。"]))
        assert other_story_same_path.path == distinct("_posts/2024-05-20-1.md", "http://paper.example/c/1.html")
        # Once the first copy's item is done (written and recorded: here, neither), the state answers.
        crawler.signals.send_catch_log(signals.item_scraped, item=first, response=None, spider=None)
        assert decide(pipeline, item(url="http://m.paper.example/b/9.html", id="9")).status == "created"
    assert crawler.stats.get_value("newscrawl/dropped") == 1


def test_a_copy_of_a_story_decided_but_not_yet_written_leads_to_that_story(tmp_path):
    # Its URL must follow the story's plan in later runs (re-checks, corrections), not be a dead end.
    crawler = get_crawler()
    with StateStore(tmp_path / "state.sqlite") as store:
        state = StateExtension(crawler, store)
        pipeline = DecidePipeline(crawler, "jekyll", state)
        first = decide(pipeline, item())
        copy = item(url="http://paper.example/print/1.html", id="p1")
        with pytest.raises(DropItem, match="duplicate of"):
            decide(pipeline, copy)
        state.post_written(first, first.path, "created")  # the first copy's post is written afterwards
        assert store.lookup_url(copy.url)[1].key == canonical_url(first.url)


# -- two stories, one id (issue 18): identity is the canonical URL, the id only names the file --


def distinct(path: str, url: str) -> str:
    """Return the name a second story wanting ``path`` gets: a short hash of its canonical URL before ``.md``."""
    return path[:-3] + "-" + short_hash(canonical_url(url))[:8] + ".md"


def test_a_later_story_with_an_archived_id_is_a_new_post_and_the_first_is_not_updated(tmp_path):
    crawler = get_crawler()
    with StateStore(tmp_path / "state.sqlite") as store:
        state = StateExtension(crawler, store)
        first = item(url="http://paper.example/2024/05/20/1234.html", id="1234")
        first.path = "_posts/2024-05-20-1234.md"
        state.post_written(first, first.path, "created")
        pipeline = DecidePipeline(crawler, "jekyll", state)
        second = item(url="http://paper.example/2023/01/07/1234.html", id="1234", paragraphs=["另一则消息。"])
        decided = decide(pipeline, second)
        assert decided.status == "created"
        assert decided.path == distinct("_posts/2024-05-20-1234.md", second.url)
        third = item(url="http://paper.example/2023/01/07/1234.html", id="1234", paragraphs=["另一则消息。"],
                     published=datetime(2023, 1, 7, 10, tzinfo=SHANGHAI))
        crawler.signals.send_catch_log(signals.item_scraped, item=decided, response=None, spider=None)
        assert decide(pipeline, third).path == "_posts/2023-01-07-1234.md"  # another day: the plain name
        again = item(url="http://paper.example/2024/05/20/1234.html", id="1234")
        assert (decide(pipeline, again).status, again.path) == ("unchanged", "_posts/2024-05-20-1234.md")


def test_two_stories_with_one_id_and_day_in_one_run_get_two_names(tmp_path):
    crawler = get_crawler()
    with StateStore(tmp_path / "state.sqlite") as store:
        pipeline = DecidePipeline(crawler, "jekyll", StateExtension(crawler, store))
        yaowen = decide(pipeline, item(url="http://paper.example/yaowen/5678.html", id="5678"))
        tiyu = decide(pipeline, item(url="http://paper.example/tiyu/5678.html", id="5678",
                                     paragraphs=["体育版的消息。"]))
        # another profile (or a one-off crawl) writing into the same archive
        other = decide(pipeline, item(url="http://other.example/a/5678.html", site="other", id="5678",
                                      paragraphs=["别的报纸的消息。"]))
    assert yaowen.path == "_posts/2024-05-20-5678.md"
    assert tiyu.path == distinct(yaowen.path, tiyu.url) and tiyu.status == "created"
    assert other.path == distinct(yaowen.path, other.url) and other.status == "created"
    assert crawler.stats.get_value("newscrawl/dropped") is None


def test_without_state_two_stories_with_one_name_get_two_names():
    pipeline = DecidePipeline(get_crawler(), "jekyll")
    first = decide(pipeline, item(url="http://paper.example/yaowen/5678.html", id="5678"))
    second = decide(pipeline, item(url="http://paper.example/tiyu/5678.html", id="5678", paragraphs=["另一篇。"]))
    assert first.path == "_posts/2024-05-20-5678.md"
    assert second.path == distinct(first.path, second.url)


def test_decide_keeps_no_map_keyed_by_id(tmp_path):
    crawler = get_crawler()
    with StateStore(tmp_path / "state.sqlite") as store:
        pipeline = DecidePipeline(crawler, "jekyll", StateExtension(crawler, store))
        held = decide(pipeline, item())
        maps = [value for value in vars(pipeline).values() if isinstance(value, dict)]
        assert not [m for m in maps if any(isinstance(key, int) for key in m)], maps
        crawler.signals.send_catch_log(signals.item_scraped, item=held, response=None, spider=None)
        assert not [m for m in maps if m]  # nothing is held once the item is done
