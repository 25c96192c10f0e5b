"""ArchiveLock: a crawl started any way (CLI, ``scrapy crawl``, scrapyd) holds the archive's lock."""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.state import RunLock

logger = logging.getLogger(__name__)


class ArchiveLock:
    """Take ``<NEWSCRAWL_OUT>/.newscrawl/lock`` before anything is written; release it at the end.

    A busy lock raises :class:`newscrawl.state.LockBusy` from ``from_crawler``,
    so the crawl does not start and nothing is written. The ``newscrawl``
    command takes the lock itself (to exit with status 3 before starting
    Scrapy) and switches this off with NEWSCRAWL_LOCK = False. The lock is an
    ``flock``: the kernel drops it when the process ends, however it ends.
    """

    def __init__(self, lock: RunLock):
        self.lock = lock

    @classmethod
    def from_crawler(cls, crawler) -> "ArchiveLock":
        """Acquire the lock; NotConfigured when NEWSCRAWL_LOCK is off or there is no archive."""
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_LOCK") or not settings.get("NEWSCRAWL_OUT"):
            raise NotConfigured  # no message: Scrapy would log a warning for a normal case
        lock = RunLock.for_archive(Path(settings.get("NEWSCRAWL_OUT")))
        lock.acquire()  # LockBusy propagates: the crawl must not start
        extension = cls(lock)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self) -> None:
        """Release the lock once the crawl is over."""
        self.release()

    def release(self) -> None:
        """Give the lock up now (a forced stop does, as the engine never stops); twice is harmless."""
        self.lock.release()
