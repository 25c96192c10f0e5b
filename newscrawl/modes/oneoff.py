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

    def start_requests(self) -> Iterable[scrapy.Request]:
        """Yield one request per URL the run was given."""
        for url in self.profile.modes_config["oneoff"]:
            # Read as an article unless it turns out a feed or sitemap; a page
            # rendered in a browser that is not HTML is fetched again as it is.
            request = self.follow(url, self.parse_any, start=True, page_kind="article")
            if request is not None:
                yield request

    def parse_any(self, response: scrapy.http.Response):
        """Follow a feed or sitemap; extract anything else as one article."""
        kind = sniff_kind(response.body)
        if kind == "feed":
            yield from self._delegate(FeedMode, "feed", response).parse_feed(response)
        elif kind == "sitemap" or response.url.rstrip("/").endswith("/robots.txt"):
            yield from self._delegate(SitemapMode, "sitemap", response).parse_sitemap(response)
        elif self.spider.accept_article(response.url, self.profile):
            yield from self.spider.parse_article(response)

    def _delegate(self, mode_class, key: str, response) -> CrawlMode:
        """Return a feed/sitemap mode over this profile, configured for ``response``'s URL."""
        profile = replace(self.profile, modes_config={key: {"urls": [response.url]}})
        return mode_class(self.spider, profile, self.options)
