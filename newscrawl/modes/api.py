"""API mode: a JSON list endpoint names records, a detail endpoint gives their body HTML."""

from __future__ import annotations

import logging
from typing import Iterable

import scrapy
from scrapy.http import HtmlResponse

from newscrawl.modes.base import CrawlMode
from newscrawl.modes.config import mode_config
from newscrawl.modes.links import canonical_url
from newscrawl.modes.records import (
    ApiError, ApiRecord, article_page_url, category_for, detail_page_url, list_page_url, parse_detail,
    parse_list, record_page,
)
from newscrawl.modes.window import select_window

logger = logging.getLogger(__name__)


class ApiMode(CrawlMode):
    """Read the list pages, fetch each selected record's detail, extract it as an article."""

    name = "api"

    def __init__(self, spider, profile, options):
        super().__init__(spider, profile, options)
        self.config = mode_config(profile, "api")
        self.window = select_window(options, profile.timezone, None)

    def start_requests(self) -> Iterable[scrapy.Request]:
        """Yield one request per list page."""
        for page in range(1, self.config.pages + 1):
            url = list_page_url(self.config, page, self.profile.base_url)
            request = self.follow(url, self.parse_list, start=page == 1, page=page)
            if request is not None:
                yield request

    def parse_list(self, response: scrapy.http.Response) -> Iterable[scrapy.Request]:
        """Yield a detail request for each record in the window and in a wanted category."""
        try:
            records = parse_list(response.body, self.config, self.profile.timezone)
        except ApiError as exc:
            self._fail(response.url, f"bad list response: {exc}")
            return
        for record in records:
            request = self.detail_request(record)
            if request is not None:
                yield request

    def detail_request(self, record: ApiRecord) -> scrapy.Request | None:
        """Return the detail request of ``record``, or None when it is skipped.

        The spider's ``article_request`` (dedupe, hosts, limit) is asked for the
        article URL; the request it returns is re-pointed at the detail endpoint.
        """
        category = category_for(record, self.config)
        if self.config.only_categories and category is None:
            return None
        if not self.window.contains(record.published, self.profile.timezone):
            return None
        detail = detail_page_url(self.config, record.id, self.profile.base_url)
        page = article_page_url(self.config, record, self.profile.base_url)
        url = canonical_url(page) if page else detail
        hints = {"id": record.id, "title": record.title, "published": record.published,
                 "source": record.media}
        if category:
            hints["category"], hints["category_name"] = category
        request = self.article(url, hints={k: v for k, v in hints.items() if v})
        if request is None:
            return None
        # A JSON detail call, never a page to render in a browser.
        return request.replace(url=detail, callback=self.parse_detail,
                               meta={**request.meta, "article_url": url, "page_kind": None})

    def parse_detail(self, response: scrapy.http.Response):
        """Yield the article item built from a detail record through the spider's extractor."""
        try:
            detail = parse_detail(response.body, self.config, self.profile.timezone)
        except ApiError as exc:
            self._fail(response.url, f"bad detail response: {exc}")
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
        yield from self.spider.parse_article(page)

    def _fail(self, url: str, reason: str) -> None:
        logger.error("%s: %s", url, reason)
        self.spider.record_failure(url, reason)
