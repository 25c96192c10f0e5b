"""Feed mode: RSS, Atom or JSON Feed entries are the articles.

Reading the feed is feedparser's job (see :mod:`newscrawl.modes.feed_parser`);
this mode adds the profile's article rule, the run's day window and the
entry's title and date as hints for the article page.
"""

from __future__ import annotations

import logging
from typing import Iterable

import scrapy

from newscrawl.modes.base import CrawlMode
from newscrawl.modes.config import mode_config
from newscrawl.modes.feed_parser import FeedError, parse_feed
from newscrawl.modes.links import is_non_article
from newscrawl.modes.window import select_window

logger = logging.getLogger(__name__)


class FeedMode(CrawlMode):
    """Fetch each feed and schedule its entries that fall in the day window."""

    name = "feed"

    def __init__(self, spider, profile, options):
        super().__init__(spider, profile, options)
        self.config = mode_config(profile, "feed")
        self.window = select_window(options, profile.timezone, self.config.recent_days)

    def start_requests(self) -> Iterable[scrapy.Request]:
        """Yield one request per feed of the selected section."""
        return self.start_pages(self.config.urls, self.parse_feed)

    def parse_feed(self, response: scrapy.http.Response) -> Iterable[scrapy.Request]:
        """Yield article requests for the feed's entries, with title and date as hints."""
        try:
            entries = parse_feed(response.body, response.url, self.profile.timezone)
        except FeedError as exc:
            logger.error("not a feed: %s: %s", response.url, exc)
            self.spider.record_failure(response.url, f"not a feed: {exc}")
            return
        section = response.meta.get("section")
        for entry in entries:
            url = entry.url
            if is_non_article(url) or not self.wanted(url, entry.published):
                continue
            hints = {k: v for k, v in (("title", entry.title), ("published", entry.published),
                                       ("modified", entry.modified)) if v}
            request = self.article(url, section=section, hints=hints)
            if request is not None:
                yield request

    def wanted(self, url: str, published) -> bool:
        """Return True when the entry matches the article pattern and the day window."""
        if self.config.articles and not self.config.articles.search(url):
            return False
        return self.window.contains(published, self.profile.timezone)
