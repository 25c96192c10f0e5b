"""The first requests of a crawl from WARC files: the stored article requests, then matching pages.

An article newscrawl fetched is rebuilt from its metadata record (profile,
section, hints, crawl mode and callback), so its item is built exactly as the
live crawl built it. A page another crawler stored (a CC-NEWS file) is taken
as an article of the run's profile whose hosts it is on and whose article
patterns it matches (every HTML page of its hosts when the profile has none;
every HTML page at all for a crawl of URLs with ``--category``). Every request
goes through the spider's ``accept_article`` (seen, hosts, ``--limit``, the
state's plan), unless a re-extraction gives its own plan for archived articles.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import Callable, Iterator

import scrapy

from newscrawl.modes.window import select_window
from newscrawl.state import FetchPlan
from newscrawl.warc.changes import POST_PATH
from newscrawl.warc.index import Stored, WarcIndex

logger = logging.getLogger(__name__)

REEXTRACT = "reextract"  # FetchPlan.why of an archived article read again from the files
#: The spider's methods a stored request may name; anything else in a file is refused.
CALLBACKS = ("parse_article", "parse_page")
ERRBACKS = ("on_error", "page_failed")
HTML_TYPES = ("text/html", "application/xhtml+xml", "")
#: The profile keys that say which links are articles, per crawl mode.
_PATTERN_KEYS = (("epaper", "articles"), ("feed", "articles"), ("sitemap", "articles"))


def article_patterns(profile) -> list[re.Pattern]:
    """Return the patterns the profile's crawl modes tell article URLs by (none: it gives none)."""
    patterns = list(profile.listing.article_links) if profile.listing else []
    for mode, key in _PATTERN_KEYS:
        config = profile.modes_config.get(mode)
        configs = (config.get("layouts") or [config]) if isinstance(config, dict) else []
        for part in configs:
            value = part.get(key) if isinstance(part, dict) else None
            for text in value if isinstance(value, list) else [value] if value else []:
                patterns.append(re.compile(text))
    return patterns


class StartRequests:
    """Build a crawl's first requests from a WARC index, counting what is left out and why."""

    def __init__(self, spider, index: WarcIndex, archived: Callable[[str], object] | None = None):
        self.spider = spider
        self.index = index
        self.archived = archived  # re-extraction: url -> its ArticleRecord (None: not a post); else None
        self.skipped: Counter[str] = Counter()
        self._patterns = {p.slug: article_patterns(p) for p in spider.profiles}

    def __iter__(self) -> Iterator[scrapy.Request]:
        covered: set[str] = set()
        for fields in self.index.article_requests():
            url = fields["meta"].get("article_url") or fields["url"]
            covered.update([url, fields["url"], *self.index.redirected_to(fields["url"])])
            request = self.rebuilt(fields, url)
            if request is not None:
                yield request
        for stored in self.index.pages():
            if stored.url in covered:
                continue
            request = self.page_request(stored)
            if request is not None:
                yield request

    def skip(self, reason: str) -> None:
        """Count a stored page left out, for the run's stats and report."""
        self.skipped[reason] += 1
        self.spider.crawler.stats.inc_value(f"newscrawl/warc_skipped/{reason}")

    def rebuilt(self, fields: dict, url: str) -> scrapy.Request | None:
        """Return the request a metadata record keeps, when this run takes it; else None (counted)."""
        meta = dict(fields["meta"])
        profile = self.spider.profile(meta.get("site"))
        if profile is None:
            self.skip(f"profile {meta.get('site')} not in this run")
            return None
        callback, errback = fields.get("callback"), fields.get("errback")
        if callback not in CALLBACKS or errback not in (*ERRBACKS, None) or fields.get("method", "GET") != "GET":
            self.skip("request newscrawl cannot rebuild")
            return None
        if meta.get("mode") is not None and not self._has_mode(meta["mode"]):
            self.skip(f"crawl mode {meta['mode']} no longer in the profile")
            return None
        plan = self.plan(url, profile)
        if plan is False:
            return None
        hints = meta.get("hints") or {}
        if self.spider.accept_article(url, profile, hints.get("modified"), plan=plan) is None:
            return None
        meta.update(download_maxsize=self.spider.article_maxsize, download_warnsize=self.spider.article_maxsize // 2,
                    **self._post_meta(plan))
        return scrapy.Request(fields["url"], callback=getattr(self.spider, callback),
                              errback=getattr(self.spider, errback) if errback else None, meta=meta)

    def page_request(self, stored: Stored) -> scrapy.Request | None:
        """Return an article request for a stored page of a run's profile; else None (counted)."""
        if not 200 <= (stored.status or 0) < 300 or stored.mime not in HTML_TYPES:
            self.skip("not an HTML page")
            return None
        profile = next((p for p in self.spider.profiles if p.allows(stored.url) and self._is_article(p, stored.url)),
                       None)
        if profile is None:
            self.skip("no profile of this run takes it")
            return None
        plan = self.plan(stored.url, profile)
        if plan is False:
            return None
        if self.spider.accept_article(stored.url, profile, plan=plan) is None:
            return None
        meta = {"site": profile.slug, "page_kind": "article", "article_url": stored.url,
                "download_maxsize": self.spider.article_maxsize,
                "download_warnsize": self.spider.article_maxsize // 2, **self._post_meta(plan)}
        return scrapy.Request(stored.url, callback=self.spider.parse_article, errback=self.spider.on_error, meta=meta)

    def plan(self, url: str, profile) -> FetchPlan | None | bool:
        """Return a re-extraction's plan for ``url``: False to leave it out; None when the state decides."""
        if self.archived is None:
            return None
        record = self.archived(url)
        if record is None:
            self.skip("not an archived post")
            return False
        window = select_window(self.spider.options, profile.timezone, None)
        if not window.contains(record.published, profile.timezone):
            self.skip("outside --date/--since/--until")
            return False
        return FetchPlan(True, REEXTRACT, path=record.path)

    def _post_meta(self, plan: FetchPlan | None) -> dict:
        """Return the meta naming the archived post a re-extracted page belongs to (see changes.py)."""
        return {POST_PATH: plan.path} if plan is not None and plan.path else {}

    def _is_article(self, profile, url: str) -> bool:
        patterns = self._patterns.get(profile.slug)
        return not patterns or any(p.search(url) for p in patterns)

    def _has_mode(self, key: str) -> bool:
        try:
            self.spider.mode(key)
        except KeyError:
            return False
        return True
