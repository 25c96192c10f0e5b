"""Sitemap mode: sitemap indexes, (news) sitemaps and robots.txt lead to articles.

Reading sitemaps and robots.txt is Scrapy's job (see
:mod:`newscrawl.modes.sitemap_parser`); this mode adds the profile's rules,
the day window, and skipping child sitemaps unchanged since the last run.
"""

from __future__ import annotations

import logging
from typing import Iterable

import scrapy

from newscrawl.modes.base import CrawlMode
from newscrawl.modes.config import mode_config
from newscrawl.modes.links import is_non_article
from newscrawl.modes.sitemap_parser import SitemapError, parse_sitemap, sitemaps_in_robots
from newscrawl.modes.window import select_window

logger = logging.getLogger(__name__)


class SitemapMode(CrawlMode):
    """Walk sitemaps from the profile's URLs and schedule the URLs in the day window."""

    name = "sitemap"

    def __init__(self, spider, profile, options):
        super().__init__(spider, profile, options)
        self.config = mode_config(profile, "sitemap")
        self.window = select_window(options, profile.timezone, self.config.recent_days)

    def start_requests(self) -> Iterable[scrapy.Request]:
        """Yield one request per sitemap (or robots.txt) of the selected section."""
        return self.start_pages(self.config.urls, self.parse_sitemap)

    def parse_sitemap(self, response: scrapy.http.Response) -> Iterable[scrapy.Request]:
        """Yield child sitemaps of an index, or article requests of a urlset."""
        section = response.meta.get("section")
        if response.url.rstrip("/").endswith("/robots.txt"):
            for url in sitemaps_in_robots(response.body, response.url):
                yield from self._child(url, section)
            return
        try:
            sitemap = parse_sitemap(response.body, response.url, self.profile.timezone)
        except SitemapError as exc:
            logger.error("not a sitemap: %s: %s", response.url, exc)
            self.spider.record_failure(response.url, f"not a sitemap: {exc}")
            return
        for entry in sitemap.entries:
            if sitemap.kind == "index":
                if self.may_hold_new(entry.lastmod):
                    yield from self._child(entry.url, section)
            elif self.wanted(entry.url, entry.published):
                hints = {k: v for k, v in (("title", entry.news_title), ("published", entry.news_published),
                                           ("modified", entry.lastmod)) if v}
                request = self.article(entry.url, section=section, hints=hints)
                if request is not None:
                    yield request

    def _child(self, url: str, section: str | None) -> Iterable[scrapy.Request]:
        if self.config.follow and not self.config.follow.search(url):
            return
        request = self.follow(url, self.parse_sitemap, section=section)
        if request is not None:
            yield request

    def may_hold_new(self, lastmod) -> bool:
        """Return False for a child sitemap last changed before the window opens or the last run.

        A sitemap unchanged since the last finished run began holds only
        articles that run saw already (incremental runs skip it, unless they
        re-check archived articles).
        """
        if lastmod is None:
            return True
        if lastmod.tzinfo is None:
            lastmod = lastmod.replace(tzinfo=self.profile.timezone)
        state = getattr(self.spider, "state", None)
        since = state.last_run_started if state is not None else None
        rechecks = self.profile.recheck_hours or (state.recheck_hours if state is not None else None)
        if since is not None and not rechecks and not self.spider.recheck and lastmod < since:
            self.spider.crawler.stats.inc_value("newscrawl/sitemaps_unchanged")
            return False
        if self.window.first is None:
            return True
        return lastmod.astimezone(self.profile.timezone).date() >= self.window.first

    def wanted(self, url: str, published) -> bool:
        """Return True when the URL is an article by the profile's pattern and in the window."""
        if is_non_article(url) or (self.config.articles and not self.config.articles.search(url)):
            return False
        return self.window.contains(published, self.profile.timezone)
