"""Listing mode: section pages with pagination, leading to article pages."""

from __future__ import annotations

from typing import Iterable

import scrapy

from newscrawl.modes.base import CrawlMode, page_selector
from newscrawl.modes.editions import days_in_url
from newscrawl.modes.window import select_window


class ListingMode(CrawlMode):
    """Crawl each start listing, follow its next pages, schedule its articles.

    Listings run newest first, so pagination stops at a page whose articles
    are all archived already, or all dated (by their URL) before the window.
    """

    name = "listing"

    def __init__(self, spider, profile, options):
        super().__init__(spider, profile, options)
        self.window = select_window(options, profile.timezone, None)

    def start_requests(self) -> Iterable[scrapy.Request]:
        """Yield one request per start listing in the selected section."""
        for start in self.profile.listing.start_urls:
            if not self.options.wants_section(start.section):
                continue
            request = self.follow(self.profile.absolute(start.url), self.parse_listing,
                                  section=start.section, page_kind="listing", start=True, page=1)
            if request is not None:
                yield request

    def parse_listing(self, response: scrapy.http.Response) -> Iterable[scrapy.Request]:
        """Yield article requests and next-page requests found on a listing page."""
        rules = self.profile.listing
        section = response.meta.get("section")
        links = _links(response)
        articles = [url for url in links if rules.is_article(url)]
        for url in articles:
            if self.in_window(url):
                request = self.article(url, section=section)
                if request is not None:
                    yield request
        if self.nothing_further(articles, response.meta.get("page", 1)):
            return
        for url in links:
            if not rules.is_article(url) and rules.is_next_page(url):
                request = self.follow(url, self.parse_listing, section=section, page_kind="listing",
                                      page=response.meta.get("page", 1) + 1)
                if request is not None:
                    yield request

    def in_window(self, url: str) -> bool:
        """Return False when the URL spells a day outside the run's window."""
        days = days_in_url(url)
        return not days or any(self.window.contains(day, self.profile.timezone) for day in days)

    def nothing_further(self, articles: list[str], page: int) -> bool:
        """Return True when the pages after this one cannot hold anything this run wants."""
        stats = self.spider.crawler.stats
        max_pages = self.profile.listing.max_pages
        if max_pages and page >= max_pages:
            stats.inc_value("newscrawl/listings_max_pages")
            return True
        if not articles:
            return False
        if all(self.spider.known_article(url, self.profile) for url in articles):
            stats.inc_value("newscrawl/listings_stopped_early")
            return True
        first = self.window.first
        days = [max(d) if d else None for d in map(days_in_url, articles)]
        if first is not None and all(d is not None and d < first for d in days):
            stats.inc_value("newscrawl/listings_past_window")
            return True
        return False


def _links(response: scrapy.http.Response) -> list[str]:
    """Return the absolute http(s) link targets on a page, in document order."""
    sel = page_selector(response)
    seen: dict[str, None] = {}
    for href in sel.xpath("//a/@href").getall():
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = response.urljoin(href).split("#", 1)[0]
        if url.startswith(("http://", "https://")):
            seen.setdefault(url, None)
    return list(seen)
