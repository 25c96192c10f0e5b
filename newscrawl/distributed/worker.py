"""A worker of a distributed crawl: fetch, extract, send; stop when the shared queue stays idle.

:class:`WorkerRole` keeps the spider open while the crawl may still send work
(Scrapy would close it the first time its queue is empty), closes it once the
queue has been empty and nothing has been leased anywhere for
NEWSCRAWL_REDIS_IDLE seconds (at once when the writer has finished or another
crawl took over the keys), sends the writer each page that failed, was dropped
or answered a re-check with 304 (its summary and state account for them) as it
happens, before the request it came from is acked, and keeps what the worker
extracted, what failed and what it dropped for its ``--summary``.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

from newscrawl.archive.write import write_text_atomic
from newscrawl.distributed import run
from newscrawl import signals as newscrawl_signals
from newscrawl.distributed.handoff import outcome_json
from newscrawl.distributed.keys import RedisKeys, connect

logger = logging.getLogger(__name__)


class WorkerStartMiddleware:
    """A worker's spider middleware: yield none of the spider's start requests.

    The writer queued the crawl's own; a worker whose spider opens after the
    writer finished would otherwise start a crawl of its own nobody reads.
    """

    async def process_start(self, start):
        """Yield nothing."""
        return
        yield  # an asynchronous generator, as Scrapy requires


class WorkerRole:
    """Close a worker's spider when the crawl is idle; send its failures, drops and 304s; keep its summary."""

    def __init__(self, crawler, server, keys: RedisKeys, idle: float):
        self.crawler = crawler
        self.server = server
        self.keys = keys
        self.idle = idle
        self.run_id: str | None = None
        self.idle_since: float | None = None
        self.extracted: list[dict[str, str]] = []
        self.failed: list[dict[str, str]] = []
        self.dropped: list[dict[str, str]] = []

    @classmethod
    def from_crawler(cls, crawler) -> "WorkerRole":
        """Build the role; NotConfigured unless this process is a worker."""
        settings = crawler.settings
        if not settings.get("NEWSCRAWL_REDIS") or settings.get("NEWSCRAWL_REDIS_ROLE") != "worker":
            raise NotConfigured
        role = cls(crawler, connect(settings.get("NEWSCRAWL_REDIS")), RedisKeys(settings.get("NEWSCRAWL_REDIS_KEY")),
                   settings.getfloat("NEWSCRAWL_REDIS_IDLE"))
        crawler.signals.connect(role.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(role.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(role.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(role.page_failed, signal=newscrawl_signals.page_failed)
        crawler.signals.connect(role.article_dropped, signal=newscrawl_signals.article_dropped)
        crawler.signals.connect(role.article_not_modified, signal=newscrawl_signals.article_not_modified)
        crawler.signals.connect(role.spider_closed, signal=signals.spider_closed)
        return role

    def spider_opened(self, spider) -> None:
        """Note which run this worker joined."""
        self.run_id = self._current_run()

    def spider_idle(self, spider) -> None:
        """Keep the spider open until the crawl has been idle for NEWSCRAWL_REDIS_IDLE (DontCloseSpider)."""
        current = self._current_run()
        if current is None or current != self.run_id:
            logger.info("the writer finished the crawl (or another took over): stopping")
            return
        if self.crawler.engine.scheduler.work_left():
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle:
            raise DontCloseSpider
        logger.info("nothing queued or leased for %.0f s: stopping", self.idle)

    def item_scraped(self, item, **kwargs) -> None:
        """Count an item sent to the writer."""
        self.extracted.append({"url": item.url})
        self.idle_since = None

    def page_failed(self, url: str, reason: str, start: bool = False) -> None:
        """Send a failed page to the writer, and keep it for the summary."""
        self.send("failed", {"url": url, "reason": reason, "start": start})
        self.failed.append({"url": url, "reason": reason})

    def article_dropped(self, url: str, reason: str) -> None:
        """Send a dropped article page to the writer (its state remembers it), and keep it for the summary."""
        self.send("dropped", {"url": url, "reason": reason})
        self.dropped.append({"url": url, "reason": reason})

    def article_not_modified(self, url: str, path: str) -> None:
        """Send a re-check answered 304 to the writer (its summary lists it, its state notes the look)."""
        self.send("unchanged", {"url": url, "path": path})

    def send(self, kind: str, outcome: dict) -> None:
        """Push a page's outcome to the writer's list now: before the lease of its request is acked."""
        self.server.lpush(self.keys.items, outcome_json(kind, outcome, self.crawler.engine.scheduler.consumer))

    def spider_closed(self, spider, reason: str) -> None:
        """Leave: close the connection."""
        self.server.close()

    def summary(self) -> dict[str, list[dict[str, str]]]:
        """Return the worker's summary: the URLs it extracted, the pages that failed and those dropped."""
        return {"extracted": list(self.extracted), "failed": list(self.failed), "dropped": list(self.dropped)}

    def write_summary(self, path: str | Path) -> None:
        """Write the summary as JSON to ``path`` (atomically)."""
        write_text_atomic(Path(path), json.dumps(self.summary(), ensure_ascii=False, indent=2) + "\n")

    def _current_run(self) -> str | None:
        raw = self.server.get(self.keys.run)
        return run.load(raw)["id"] if raw else None
