"""Account for every page the spider asked for: each ends as a post, or dropped or failed with a reason.

The spider reports outcomes here; this sends them on as signals (the run
report lists them, the state remembers drops) and counts them in the stats.
Scrapy's own ways of losing a request are listened to as well: the duplicate
filter (``request_dropped``: a redirect to a page this run fetched already)
and an exception in a callback (``spider_error``). When the crawl closes,
every article still open in the ledger is listed as failed, naming why.

On a shared queue (a crawl on Redis) a request one process schedules may be
fetched by another, so no process keeps the ledger: the queue's leases see that
no request is lost, and workers send their failures and drops to the writer.
"""

from __future__ import annotations

import logging

from scrapy import signals as scrapy_signals

from newscrawl import signals
from newscrawl.mirrors import public_url
from newscrawl.spiders.ledger import Ledger
from newscrawl.spiders.routing import SITE

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
        connect = crawler.signals.connect
        if not self.shared:  # a queue of our own: its books are ours
            connect(self.request_scheduled, signal=scrapy_signals.request_scheduled)
            connect(self.response_received, signal=scrapy_signals.response_received)
        connect(self.request_dropped, signal=scrapy_signals.request_dropped)
        connect(self.spider_error, signal=scrapy_signals.spider_error)

    @property
    def stats(self):
        """Return the crawl's stats (set only once the crawl starts, after the spider is built)."""
        return self.crawler.stats

    def _send(self, signal, **kwargs) -> None:
        self.crawler.signals.send_catch_log(signal, **kwargs)

    # -- outcomes the spider reports ---------------------------------------------

    def failed(self, url: str, reason: str, *, start: bool = False) -> None:
        """Count a failed page and announce it (``page_failed``); a failed start page fails the run."""
        self.ledger.settle(url)
        self.stats.inc_value("newscrawl/failed")
        if start:
            self.stats.inc_value("newscrawl/start_failed")
        self._send(signals.page_failed, url=url, reason=reason, start=start)

    def dropped(self, url: str, reason: str) -> None:
        """Count an article page left out before it became an item, log it and announce it."""
        self.ledger.settle(url)
        self.stats.inc_value("newscrawl/dropped")
        logger.warning("dropped %s: %s", url, reason)
        self._send(signals.article_dropped, url=url, reason=reason)

    def not_modified(self, url: str, path: str) -> None:
        """Count a re-check the site answered with 304 and announce it."""
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
        """Settle an article request that got its answer; count a start page that answered (2xx)."""
        self.ledger.settle(request.meta.get("article_url"))
        site = request.meta.get(SITE)
        if request.meta.get("start") and site is not None and 200 <= response.status < 300:
            self.ledger.starts_answered[site] += 1

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
        why = ("the crawl stopped before it was fetched" if reason not in COMPLETE
               else "the request ended without an answer")
        for url in self.ledger.unsettled():
            self.failed(url, f"not fetched: {why} ({reason})")
        unreached = [] if self.shared else self.ledger.unreached_profiles()
        if unreached:
            self.stats.set_value("newscrawl/profiles_unreached", ", ".join(unreached))
