"""On a shared queue each URL keeps its first outcome: a request taken twice is listed once (issue 18)."""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from newscrawl import signals
from newscrawl.items import ArticleItem
from newscrawl.spiders.accounts import Accounts

URL = "http://paper.example/a/1.html"


def accounts(shared: bool) -> tuple[Accounts, list[tuple[str, str]]]:
    """Return the accounts of a crawl (on Redis when ``shared``) and the outcomes it announces."""
    crawler = get_crawler(settings_dict={"NEWSCRAWL_REDIS": "redis://127.0.0.1:1/0"} if shared else {})
    crawler.stats.open_spider()
    told: list[tuple[str, str]] = []
    crawler.signals.connect(lambda url, reason, **kw: told.append(("failed", url)), signal=signals.page_failed,
                            weak=False)
    crawler.signals.connect(lambda url, reason: told.append(("dropped", url)), signal=signals.article_dropped,
                            weak=False)
    crawler.signals.connect(lambda url, path: told.append(("unchanged", url)), signal=signals.article_not_modified,
                            weak=False)
    return Accounts(crawler), told


def item(url: str = URL, aliases: list[str] | None = None) -> ArticleItem:
    return ArticleItem(url=url, site="paper", aliases=aliases or [])


def test_a_second_failure_or_drop_of_a_url_is_left_out_on_a_shared_queue():
    books, told = accounts(shared=True)
    books.failed(URL, "fetch failed: HTTP 404")
    books.failed(URL, "fetch failed: HTTP 404")
    books.dropped(URL, "missing published date")
    assert told == [("failed", URL)]
    assert books.stats.get_value("newscrawl/redis/outcomes_repeated") == 2


def test_a_second_item_of_a_url_is_left_out_and_outcomes_after_a_post_too():
    books, told = accounts(shared=True)
    redirected = "http://paper.example/r/1.html"
    assert books.first_item(item(aliases=[redirected]))
    assert not books.first_item(item())
    books.dropped(redirected, "duplicate: redirects to " + URL)  # the other taker's redirect, refused
    books.failed(URL, "fetch failed: timed out")
    assert told == []


def test_a_post_after_a_failure_is_kept_and_an_item_after_a_304_is_not():
    books, told = accounts(shared=True)
    books.failed(URL, "fetch failed: HTTP 500")
    assert books.first_item(item())  # the other taker has the story: it is not lost
    other = "http://paper.example/a/2.html"
    books.not_modified(other, "_posts/2.md")
    assert not books.first_item(item(other))
    assert told == [("failed", URL), ("unchanged", other)]


def test_in_one_process_every_outcome_is_told():
    books, told = accounts(shared=False)
    books.failed(URL, "fetch failed: HTTP 404")
    books.failed(URL, "fetch failed: HTTP 404")
    assert books.first_item(item()) and books.first_item(item())
    assert told == [("failed", URL), ("failed", URL)]
