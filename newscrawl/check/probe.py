"""LiveProbe: what a ``check --live`` crawl saw — each entry page, its links, each item.

A spider middleware, enabled only for live checks, next to the spider so that
it sees everything the spider yields. An entry page is a page a crawl mode
reads (a listing, an e-paper 版面, a feed, a sitemap, an API list); an article
request is one the spider will extract (``page_kind`` "article", or an API
detail call standing for its article page). The probe counts every link a page
offers but lets only the first NEWSCRAWL_CHECK_ARTICLES article requests through,
and no further entry page after them: a check samples the site, it does not
crawl it all.
"""

from __future__ import annotations

from dataclasses import dataclass

import scrapy
from scrapy import signals

from newscrawl.items import ArticleItem
from newscrawl.spiders.routing import CALLBACK, MODE


@dataclass
class PageSeen:
    """One entry page: the mode that read it, what it answered and what it led to."""

    mode: str
    url: str
    status: int
    articles: int = 0  # article requests the page produced
    pages: int = 0  # further entry pages it led to
    fetched: str | None = None  # the URL actually downloaded, when a mirror stood in for ``url``

    def problem(self) -> str | None:
        """Return why the page failed (naming the URL fetched), or None when it was answered."""
        if self.status < 400:
            return None
        via = f" (fetched from {self.fetched})" if self.fetched and self.fetched != self.url else ""
        return f"{self.mode}: FAILED: HTTP {self.status} at {self.url}{via}"

    def line(self) -> str:
        """Return the page's report line."""
        if self.status >= 400:
            return f"{self.mode} {self.url}: HTTP {self.status}"
        return f"{self.mode} {self.url}: {self.articles} article links, {self.pages} more pages"


def is_article_request(request: scrapy.Request) -> bool:
    """Return True when ``request`` fetches an article (or the API record standing for one)."""
    return request.meta.get("page_kind") == "article" or "article_url" in request.meta


def mode_of(request: scrapy.Request | None, spider) -> str | None:
    """Return the name of the crawl mode whose callback reads ``request``'s response, or None."""
    if request is None or CALLBACK not in request.meta or "article_url" in request.meta:
        return None
    return spider.mode(request.meta[MODE]).name


class LiveProbe:
    """Record the entry pages, the article URLs and the items of one crawl."""

    def __init__(self, crawler, limit: int = 0):
        self.limit = limit  # article requests let through (0: all)
        self.pages: dict[str, PageSeen] = {}  # by URL, in the order they were answered
        self.listed = 0  # article URLs the profile lists itself (the urls mode)
        self.article_urls: list[str] = []  # article requests, in the order they were made
        self.items: list[ArticleItem] = []
        self.empty: list[str] = []  # article pages that produced no item (and no failure): outside the day window
        self.records: set[str] = set()  # articles that are API records holding their body (a 快讯 may be short)
        crawler.signals.connect(self.response_received, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler) -> "LiveProbe":
        """Build the probe from NEWSCRAWL_CHECK_ARTICLES and listen for responses."""
        return cls(crawler, crawler.settings.getint("NEWSCRAWL_CHECK_ARTICLES"))

    @property
    def sampled(self) -> bool:
        """Return True once as many article requests went out as the check wants."""
        return bool(self.limit) and len(self.article_urls) >= self.limit

    def response_received(self, response, request, spider) -> None:
        """Note an entry page and its status (errors included: they never reach the callback)."""
        mode = mode_of(request, spider)
        if mode is not None:
            self.pages.setdefault(response.url, PageSeen(mode, response.url, response.status, fetched=request.url))

    async def process_start(self, start):
        """Count the article URLs a profile lists itself; pass the start requests on."""
        async for request in start:
            if isinstance(request, scrapy.Request) and is_article_request(request):
                self.listed += 1
                if self.sampled:
                    continue
                self.article_urls.append(request.url)
            yield request

    def process_spider_output(self, response, result):
        """Pass the spider's output on, noting links and items, up to the sample."""
        produced = False
        for out in result:
            produced |= isinstance(out, ArticleItem)
            if self._let_through(response, out):
                yield out
        self._done(response, produced)

    async def process_spider_output_async(self, response, result):
        """Pass the spider's output on, noting links and items, up to the sample."""
        produced = False
        async for out in result:
            produced |= isinstance(out, ArticleItem)
            if self._let_through(response, out):
                yield out
        self._done(response, produced)

    def _let_through(self, response, out) -> bool:
        """Record one output of the spider; return False for a request past the sample."""
        if isinstance(out, ArticleItem):
            self.items.append(out)
            page = self.pages.get(response.url)
            if page is not None:  # an API record that holds its body: an article of the list page itself
                page.articles += 1
                self.article_urls.append(out.url)
                self.records.add(out.url)
            return True
        if not isinstance(out, scrapy.Request):
            return True
        page = self.pages.get(response.url)
        article = is_article_request(out)
        if page is not None:
            if article:
                page.articles += 1
            else:
                page.pages += 1
        if self.sampled:
            return False
        if article:
            self.article_urls.append(out.meta.get("article_url") or out.url)
        return True

    def _done(self, response, produced: bool) -> None:
        request = response.request
        if not produced and request is not None and is_article_request(request):
            self.empty.append(request.meta.get("article_url") or response.url)
