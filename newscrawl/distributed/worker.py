"""A worker of a distributed crawl: fetch, extract, send; stop when the shared queue stays idle.

:class:`WorkerRole` keeps the spider open while the crawl may still send work
(Scrapy would close it the first time its queue is empty), closes it once the
queue has been empty and nothing has been leased anywhere for
NEWSCRAWL_REDIS_IDLE seconds (at once when the writer has finished or another
crawl took over the keys), hands the pages that failed or were dropped in to
the writer (whose summary and state account for them), and keeps what the
worker extracted and what failed for its ``--summary``.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet import task

from newscrawl.archive.write import write_text_atomic
from newscrawl.distributed import run
from newscrawl import signals as newscrawl_signals
from newscrawl.distributed.handoff import outcome_json
from newscrawl.distributed.keys import RedisKeys, connect
from newscrawl.distributed.scheduler import BEAT_SECONDS

logger = logging.getLogger(__name__)


class WorkerRole:
    """Close a worker's spider when the crawl is idle; hand its failures and drops in; keep its summary."""

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
        self._outcomes: list[tuple[str, dict]] = []  # (kind, outcome) not sent yet
        self._beat = task.LoopingCall(self.send_outcomes)

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
        crawler.signals.connect(role.spider_closed, signal=signals.spider_closed)
        return role

    def spider_opened(self, spider) -> None:
        """Note which run this worker joined; start sending outcomes."""
        self.run_id = self._current_run()
        self._beat.start(BEAT_SECONDS, now=False)

    def spider_idle(self, spider) -> None:
        """Keep the spider open until the crawl has been idle for NEWSCRAWL_REDIS_IDLE (DontCloseSpider)."""
        if self._current_run() != self.run_id:
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
        """Keep a failed page for the writer and the summary."""
        self.failed.append({"url": url, "reason": reason})
        self._outcomes.append(("failed", {"url": url, "reason": reason, "start": start}))

    def article_dropped(self, url: str, reason: str) -> None:
        """Keep a dropped article page for the writer (its state remembers it) and the summary."""
        self.dropped.append({"url": url, "reason": reason})
        self._outcomes.append(("dropped", {"url": url, "reason": reason}))

    def send_outcomes(self) -> None:
        """Hand the pages that failed or were dropped since the last call in to the writer."""
        outcomes, self._outcomes = self._outcomes, []
        for kind, outcome in outcomes:
            self.server.lpush(self.keys.items, outcome_json(kind, outcome, self.crawler.engine.scheduler.consumer))

    def spider_closed(self, spider, reason: str) -> None:
        """Send the last failures and drops, and leave."""
        if self._beat.running:
            self._beat.stop()
        self.send_outcomes()
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
