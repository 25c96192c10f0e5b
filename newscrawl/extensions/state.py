"""StateExtension: open the archive's state store for the crawl and record the run."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.state import StateStore, default_state_path

logger = logging.getLogger(__name__)


def state_path(settings) -> Path:
    """Return where the crawl's state lives: NEWSCRAWL_STATE, else inside the archive."""
    return Path(settings.get("NEWSCRAWL_STATE") or default_state_path(Path(settings.get("NEWSCRAWL_OUT"))))


class StateExtension:
    """Give the spider the store (``spider.state``) and keep one record per run."""

    def __init__(self, crawler, store: StateStore):
        self.crawler = crawler
        self.store = store
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler) -> "StateExtension":
        """Open the store; NotConfigured when NEWSCRAWL_STATE_ENABLED is off or there is no archive."""
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_STATE_ENABLED") or not settings.get("NEWSCRAWL_OUT"):
            raise NotConfigured  # no message: Scrapy would log a warning for a normal case
        extension = cls(crawler, StateStore(state_path(settings)))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider) -> None:
        """Hand the store to the spider, tell it when the last good run began, start this run's record."""
        spider.state = self.store
        finished = [run for run in self.store.recent_runs(20) if run.status == "finished"]
        spider.last_run_started = finished[0].started if finished else None
        self.run_id = self.store.start_run({"argv": sys.argv[1:], "spider": spider.name})

    def spider_closed(self, spider, reason: str) -> None:
        """Finish the run record with the crawl's counts, then close the store."""
        get = self.crawler.stats.get_value
        counts = {kind: get(f"newscrawl/posts_{kind}", 0) for kind in ("created", "updated", "unchanged")}
        counts.update(dropped=get("newscrawl/dropped", 0), failed=get("newscrawl/failed", 0),
                      pages=get("response_received_count", 0))
        if self.run_id is not None:
            self.store.finish_run(self.run_id, reason, counts)
        spider.state = None
        self.store.close()
