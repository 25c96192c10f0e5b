"""NewsSpider: turn site profiles into requests and article pages into items."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Any, AsyncIterator

import scrapy
from scrapy.utils.log import failure_to_exc_info
from twisted.python.failure import Failure

from newscrawl.extensions.state import ArchiveView
from newscrawl.extensions.processes import read_page
from newscrawl.extensions.workers import WorkerDied
from newscrawl.ids import article_id
from newscrawl.items import ArticleItem
from newscrawl.logs import network_errors
from newscrawl.mirrors import Mirrors, parse_mirror
from newscrawl.modes.base import CrawlMode, CrawlOptions, header_charset
from newscrawl.modes.links import link_key
from newscrawl.modes.registry import build_modes
from newscrawl.modes.window import select_window
from newscrawl.profiles import SiteProfile
from newscrawl.spiders.accounts import Accounts, requested_url
from newscrawl.spiders.arguments import (
    ArgumentError,
    check_window,
    find_site,
    parse_day,
    parse_limit,
    split_list,
    url_profile,
)
from newscrawl.spiders.outcomes import DROPPED, UNCHANGED, fetch_outcome, page_problem
from newscrawl.spiders.routing import CALLBACK, ERRBACK, MODE, SITE, as_async, reader, route, site_meta
from newscrawl.spiders.seen import SeenArticles
from newscrawl.spiders.skips import SKIPPED_STAT, count_selectors
from newscrawl.state import FetchPlan, canonical_url
from newscrawl.state.rechecks import ARCHIVED, DROPPED as DROPPED_BEFORE, NEW

FIRST_FETCH = FetchPlan(True, NEW)  # the plan of every article when the crawl keeps no state
# Why a run takes no article at a URL whatever the state says (an API record's skip reasons too)
OFF_HOSTS, LISTED_TWICE, PAST_LIMIT = "off the profile's hosts", "listed twice this run", "past --limit"

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
    _network_errors: tuple | None = None  # RETRY_EXCEPTIONS, loaded at the first failed fetch

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
        self.modes: list[CrawlMode] = []  # one per crawl mode of each profile, built with the profiles
        self._by_key: dict[str, CrawlMode] = {}  # every mode (and submode) by CrawlMode.key
        self._by_slug: dict[str, SiteProfile] = {}
        self._seen_pages: set[bytes] = set()  # request fingerprints of listing, 版面, feed, sitemap, API pages
        self._seen = SeenArticles()  # by canonical key: a URL is requested as written, once
        self._scheduled = 0
        self.mirrors = Mirrors()  # where public URLs are fetched from, see newscrawl.mirrors
        self.recheck = False  # NEWSCRAWL_RECHECK: re-check every archived article of the window reached

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> "NewsSpider":
        """Build the spider and resolve its profiles from the crawler's settings."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.accounts = Accounts(crawler)
        spider.article_maxsize = settings.getint("NEWSCRAWL_ARTICLE_MAXSIZE")
        if not spider.options.limit:
            spider.options = replace(spider.options, limit=settings.getint("NEWSCRAWL_LIMIT"))
        spider.use_profiles(spider._resolve_profiles(settings.getlist("NEWSCRAWL_PROFILE_DIRS")))
        spider.recheck = settings.getbool("NEWSCRAWL_RECHECK")
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

    def use_profiles(self, profiles: list[SiteProfile]) -> None:
        """Crawl ``profiles``: build their modes, and index both for routed requests."""
        self.profiles = profiles
        self._by_slug = {p.slug: p for p in profiles}
        self.modes = [mode for profile in profiles for mode in build_modes(self, profile, self.options)]
        pending = list(self.modes)
        while pending:
            mode = pending.pop()
            self._by_key[mode.key] = mode
            pending += mode.submodes()

    def profile(self, slug: str) -> SiteProfile | None:
        """Return the run's profile with ``slug``, or None."""
        return self._by_slug.get(slug)

    def mode(self, key: str) -> CrawlMode:
        """Return the crawl mode named ``key`` (see CrawlMode.key); KeyError when the run has none."""
        return self._by_key[key]

    def request_profile(self, meta: dict) -> SiteProfile | None:
        """Return the run's profile a request's meta names, or None (a request of no site: robots.txt)."""
        slug = meta.get(SITE)
        return self._by_slug.get(slug) if slug is not None else None

    def profile_for(self, meta: dict) -> SiteProfile:
        """Return the profile a request's page is read with (its site's, with any selectors it carries)."""
        return reader(self._by_slug[meta[SITE]], meta)

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
        for mode in self.modes:
            for request in mode.start_requests():
                yield route(request, self)

    # -- requests the modes ask for -------------------------------------------

    def listing_request(self, url: str, callback, *, profile: SiteProfile, section: str | None = None,
                        headers: dict | None = None, **meta: Any) -> scrapy.Request | None:
        """Return a request for a listing/index page, or None if seen or off-site.

        Pages are told apart by Scrapy's request fingerprint, not by the
        article key: ``list?from=20`` is the next page, not ``list`` again.
        ``headers`` are sent with it (an API feed's ``Referer``).
        """
        if not profile.allows(url) or self._limit_reached():
            return None
        request = scrapy.Request(url, callback=callback, errback=self.on_error, headers=headers or None,
                                 meta={**self._site_meta(profile), "section": section, **meta})
        key = self.crawler.request_fingerprinter.fingerprint(request)
        if key in self._seen_pages:
            return None
        self._seen_pages.add(key)
        if meta.get("start"):
            self.accounts.ledger.starts_sent[profile.slug] += 1
        return route(request, self)

    def _site_meta(self, profile: SiteProfile) -> dict:
        return site_meta(profile, self.profile(profile.slug))

    @property
    def state(self) -> ArchiveView | None:
        """Return what the crawl knows of the archive (found through the crawler), or None without it."""
        crawler = getattr(self, "crawler", None)
        return ArchiveView.of(crawler) if crawler is not None else None

    def known_article(self, url: str, profile: SiteProfile) -> bool:
        """Return True when the archive already holds ``url`` and it needs no re-check."""
        state = self.state
        return state is not None and state.is_archived(url, profile.recheck_hours, self._recheck_window(profile))

    def refusal(self, url: str, profile: SiteProfile, *, check_host: bool = True,
                modified: datetime | None = None) -> str | None:
        """Return why this run takes no article at ``url`` whatever the state says, or None.

        ``check_host=False``: the URL only names the post (an API record whose
        body comes from elsewhere), so its host does not matter. A URL seen
        this run is listed twice, unless the state refused it and its source
        now says it changed later (``modified``).
        """
        if check_host and not profile.allows(url):
            return OFF_HOSTS
        if not self._seen.may_ask(link_key(url), modified):
            return LISTED_TWICE
        if self._limit_reached():
            return PAST_LIMIT
        return None

    def accept_article(self, url: str, profile: SiteProfile, modified: datetime | None = None,
                       check_host: bool = True, plan: FetchPlan | None = None) -> FetchPlan | None:
        """Return the plan for fetching ``url`` when this run should, counting it; else None.

        None when it was seen this run, is off the profile's hosts (unless
        ``check_host`` is False), the --limit is reached, or the state says
        no: archived and not due for a re-check (``modified``, when its source
        says it last changed, may make it due; ``--recheck`` makes every
        archived article of the run's window due), dropped by an earlier run, or pruned.
        A URL the state refused is asked again when another source says it
        changed later than any before. An archived story is fetched once a run,
        whichever of its URLs comes first. A ``plan`` given (a re-extraction of
        archived articles) is taken instead of the state's.
        """
        if self.refusal(url, profile, check_host=check_host, modified=modified) is not None:
            return None
        key = link_key(url)
        state = self.state
        if plan is None:
            plan = (state.plan(url, profile.recheck_hours, modified, self._recheck_window(profile))
                    if state is not None else FIRST_FETCH)
        if plan and self._seen.post_fetched(plan.path):
            plan = FetchPlan(False, ARCHIVED)  # another URL of the story is fetched this run
        if not plan:
            if self._seen.refuse(key, modified):
                self.crawler.stats.inc_value("newscrawl/articles_dropped_before" if plan.why == DROPPED_BEFORE
                                             else "newscrawl/articles_known")
            return None
        self._seen.fetch(key, plan.path)
        self._scheduled += 1
        self.crawler.stats.inc_value("newscrawl/articles_scheduled")
        self.crawler.stats.inc_value(f"newscrawl/fetch/{plan.why}")
        return plan

    def article_request(self, url: str, *, profile: SiteProfile, section: str | None = None,
                        hints: dict | None = None, start: bool = False, headers: dict | None = None,
                        check_host: bool = True) -> scrapy.Request | None:
        """Return a request for an article page, or None when :meth:`accept_article` refuses it.

        A re-check of an archived article is a conditional request; its 304 ends
        in :meth:`on_error`. ``start``: the profile names this page itself (the
        urls mode), so it counts as a start page. ``headers`` go with it;
        ``check_host``: see :meth:`refusal`.
        """
        hints = hints or {}
        plan = self.accept_article(url, profile, hints.get("modified"), check_host)
        if plan is None:
            return None
        if plan.published is not None and not hints.get("published"):
            # An archived story's date may have come from a source this one is not: a page without
            # one keeps it (a page's own date still wins, see build_item).
            hints = {**hints, "published": plan.published}
        # An article page past NEWSCRAWL_ARTICLE_MAXSIZE is a fault, not news: it is not read.
        meta = {**self._site_meta(profile), "section": section, "hints": hints, "page_kind": "article",
                "article_url": url, "download_maxsize": self.article_maxsize,
                "download_warnsize": self.article_maxsize // 2}
        if plan.path:
            meta["archived_path"] = plan.path
        if start:
            meta["start"] = True
            self.accounts.ledger.starts_sent[profile.slug] += 1
        return scrapy.Request(url, headers={**(headers or {}), **plan.headers} or None,
                              callback=self.parse_article, errback=self.on_error, meta=meta)

    def _limit_reached(self) -> bool:
        return bool(self.options.limit) and self._scheduled >= self.options.limit

    def _recheck_window(self, profile: SiteProfile):
        """Return the test an archived article's publication must pass to be re-checked (--recheck), or None."""
        if not self.recheck:
            return None
        window = select_window(self.options, profile.timezone, None)
        return lambda published: window.contains(published, profile.timezone)

    def skip_record(self, reason: str) -> None:
        """Count a record of a list (an API feed) that leads to no article, by ``reason``."""
        self.crawler.stats.inc_value(f"{SKIPPED_STAT}{reason}")
        logger.debug("record skipped: %s", reason)

    # -- responses ------------------------------------------------------------

    async def parse_page(self, response: scrapy.http.Response):
        """Yield what the crawl mode named in the request's meta makes of its page, routed.

        Nothing here waits for the engine: a page that lists thousands of
        articles (a sitemap) hands them all over, and they wait on disk
        (``extensions/diskqueue.py``).
        """
        mode = self.mode(response.meta[MODE])
        output = getattr(mode, response.meta[CALLBACK])(response)
        async for out in as_async(output):
            yield self._routed(out)

    def page_failed(self, failure: Failure):
        """Hand a failed request to the errback of the crawl mode named in its meta; yield its output, routed."""
        meta = failure.request.meta
        output = getattr(self.mode(meta[MODE]), meta[ERRBACK])(failure)
        for out in output or ():
            yield self._routed(out)

    def _routed(self, out):
        return route(out, self) if isinstance(out, scrapy.Request) else out

    async def parse_article(self, response: scrapy.http.Response):
        """Yield the article item extracted from an article page, in the crawl's extraction pool
        (none for a page that is no article)."""
        profile = self.profile_for(response.meta)
        # The article's books stay open until its outcome: a drop or failure here, or its item's in the pipelines.
        scheduled = response.meta.get("article_url") or response.url
        problem = page_problem(response)
        if problem:
            self.accounts.dropped(scheduled, problem)
            return
        try:
            fields, fingerprint = await read_page(getattr(self, "crawler", None), response.body, response.url,
                                                  profile, header_charset(response))
        except WorkerDied as exc:  # the pool said so once, and stops the crawl
            self.record_failure(scheduled, f"not extracted: {exc.reason}")
            return
        except Exception as exc:  # extraction bugs must not end the crawl: count, report, go on
            logger.exception("extraction failed for %s", response.url)
            self.record_failure(scheduled, f"extraction error: {exc.__class__.__name__}: {exc}")
            return
        if not response.meta.get("framed"):  # a record framed as a page has none of the site's markup
            count_selectors(self.crawler.stats, profile, fields.missed)
        item = self.build_item(response.url, profile, fields, response.meta)
        item.etag, item.last_modified = _header(response, b"ETag"), _header(response, b"Last-Modified")
        if fields.title:  # the item's text is the page's: hashed already, beside the extraction
            item.fingerprint = fingerprint
        if scheduled != item.url:  # a redirect led here: the next run knows the link too
            item.aliases.append(scheduled)
        if not self.in_window(item, profile):
            # A listing or an e-paper page can link articles of other days.
            self.accounts.ledger.settle(scheduled)
            self.crawler.stats.inc_value("newscrawl/articles_outside_window")
            if len(self.outside_window) < 3:  # examples for the run's closing lines; the stat counts all
                self.outside_window.append({"url": item.url, "published": item.published})
            logger.debug("outside --date/--since/--until: %s (%s)", item.url, item.published)
            return
        yield item

    def in_window(self, item: ArticleItem, profile: SiteProfile) -> bool:
        """Return True when the item's publication day (in the site's zone) is in the run's window."""
        return select_window(self.options, profile.timezone, None).contains(item.published, profile.timezone)

    def build_item(self, url: str, profile: SiteProfile, fields, meta: dict) -> ArticleItem:
        """Return the item for an extracted page, hints filling fields it lacks."""
        hints = meta.get("hints") or {}
        return ArticleItem(
            url=url, site=profile.slug,
            id=hints.get("id") or article_id(url, profile.id_pattern, _identity(url)),
            title=fields.title or hints.get("title"),
            published=_aware(_published(fields.published, hints.get("published")), profile),
            author=fields.author, editor=fields.editor,
            source=fields.source or hints.get("source"),
            paragraphs=list(fields.paragraphs), pictures=[p.to_dict() for p in fields.pictures],
            category=hints.get("category") or self.options.category or profile.slug,
            category_name=hints.get("category_name") or self.options.category_name or profile.label,
            section=meta.get("section") or hints.get("section"),
            digest=hints.get("digest"), category_url=hints.get("category_url"),
            page_files=[dict(f) for f in hints.get("page_files") or ()],
        )

    def on_error(self, failure: Failure, *, start: bool | None = None) -> None:
        """Account for a request that ended without a page: dropped or failed, with its reason.

        A start page that failed fails the run; ``start=False`` says a failed
        start page has a fallback (an e-paper's month index, its editions).
        """
        request = failure.request
        maxsize = request.meta.get("download_maxsize") or self.settings.getint("DOWNLOAD_MAXSIZE")
        kind, reason = fetch_outcome(failure, maxsize)
        url = requested_url(request)
        if kind == UNCHANGED:
            self.accounts.not_modified(url, request.meta["archived_path"])
            return
        is_start = bool(request.meta.get("start") if start is None else start)
        if not is_start and kind == DROPPED and request.meta.get("page_kind") == "article":
            self.accounts.dropped(url, reason)
            return
        # A network failure carries its traceback; the log's filter shows it only with -v, DEBUG or
        # NEWSCRAWL_LOG_TRACEBACKS (robots.txt's failure of the same request is logged at INFO).
        if self._network_errors is None:
            self._network_errors = network_errors(self.settings)
        network = failure.check(*self._network_errors) if self._network_errors else None
        logger.error("fetch failed: %s: %s", url, reason, exc_info=failure_to_exc_info(failure) if network else None)
        self.record_failure(url, f"fetch failed: {reason}", start=is_start)

    def record_failure(self, url: str, reason: str, *, start: bool = False) -> None:
        """Count a failed page and list it in the run summary; a failed start page fails the run."""
        self.accounts.failed(url, reason, start=start)

    def closed(self, reason: str) -> None:
        """List what never had an outcome (see :class:`Accounts`)."""
        self.accounts.close(reason)


def _identity(url: str) -> str | None:
    """Return the canonical URL a story without an id is named by (None: not an http(s) URL)."""
    try:
        return canonical_url(url)
    except ValueError:
        return None


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


def _header(response, name: bytes) -> str | None:
    """Return a response header as text, or None when the response has none."""
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
