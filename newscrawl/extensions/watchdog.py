"""StallWatchdog: fail a crawl that makes no progress for NEWSCRAWL_STALL_TIMEOUT seconds.

Progress is anything that moves the crawl towards its end: a page answered or
a download that ended in an error (the downloader let the request go), a
request scheduled, an item through the pipelines (scraped, dropped or failed),
a page the spider accounted for (failed, dropped, 304). A crawl where none of
these happens for that long waits on something that will not come: a server
that accepts and never answers (with a long DOWNLOAD_TIMEOUT), a helper
process that hangs, a callback that waits for ever. Under cron such a run
would hold the archive's lock, and every later run would exit 3.

The watchdog stops it (:class:`RunStopper`) with a one-line reason saying what
it waited for: the run fails (status 1) and every article still open is
listed as failed with that reason. A slow crawl is not a stalled one: each
answer, even a timeout, is progress, so the setting must be longer than
DOWNLOAD_TIMEOUT and NEWSCRAWL_RETRY_AFTER_MAX.
"""

from __future__ import annotations

import logging
import time

from scrapy import signals as scrapy_signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from newscrawl import signals
from newscrawl.extensions.stopping import RunStopper

logger = logging.getLogger(__name__)

PROGRESS = (
    scrapy_signals.response_received, scrapy_signals.request_left_downloader, scrapy_signals.request_scheduled,
    scrapy_signals.item_scraped, scrapy_signals.item_dropped, scrapy_signals.item_error,
    signals.page_failed, signals.article_dropped, signals.article_not_modified,
)
LONGEST_LOOK = 5.0  # seconds between looks at most


class StallWatchdog:
    """Stop the crawl when nothing in :data:`PROGRESS` happened for ``timeout`` seconds."""

    def __init__(self, crawler, timeout: float):
        self.crawler = crawler
        self.timeout = timeout
        self.last = time.monotonic()  # when the crawl last made progress
        self.looking = None

    @classmethod
    def from_crawler(cls, crawler) -> "StallWatchdog":
        """Build the watchdog; NotConfigured when NEWSCRAWL_STALL_TIMEOUT is 0."""
        timeout = crawler.settings.getfloat("NEWSCRAWL_STALL_TIMEOUT")
        if timeout <= 0:
            raise NotConfigured
        watchdog = cls(crawler, timeout)
        for signal in PROGRESS:
            crawler.signals.connect(watchdog.progress, signal=signal)
        crawler.signals.connect(watchdog.spider_opened, signal=scrapy_signals.spider_opened)
        crawler.signals.connect(watchdog.spider_closed, signal=scrapy_signals.spider_closed)
        return watchdog

    def progress(self, **kwargs) -> None:
        """Note that the crawl moved."""
        self.last = time.monotonic()

    def spider_opened(self, spider) -> None:
        """Start looking, a few times per timeout."""
        self.last = time.monotonic()
        self.looking = create_looping_call(self.look)
        self.looking.start(min(self.timeout / 4, LONGEST_LOOK), now=False)

    def spider_closed(self, spider, reason) -> None:
        """Stop looking."""
        if self.looking is not None and self.looking.running:
            self.looking.stop()

    def look(self) -> None:
        """Stop the crawl when it has made no progress for the timeout."""
        if time.monotonic() - self.last < self.timeout:
            return
        self.spider_closed(None, None)
        reason = f"stalled: no progress for {self.timeout:g} s (no page answered, no new request, no item); " \
                 f"{self.waiting_for()}"
        stopper = RunStopper.of(self.crawler)
        if stopper is not None:
            stopper.stop(reason)

    def waiting_for(self) -> str:
        """Return what the crawl is waiting for: the pages being downloaded, or those in a callback."""
        engine = self.crawler.engine
        for requests, where in ((engine.downloader.active, "to answer"),
                                (engine.scraper.slot.active if engine.scraper.slot else (), "to be read")):
            urls = [request.meta.get("article_url") or request.url for request in requests]
            if urls:
                more = f" and {len(urls) - 1} more" if len(urls) > 1 else ""
                return f"waiting for {urls[0]}{more} {where}"
        return "nothing in progress"
