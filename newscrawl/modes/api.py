"""API mode: JSON list endpoints name records; a detail endpoint or the record's page gives the body.

Each feed of the profile's ``api`` block is read on its own: its list URLs
(every value, every page) are fetched; each record in the date window (and in
a wanted category) leads either to its detail endpoint, whose body HTML is
framed as a page for the extractor, or — in a list-only feed — to its public
article page, fetched and extracted with the record's fields as hints.
"""

from __future__ import annotations

import logging
from typing import Iterable

import scrapy
from scrapy.http import HtmlResponse

from newscrawl.modes.apiconfig import ApiFeed
from newscrawl.modes.base import CrawlMode
from newscrawl.modes.config import mode_config
from newscrawl.modes.records import (
    ApiError, ApiRecord, article_page_url, category_for, detail_page_url, list_page_urls, parse_detail,
    parse_list, record_page,
)
from newscrawl.modes.window import select_window

logger = logging.getLogger(__name__)


class ApiMode(CrawlMode):
    """Read each feed's list pages, then each selected record's detail or article page."""

    name = "api"

    def __init__(self, spider, profile, options):
        super().__init__(spider, profile, options)
        self.feeds = mode_config(profile, "api").feeds
        self.window = select_window(options, profile.timezone, None)

    def start_requests(self) -> Iterable[scrapy.Request]:
        """Yield one request per list page of every feed; first pages are start pages."""
        for index, feed in enumerate(self.feeds):
            if not self.options.wants_section(feed.section):
                continue  # --section names another feed's section
            for page in range(1, feed.pages + 1):
                for url in list_page_urls(feed, page, self.profile.base_url):
                    request = self.follow(url, self.parse_list, section=feed.section,
                                          start=page == 1, feed=index)
                    if request is not None:
                        yield request

    def parse_list(self, response: scrapy.http.Response) -> Iterable[scrapy.Request]:
        """Yield a request for each record in the window and in a wanted category."""
        index = response.meta.get("feed", 0)
        feed = self.feeds[index]
        try:
            records = parse_list(response.body, feed, self.profile.timezone, response.url)
        except ApiError as exc:
            self._fail(response.url, f"bad list response: {exc}")
            return
        logger.debug("api feed %s: %d records at %s", feed.name, len(records), response.url)
        for record in records:
            request = self.record_request(record, feed, index)
            if request is not None:
                yield request

    def record_request(self, record: ApiRecord, feed: ApiFeed, index: int) -> scrapy.Request | None:
        """Return the request for ``record`` (detail or article page), or None when it is skipped.

        The spider's ``article_request`` (dedupe, state, hosts, limit) is asked
        for the record's public URL; with a detail endpoint, the request it
        returns is re-pointed there and the public URL kept for the post.
        """
        category = category_for(record, feed)
        if feed.only_categories and category is None:
            return None
        if not self.window.contains(record.published, self.profile.timezone):
            return None
        detail = detail_page_url(feed, record, self.profile.base_url)
        url = article_page_url(feed, record, self.profile.base_url) or detail
        request = self.article(url, section=feed.section, hints=_hints(record, feed, category))
        if request is None or detail is None:
            return request
        # A JSON detail call, never a page to render in a browser.
        return request.replace(url=detail, callback=self.parse_detail,
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
        meta["hints"] = hints
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
