"""API mode: JSON list endpoints name records; a detail endpoint, the record's page or the record itself gives the body.

Each feed of the profile's ``api`` block is read on its own. Its list URLs are
fetched: every ``{page}`` at once, or, for a feed that pages by ``{cursor}``,
one page after the other, each asked for with a value from the page before,
until a page holds nothing new: its oldest record is older than the run's
window (``--since``, or the feed's ``recent_days``), every record on it is
archived already, or ``pages`` pages were read. Each record in the window
(and in a wanted category) then leads to its detail endpoint (the body HTML
framed as a page for the extractor), to its public article page (a list-only
feed: fetched and extracted, the record's fields as hints), or, when the
record holds its body (a 快讯), straight to the extractor. A topic row's
linked pages (news.cn ``linkUrls``) are records of their own. No record is
passed over without a word: each skip is counted by its reason.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import AsyncIterator

import scrapy
from scrapy.http import HtmlResponse

from newscrawl.modes.apiconfig import ApiFeed
from newscrawl.modes.base import CrawlMode
from newscrawl.modes.config import mode_config
from newscrawl.modes.records import (
    ApiError, ApiRecord, article_page_url, category_for, detail_page_url, is_article_url, linked_records,
    list_page_urls, missing_field, parse_detail, parse_list_page, record_page, record_text,
)
from newscrawl.modes.window import select_window

logger = logging.getLogger(__name__)

# Why a record leads to no article (the spider adds its own: off hosts, listed twice, past --limit)
OUTSIDE_WINDOW = "outside the date window"
NOT_WANTED = "category not wanted"
NOT_ARTICLE = "not an article link"
TOPIC_ROW = "topic row (its linked pages are followed)"
NOT_RECORD = "not a record"
TAKEN, ARCHIVED = "taken", "archived"  # what a list page's records led to, for its next page


class ApiMode(CrawlMode):
    """Read each feed's list pages, then each selected record's detail or article page, or the record itself."""

    name = "api"

    def __init__(self, spider, profile, options):
        super().__init__(spider, profile, options)
        self.feeds = mode_config(profile, "api").feeds
        self.windows = [select_window(options, profile.timezone, feed.recent_days) for feed in self.feeds]

    def start_requests(self):
        """Yield the first list page of every feed (all its pages, for a feed paged by ``{page}``)."""
        for index, feed in enumerate(self.feeds):
            if not self.options.wants_section(feed.section):
                continue  # --section names another feed's section
            for page in range(1, (1 if feed.cursor else feed.pages) + 1):
                for url in list_page_urls(feed, page, self.profile.base_url):
                    request = self._list_request(url, feed, index, page, start=page == 1)
                    if request is not None:
                        yield request

    def _list_request(self, url: str, feed: ApiFeed, index: int, page: int, start: bool = False):
        return self.follow(url, self.parse_list, section=feed.section, start=start, feed=index, list_page=page,
                           headers=dict(feed.headers))

    async def parse_list(self, response: scrapy.http.Response) -> AsyncIterator:
        """Yield a request (or, for a record that holds its body, the item) for each record to take, then the next page."""
        index, page_number = response.meta.get("feed", 0), response.meta.get("list_page", 1)
        feed = self.feeds[index]
        try:
            page = parse_list_page(response.body, feed, self.profile.timezone, response.url)
        except ApiError as exc:
            self._fail(response.url, f"bad list response: {exc}")
            return
        logger.debug("api feed %s: %d records at %s", feed.name, len(page.records), response.url)
        for _ in range(page.others):
            self.spider.skip_record(NOT_RECORD)
        tally = Counter()
        for record in page.records:
            for taken in self._records(record, feed):
                async for out in self.take(taken, feed, index, tally):
                    yield out
        following = self._next_page(page, feed, index, page_number, tally)
        if following is not None:
            yield following

    def _records(self, record: ApiRecord, feed: ApiFeed) -> list[ApiRecord]:
        """Return the records a list entry stands for: itself, or the pages a topic row links to."""
        if not record.links:
            return [record]
        self.spider.skip_record(TOPIC_ROW)
        return linked_records(record)

    def _next_page(self, page, feed: ApiFeed, index: int, number: int, tally: Counter):
        """Return the request for the list page after ``number`` of a cursor feed, or None where paging ends.

        ``tally`` says how many records of the page were taken and how many the archive holds already.
        """
        if feed.cursor is None or not page.cursor or number >= feed.pages:
            return None
        window = self.windows[index]
        times = [r.published for r in page.records if r.published is not None]
        if window.first is not None and times and min(times).astimezone(self.profile.timezone).date() < window.first:
            return None  # the window ends on this page
        if tally[ARCHIVED] and not tally[TAKEN] and not self._resuming():
            return None  # nothing new here: earlier runs read on from this point
        url = list_page_urls(feed, number + 1, self.profile.base_url, page.cursor)[0]
        return self._list_request(url, feed, index, number + 1)

    def _resuming(self) -> bool:
        state = self.spider.state
        return state is not None and state.resuming

    async def take(self, record: ApiRecord, feed: ApiFeed, index: int, tally: Counter) -> AsyncIterator:
        """Yield what ``record`` leads to (a request, or the items of a record that holds its body).

        A skip is counted by its reason; ``tally`` counts the records taken and those archived already.
        """
        reason, request = self.record_request(record, feed, index)
        if reason is not None:
            self.spider.skip_record(reason)
            return
        if request is None:
            tally[ARCHIVED] += 1  # the state says no: archived, dropped or pruned (counted by the spider)
            return
        tally[TAKEN] += 1
        if not feed.record_body:
            yield request
            return
        title, body = record_text(record)
        meta = {**request.meta, "framed": True, "page_kind": None}
        page = HtmlResponse(url=request.url, body=record_page(title, record.published, body or ""), encoding="utf-8",
                            request=request.replace(meta=meta))
        async for item in self.spider.parse_article(page):
            yield item

    def record_request(self, record: ApiRecord, feed: ApiFeed, index: int) -> tuple[str | None, scrapy.Request | None]:
        """Return why ``record`` is skipped (or None), and its request (detail or article page) when it is taken.

        The spider's ``article_request`` (dedupe, state, hosts, limit) is asked
        for the record's public URL. That URL only names the post when the body
        comes from elsewhere (a detail endpoint, the record itself): its host
        does not filter then. With a detail endpoint, the request is re-pointed
        there and the public URL kept for the post.
        """
        missing = missing_field(record, feed)
        if missing is not None:
            return missing, None
        category = category_for(record, feed)
        if feed.only_categories and category is None:
            return NOT_WANTED, None
        if not self.windows[index].contains(record.published, self.profile.timezone):
            return OUTSIDE_WINDOW, None
        detail = detail_page_url(feed, record, self.profile.base_url)
        url = article_page_url(feed, record, self.profile.base_url) or detail
        if feed.list_only and not is_article_url(url, feed, self.profile.listing):
            return NOT_ARTICLE, None
        refused = self.spider.refusal(url, self.profile, check_host=feed.list_only, modified=record.published)
        if refused is not None:
            return refused, None
        request = self.article(url, section=feed.section, hints=_hints(record, feed, category),
                               headers=dict(feed.headers), check_host=feed.list_only)
        if request is None or detail is None:
            return None, request
        # A JSON detail call, never a page to render in a browser.
        return None, request.replace(url=detail, callback=self.parse_detail,
                                     meta={**request.meta, "article_url": url, "feed": index, "page_kind": None})

    async def parse_detail(self, response: scrapy.http.Response):
        """Yield the article item built from a detail record through the spider's extractor."""
        feed = self.feeds[response.meta.get("feed", 0)]
        try:
            detail = parse_detail(response.body, feed, self.profile.timezone)
        except ApiError as exc:  # listed under the article it stands for, which the spider's books hold open
            self._fail(response.meta.get("article_url") or response.url,
                       f"bad detail response from {response.url}: {exc}")
            return
        meta = dict(response.meta)
        hints = dict(meta.get("hints") or {})
        for key, value in (("title", detail.title), ("published", detail.published),
                           ("source", detail.source)):
            if value and not hints.get(key):
                hints[key] = value
        meta.update(hints=hints, framed=True)
        url = meta["article_url"]
        page = HtmlResponse(url=url, body=record_page(hints.get("title"), hints.get("published"),
                                                      detail.body_html),
                            encoding="utf-8", request=response.request.replace(url=url, meta=meta))
        async for item in self.spider.parse_article(page):
            # The record names its outlet; the body's 来源 line is only read from text.
            item.source = hints.get("source") or item.source
            yield item

    def _fail(self, url: str, reason: str) -> None:
        logger.error("%s: %s", url, reason)
        self.spider.record_failure(url, reason)


def _hints(record: ApiRecord, feed: ApiFeed, category: tuple[str, str] | None) -> dict:
    """Return the item fields a record gives, for what the page itself lacks."""
    hints = {"id": record.id, "title": record.title, "published": record.published,
             "source": record.media, "digest": record.digest,
             "modified": record.published}  # a record whose time moves past our last look is re-fetched
    if category:
        hints["category"], hints["category_name"] = category
        if feed.category and feed.category.link:
            hints["category_url"] = feed.category.link
    return {k: v for k, v in hints.items() if v}
