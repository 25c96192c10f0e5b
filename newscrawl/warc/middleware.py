"""WarcMiddleware: keep every response the crawl fetched, with its request, in WARC files.

It sits next to the downloader (order 990, after every middleware that adds
request headers, before any that changes a response), so it sees each request
as sent and each response as received: redirects, 304s and errors included,
bodies still compressed. Mirrors are undone: records carry the public URL, as
posts and state do. Records are built and written by one thread of its own, in
the order responses arrive, while the reactor goes on; a response goes on to
the crawl only once its records are in the file, so no post exists whose page
is not kept.
"""

from __future__ import annotations

import logging
import os
import socket
from importlib.metadata import version
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool

from newscrawl import __version__
from newscrawl.render.policy import KEPT_DOCUMENTS
from newscrawl.warc.capture import REPLAYED, Exchange
from newscrawl.warc.files import WarcFiles, record_bytes

logger = logging.getLogger(__name__)

ORDER = 990  # DOWNLOADER_MIDDLEWARES: next to the downloader


def process_label(settings) -> str | None:
    """Return what names this process's files in a crawl on Redis (``worker-HOST-PID``); None otherwise."""
    if not settings.get("NEWSCRAWL_REDIS"):
        return None
    return f"{settings.get('NEWSCRAWL_REDIS_ROLE') or 'writer'}-{socket.gethostname()}-{os.getpid()}"


def warcinfo_fields(crawler, worker: str | None) -> dict[str, str]:
    """Return the warcinfo fields of a crawl's files: software, profiles, robots policy, User-Agent."""
    settings = crawler.settings
    profiles = getattr(crawler.spider, "profiles", None) or []
    mirrors = getattr(crawler.spider, "mirrors", None)
    fields = {
        "software": f"newscrawl/{__version__} warcio/{version('warcio')}",
        "hostname": socket.gethostname(),
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "http-header-user-agent": settings.get("USER_AGENT") or "",
        "newscrawl-profiles": ",".join(p.slug for p in profiles),
    }
    if worker:
        fields["newscrawl-process"] = worker  # the writer or a worker of a crawl on Redis
    if mirrors:
        fields["newscrawl-mirrors"] = " ".join(f"{m.public}={m.local}" for m in mirrors.mirrors)
    return fields


class WarcMiddleware:
    """Write each response (with its request, and an article's request meta) to the run's WARC files."""

    def __init__(self, crawler, files: WarcFiles):
        self.crawler = crawler
        self.files = files
        self.pool = ThreadPool(minthreads=1, maxthreads=1, name="newscrawl-warc")
        self.pool.start()

    @classmethod
    def from_crawler(cls, crawler) -> "WarcMiddleware":
        """Build the middleware for NEWSCRAWL_WARC; NotConfigured when it is empty or the crawl reads WARC files."""
        settings = crawler.settings
        folder = settings.get("NEWSCRAWL_WARC")
        if not folder or settings.getlist("NEWSCRAWL_WARC_SOURCE"):
            raise NotConfigured
        worker = process_label(settings)
        files = WarcFiles(Path(folder), settings.getint("NEWSCRAWL_WARC_MAXSIZE"),
                          warcinfo_fields(crawler, worker), worker=worker)
        middleware = cls(crawler, files)
        crawler.signals.connect(middleware.engine_stopped, signal=signals.engine_stopped)
        return middleware

    def process_request(self, request, spider=None) -> None:
        """Ask the browser's route to keep the documents of a page it renders (see render/page.py)."""
        if request.meta.get("playwright") and KEPT_DOCUMENTS not in request.meta:
            request.meta[KEPT_DOCUMENTS] = []

    async def process_response(self, request, response, spider=None):
        """Return ``response`` once its records are written; stop the crawl when they cannot be."""
        if REPLAYED in response.flags:
            return response
        exchange = Exchange.of(request, response, getattr(self.crawler.spider, "mirrors", None))
        try:
            await maybe_deferred_to_future(deferToThreadPool(reactor, self.pool, self._write, exchange))
        except OSError as exc:
            reason = f"the WARC files in {self.files.folder} cannot be written: {exc.strerror or exc}"
            if not self.crawler.stats.get_value("newscrawl/warc_error"):
                logger.error("%s; stopping the crawl", reason)
                self.crawler.stats.set_value("newscrawl/warc_error", reason)
                deferred_from_coro(self.crawler.engine.close_spider_async(reason="warc_error"))
        else:
            self.crawler.stats.inc_value("newscrawl/warc_responses")
        return response

    def _write(self, exchange: Exchange) -> Path:
        """Write one exchange's records (in the writing thread); return the file."""
        return self.files.write(record_bytes(exchange.records()))

    def engine_stopped(self) -> None:
        """Let the writing thread finish its records, then close the last file."""
        self.pool.stop()
        self.files.close()
        for path in self.files.written:
            logger.info("WARC file %s: %d bytes", path, path.stat().st_size)
