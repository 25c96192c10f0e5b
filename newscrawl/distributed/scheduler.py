"""SharedScheduler: scrapy-redis's scheduler over the crawl's shared queue, with leases and heartbeats.

Every process of a distributed crawl (the writer and each worker) runs one.
It queues requests in Redis behind scrapy-redis's dupefilter (the fingerprint
test and the push are one step), takes them under lease (:mod:`.queue`), acks
a lease when :mod:`.leases` says the request is done with, beats every
second, and puts the leases of processes that stopped beating back into the
queue. The queue outlives each process (SCHEDULER_PERSIST): only the writer
clears a finished run.

Scrapy's engine asks an empty scheduler again only on its own heartbeat (every
5 s). Other processes fill the shared queue meanwhile, so while the engine is
starved the scheduler looks at the queue itself every ENGINE_POLL seconds and
hands a request it took to the engine with ``engine.crawl`` (which wakes it);
that request goes to the engine's next ``next_request`` rather than back to Redis.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections import deque

from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from newscrawl.distributed.keys import RedisKeys, connect
from newscrawl.distributed.leases import LEASE, PARENT, Lease, LeasedErrback, restore_errback
from newscrawl.distributed.queue import TOKEN, ReliableQueue, beat, leased_count, requeue, requeue_dead
from newscrawl.modes.links import article_fingerprint

logger = logging.getLogger(__name__)

BEAT_SECONDS = 1.0  # how often a process says it is alive and looks for processes that stopped
ENGINE_POLL = 0.25  # how often a starved engine's scheduler looks for work other processes queued


def consumer_name() -> str:
    """Return a name for this process among the crawl's processes: ``host:pid:random``."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class SharedDupeFilter(RFPDupeFilter):
    """scrapy-redis's shared duplicate filter, telling article requests apart by canonical URL as in one process."""

    def request_fingerprint(self, request) -> str:
        """Return the key ``request`` is judged by (see :func:`article_fingerprint`), in hex."""
        fingerprint = article_fingerprint(request)
        return fingerprint.hex() if fingerprint else super().request_fingerprint(request)


class SharedScheduler(Scheduler):
    """Queue requests in Redis, take them under lease, and keep this process's heartbeat."""

    def __init__(self, server, keys: RedisKeys, lost_after: float, crawler, **kwargs):
        super().__init__(server, persist=True, queue_key=keys.requests, **kwargs)
        self.keys = keys
        self.consumer = consumer_name()
        self.lost_after = lost_after
        self.crawler = crawler
        self.starved = False  # the engine's last next_request() found nothing
        self._ready: deque = deque()  # requests taken for a starved engine, handed to it through engine.crawl
        self._waking = None  # the request being handed to the engine right now
        self._loops: list[task.LoopingCall] = []

    @classmethod
    def from_crawler(cls, crawler) -> "SharedScheduler":
        """Connect to NEWSCRAWL_REDIS and build the scheduler under NEWSCRAWL_REDIS_KEY."""
        settings = crawler.settings
        server = connect(settings.get("NEWSCRAWL_REDIS"))
        keys = RedisKeys(settings.get("NEWSCRAWL_REDIS_KEY"))
        dupefilter = SharedDupeFilter(server, key=keys.dupefilter, debug=settings.getbool("DUPEFILTER_DEBUG"))
        scheduler = cls(server, keys, settings.getfloat("NEWSCRAWL_REDIS_LOST"), crawler, dupefilter=dupefilter)
        scheduler.stats = crawler.stats
        return scheduler

    def open(self, spider) -> None:
        """Join the crawl: open the queue, start beating and watching for work while starved."""
        self.spider = spider
        self.queue = ReliableQueue(self.server, spider, self.keys.requests, keys=self.keys, consumer=self.consumer)
        self.server.sadd(self.keys.consumers, self.consumer)
        self.beat()
        self._loops = [task.LoopingCall(self.beat), task.LoopingCall(self.wake_engine)]
        self._loops[0].start(BEAT_SECONDS, now=False)
        self._loops[1].start(ENGINE_POLL, now=False)
        queued = len(self.queue)
        if queued:
            logger.info("joined the crawl on %s: %d requests queued", self.keys.prefix, queued)

    def beat(self) -> None:
        """Say this process is alive; queue again the leases of processes that stopped saying so."""
        if beat(self.server, self.keys, self.consumer, self.lost_after) and self._loops:
            logger.warning("this process stalled past NEWSCRAWL_REDIS_LOST (%g s) and was taken for dead: "
                           "what it had taken was queued again; taking part again", self.lost_after)
        requeue_dead(self.server, self.keys)

    def close(self, reason: str) -> None:
        """Leave the crawl: a finished process has no open leases; any other gives its leases back."""
        for loop in self._loops:
            if loop.running:
                loop.stop()
        if reason == "finished":
            left = self.server.hlen(self.keys.inflight(self.consumer))
            if left:
                logger.warning("%d leases still open when the crawl finished: done with, not queued again", left)
            self.server.delete(self.keys.inflight(self.consumer))
        returned = requeue(self.server, self.keys, self.consumer)
        if returned:
            logger.warning("closing (%s) with %d requests taken and not done: queued again", reason, returned)
        self.server.delete(self.keys.alive(self.consumer))

    def enqueue_request(self, request) -> bool:
        """Queue ``request`` unless the run has seen it (requests marked dont_filter always go).

        A request that continues a lease (a retry, a redirect) ends it when
        queued; refused as seen, the lease is acked once its drop is told.
        """
        if request is self._waking:
            self._ready.append(request)
            return True
        lease, parent = request.meta.pop(LEASE, None), request.meta.pop(PARENT, None)
        continues = TOKEN in restore_errback(request).meta
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        queued = self.queue.push(request, fingerprint)
        if lease is not None and continues:
            (lease.continued if queued else lease.done_reading)()
        if parent is not None:
            parent.settle()
        if not queued:
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self):
        """Return the next request, taken under lease by this process; None when the shared queue is empty."""
        request = self._ready.popleft() if self._ready else self.take()
        self.starved = request is None
        return request

    def take(self):
        """Take the next request of the shared queue under lease; return it, or None when the queue is empty."""
        request = self.queue.pop()
        if request is None:
            return None
        self.stats.inc_value("scheduler/dequeued/redis")
        request.meta[LEASE] = Lease(request.meta[TOKEN], self.ack_soon)
        request.errback = LeasedErrback(request.errback)
        return request

    def ack_soon(self, token: int) -> None:
        """Ack lease ``token`` on the reactor's next turn (after what the current step sends)."""
        from twisted.internet import reactor

        reactor.callLater(0, self.queue.ack, token)

    def wake_engine(self) -> None:
        """Hand a starved engine a request other processes queued (engine.crawl wakes it)."""
        if not self.starved:
            return
        request = self.take()
        if request is None:
            return
        self.starved = False
        self._waking = request
        try:
            self.crawler.engine.crawl(request)
        finally:
            self._waking = None

    def has_pending_requests(self) -> bool:
        """Return True while the shared queue holds requests (or one is ready for the engine)."""
        return bool(self._ready) or len(self.queue) > 0

    def work_left(self) -> int:
        """Return the requests queued or leased anywhere in the crawl."""
        return len(self.queue) + leased_count(self.server, self.keys)
