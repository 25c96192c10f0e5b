"""Requests waiting to be fetched spill to disk, so a crawl's memory does not grow with a site's size.

A news sitemap of 50,000 URLs yields 50,000 requests in one callback; in
Scrapy's memory queue they cost about 1.8 KB each (108 MB for 60,000). Scrapy
keeps requests in a disk queue when the crawl has a job folder (``JOBDIR``):
the same priority queues, the requests pickled, 5 MB for 60,000. A callback
never has to wait for room, so nothing waits on the engine from inside a
callback: while a response over SCRAPER_SLOT_MAX_ACTIVE_SIZE is in hand the
engine takes no request from its scheduler, and a callback that waited for the
scheduler to drain (the pacing this replaces) waited for ever.

:class:`DiskQueueScheduler` is Scrapy's scheduler that keeps up to
NEWSCRAWL_PENDING_REQUESTS requests in memory (a usual run never touches the
disk) and the rest in Scrapy's disk queue, in a folder made for the run in the
temporary folder and removed when the crawl closes: the queue is not kept for
another run (the archive's state says what the next run fetches). A ``JOBDIR``
given to the run is used instead, as Scrapy uses it: every request waits on
disk there (a pause must lose none), and the folder is kept. A disk that
fails (full, a file size limit) ends the spilling: what waited there is
counted as lost (``newscrawl/queue_error``, which fails the run; its articles
are listed as failed) and the crawl goes on in memory. :class:`DiskQueueAddon`
makes it the crawl's scheduler at add-on priority, so that the scheduler of a
crawl on Redis (a later add-on) and ``-s SCHEDULER=…`` still win.
"""

from __future__ import annotations

import logging
import pickle
import shutil
import struct
import tempfile
import weakref

from scrapy.core.scheduler import Scheduler
from scrapy.settings import BaseSettings
from scrapy.utils.job import job_dir
from scrapy.utils.misc import build_from_crawler, load_object

logger = logging.getLogger(__name__)

SCHEDULER = "newscrawl.extensions.diskqueue.DiskQueueScheduler"
#: what a failing disk queue raises: the file system's errors, or a queue file left half written
DISK_ERRORS = (OSError, struct.error, pickle.UnpicklingError, EOFError)


class DiskQueueScheduler(Scheduler):
    """Scrapy's scheduler: the first ``memory_limit`` waiting requests in memory, the rest in its disk queue."""

    memory_limit = 0  # NEWSCRAWL_PENDING_REQUESTS: requests kept in memory before any spills (0: none with a
    # disk queue, all without one)
    removal: weakref.finalize | None = None  # removes the folder made for the run (None: JOBDIR, kept)

    @classmethod
    def from_crawler(cls, crawler) -> "DiskQueueScheduler":
        """Build the scheduler as Scrapy does, with the run's JOBDIR or a new temporary folder."""
        settings = crawler.settings
        limit = max(0, settings.getint("NEWSCRAWL_PENDING_REQUESTS"))
        folder = job_dir(settings)
        owned = folder is None and limit > 0
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
        # A JOBDIR of the user's is a job to pause and resume: every request waits on disk there, as in
        # Scrapy (one held in memory would be lost by a pause).
        scheduler.memory_limit = limit if owned else 0
        # Removed when the crawl closes, or when the process leaves without closing it (a forced stop).
        scheduler.removal = weakref.finalize(scheduler, shutil.rmtree, folder, True) if owned else None
        return scheduler

    def enqueue_request(self, request) -> bool:
        """Queue ``request`` unless the duplicate filter refuses it: in memory while there is room, else on disk."""
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        where = "disk" if self._spilled(request) else "memory"
        if where == "memory":
            self.mqs.push(request)
        self.stats.inc_value(f"scheduler/enqueued/{where}")
        self.stats.inc_value("scheduler/enqueued")
        return True

    def next_request(self):
        """Return the next request: from memory, else from the disk queue; None when none waits."""
        request, where = self.mqs.pop(), "memory"
        if request is None and self.dqs is not None:
            try:
                request, where = self.dqs.pop(), "disk"
            except DISK_ERRORS as exc:
                self._disk_failed(exc)
        if request is not None:
            self.stats.inc_value(f"scheduler/dequeued/{where}")
            self.stats.inc_value("scheduler/dequeued")
        return request

    def _spilled(self, request) -> bool:
        """Return True when ``request`` went to the disk queue (memory full, the disk working, it pickles)."""
        if self.dqs is None or (self.memory_limit and len(self.mqs) < self.memory_limit):
            return False
        try:
            self.dqs.push(request)
        except ValueError:  # Scrapy's "cannot serialise this request": it waits in memory
            self.stats.inc_value("scheduler/unserializable")
            return False
        except DISK_ERRORS as exc:
            self._disk_failed(exc)
            return False
        return True

    def _disk_failed(self, exc: Exception) -> None:
        """Give the disk queue up: count what waited there as lost (the run fails) and go on in memory."""
        lost, self.dqs = len(self.dqs), None
        message = f"the request queue on disk failed ({exc.__class__.__name__}: {exc}); {lost} requests lost"
        logger.error("%s; the crawl goes on in memory", message)
        self.stats.set_value("newscrawl/queue_error", message)

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
