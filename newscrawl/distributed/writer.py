"""The writer of a distributed crawl: one per archive, the only process that writes posts and state.

:class:`WriterRole` (an extension) takes the Redis writer key, publishes the
run record and the archive's known URLs, resumes a run a crashed writer left
in Redis (or clears one of another crawl), and clears a run that finished.
:class:`ResultsMiddleware` (a spider middleware) lets the spider's start
requests through, then keeps the start going with the items workers send,
so that they pass through the writer's own pipelines, until the crawl is quiet:
nothing queued or leased anywhere, nothing sent, for NEWSCRAWL_REDIS_IDLE.
"""

from __future__ import annotations

import asyncio
import logging
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from newscrawl.distributed import run
from newscrawl.distributed.archived import publish_archived
from newscrawl.distributed.handoff import SentItem, read_result
from newscrawl.distributed.keys import RedisKeys, connect
from newscrawl.distributed.scheduler import BEAT_SECONDS, consumer_name
from newscrawl.distributed.queue import MAX_DEATHS
from newscrawl.exits import EXIT_LOCKED
from newscrawl.items import ArticleItem
from newscrawl.mirrors import public_url
from newscrawl.extensions.state import StateExtension

logger = logging.getLogger(__name__)

TAKEN_AT_ONCE = 64  # results in the writer's pipelines at one time, at most
POLL_SECONDS = 0.05  # pause between looks at an empty result list


# stats names by result kind
_COUNTED = {"item": "items", "failed": "failures", "dropped": "drops", "unchanged": "unchanged"}


class WriterBusy(Exception):
    """Another writer holds the crawl's writer key."""

    exit_code = EXIT_LOCKED

    def __init__(self, prefix: str, holder: str):
        super().__init__(f"another newscrawl writer ({holder}) is running the crawl under '{prefix}' "
                         "on this Redis; not starting a second one")


def is_writer(settings) -> bool:
    """Return True when the settings make this process a distributed crawl's writer."""
    return bool(settings.get("NEWSCRAWL_REDIS")) and settings.get("NEWSCRAWL_REDIS_ROLE") == "writer"


def writer_holder(server, keys: RedisKeys) -> str | None:
    """Return who is the crawl's writer now, or None when there is none."""
    holder = server.get(keys.writer)
    return holder.decode() if holder else None


def take_writer_key(server, keys: RedisKeys, name: str, ttl: float) -> None:
    """Become the crawl's writer; raise WriterBusy naming the holder when another writer is."""
    if not server.set(keys.writer, name, nx=True, px=int(ttl * 1000)):
        holder = server.get(keys.writer)
        raise WriterBusy(keys.prefix, holder.decode() if holder else "one that just left")


def clear_run(server, keys: RedisKeys) -> None:
    """Delete a run's keys, and those of every process that took part in it."""
    for raw in server.smembers(keys.consumers):
        consumer = raw.decode()
        server.delete(keys.inflight(consumer), keys.alive(consumer))
    # A process taken for dead left the consumers but keeps its token counter (queue.requeue).
    for counter in server.scan_iter(match=keys.tokens("*")):
        server.delete(counter)
    server.delete(keys.consumers, *keys.run_keys())


class WriterRole:
    """Own the crawl in Redis for the run that holds the archive."""

    def __init__(self, crawler, server, keys: RedisKeys, ttl: float):
        self.crawler = crawler
        self.server = server
        self.keys = keys
        self.name = consumer_name()
        self.ttl = ttl
        self.record: dict | None = None
        self._beat = task.LoopingCall(self.beat)

    @classmethod
    def from_crawler(cls, crawler) -> "WriterRole":
        """Take the writer key; NotConfigured unless this process is a writer; WriterBusy when taken."""
        settings = crawler.settings
        if not is_writer(settings):
            raise NotConfigured
        role = cls(crawler, connect(settings.get("NEWSCRAWL_REDIS")), RedisKeys(settings.get("NEWSCRAWL_REDIS_KEY")),
                   settings.getfloat("NEWSCRAWL_REDIS_LOST"))
        take_writer_key(role.server, role.keys, role.name, role.ttl)
        crawler.signals.connect(role.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(role.spider_closed, signal=signals.spider_closed)
        return role

    def beat(self) -> None:
        """Keep the writer key while the run lasts."""
        self.server.set(self.keys.writer, self.name, px=int(self.ttl * 1000))

    def spider_opened(self, spider) -> None:
        """Publish the run (resuming one this crawl left unfinished) and the archive's URLs."""
        state = StateExtension.of(self.crawler)
        record = run.run_record(spider, self.crawler.settings, state.last_run_started if state else None,
                                bool(state and state.resuming))
        raw = self.server.get(self.keys.run)
        left = run.load(raw) if raw else None
        if left is not None and run.same_crawl(left, record):
            moved = 0
            while self.server.lmove(self.keys.taking, self.keys.items, "RIGHT", "RIGHT") is not None:
                moved += 1
            logger.warning("resuming the crawl a writer left unfinished on %s: %d requests queued, "
                           "%d results to write", self.keys.prefix, self.server.zcard(self.keys.requests),
                           self.server.llen(self.keys.items))
            record["id"] = left["id"]
        elif left is not None or self.server.exists(self.keys.requests, self.keys.dupefilter):
            logger.warning("clearing an unfinished crawl of other sites on %s", self.keys.prefix)
            clear_run(self.server, self.keys)
        if state is not None:
            published = publish_archived(self.server, self.keys, state.store, with_drops=not state.retry_dropped)
            logger.info("published %d archived URLs for the workers", published)
        self.record = record
        self.crawler.stats.set_value("newscrawl/redis/items_handed_in", 0)
        self.server.set(self.keys.run, run.dump(record))
        self._beat.start(BEAT_SECONDS, now=False)

    def spider_closed(self, spider, reason: str) -> None:
        """Clear a finished run from Redis (an unfinished one stays, for the next writer); give up the key."""
        if self._beat.running:
            self._beat.stop()
        if reason == "finished":
            clear_run(self.server, self.keys)
        else:
            logger.warning("crawl ended early (%s): its queue stays on %s for the next run to resume",
                           reason, self.keys.prefix)
        if self.server.get(self.keys.writer) == self.name.encode():
            self.server.delete(self.keys.writer)
        self.server.close()


class ResultsMiddleware:
    """Spider middleware: after the start requests, pass workers' results on until the crawl is quiet."""

    def __init__(self, crawler, server, keys: RedisKeys, idle: float):
        self.crawler = crawler
        self.server = server
        self.keys = keys
        self.idle = idle
        self.in_pipelines = 0  # items workers sent that the pipelines have not finished
        self.last_result = time.monotonic()
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self._item_done, signal=signal)

    @classmethod
    def from_crawler(cls, crawler) -> "ResultsMiddleware":
        """Build the middleware; NotConfigured unless this process is a writer."""
        settings = crawler.settings
        if not is_writer(settings):
            raise NotConfigured
        return cls(crawler, connect(settings.get("NEWSCRAWL_REDIS")), RedisKeys(settings.get("NEWSCRAWL_REDIS_KEY")),
                   settings.getfloat("NEWSCRAWL_REDIS_IDLE"))

    async def process_start(self, start):
        """Yield the start requests, then the items workers send, until the crawl is quiet."""
        async for request in start:
            yield request
        self.last_result = time.monotonic()
        while True:
            self._fail_given_up()
            taken = self._take()
            if taken is not None:
                item = self._result(taken)
                if item is not None:
                    yield item
            elif self._quiet():
                logger.info("the crawl is quiet: nothing queued, leased or sent for %.0f s", self.idle)
                return
            else:
                await asyncio.sleep(POLL_SECONDS)

    def _take(self) -> bytes | None:
        """Move the oldest result to the writer's taking list and return it; None when none waits."""
        if self.in_pipelines >= TAKEN_AT_ONCE:
            return None
        return self.server.lmove(self.keys.items, self.keys.taking, "RIGHT", "LEFT")

    def _result(self, raw: bytes):
        """Return the item in result ``raw``; a page a worker made no item of is accounted here (None)."""
        self.last_result = time.monotonic()
        kind, value = read_result(raw)
        self.crawler.stats.inc_value(f"newscrawl/redis/{_COUNTED[kind]}_handed_in")
        accounts = self.crawler.spider.accounts
        if kind == "item" and accounts.first_item(value):
            self.in_pipelines += 1
            return SentItem.of(value, raw)
        # Told here, so the writer's summary lists it and its state remembers a drop or a look;
        # a second item of one URL (its request taken twice) is left out (Accounts.first_item).
        if kind == "failed":
            accounts.failed(value["url"], value["reason"], start=bool(value.get("start")))
        elif kind == "dropped":
            accounts.dropped(value["url"], value["reason"])
        elif kind == "unchanged":
            accounts.not_modified(value["url"], value["path"])
        self.server.lrem(self.keys.taking, 1, raw)
        return None

    async def process_spider_output_async(self, response, result):
        """Pass the writer's own output on, leaving out a second item of one URL (see Accounts.first_item)."""
        accounts = self.crawler.spider.accounts
        async for out in result:
            if not isinstance(out, ArticleItem) or accounts.first_item(out):
                yield out

    def process_spider_output(self, response, result):
        """The same for a synchronous callback."""
        accounts = self.crawler.spider.accounts
        yield from (out for out in result if not isinstance(out, ArticleItem) or accounts.first_item(out))

    def _fail_given_up(self) -> None:
        """List as failed each request given up because every process that took it died."""
        for request in self.crawler.engine.scheduler.queue.given_up():
            self.last_result = time.monotonic()
            url = request.meta.get("article_url") or public_url(request)
            logger.error("given up: %s: the process that took it died %d times", url, MAX_DEATHS)
            self.crawler.spider.accounts.failed(
                url, f"given up: every process that took it died ({MAX_DEATHS} times)",
                start=bool(request.meta.get("start")))

    def _item_done(self, item, **kwargs) -> None:
        """Let go of a result whose item the pipelines are done with (written, found unchanged, dropped, failed)."""
        if isinstance(item, SentItem):
            self.in_pipelines -= 1
            self.server.lrem(self.keys.taking, 1, item.result)

    def _quiet(self) -> bool:
        """Return True when no work is queued, leased or sent, and none was sent for a while."""
        if self.in_pipelines or time.monotonic() - self.last_result < self.idle:
            return False
        scheduler = self.crawler.engine.scheduler
        return (scheduler.work_left() == 0 and not self.server.llen(self.keys.items)
                and not self.server.llen(self.keys.given_up))
