"""Listing mode: section pages with pagination, leading to article pages."""

from __future__ import annotations

from typing import Iterable

import scrapy

from newscrawl.modes.base import CrawlMode, page_selector


class ListingMode(CrawlMode):
    """Crawl each start listing, follow its next pages, schedule its articles."""

    name = "listing"

    def start_requests(self) -> Iterable[scrapy.Request]:
        """Yield one request per start listing in the selected section."""
        for start in self.profile.listing.start_urls:
            if not self.options.wants_section(start.section):
                continue
            request = self.follow(self.profile.absolute(start.url), self.parse_listing,
                                  section=start.section, start=True)
            if request is not None:
                yield request

    def parse_listing(self, response: scrapy.http.Response) -> Iterable[scrapy.Request]:
        """Yield article requests and next-page requests found on a listing page."""
        rules = self.profile.listing
        section = response.meta.get("section")
        links = _links(response)
        articles = [url for url in links if rules.is_article(url)]
        known = [url for url in articles if self.spider.known_article(url, self.profile)]
        for url in articles:
            request = self.article(url, section=section)
            if request is not None:
                yield request
        if articles and len(known) == len(articles):
            # Listings run newest first: a page of archived articles means the
            # pages after it hold nothing new either.
            self.spider.crawler.stats.inc_value("newscrawl/listings_stopped_early")
            return
        for url in links:
            if not rules.is_article(url) and rules.is_next_page(url):
                request = self.follow(url, self.parse_listing, section=section)
                if request is not None:
                    yield request


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
