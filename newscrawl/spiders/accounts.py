"""Account for every page the spider asked for: each ends as a post, or dropped or failed with a reason.

The spider reports outcomes here; this sends them on as signals (the run
report lists them, the state remembers drops) and counts them in the stats.
Scrapy's own ways of losing a request are listened to as well: the duplicate
filter (``request_dropped``: a redirect to a page this run fetched already)
and an exception in a callback (``spider_error``). An article stays open from
the moment it is scheduled until its outcome: a post, a drop or a failure, in
the spider or in a pipeline (its item's signal), so a page whose answer came
but whose extraction or post was never finished is still open. When the crawl
closes, every article still open in the ledger is listed as failed, naming
why: a stopped run (a signal, the stall watchdog) gives its own reason, and
lists the other pages it was still fetching or reading too.

On a shared queue (a crawl on Redis) a request one process schedules may be
fetched by another, so no process keeps the ledger: the queue's leases see that
no request is lost, and workers send their failures and drops to the writer.
Leases deliver at least once: a request whose taker stalled past its lease is
taken again, and both takers hand in an outcome. So on a shared queue a URL
keeps the first outcome it has; a later one is counted and left out
(:meth:`Accounts.first_item` for items, which the writer asks).
"""

from __future__ import annotations

import logging

from scrapy import signals as scrapy_signals

from newscrawl import signals
from newscrawl.mirrors import public_url
from newscrawl.spiders.ledger import Ledger
from newscrawl.spiders.routing import SITE

#: the stat a stopped run keeps its reason in (RunStopper)
STOPPED = "newscrawl/stopped"

logger = logging.getLogger(__name__)

#: finish reasons of a crawl that ran to its natural end
COMPLETE = frozenset({"finished"})


def requested_url(request) -> str:
    """Return the public URL an article request was made for (before any redirect)."""
    return request.meta.get("article_url") or public_url(request)


class Accounts:
    """The outcomes of one crawl's pages, told to the run report and the state as they happen."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.ledger = Ledger()
        self.shared = bool(crawler.settings.get("NEWSCRAWL_REDIS"))
        self.told: set[str] = set()  # on a shared queue: URLs with an outcome this run (a post's and its aliases)
        self.posted: set[str] = set()  # on a shared queue: URLs of the items that went into the pipelines
        connect = crawler.signals.connect
        if not self.shared:  # a queue of our own: its books are ours
            connect(self.request_scheduled, signal=scrapy_signals.request_scheduled)
            connect(self.response_received, signal=scrapy_signals.response_received)
            for signal in (scrapy_signals.item_scraped, scrapy_signals.item_dropped, scrapy_signals.item_error):
                connect(self.item_done, signal=signal)
        connect(self.request_dropped, signal=scrapy_signals.request_dropped)
        connect(self.spider_error, signal=scrapy_signals.spider_error)

    @property
    def stats(self):
        """Return the crawl's stats (set only once the crawl starts, after the spider is built)."""
        return self.crawler.stats

    def _send(self, signal, **kwargs) -> None:
        self.crawler.signals.send_catch_log(signal, **kwargs)

    # -- outcomes the spider reports ---------------------------------------------

    def first_outcome(self, url: str, kind: str) -> bool:
        """Return True unless ``url`` already had an outcome this run on a shared queue (then count this one)."""
        if not self.shared:
            return True
        if url in self.told:
            self._repeated(url, kind)
            return False
        self.told.add(url)
        return True

    def first_item(self, item) -> bool:
        """Return True unless an item of ``item``'s URL (or a 304 of it) came first this run on a shared queue.

        A post wins over a failure or drop of its URL that came first (the
        other taker's fetch failed; this one has the story); the URLs that led
        to it then have their outcome.
        """
        if not self.shared:
            return True
        if item.url in self.posted:
            self._repeated(item.url, "a post")
            return False
        self.posted.add(item.url)
        self.told.update([item.url, *(item.aliases or ())])
        return True

    def _repeated(self, url: str, kind: str) -> None:
        self.stats.inc_value("newscrawl/redis/outcomes_repeated")
        logger.info("%s: %s handed in again (the request was taken again after its taker stalled "
                    "past its lease); the first outcome stands", url, kind)

    def failed(self, url: str, reason: str, *, start: bool = False) -> None:
        """Count a failed page and announce it (``page_failed``); a failed start page fails the run."""
        if not self.first_outcome(url, "a failure"):
            return
        self.ledger.settle(url)
        self.stats.inc_value("newscrawl/failed")
        if start:
            self.stats.inc_value("newscrawl/start_failed")
        self._send(signals.page_failed, url=url, reason=reason, start=start)

    def dropped(self, url: str, reason: str) -> None:
        """Count an article page left out before it became an item, log it and announce it."""
        if not self.first_outcome(url, "a drop"):
            return
        self.ledger.settle(url)
        self.stats.inc_value("newscrawl/dropped")
        logger.warning("dropped %s: %s", url, reason)
        self._send(signals.article_dropped, url=url, reason=reason)

    def not_modified(self, url: str, path: str) -> None:
        """Count a re-check the site answered with 304 and announce it."""
        if not self.first_outcome(url, "a 304"):
            return
        if self.shared:
            self.posted.add(url)  # the story is archived and unchanged: another taker's item of it is no news
        self.ledger.settle(url)
        self.stats.inc_value("newscrawl/articles_not_modified")
        self._send(signals.article_not_modified, url=url, path=path)

    # -- what Scrapy does with requests -----------------------------------------

    def request_scheduled(self, request, spider=None) -> None:
        """Open the books on an article request the engine scheduled."""
        url = request.meta.get("article_url")
        if url is not None and not request.meta.get("redirect_urls"):
            self.ledger.enter(url)

    def response_received(self, response, request, spider=None) -> None:
        """Count a start page that answered (2xx)."""
        site = request.meta.get(SITE)
        if request.meta.get("start") and site is not None and 200 <= response.status < 300:
            self.ledger.starts_answered[site] += 1

    def item_done(self, item, response=None, spider=None, **kwargs) -> None:
        """Settle the article an item came from once the pipelines are done with it (written, dropped, failed)."""
        if response is not None:
            self.ledger.settle(response.meta.get("article_url"))

    def request_dropped(self, request, spider=None) -> None:
        """Account for an article request the duplicate filter refused.

        A redirect to a page this run fetched already is dropped as a copy. A
        request for the page itself has no outcome of its own: the request
        the filter let through (a redirect that led there, or on Redis another
        process's copy) gives the URL its one outcome.
        """
        if request.meta.get("page_kind") != "article" or "article_url" not in request.meta:
            return
        if not request.meta.get("redirect_urls"):
            self.ledger.settle(request.meta["article_url"])
            self.stats.inc_value("newscrawl/articles_fetched_by_another_request")
            return
        self.dropped(requested_url(request), f"duplicate: redirects to {public_url(request)}, "
                                             "which this run fetched already")

    def spider_error(self, failure, response, spider=None) -> None:
        """Account for a page whose callback raised (the exception also fails the run)."""
        request = response.request
        url = requested_url(request) if request is not None else response.url
        self.failed(url, f"error while reading the page: {failure.type.__name__}: {failure.getErrorMessage()}")

    def close(self, reason: str) -> None:
        """List each article that never had an outcome as failed; note the profiles no start page reached."""
        stopped = self.stats.get_value(STOPPED)
        if stopped:
            why = stopped
        elif reason not in COMPLETE:
            why = f"not fetched: the crawl stopped before it was fetched ({reason})"
        else:
            why = f"not fetched: the request ended without an answer ({reason})"
        for url in self.ledger.unsettled():
            self.failed(url, why)
        if stopped:
            self._fail_pages_in_flight(stopped)
        unreached = [] if self.shared else self.ledger.unreached_profiles()
        if unreached:
            self.stats.set_value("newscrawl/profiles_unreached", ", ".join(unreached))

    def _fail_pages_in_flight(self, why: str) -> None:
        """List the pages a stopped run was still fetching or reading as failed.

        Articles are in the ledger, except on a shared queue (where their loans
        bring them back for the next run, but this run's summary still says
        what it gave up).
        """
        engine = getattr(self.crawler, "engine", None)
        downloading = getattr(getattr(engine, "downloader", None), "active", ())
        reading = getattr(getattr(getattr(engine, "scraper", None), "slot", None), "active", ())
        pages = {requested_url(r): r for r in [*downloading, *reading]
                 if r.meta.get(SITE) is not None and (self.shared or "article_url" not in r.meta)}
        for url, request in pages.items():
            self.failed(url, why, start=bool(request.meta.get("start")))
