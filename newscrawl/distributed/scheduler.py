"""SharedScheduler: scrapy-redis's scheduler over the crawl's shared queue, with leases and heartbeats.

Every process of a distributed crawl (the writer and each worker) runs one.
It queues requests in Redis behind scrapy-redis's dupefilter (the fingerprint
test and the push are one step), takes them under lease (:mod:`.queue`), gives a
lease back when :mod:`.leases` says the request is done with, beats every
second, and puts the leases of processes that stopped beating back into the
queue. The queue outlives each process (SCHEDULER_PERSIST): only the writer
clears a finished run.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import time

from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from newscrawl.distributed.keys import RedisKeys, connect
from newscrawl.distributed.leases import Leases
from newscrawl.distributed.queue import ReliableQueue, leased_count, requeue, requeue_dead

logger = logging.getLogger(__name__)

BEAT_SECONDS = 1.0  # how often a process says it is alive and looks for processes that stopped
# How often an idle engine asks the queue for work (Scrapy's own pace is 5 s): work another
# process queues is picked up this soon.
ENGINE_HEARTBEAT = 0.25


def consumer_name() -> str:
    """Return a name for this process among the crawl's processes: ``host:pid:random``."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class SharedScheduler(Scheduler):
    """Queue requests in Redis, take them under lease, and keep this process's heartbeat."""

    def __init__(self, server, keys: RedisKeys, lost_after: float, crawler, **kwargs):
        super().__init__(server, persist=True, queue_key=keys.requests, **kwargs)
        self.keys = keys
        self.consumer = consumer_name()
        self.lost_after = lost_after
        self.crawler = crawler
        self.last_taken = time.monotonic()  # when this process last took a request
        self.leases: Leases | None = None
        self._beat: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler) -> "SharedScheduler":
        """Connect to NEWSCRAWL_REDIS and build the scheduler under NEWSCRAWL_REDIS_KEY."""
        settings = crawler.settings
        server = connect(settings.get("NEWSCRAWL_REDIS"))
        keys = RedisKeys(settings.get("NEWSCRAWL_REDIS_KEY"))
        dupefilter = RFPDupeFilter(server, key=keys.dupefilter, debug=settings.getbool("DUPEFILTER_DEBUG"))
        scheduler = cls(server, keys, settings.getfloat("NEWSCRAWL_REDIS_LOST"), crawler, dupefilter=dupefilter)
        scheduler.stats = crawler.stats
        # Scrapy's engine asks an empty scheduler again only every 5 s; other processes fill this one.
        crawler.engine._SLOT_HEARTBEAT_INTERVAL = ENGINE_HEARTBEAT
        return scheduler

    def open(self, spider) -> None:
        """Join the crawl: open the queue, start counting leases and beating."""
        self.spider = spider
        self.queue = ReliableQueue(self.server, spider, self.keys.requests, keys=self.keys, consumer=self.consumer)
        self.leases = Leases(self.queue.ack)
        self.leases.connect(self.crawler)
        self.server.sadd(self.keys.consumers, self.consumer)
        self.beat()
        self._beat = task.LoopingCall(self.beat)
        self._beat.start(BEAT_SECONDS, now=False)
        queued = len(self.queue)
        if queued:
            logger.info("joined the crawl on %s: %d requests queued", self.keys.prefix, queued)

    def beat(self) -> None:
        """Say this process is alive; queue again the leases of processes that stopped saying so."""
        self.server.set(self.keys.alive(self.consumer), self.consumer, px=int(self.lost_after * 1000))
        requeue_dead(self.server, self.keys)

    def close(self, reason: str) -> None:
        """Leave the crawl: a finished process has no open leases; any other gives its leases back."""
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        if reason == "finished":
            left = self.server.hlen(self.keys.inflight(self.consumer))
            if left:
                logger.debug("%d leases still open at a finished close: done with, not queued again", left)
            self.server.delete(self.keys.inflight(self.consumer))
        returned = requeue(self.server, self.keys, self.consumer)
        if returned:
            logger.warning("closing (%s) with %d requests taken and not done: queued again", reason, returned)
        self.server.delete(self.keys.alive(self.consumer))

    def enqueue_request(self, request) -> bool:
        """Queue ``request`` unless the run has seen it (requests marked dont_filter always go)."""
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        queued = self.queue.push(request, fingerprint)
        self.leases.settle(request)
        if not queued:
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self):
        """Return the next request of the shared queue, leased to this process; None when it is empty."""
        request = self.queue.pop()
        if request is not None:
            self.last_taken = time.monotonic()
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        """Return True while the shared queue holds requests."""
        return len(self.queue) > 0

    def work_left(self) -> int:
        """Return the requests queued or leased anywhere in the crawl."""
        return len(self.queue) + leased_count(self.server, self.keys)
