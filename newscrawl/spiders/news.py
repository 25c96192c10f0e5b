"""NewsSpider: turn site profiles into requests and article pages into items."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, AsyncIterator

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.extract import extract_article
from newscrawl.ids import article_id
from newscrawl.items import ArticleItem
from newscrawl.mirrors import Mirrors, parse_mirror, public_url
from newscrawl.modes.base import CrawlOptions
from newscrawl.modes.registry import build_modes
from newscrawl.profiles import SiteProfile
from newscrawl.spiders.arguments import (
    ArgumentError,
    check_window,
    find_site,
    parse_day,
    parse_limit,
    split_list,
    url_profile,
)

logger = logging.getLogger(__name__)


class NewsSpider(scrapy.Spider):
    """Crawl one or more newspapers described by site profiles.

    Arguments (``-a``, listed in ``arguments.SPIDER_ARGUMENTS``): ``site``
    (comma-separated profile slugs) and/or ``url`` (URLs crawled without a
    profile, separated by spaces, with ``category`` and ``timezone``),
    ``base_url`` (fetch each profile's base_url from this mirror), ``section``,
    ``date``, ``since``, ``until`` (YYYY-MM-DD), ``limit``, ``category`` and
    ``category_name``.
    """

    name = "news"

    def __init__(self, site: str | list[str] | None = None, base_url: str | None = None,
                 section: str | None = None, date: str | None = None, since: str | None = None,
                 until: str | None = None, limit: str | int | None = None,
                 category: str | None = None, category_name: str | None = None,
                 url: str | None = None, timezone: str | None = None,
                 profiles: list[SiteProfile] | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self._site_arg = split_list(site)
        self._base_url = base_url
        self._given_profiles = profiles
        self._urls = (url or "").split()
        if self._urls:  # the category names the URLs' posts, not every profile's
            self._given_profiles = [*(profiles or []), url_profile(self._urls, category, timezone or "Asia/Shanghai")]
            category = None
        window = [parse_day(name, value) for name, value in (("date", date), ("since", since), ("until", until))]
        check_window(*window)
        self.options = CrawlOptions(
            section=section, date=window[0], since=window[1], until=window[2], limit=parse_limit(limit),
            category=category, category_name=category_name,
        )
        self.outside_window: list[dict] = []  # {"url", "published"}: first articles fetched but not wanted
        self.profiles: list[SiteProfile] = []
        self.failures: list[dict] = []  # {"url", "reason"} for the run summary
        self._seen_pages: set[str] = set()
        self._seen_articles: set[str] = set()
        self._scheduled = 0
        self.mirrors = Mirrors()  # where public URLs are fetched from, see newscrawl.mirrors
        self.state = None  # the archive's StateStore, set by the StateExtension
        self.last_run_started: datetime | None = None  # start of the last finished run, from the state
        self.recheck_hours: float | None = None

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> "NewsSpider":
        """Build the spider and resolve its profiles from the crawler's settings."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        if not spider.options.limit:
            spider.options = replace(spider.options, limit=settings.getint("NEWSCRAWL_LIMIT"))
        spider.recheck_hours = settings.getfloat("NEWSCRAWL_RECHECK_HOURS") or None
        spider.profiles = spider._resolve_profiles(settings.getlist("NEWSCRAWL_PROFILE_DIRS"))
        spider.mirrors = spider._resolve_mirrors(
            settings.getlist("NEWSCRAWL_MIRRORS"),
            spider._base_url or settings.get("NEWSCRAWL_BASE_URL_OVERRIDE"),
        )
        return spider

    def _resolve_profiles(self, dirs: list[str]) -> list[SiteProfile]:
        profiles = list(self._given_profiles or [])
        profiles += [find_site(slug, dirs) for slug in self._site_arg]
        if not profiles:
            raise ArgumentError("site: give a profile slug (-a site=SLUG) or URLs (-a url=URL)")
        return profiles

    def _resolve_mirrors(self, pairs: list[str], base_url: str | None) -> Mirrors:
        """Return the run's mirrors: NEWSCRAWL_MIRRORS, plus each profile's base_url from ``base_url``."""
        try:
            mirrors = Mirrors.parse(pairs)
        except ValueError as exc:
            raise ArgumentError(f"NEWSCRAWL_MIRRORS: {exc}") from exc
        if base_url:
            # Fetch from base_url (such as the demo's local server) but keep the
            # profile's public URLs in posts and state, so that runs agree.
            try:
                mirrors = mirrors.plus(parse_mirror(f"{p.base_url}={base_url}") for p in self.profiles
                                       if p.base_url and p.base_url != base_url)
            except ValueError as exc:
                raise ArgumentError(f"base_url: {exc}") from exc
        return mirrors

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Yield every mode's first requests, profile by profile."""
        for profile in self.profiles:
            for mode in build_modes(self, profile, self.options):
                for request in mode.start_requests():
                    yield request

    # -- requests the modes ask for -------------------------------------------

    def listing_request(self, url: str, callback, *, profile: SiteProfile,
                        section: str | None = None, **meta: Any) -> scrapy.Request | None:
        """Return a request for a listing/index page, or None if seen or off-site."""
        if url in self._seen_pages or not profile.allows(url) or self._limit_reached():
            return None
        self._seen_pages.add(url)
        return scrapy.Request(url, callback=callback, errback=self.on_error,
                              meta={"profile": profile, "section": section, **meta})

    def known_article(self, url: str, profile: SiteProfile) -> bool:
        """Return True when the archive already holds ``url`` and it needs no re-check."""
        state = self.state
        if state is None:
            return False
        recheck = profile.recheck_hours if profile.recheck_hours is not None else self.recheck_hours
        return not state.should_fetch(url, datetime.now(timezone.utc), recheck)

    def accept_article(self, url: str, profile: SiteProfile) -> bool:
        """Return True and count ``url`` when it is a new article this run should fetch.

        False when it was seen this run, is already archived (and not due for a
        re-check), is off the profile's hosts, or the --limit is reached.
        """
        if url in self._seen_articles or not profile.allows(url) or self._limit_reached():
            return False
        self._seen_articles.add(url)
        if self.known_article(url, profile):
            self.crawler.stats.inc_value("newscrawl/articles_known")
            return False
        self._scheduled += 1
        self.crawler.stats.inc_value("newscrawl/articles_scheduled")
        return True

    def article_request(self, url: str, *, profile: SiteProfile, section: str | None = None,
                        hints: dict | None = None) -> scrapy.Request | None:
        """Return a request for an article page, or None when :meth:`accept_article` refuses it."""
        if not self.accept_article(url, profile):
            return None
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                              meta={"profile": profile, "section": section, "hints": hints or {},
                                    "page_kind": "article"})

    def _limit_reached(self) -> bool:
        return bool(self.options.limit) and self._scheduled >= self.options.limit

    # -- responses ------------------------------------------------------------

    def parse_article(self, response: scrapy.http.Response):
        """Yield the article item extracted from an article page."""
        profile: SiteProfile = response.meta["profile"]
        try:
            fields = extract_article(response.body, response.url, profile)
        except Exception as exc:  # extraction bugs must not end the crawl: count, report, go on
            logger.exception("extraction failed for %s", response.url)
            self.record_failure(response.url, f"extraction error: {exc.__class__.__name__}: {exc}")
            return
        item = self.build_item(response.url, profile, fields, response.meta)
        if not self.in_window(item, profile):
            # A listing or an e-paper page can link articles of other days.
            self.crawler.stats.inc_value("newscrawl/articles_outside_window")
            if len(self.outside_window) < 3:  # examples for the run's closing lines; the stat counts all
                self.outside_window.append({"url": item.url, "published": item.published})
            logger.debug("outside --date/--since/--until: %s (%s)", item.url, item.published)
            return
        yield item

    def in_window(self, item: ArticleItem, profile: SiteProfile) -> bool:
        """Return True when the item's publication day (in the site's zone) is in the run's window."""
        published = item.published
        if isinstance(published, datetime) and published.tzinfo is not None:
            published = published.astimezone(profile.timezone)
        return self.options.wants_day(published)

    def build_item(self, url: str, profile: SiteProfile, fields, meta: dict) -> ArticleItem:
        """Return the item for an extracted page, hints filling fields it lacks."""
        hints = meta.get("hints") or {}
        return ArticleItem(
            url=url, site=profile.slug,
            id=hints.get("id") or article_id(url, profile.id_pattern),
            title=fields.title or hints.get("title"),
            published=_aware(_published(fields.published, hints.get("published")), profile),
            author=fields.author, editor=fields.editor,
            source=fields.source or hints.get("source"),
            paragraphs=list(fields.paragraphs),
            category=hints.get("category") or self.options.category or profile.slug,
            category_name=hints.get("category_name") or self.options.category_name or profile.label,
            section=meta.get("section") or hints.get("section"),
            digest=hints.get("digest"), category_url=hints.get("category_url"),
        )

    def on_error(self, failure: Failure) -> None:
        """Record a failed request under its public URL; a failed start page fails the run."""
        request = failure.request
        if failure.check(HttpError):
            reason = f"HTTP {failure.value.response.status}"
        else:
            reason = failure.getErrorMessage() or failure.type.__name__
        if request.meta.get("start"):
            self.crawler.stats.inc_value("newscrawl/start_failed")
        url = public_url(request)
        logger.error("fetch failed: %s: %s", url, reason)
        self.record_failure(url, f"fetch failed: {reason}")

    def record_failure(self, url: str, reason: str) -> None:
        """Count a failed page and keep it for the run summary."""
        self.crawler.stats.inc_value("newscrawl/failed")
        self.failures.append({"url": url, "reason": reason})



def _published(found, hinted):
    """Return the page's date; a hint (feed, API record) with the time of that same day refines a bare day."""
    if found is None:
        return hinted
    if isinstance(found, datetime) or not isinstance(hinted, datetime):
        return found
    return hinted if hinted.date() == found else found


def _aware(published, profile: SiteProfile):
    """Return ``published`` with the profile's zone attached when the page gave none."""
    if isinstance(published, datetime) and published.tzinfo is None:
        return published.replace(tzinfo=profile.timezone)
    return published
