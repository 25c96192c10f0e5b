"""One-off mode: URLs given on the command line, recognised by their content.

A feed (RSS/Atom/JSON Feed) or a sitemap is followed with the feed or sitemap
mode's own parsing; any other page is extracted as an article.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

import scrapy

from newscrawl.modes.base import CrawlMode
from newscrawl.modes.feed import FeedMode
from newscrawl.modes.sitemap import SitemapMode
from newscrawl.modes.sniff import sniff_kind


class OneOffMode(CrawlMode):
    """Fetch each given URL, then treat it as a feed, a sitemap or an article."""

    name = "oneoff"

    def __init__(self, spider, profile, options):
        super().__init__(spider, profile, options)
        urls = list(profile.modes_config["oneoff"])
        self.feed = self._delegate(FeedMode, "feed", urls)
        self.sitemap = self._delegate(SitemapMode, "sitemap", urls)

    def submodes(self) -> list[CrawlMode]:
        """Return the feed and sitemap modes that read a URL found to be a feed or sitemap."""
        return [self.feed, self.sitemap]

    def start_requests(self) -> Iterable[scrapy.Request]:
        """Yield one request per URL the run was given."""
        for url in self.profile.modes_config["oneoff"]:
            # Read as an article unless it turns out a feed or sitemap; a page
            # rendered in a browser that is not HTML is fetched again as it is.
            request = self.follow(url, self.parse_any, start=True, page_kind="article")
            if request is not None:
                yield request

    async def parse_any(self, response: scrapy.http.Response):
        """Follow a feed or sitemap; extract anything else as one article."""
        kind = sniff_kind(response.body)
        if kind == "feed":
            for out in self.feed.parse_feed(response):
                yield out
        elif kind == "sitemap" or response.url.rstrip("/").endswith("/robots.txt"):
            for out in self.sitemap.parse_sitemap(response):
                yield out
        elif self.spider.accept_article(response.url, self.profile):
            async for item in self.spider.parse_article(response):
                yield item

    def _delegate(self, mode_class, key: str, urls: list[str]) -> CrawlMode:
        """Return a feed/sitemap mode over this profile that reads the given URLs' documents."""
        mode = mode_class(self.spider, replace(self.profile, modes_config={key: {"urls": urls}}), self.options)
        mode.key = f"{self.key}/{key}"
        return mode
