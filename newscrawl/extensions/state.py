"""StateExtension: the archive's state store as one crawler-level component.

The spider and the pipelines find it with :meth:`StateExtension.of` (through
``crawler.get_extension``); nothing is set on the spider. It opens the store
when the crawl is built (after the lock, which is an earlier extension),
records a post in the store once the archive pipeline has written it (the
``post_written`` signal: no article is recorded before its file is on disk),
and keeps one record per run.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals as scrapy_signals
from scrapy.exceptions import NotConfigured

from newscrawl import signals
from newscrawl.state import StateStore, content_fingerprint, default_state_path

logger = logging.getLogger(__name__)


def state_path(settings) -> Path:
    """Return where the crawl's state lives: NEWSCRAWL_STATE, else inside the archive."""
    return Path(settings.get("NEWSCRAWL_STATE") or default_state_path(Path(settings.get("NEWSCRAWL_OUT"))))


def article_key(item) -> str:
    """Return the state key of an item's article: ``<site>:<id>``."""
    return f"{item.site}:{item.id}"


class ArchiveView:
    """What the spider asks of the archive: is a URL archived, and when did the last run start.

    The crawl's state answers in the process that holds the archive; a worker
    of a distributed crawl has an answer the writer published instead.
    """

    recheck_hours: float | None = None  # NEWSCRAWL_RECHECK_HOURS; a profile's own value wins
    last_run_started: datetime | None = None  # when the archive's last finished run started

    def is_archived(self, url: str, recheck_hours: float | None = None) -> bool:
        """Return True when ``url`` is archived and not due for a re-check."""
        raise NotImplementedError

    @classmethod
    def of(cls, crawler):
        """Return the crawl's component of this class, or None when the crawl has none."""
        try:
            return crawler.get_extension(cls)
        except RuntimeError:  # extensions not built (a bare test crawler): none
            return None


class StateExtension(ArchiveView):
    """Hold the crawl's :class:`StateStore`, answer "is this URL archived?", record posts and runs."""

    def __init__(self, crawler, store: StateStore, recheck_hours: float | None = None):
        self.crawler = crawler
        self.store = store
        self.recheck_hours = recheck_hours  # NEWSCRAWL_RECHECK_HOURS; a profile's own value wins
        finished = [run for run in store.recent_runs(20) if run.status == "finished"]
        self.last_run_started: datetime | None = finished[0].started if finished else None
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler) -> "StateExtension":
        """Open the store; NotConfigured when NEWSCRAWL_STATE_ENABLED is off or there is no archive."""
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_STATE_ENABLED") or not settings.get("NEWSCRAWL_OUT"):
            raise NotConfigured  # no message: Scrapy would log a warning for a normal case
        extension = cls(crawler, StateStore(state_path(settings)),
                        settings.getfloat("NEWSCRAWL_RECHECK_HOURS") or None)
        crawler.signals.connect(extension.spider_opened, signal=scrapy_signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=scrapy_signals.spider_closed)
        crawler.signals.connect(extension.post_written, signal=signals.post_written)
        return extension

    def is_archived(self, url: str, recheck_hours: float | None = None) -> bool:
        """Return True when ``url`` (public form) is archived and not due for a re-check.

        ``recheck_hours`` is the profile's own window; None falls back to the setting.
        """
        hours = recheck_hours if recheck_hours is not None else self.recheck_hours
        return not self.store.should_fetch(url, datetime.now(timezone.utc), hours)

    def post_written(self, item, path: str, status: str) -> None:
        """Record a post the archive pipeline wrote (or found unchanged) in the store."""
        fingerprint = item.fingerprint or content_fingerprint(item.title, item.paragraphs)
        self.store.upsert_article(article_key(item), item.url, fingerprint, path, item.published)

    def spider_opened(self, spider) -> None:
        """Start this run's record."""
        self.run_id = self.store.start_run({"argv": sys.argv[1:], "spider": spider.name})

    def spider_closed(self, spider, reason: str) -> None:
        """Finish the run record with the crawl's counts, then close the store."""
        get = self.crawler.stats.get_value
        counts = {kind: get(f"newscrawl/posts_{kind}", 0) for kind in ("created", "updated", "unchanged")}
        counts.update(dropped=get("newscrawl/dropped", 0), failed=get("newscrawl/failed", 0),
                      pages=get("response_received_count", 0))
        if self.run_id is not None:
            self.store.finish_run(self.run_id, reason, counts)
        self.store.close()
