"""Listing mode: section pages with pagination, leading to article pages.

Scrapy's LinkExtractor applies the profile's ``article_links`` and
``next_pages`` rules (see :mod:`newscrawl.modes.links`); our code adds the
stopping rules that keep an incremental run short.
"""

from __future__ import annotations

from typing import Iterable

import scrapy

from newscrawl.modes.base import CrawlMode, decoded
from newscrawl.modes.editions import days_in_url
from newscrawl.modes.links import link_extractor, link_key, page_links
from newscrawl.modes.window import select_window


class ListingMode(CrawlMode):
    """Crawl each start listing, follow its next pages, schedule its articles.

    Listings run newest first, so pagination stops at a page whose articles
    are all archived already (unless the last run did not finish: it may have
    archived this page and not the next), or all dated (by their URL) before
    the window.
    """

    name = "listing"

    def __init__(self, spider, profile, options):
        super().__init__(spider, profile, options)
        self.window = select_window(options, profile.timezone, None)
        self.links = ListingLinks(profile)

    def start_requests(self) -> Iterable[scrapy.Request]:
        """Yield one request per start listing in the selected section."""
        return self.start_pages(self.profile.listing.start_urls, self.parse_listing, page_kind="listing", page=1)

    def parse_listing(self, response: scrapy.http.Response) -> Iterable[scrapy.Request]:
        """Yield article requests and next-page requests found on a listing page."""
        section = response.meta.get("section")
        articles, next_pages = self.links.find(response)
        for url in articles:
            if self.in_window(url):
                request = self.article(url, section=section)
                if request is not None:
                    yield request
        if self.nothing_further(articles, response.meta.get("page", 1)):
            return
        for url in next_pages:
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
        state = getattr(self.spider, "state", None)
        resuming = state is not None and state.resuming  # an unfinished run may have left a gap further on
        if not resuming and all(self.spider.known_article(url, self.profile) for url in articles):
            stats.inc_value("newscrawl/listings_stopped_early")
            return True
        first = self.window.first
        days = [max(d) if d else None for d in map(days_in_url, articles)]
        if first is not None and all(d is not None and d < first for d in days):
            stats.inc_value("newscrawl/listings_past_window")
            return True
        return False


class ListingLinks:
    """A listing page's article links and next-page links, by the profile's rules and hosts."""

    def __init__(self, profile):
        rules = profile.listing
        self.allows = profile.allows
        # One pass over the page finds both kinds; each link is then sorted by
        # the article rules (an article link is never a next page).
        self.links = link_extractor(allow=rules.article_links + rules.next_pages)
        self.articles = link_extractor(allow=rules.article_links)

    def find(self, response: scrapy.http.Response) -> tuple[list[str], list[str]]:
        """Return (article URLs, next-page URLs) on a listing page, as written, in page order.

        Articles are one per story (:func:`link_key`); next pages are kept as
        written (``list?from=20`` is not ``list``), the spider telling pages
        apart by their request fingerprints.
        """
        articles: dict[str, str] = {}
        next_pages = []
        for url in page_links(decoded(response), self.links, self.allows, key=str):
            if self.articles.matches(url):
                articles.setdefault(link_key(url), url)
            else:
                next_pages.append(url)
        return list(articles.values()), next_pages
