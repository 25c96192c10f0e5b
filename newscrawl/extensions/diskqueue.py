"""Requests waiting to be fetched are kept on disk, so a crawl's memory does not grow with a site's size.

A news sitemap of 50,000 URLs yields 50,000 requests in one callback; in
Scrapy's memory queue they cost about 1.8 KB each (108 MB for 60,000). Scrapy
keeps them in a disk queue when the crawl has a job folder (``JOBDIR``): the
same scheduler, priority queues and pickled requests, 5 MB for 60,000. A
callback never has to wait for room, so nothing waits on the engine from
inside a callback: while a response over SCRAPER_SLOT_MAX_ACTIVE_SIZE is in
hand the engine takes no request from its scheduler, and a callback that
waited for the scheduler to drain waited for ever.

:class:`DiskQueueScheduler` is Scrapy's scheduler with a job folder of its
own, made for the run in the temporary folder and removed when the crawl
closes; the queue is not kept for another run (the archive's state says what
the next run fetches). A ``JOBDIR`` given to the run is used as Scrapy uses
it, and kept. :class:`DiskQueueAddon` makes it the crawl's scheduler at
add-on priority, so that the scheduler of a crawl on Redis (a later add-on)
and ``-s SCHEDULER=…`` still win.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import weakref

from scrapy.core.scheduler import Scheduler
from scrapy.settings import BaseSettings
from scrapy.utils.job import job_dir
from scrapy.utils.misc import build_from_crawler, load_object

logger = logging.getLogger(__name__)

SCHEDULER = "newscrawl.extensions.diskqueue.DiskQueueScheduler"


class DiskQueueScheduler(Scheduler):
    """Scrapy's scheduler, its requests waiting in a disk queue of a folder made for the run."""

    removal: weakref.finalize | None = None  # removes the folder made for the run (None: JOBDIR, kept)

    @classmethod
    def from_crawler(cls, crawler) -> "DiskQueueScheduler":
        """Build the scheduler as Scrapy does, with the run's JOBDIR or a new temporary folder."""
        settings = crawler.settings
        folder = job_dir(settings)
        owned = folder is None
        if owned:
            folder = tempfile.mkdtemp(prefix="newscrawl-queue-")
        scheduler = cls(
            dupefilter=build_from_crawler(load_object(settings["DUPEFILTER_CLASS"]), crawler),
            jobdir=folder,
            dqclass=load_object(settings["SCHEDULER_DISK_QUEUE"]),
            mqclass=load_object(settings["SCHEDULER_MEMORY_QUEUE"]),
            logunser=settings.getbool("SCHEDULER_DEBUG"),
            stats=crawler.stats,
            pqclass=load_object(settings["SCHEDULER_PRIORITY_QUEUE"]),
            crawler=crawler,
        )
        # Removed when the crawl closes, or when the process leaves without closing it (a forced stop).
        scheduler.removal = weakref.finalize(scheduler, shutil.rmtree, folder, True) if owned else None
        return scheduler

    def close(self, reason: str):
        """Close the queues as Scrapy does, then remove the run's own folder."""
        try:
            return super().close(reason)
        finally:
            if self.removal is not None:
                self.removal()


class DiskQueueAddon:
    """Make :class:`DiskQueueScheduler` the crawl's scheduler, unless the run names another."""

    def update_settings(self, settings: BaseSettings) -> None:
        """Set SCHEDULER at add-on priority: a later add-on (Redis) or the command line wins."""
        settings.set("SCHEDULER", SCHEDULER, "addon")
